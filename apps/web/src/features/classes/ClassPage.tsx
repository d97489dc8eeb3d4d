/**
 * /classes/:id — one training class: its sessions (organisers add and remove them), enrolment
 * (units nominate their people; organisers approve or reject applications and withdraw people),
 * each session's roster with QR sign-in shown on screen, and the completion with its report (who
 * completed and why not). The server decides every rule; the page shows its answers.
 */
import { useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Radio, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { classOutcomeReasonLabels, classTypeLabels, enrolmentStatusLabels, trainingTargetGroupLabels, type ClassAttendanceStatus, type ClassSessionView, type ClassSigninOpened, type EnrolmentView } from '@pioneer/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { classesApi } from '../../api/classes.ts';
import { peopleApi } from '../../api/people.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorText } from '../../components/errors.ts';
import { homeOrgOf } from '../../components/scope.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { QrImage } from '../activities/components/QrImage.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useClass, useClassMutation, useEnrolments, useReport, useRoster } from './queries.ts';
import { SessionLecturerFields, sessionLecturerInput, type SessionLecturerValues } from './SessionLecturerFields.tsx';

const TIME = 'YYYY-MM-DD HH:mm';

export function ClassPage() {
  const { id = '' } = useParams();
  const { t, pick } = useI18n();
  const cls = useClass(id);
  const c = cls.data;
  if (!c) return <ErrorAlert error={cls.error} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {c.title} <Tag color={c.status === 'open' ? 'blue' : 'green'}>{t(c.status === 'open' ? 'classes.statusOpen' : 'classes.statusCompleted')}</Tag>
      </Typography.Title>
      <Descriptions
        size="small"
        column={3}
        items={[
          { key: 'org', label: t('classes.org'), children: c.orgName },
          { key: 'type', label: t('classes.type'), children: pick(classTypeLabels[c.type]) },
          { key: 'group', label: t('classes.targetGroup'), children: pick(trainingTargetGroupLabels[c.targetGroup]) },
          { key: 'cap', label: t('classes.enrolled'), children: <span data-testid="class-enrolled">{`${c.enrolled} / ${c.capacity}`}</span> },
          { key: 'hours', label: t('classes.hours'), children: c.totalHours },
          { key: 'rotation', label: t('classes.rotation'), children: c.rotationTitle ?? '—' },
        ]}
      />
      <Tabs
        items={[
          { key: 'sessions', label: t('classes.sessions'), children: <Sessions classId={c.id} sessions={c.sessions} canManage={c.canManage && c.status === 'open'} canMark={c.canManage} /> },
          { key: 'enrolments', label: t('classes.enrolments'), children: <Enrolments classId={c.id} canManage={c.canManage} open={c.status === 'open'} /> },
          ...(c.canManage ? [{ key: 'report', label: t('classes.report'), children: <Report classId={c.id} completed={c.status === 'completed'} /> }] : []),
        ]}
      />
    </Space>
  );
}

type SessionValues = { topic: string; range: [Dayjs, Dayjs]; hours: number; venue?: string } & SessionLecturerValues;

