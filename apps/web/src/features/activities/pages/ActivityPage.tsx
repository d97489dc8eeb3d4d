/**
 * One activity's recording page, built to be filled quickly on a laptop after the meeting: the
 * record, the attendance grid of those the server derived, guests and auditors, attachments and
 * (for assemblies and committee meetings) the votes. One save (button or Ctrl+Enter) sends the
 * record and the changed marks; what follows from them — hours, make-up study, compliance — is
 * the server's work. Sign-in by QR code is opened from here.
 */
import { useMemo, useState, type KeyboardEvent } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Modal, Result, Row, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, QrcodeOutlined, SaveOutlined, StopOutlined } from '@ant-design/icons';
import { resolutionActivityKinds, signinMinutes, type ActivityDetail, type AttendanceEntryView, type AttendanceSheet } from '@pioneer/domain';
import dayjs from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, type FieldDetail } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { applyServerErrors, errorText } from '../../../components/errors.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { ActivityStatusTag, KindTag } from '../components/ActivityTags.tsx';
import { AttachmentsCard } from '../components/AttachmentsCard.tsx';
import { AttendanceGrid, changedEntries, initialMarks, type Marks } from '../components/AttendanceGrid.tsx';
import { GuestsCard } from '../components/GuestsCard.tsx';
import { RECORD_FIELDS, RecordForm, recordInputOf, recordValuesOf, type RecordValues } from '../components/RecordForm.tsx';
import { ResolutionsCard } from '../components/ResolutionsCard.tsx';
import { useActivity, useAttendanceSheet, useCancelActivity, useOpenSignin, useSaveRecord } from '../queries.ts';
import { rememberSignin } from '../signinToken.ts';
import '../activities.css';
import { LecturerSpeakerPicker } from '../../teachers/components.tsx';

const TIME = 'YYYY-MM-DD HH:mm';

/**
 * People the server names as unmarked when it refuses a record but the sheet does not list yet:
 * recording re-derives who should attend, so someone who joined since planning is expected only
 * from that request on. They become rows of the grid, to be marked and sent with the next save.
 */
export function newlyExpected(error: unknown, activity: ActivityDetail, sheet: AttendanceSheet): AttendanceEntryView[] {
  if (!(error instanceof ApiError) || error.code !== 'ACTIVITY_ATTENDANCE_PENDING') return [];
  const known = new Set(sheet.attendees.map((a) => a.personId));
  return error.details
    .filter((d) => d.path.startsWith('attendance.') && !known.has(d.path.slice('attendance.'.length)))
    .map((d) => ({
      personId: d.path.slice('attendance.'.length),
      name: d.message,
      orgId: activity.orgId,
      orgName: activity.orgName,
      role: 'expected',
      voting: false,
      status: 'pending',
      leaveReason: null,
      leaveRequestedAt: null,
      signedInAt: null,
      markedVia: null,
      updatedAt: activity.updatedAt,
    }));
}
/** While members sign in, the grid follows them. */
const SIGNIN_POLL_MS = 10_000;

export function ActivityPage() {
  const { id = '' } = useParams();
  const activity = useActivity(id);
  const probe = useAttendanceSheet(id);
  const sheet = useAttendanceSheet(id, probe.data?.signin.open ? SIGNIN_POLL_MS : undefined);

  if (activity.isPending || sheet.isPending) return <Skeleton active />;
  if (activity.isError) return <Result status="warning" title={<ErrorAlert error={activity.error} />} extra={<BackLink />} />;
  if (sheet.isError) return <Result status="warning" title={<ErrorAlert error={sheet.error} />} extra={<BackLink />} />;
  return <Recording key={activity.data.id} activity={activity.data} sheet={sheet.data} />;
}

function BackLink() {
  const { t } = useI18n();
  return (
    <Link to="/activities">
      <ArrowLeftOutlined /> {t('record.back')}
    </Link>
  );
}

