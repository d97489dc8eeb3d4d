/**
 * The sign-in display for the meeting room's screen or projector: the QR code of this site's
 * /s/<token> as large as the screen allows, the time left, and how many of those expected have
 * signed in (polled). The secretary closes sign-in here or leaves it running and goes back. The
 * token is the one the server showed when sign-in was opened in this tab, or — on another device or
 * tab — the code open now, asked from the server (the same code: reopening would rotate it).
 */
import { useEffect, useState } from 'react';
import { App, Button, InputNumber, Result, Space, Typography } from 'antd';
import { ArrowLeftOutlined, CloseCircleOutlined, FullscreenOutlined, QrcodeOutlined } from '@ant-design/icons';
import { signinMinutes } from '@pioneer/domain';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { errorText } from '../../../components/errors.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { QrImage } from '../components/QrImage.tsx';
import { useActivity, useAttendanceSheet, useCloseSignin, useCurrentSignin, useOpenSignin } from '../queries.ts';
import { forgetSignin, recallSignin, rememberSignin, signinUrl } from '../signinToken.ts';
import '../activities.css';

/** How often the display asks for the present count. */
export const DISPLAY_POLL_MS = 3_000;

/** '12:05' or '1:02:05' for the time left. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function SigninDisplayPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const activity = useActivity(id);
  const sheet = useAttendanceSheet(id, DISPLAY_POLL_MS);
  const close = useCloseSignin(id);
  const open = useOpenSignin(id);
  const [minutes, setMinutes] = useState<number>(signinMinutes.default);
  const [stored, setStored] = useState(() => recallSignin(id));
  const now = useNow(1000);
  const back = () => navigate(`/activities/${id}`);

  const state = sheet.data?.signin;
  const expiresAt = state?.expiresAt ? Date.parse(state.expiresAt) : null;
  // A code this tab keeps is shown while it is the one open; otherwise the open one is asked for.
  const matches = (code: { expiresAt: string } | null | undefined) => Boolean(code && state?.open && state.expiresAt && Date.parse(code.expiresAt) === expiresAt);
  const fromServer = useCurrentSignin(id, Boolean(state?.open) && !matches(stored));
  const current = matches(stored) ? stored : matches(fromServer.data) ? (fromServer.data ?? null) : null;
  const running = Boolean(current && expiresAt !== null && expiresAt > now);

  const reopen = () =>
    open.mutate(minutes, {
      onSuccess: (opened) => {
        rememberSignin(id, opened);
        setStored(opened);
      },
      onError: (error) => void message.error(errorText(error, t)),
    });

  const finish = () =>
    close.mutate(undefined, {
      onSuccess: () => {
        forgetSignin(id);
        setStored(null);
        void message.success(t('signinDisplay.closed'));
      },
      onError: (error) => void message.error(errorText(error, t)),
    });

  const counts = sheet.data?.counts;

  return (
    <div className="signin-display" data-state={running ? 'open' : 'closed'}>
      <div className="signin-display__tools">
        <Button icon={<FullscreenOutlined />} onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}>
          {t('signinDisplay.fullscreen')}
        </Button>
        <Button icon={<ArrowLeftOutlined />} onClick={back}>
          {t('signinDisplay.exit')}
        </Button>
      </div>
      <Typography.Title level={2} className="signin-display__topic">
        {activity.data?.topic ?? ''}
      </Typography.Title>
      {activity.data ? <Typography.Text type="secondary">{activity.data.orgName}</Typography.Text> : null}
      <ErrorAlert error={sheet.error ?? activity.error} />

      {running && current ? (
        <>
          <QrImage value={signinUrl(current)} size={480} alt={t('signinDisplay.qrAlt')} />
          <Typography.Text strong style={{ fontSize: 20 }}>
            {t('signinDisplay.scan')}
          </Typography.Text>
          <span className="signin-display__url">{signinUrl(current)}</span>
        </>
      ) : (
        <Result
          icon={<QrcodeOutlined style={{ color: '#bfbfbf' }} />}
          title={state?.open && !current ? t('signinDisplay.otherTab') : t('signinDisplay.expired')}
          extra={
            <Space.Compact>
              <InputNumber
                min={signinMinutes.min}
                max={signinMinutes.max}
                value={minutes}
                onChange={(v) => setMinutes(v ?? signinMinutes.default)}
                aria-label={t('record.signinMinutes')}
                suffix={t('record.minutesUnit')}
                style={{ width: 120 }}
              />
              <Button type="primary" icon={<QrcodeOutlined />} loading={open.isPending} onClick={reopen}>
                {state?.open ? t('record.reopenSignin') : t('record.openSignin')}
              </Button>
            </Space.Compact>
          }
        />
      )}

      <div className="signin-display__figures">
        <span>
          {t('signinDisplay.present')}{' '}
          <span className="signin-display__big" data-testid="present-count">
            {counts?.present ?? '–'}
          </span>{' '}
          / {counts?.expected ?? '–'}
        </span>
        {running && expiresAt !== null ? (
          <span>
            {t('signinDisplay.remainingLabel')}{' '}
            <span className="signin-display__big" data-testid="remaining">
              {formatRemaining(expiresAt - now)}
            </span>
          </span>
        ) : null}
      </div>
      {running ? (
        <Button danger size="large" icon={<CloseCircleOutlined />} loading={close.isPending} onClick={finish}>
          {t('signinDisplay.close')}
        </Button>
      ) : null}
    </div>
  );
}