function Sessions({ classId, sessions, canManage, canMark }: { classId: string; sessions: ClassSessionView[]; canManage: boolean; canMark: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<SessionValues>();
  const [adding, setAdding] = useState(false);
  const [rosterOf, setRosterOf] = useState<ClassSessionView | null>(null);
  const add = useClassMutation((v: SessionValues) =>
    classesApi.addSession(classId, { topic: v.topic, startsAt: v.range[0].toISOString(), endsAt: v.range[1].toISOString(), hours: v.hours, ...sessionLecturerInput(v), venue: v.venue ?? null }),
  );
  const remove = useClassMutation((sessionId: string) => classesApi.deleteSession(sessionId));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canManage ? <Button onClick={() => setAdding(true)}>{t('classes.addSession')}</Button> : null}
      <Table<ClassSessionView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={sessions}
        columns={[
          { title: t('classes.startsAt'), render: (_, s) => `${dayjs(s.startsAt).format(TIME)} – ${dayjs(s.endsAt).format('HH:mm')}` },
          { title: t('classes.topic'), dataIndex: 'topic' },
          { title: t('classes.lecturer'), render: (_, s) => [s.lecturerName, s.courseTitle].filter(Boolean).join(' · ') },
          { title: t('classes.hours'), dataIndex: 'hours' },
          { title: t('classes.present'), dataIndex: 'present' },
          {
            title: '',
            render: (_, s) => (
              <Space>
                {canMark ? (
                  <Button size="small" type="link" onClick={() => setRosterOf(s)}>
                    {t('classes.roster')}
                  </Button>
                ) : null}
                {canManage && s.present === 0 ? (
                  <Button size="small" type="link" danger onClick={() => remove.mutate(s.id, { onError: (e) => void message.error(errorText(e, t)) })}>
                    {t('classes.delete')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={adding} title={t('classes.addSession')} onCancel={() => setAdding(false)} onOk={() => form.submit()} confirmLoading={add.isPending} destroyOnHidden>
        <ErrorAlert error={add.error} />
        <Form<SessionValues> form={form} layout="vertical" initialValues={{ hours: 4, lecturerSource: 'pool' }} onFinish={(v) => add.mutate(v, { onSuccess: () => (setAdding(false), form.resetFields()) })}>
          <Form.Item name="topic" label={t('classes.topic')} rules={[{ required: true, min: 2 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="range" label={`${t('classes.startsAt')} – ${t('classes.endsAt')}`} rules={[{ required: true }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format={TIME} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="hours" label={t('classes.hours')} rules={[{ required: true }]}>
            <InputNumber min={0.5} max={8} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
          <SessionLecturerFields />
          <Form.Item name="venue" label={t('classes.venue')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
      <Drawer open={rosterOf !== null} width={760} title={rosterOf ? t('classes.rosterOf', { topic: rosterOf.topic }) : ''} onClose={() => setRosterOf(null)} destroyOnHidden>
        {rosterOf ? <Roster session={rosterOf} /> : null}
      </Drawer>
    </Space>
  );
}

function Roster({ session }: { session: ClassSessionView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [qr, setQr] = useState<ClassSigninOpened | null>(null);
  const roster = useRoster(session.id, qr ? 3000 : undefined);
  const [marks, setMarks] = useState<Record<string, { status: ClassAttendanceStatus; leaveReason?: string }>>({});
  // A leave carries the reason the organiser typed (the server refuses a leave without one, naming the person).
  const save = useClassMutation(() =>
    classesApi.mark(session.id, {
      entries: Object.entries(marks).map(([personId, m]) => (m.status === 'leave' && m.leaveReason?.trim() ? { personId, status: m.status, leaveReason: m.leaveReason.trim() } : { personId, status: m.status })),
    }),
  );
  const open = useClassMutation((minutes: number) => classesApi.openSignin(session.id, minutes));
  const close = useClassMutation(() => classesApi.closeSignin(session.id));
  const r = roster.data;
  const statusOf = (personId: string, current: ClassAttendanceStatus | null) => marks[personId]?.status ?? current;
  const url = qr ? `${window.location.origin}${qr.path}` : '';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={roster.error ?? save.error} />
      {r ? (
        <Typography.Text data-testid="class-roster-counts">
          {t('classes.rosterCounts', { enrolled: r.counts.enrolled, present: r.counts.present, leave: r.counts.leave, absent: r.counts.absent, unmarked: r.counts.unmarked })}
        </Typography.Text>
      ) : null}
      <Space>
        <Button onClick={() => open.mutate(30, { onSuccess: setQr, onError: (e) => void message.error(errorText(e, t)) })}>{t('classes.openSignin')}</Button>
        <Button type="primary" disabled={Object.keys(marks).length === 0} loading={save.isPending} onClick={() => save.mutate(undefined, { onSuccess: () => (setMarks({}), void message.success(t('classes.rosterSaved'))) })}>
          {t('classes.saveRoster')}
        </Button>
      </Space>
      <Table
        rowKey="personId"
        size="small"
        pagination={false}
        dataSource={r?.entries ?? []}
        columns={[
          { title: t('rotations.person'), dataIndex: 'name' },
          { title: t('rotations.personOrg'), dataIndex: 'orgName' },
          {
            title: t('classes.status'),
            render: (_, e) => (
              <Radio.Group
                aria-label={`${e.name} ${t('classes.roster')}`}
                optionType="button"
                size="small"
                value={statusOf(e.personId, e.status)}
                onChange={(ev) => {
                  const status = ev.target.value as ClassAttendanceStatus;
                  setMarks({ ...marks, [e.personId]: status === 'leave' ? { status, leaveReason: e.leaveReason ?? '' } : { status } });
                }}
                options={[
                  { value: 'present', label: t('classes.attPresent') },
                  { value: 'leave', label: t('classes.attLeave') },
                  { value: 'absent', label: t('classes.attAbsent') },
                ]}
              />
            ),
          },
          {
            title: t('classes.leaveReason'),
            render: (_, e) => {
              const mark = marks[e.personId];
              if (mark?.status === 'leave') {
                return (
                  <Input
                    size="small"
                    aria-label={`${e.name} ${t('classes.leaveReason')}`}
                    placeholder={t('classes.leaveReasonPlaceholder')}
                    maxLength={500}
                    value={mark.leaveReason ?? ''}
                    onChange={(ev) => setMarks({ ...marks, [e.personId]: { status: 'leave', leaveReason: ev.target.value } })}
                  />
                );
              }
              return e.leaveReason ?? (e.signedInAt ? dayjs(e.signedInAt).format('HH:mm') : '');
            },
          },
        ]}
      />
      <Modal open={qr !== null} title={t('classes.qrTitle')} footer={null} width={560} onCancel={() => (setQr(null), close.mutate(undefined))}>
        {qr ? (
          <Space direction="vertical" align="center" style={{ width: '100%' }}>
            <QrImage value={url} size={420} alt={t('classes.qrAlt')} />
            <Typography.Text strong>{t('classes.qrScan')}</Typography.Text>
            <Typography.Text copyable data-testid="class-signin-url">
              {url}
            </Typography.Text>
            <Typography.Text data-testid="class-present-count">{r?.counts.present ?? 0}</Typography.Text>
            <Button danger onClick={() => (setQr(null), close.mutate(undefined))}>
              {t('classes.closeSignin')}
            </Button>
          </Space>
        ) : null}
      </Modal>
    </Space>
  );
}

function Enrolments({ classId, canManage, open }: { classId: string; canManage: boolean; open: boolean }) {
  const { t, pick } = useI18n();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const list = useEnrolments(classId);
  const homeOrg = homeOrgOf(me);
  const [picked, setPicked] = useState<string[]>([]);
  const [q, setQ] = useState('');
  const people = useQuery({ queryKey: ['people', 'pick', homeOrg, q], queryFn: () => peopleApi.list({ orgId: homeOrg!, q: q || undefined, pageSize: 50 }), enabled: Boolean(homeOrg) && open });
  const nominate = useClassMutation((ids: string[]) => classesApi.nominate(classId, ids));
  const approve = useClassMutation((personId: string) => classesApi.approve(classId, personId));
  const reject = useClassMutation(({ personId, reason }: { personId: string; reason: string }) => classesApi.reject(classId, personId, reason));
  const withdraw = useClassMutation((personId: string) => classesApi.withdraw(classId, personId));
  const onError = (e: unknown) => void message.error(errorText(e, t));
  // The reason is stored with the rejection and shown beside it, so the organiser writes it.
  const [rejecting, setRejecting] = useState<EnrolmentView | null>(null);
  const [rejectForm] = Form.useForm<{ reason: string }>();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={list.error ?? nominate.error} />
      {open ? (
        <Card size="small" title={t('classes.nominate')}>
          <Space.Compact style={{ width: '100%' }}>
            <Select
              mode="multiple"
              aria-label={t('classes.nominatePick')}
              placeholder={t('classes.nominatePick')}
              value={picked}
              onChange={setPicked}
              onSearch={setQ}
              filterOption={false}
              showSearch
              style={{ width: '100%' }}
              options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.orgName}）` }))}
            />
            <Button type="primary" disabled={picked.length === 0} loading={nominate.isPending} onClick={() => nominate.mutate(picked, { onSuccess: () => (void message.success(t('classes.nominateDone', { count: picked.length })), setPicked([])) })}>
              {t('classes.nominate')}
            </Button>
          </Space.Compact>
        </Card>
      ) : null}
      <Table<EnrolmentView>
        rowKey="personId"
        size="small"
        pagination={false}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: t('rotations.person'), dataIndex: 'name' },
          { title: t('rotations.personOrg'), dataIndex: 'orgName' },
          { title: t('classes.via'), render: (_, e) => t(e.via === 'self' ? 'classes.viaSelf' : 'classes.viaNomination') },
          { title: t('classes.status'), render: (_, e) => <Tag>{pick(enrolmentStatusLabels[e.status])}</Tag> },
          { title: t('classes.outcome'), render: (_, e) => (e.outcomeReason ? <Tag color={e.outcome === 'completed' ? 'green' : 'red'}>{pick(classOutcomeReasonLabels[e.outcomeReason])}</Tag> : (e.reason ?? '')) },
          {
            title: '',
            render: (_, e) =>
              open ? (
                <Space>
                  {canManage && e.status === 'requested' ? (
                    <>
                      <Button size="small" type="link" onClick={() => approve.mutate(e.personId, { onError })}>
                        {t('classes.approve')}
                      </Button>
                      <Button size="small" type="link" onClick={() => setRejecting(e)}>
                        {t('classes.reject')}
                      </Button>
                    </>
                  ) : null}
                  {e.status === 'enrolled' || e.status === 'requested' ? (
                    <Popconfirm title={t('classes.withdraw')} onConfirm={() => withdraw.mutate(e.personId, { onError })}>
                      <Button size="small" type="link" danger>
                        {t('classes.withdraw')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal open={rejecting !== null} title={rejecting ? `${t('classes.reject')} ${rejecting.name}` : ''} onCancel={() => setRejecting(null)} onOk={() => rejectForm.submit()} confirmLoading={reject.isPending} destroyOnHidden>
        <Form<{ reason: string }>
          form={rejectForm}
          layout="vertical"
          onFinish={(v) => rejecting && reject.mutate({ personId: rejecting.personId, reason: v.reason }, { onSuccess: () => setRejecting(null), onError })}
        >
          <Form.Item name="reason" label={t('classes.rejectReason')} rules={[{ required: true, whitespace: true, min: 2, max: 500 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function Report({ classId, completed }: { classId: string; completed: boolean }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const report = useReport(classId);
  const complete = useClassMutation(() => classesApi.complete(classId));
  const r = report.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={report.error ?? complete.error} />
      <Popconfirm title={t('classes.completeConfirm')} onConfirm={() => complete.mutate(undefined, { onSuccess: () => void message.success(t('classes.saved')) })}>
        <Button type="primary">{t(completed ? 'classes.recomplete' : 'classes.complete')}</Button>
      </Popconfirm>
      {r ? (
        <>
          <Typography.Text data-testid="class-report-summary">
            {t('classes.reportSummary', { total: r.totalHours, allowed: r.allowedMissHours, completed: r.completed, notCompleted: r.notCompleted, credited: r.creditedHours })}
          </Typography.Text>
          <Table
            rowKey="personId"
            size="small"
            pagination={false}
            dataSource={r.rows}
            columns={[
              { title: t('rotations.person'), dataIndex: 'name' },
              { title: t('rotations.personOrg'), dataIndex: 'orgName' },
              { title: t('classes.attended'), dataIndex: 'attendedHours' },
              { title: t('classes.leaveHours'), dataIndex: 'leaveHours' },
              { title: t('classes.absentHours'), dataIndex: 'absentHours' },
              { title: t('classes.outcome'), render: (_, row) => <Tag color={row.completed ? 'green' : 'red'}>{pick(classOutcomeReasonLabels[row.reason])}</Tag> },
            ]}
          />
        </>
      ) : null}
    </Space>
  );
}
