/**
 * /s/:token — what the QR code shown at a meeting opens on a member's phone. Signed-out visitors
 * pass through the login page and come back here. The page shows the activity and one big 签到
 * button; every other outcome (closed or expired sign-in, an unknown code, not on the list, an
 * account without a member record, a cancelled activity) gets its own plain message. Whether a
 * sign-in is accepted is the server's decision: the page only reports it.
 */
import { Button, Card, Descriptions, Result, Skeleton, Tag, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { activityKindLabels, type SigninView } from '@pioneer/domain';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../components/errors.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { useSignIn, useSigninView } from './queries.ts';
import './member-life.css';

const TIME = 'YYYY-MM-DD HH:mm';

/** Every state the page can be in; decided from the server's answer, never guessed. */
export type SigninPageState = 'ready' | 'signedIn' | 'closed' | 'expired' | 'invalid' | 'notExpected' | 'notLinked' | 'cancelled' | 'failed';

/** The state an error code of GET or POST /signin/:token puts the page in. */
function stateOfError(error: unknown): SigninPageState {
  if (!(error instanceof ApiError)) return 'failed';
  switch (error.code) {
    case 'PROFILE_NOT_LINKED':
      return 'notLinked';
    case 'SIGNIN_CLOSED':
      return 'closed';
    case 'SIGNIN_NOT_EXPECTED':
      return 'notExpected';
    case 'ATTENDANCE_ACTIVITY_CANCELLED':
      return 'cancelled';
    case 'VALIDATION_FAILED':
    case 'NOT_FOUND':
    case 'ATTENDANCE_ACTIVITY_NOT_FOUND':
      return 'invalid';
    default:
      return error.status === 404 ? 'invalid' : 'failed';
  }
}

function stateOfView(view: SigninView): SigninPageState {
  if (view.activityStatus === 'cancelled') return 'cancelled';
  if (view.myStatus === null) return 'notExpected';
  if (view.myStatus === 'present') return 'signedIn';
  if (!view.signin.open) return view.signin.expiresAt && dayjs(view.signin.expiresAt).isBefore(dayjs()) ? 'expired' : 'closed';
  return 'ready';
}

const titles: Record<Exclude<SigninPageState, 'ready' | 'signedIn' | 'failed'>, MessageKey> = {
  closed: 'signin.closed',
  expired: 'signin.expired',
  invalid: 'signin.invalid',
  notExpected: 'signin.notExpected',
  notLinked: 'signin.notLinked',
  cancelled: 'signin.cancelled',
};

export function SignInPage() {
  const { t } = useI18n();
  const { token = '' } = useParams();
  const view = useSigninView(token);
  const signIn = useSignIn(token);

  if (view.isPending) {
    return (
      <div className="phone-page">
        <Skeleton active />
      </div>
    );
  }
  const error = signIn.error ?? view.error;
  const state: SigninPageState = error ? stateOfError(error) : stateOfView(view.data!);
  const data = view.data;

  return (
    <div className="phone-page signin-page" data-state={state}>
      <Typography.Title level={4}>{t('signin.title')}</Typography.Title>
      {data ? <ActivityCard view={data} /> : null}
      {state === 'ready' ? (
        <div className="signin-page__action">
          <Button type="primary" size="large" block className="signin-page__button" loading={signIn.isPending} onClick={() => signIn.mutate()}>
            {t('signin.button')}
          </Button>
          {data?.signin.expiresAt ? (
            <Typography.Text type="secondary">{t('signin.expiresAt', { time: dayjs(data.signin.expiresAt).format(TIME) })}</Typography.Text>
          ) : null}
        </div>
      ) : state === 'signedIn' ? (
        <Result
          icon={<CheckCircleFilled style={{ color: '#389e0d' }} />}
          title={signIn.isSuccess ? t('signin.done') : t('signin.already')}
          subTitle={data?.signedInAt ? t('signin.doneAt', { time: dayjs(data.signedInAt).format(TIME) }) : undefined}
          extra={<Link to="/my-life">{t('signin.toMyLife')}</Link>}
        />
      ) : (
        <Result
          status={state === 'failed' ? 'error' : 'warning'}
          title={state === 'failed' ? errorText(error, t) : t(titles[state])}
          subTitle={
            <>
              {error instanceof ApiError && error.message && state !== 'failed' ? <p>{error.message}</p> : null}
              {state === 'expired' && data?.signin.expiresAt ? <p>{t('signin.expiredAt', { time: dayjs(data.signin.expiresAt).format(TIME) })}</p> : null}
              <p>{t('signin.problemHint')}</p>
            </>
          }
          extra={state === 'notLinked' ? null : <Link to="/my-life">{t('signin.toMyLife')}</Link>}
        />
      )}
    </div>
  );
}

function ActivityCard({ view }: { view: SigninView }) {
  const { t, pick } = useI18n();
  const start = dayjs(view.plannedStart);
  return (
    <Card size="small">
      <Tag color="red">{pick(activityKindLabels[view.kind])}</Tag>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {view.topic}
      </Typography.Title>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'org', label: t('activities.org'), children: view.orgName },
          {
            key: 'when',
            label: t('memberLife.when'),
            children: `${start.format(TIME)}${view.plannedEnd ? ` – ${dayjs(view.plannedEnd).format(dayjs(view.plannedEnd).isSame(start, 'day') ? 'HH:mm' : TIME)}` : ''}`,
          },
          ...(view.place ? [{ key: 'place', label: t('memberLife.where'), children: view.place }] : []),
          ...(view.onlineLink
            ? [
                {
                  key: 'online',
                  label: t('memberLife.online'),
                  children: (
                    <a href={view.onlineLink} target="_blank" rel="noreferrer">
                      {view.onlineLink}
                    </a>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