function Recording({ activity, sheet }: { activity: ActivityDetail; sheet: AttendanceSheet }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordValues>();
  const save = useSaveRecord(activity.id);
  const [failure, setFailure] = useState<{ error: unknown; details: FieldDetail[] } | null>(null);
  const [extra, setExtra] = useState<AttendanceEntryView[]>([]);
  // Only the secretary's own changes are kept here; everything else is the server's sheet, so a
  // QR sign-in arriving while the page is open shows up unless the secretary changed that row.
  const [edits, setEdits] = useState<Marks>({});
  const attendees = useMemo(() => {
    const known = new Set(sheet.attendees.map((a) => a.personId));
    return [...sheet.attendees, ...extra.filter((a) => !known.has(a.personId))];
  }, [sheet.attendees, extra]);
  const base = useMemo(() => initialMarks(attendees), [attendees]);
  const marks = useMemo(() => ({ ...base, ...edits }), [base, edits]);
  const pendingMarks = changedEntries(attendees, marks);
  const cancelled = activity.status === 'cancelled';
  const readOnly = cancelled || !activity.canManage;

  const onMarks = (next: Marks) => {
    const changed: Marks = {};
    for (const [personId, m] of Object.entries(next)) {
      const b = base[personId];
      if (!b || b.status !== m.status || b.leaveReason !== m.leaveReason) changed[personId] = m;
    }
    setEdits(changed);
  };

  const submit = async () => {
    if (readOnly || save.isPending) return;
    let values: RecordValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFailure(null);
    save.mutate(
      { record: recordInputOf(values, activity.version), marks: pendingMarks },
      {
        onSuccess: (saved) => {
          setEdits({});
          setExtra([]);
          // The form shows what the server now holds (the day held, a trimmed text…). Other
          // updates of the activity (a guest added) leave what is being typed alone.
          form.setFieldsValue(recordValuesOf(saved));
          void message.success(t('record.saved'));
        },
        onError: (error) => {
          const added = newlyExpected(error, activity, sheet);
          if (added.length > 0) setExtra((current) => [...current, ...added]);
          setFailure({ error, details: applyServerErrors(form, error, RECORD_FIELDS).filter((d) => !d.path.startsWith('attendance.')) });
        },
      },
    );
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <div className="record-page" onKeyDown={onKeyDown}>
      <div className="record-page__head">
        <Space orientation="vertical" size={2} style={{ minWidth: 0 }}>
          <BackLink />
          <Typography.Title level={4} style={{ margin: 0 }}>
            {activity.topic}
          </Typography.Title>
          <Space size={4} wrap>
            <KindTag kind={activity.kind} />
            <ActivityStatusTag status={activity.status} />
            <span>{activity.orgName}</span>
            <span className="muted">{t('record.planned', { time: dayjs(activity.plannedStart).format(TIME) })}</span>
            {activity.heldOn ? <span className="muted">{t('record.heldNotice', { date: activity.heldOn })}</span> : null}
            {activity.creditHours !== null ? <span className="muted">{t('record.credit', { hours: activity.creditHours })}</span> : null}
          </Space>
        </Space>
        {readOnly ? null : (
          <Space wrap>
            <SigninControl activity={activity} sheet={sheet} />
            {activity.status === 'planned' ? <CancelButton activity={activity} /> : null}
          </Space>
        )}
      </div>
      {cancelled ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('record.cancelledNotice', { reason: activity.cancelReason ?? '' })} />
      ) : null}

      <Card size="small" title={t('record.title')} extra={activity.kind === 'party_lesson' && !readOnly ? <LecturerSpeakerPicker activityId={activity.id} /> : null}>
        <RecordForm form={form} activity={activity} disabled={readOnly} />
      </Card>

      <Card
        size="small"
        title={t('attendance.title')}
        extra={
          sheet.signin.open && sheet.signin.expiresAt ? (
            <span className="muted">{t('record.signinOpenUntil', { time: dayjs(sheet.signin.expiresAt).format('HH:mm') })}</span>
          ) : null
        }
      >
        <AttendanceGrid attendees={attendees} orgId={activity.orgId} marks={marks} onChange={onMarks} disabled={readOnly} />
      </Card>

      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <GuestsCard activity={activity} disabled={readOnly} />
        </Col>
        <Col xs={24} lg={12}>
          <AttachmentsCard activity={activity} disabled={readOnly} />
        </Col>
      </Row>
      {(resolutionActivityKinds as readonly string[]).includes(activity.kind) ? (
        <div style={{ marginTop: 12 }}>
          <ResolutionsCard activity={activity} disabled={readOnly} />
        </div>
      ) : null}

      {readOnly ? null : (
        <div className="record-page__savebar">
          <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={() => void submit()}>
            {t('record.save')}
          </Button>
          <Typography.Text type="secondary">{t('record.saveHint')}</Typography.Text>
          {pendingMarks.length ? <Typography.Text type="warning">{t('record.unsavedMarks', { count: pendingMarks.length })}</Typography.Text> : null}
          {failure ? (
            <div style={{ flexBasis: '100%' }}>
              {extra.length > 0 ? (
                <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('record.newlyExpected', { names: extra.map((a) => a.name).join('、') })} />
              ) : null}
              <ErrorAlert error={failure.error} details={failure.details} />
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
}

function SigninControl({ activity, sheet }: { activity: ActivityDetail; sheet: AttendanceSheet }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const open = useOpenSignin(activity.id);
  const [minutes, setMinutes] = useState<number>(signinMinutes.default);
  // An open code can be shown from any device: the display asks the server for it when this tab did not open it.
  const showable = sheet.signin.open;

  const start = () =>
    open.mutate(minutes, {
      onSuccess: (opened) => {
        rememberSignin(activity.id, opened);
        navigate(`/activities/${activity.id}/signin`);
      },
      onError: (error) => void message.error(errorText(error, t)),
    });

  if (showable) {
    return (
      <Button type="primary" icon={<QrcodeOutlined />} onClick={() => navigate(`/activities/${activity.id}/signin`)}>
        {t('record.showSignin')}
      </Button>
    );
  }
  return (
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
      <Button icon={<QrcodeOutlined />} loading={open.isPending} onClick={start}>
        {sheet.signin.open ? t('record.reopenSignin') : t('record.openSignin')}
      </Button>
    </Space.Compact>
  );
}

function CancelButton({ activity }: { activity: ActivityDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const cancel = useCancelActivity(activity.id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <>
      <Button danger icon={<StopOutlined />} onClick={() => setOpen(true)}>
        {t('record.cancelActivity')}
      </Button>
      <Modal
        open={open}
        title={t('record.cancelTitle')}
        okText={t('record.cancelActivity')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.back')}
        confirmLoading={cancel.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Descriptions size="small" column={1} items={[{ key: 'topic', label: t('activities.topic'), children: activity.topic }]} />
        <ErrorAlert error={cancel.error} style={{ margin: '8px 0' }} />
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            cancel.mutate(
              { reason: v.reason.trim(), version: activity.version },
              {
                onSuccess: () => {
                  setOpen(false);
                  void message.success(t('record.cancelled'));
                },
              },
            )
          }
        >
          <Form.Item
            label={t('record.cancelReason')}
            name="reason"
            rules={[{ required: true, whitespace: true, message: t('record.cancelReasonRequired') }, { max: 500 }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
