/**
 * 我的组织生活 — a member's own organisational life on a phone-width page: what is coming (with
 * my status, a leave request, and a note when sign-in is open), my open make-up study, the year's
 * history, and my study hours with the source of every entry. Only the member's own data; the
 * server decides every status and figure.
 */
import { useState } from 'react';
import { App, Alert, Button, Card, Empty, Form, Input, Modal, Select, Skeleton, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import { leaveRequestInput, studyCreditSourceLabels, type MakeupView, type MyActivityView } from '@pioneer/domain';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorText } from '../../components/errors.ts';
import { schemaRule } from '../../components/zodRules.ts';
import { useI18n } from '../../i18n/index.tsx';
import { AttendanceTag, KindTag } from '../activities/components/ActivityTags.tsx';
import { useMyHistory, useMyMakeupList, useMyStudyHours, useObligations, useRequestLeave, useWithdrawLeave } from './queries.ts';
import './member-life.css';

const TIME = 'YYYY-MM-DD HH:mm';
const tabs = ['obligations', 'makeup', 'history', 'hours'] as const;
type TabKey = (typeof tabs)[number];

export function MyOrgLifePage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: TabKey = tabs.includes(raw as TabKey) ? (raw as TabKey) : 'obligations';
  return (
    <div className="phone-page">
      <Typography.Title level={4}>{t('memberLife.title')}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: 'obligations', label: t('memberLife.tabObligations'), children: tab === 'obligations' ? <Obligations /> : null },
          { key: 'makeup', label: t('memberLife.tabMakeup'), children: tab === 'makeup' ? <MakeupList /> : null },
          { key: 'history', label: t('memberLife.tabHistory'), children: tab === 'history' ? <History /> : null },
          { key: 'hours', label: t('memberLife.tabHours'), children: tab === 'hours' ? <Hours /> : null },
        ]}
      />
    </div>
  );
}

function when(a: Pick<MyActivityView, 'plannedStart' | 'plannedEnd'>): string {
  const start = dayjs(a.plannedStart);
  if (!a.plannedEnd) return start.format(TIME);
  const end = dayjs(a.plannedEnd);
  return `${start.format(TIME)} – ${end.format(end.isSame(start, 'day') ? 'HH:mm' : TIME)}`;
}

function Obligations() {
  const { t } = useI18n();
  const obligations = useObligations();
  const { message } = App.useApp();
  const [leaveFor, setLeaveFor] = useState<MyActivityView | null>(null);
  const withdraw = useWithdrawLeave();
  if (obligations.isPending) return <Skeleton active />;
  if (obligations.isError) return <ErrorAlert error={obligations.error} />;
  const { upcoming, makeup, counts } = obligations.data;
  return (
    <>
      <div className="life-counts">
        <Card size="small">
          <Statistic title={t('memberLife.countUpcoming')} value={counts.upcoming} />
        </Card>
        <Card size="small">
          <Statistic title={t('memberLife.countSignin')} value={counts.signinOpen} />
        </Card>
        <Card size="small">
          <Statistic
            title={t('memberLife.countMakeup')}
            value={counts.makeupOpen}
            suffix={counts.makeupOverdue ? <Tag color="error">{t('memberLife.countOverdue', { count: counts.makeupOverdue })}</Tag> : null}
          />
        </Card>
      </div>
      {makeup.length ? (
        <Card size="small" className="life-card" title={t('memberLife.openMakeup')}>
          {makeup.map((m) => (
            <MakeupRow key={m.id} item={m} />
          ))}
        </Card>
      ) : null}
      {upcoming.length === 0 ? <Empty description={t('memberLife.obligationsEmpty')} /> : null}
      {upcoming.map((a) => (
        <Card key={a.activityId} size="small" className="life-card" data-testid="obligation">
          <Space size={4} wrap>
            <KindTag kind={a.kind} />
            <AttendanceTag status={a.myStatus} />
            {a.myRole !== 'expected' ? <Tag>{t(`memberLife.role.${a.myRole}`)}</Tag> : null}
          </Space>
          <Typography.Title level={5} style={{ margin: '8px 0 4px' }}>
            {a.topic}
          </Typography.Title>
          <div className="life-card__meta">
            <span>{a.orgName}</span>
            <span>
              {t('memberLife.when')}：{when(a)}
            </span>
            {a.place ? (
              <span>
                {t('memberLife.where')}：{a.place}
              </span>
            ) : null}
            {a.onlineLink ? (
              <a href={a.onlineLink} target="_blank" rel="noreferrer">
                {t('memberLife.online')}
              </a>
            ) : null}
            {a.myStatus === 'leave' && a.leaveReason ? <span>{t('memberLife.leaveReasonShown', { reason: a.leaveReason })}</span> : null}
          </div>
          {a.signinOpen && a.myStatus !== 'present' ? (
            <Alert style={{ marginTop: 10 }} type="info" showIcon title={t('memberLife.signinOpen')} description={t('memberLife.signinOpenHint')} />
          ) : null}
          {a.activityStatus === 'planned' && a.myStatus === 'pending' && a.myRole === 'expected' ? (
            <div className="life-card__actions">
              <Button onClick={() => setLeaveFor(a)}>{t('memberLife.askLeave')}</Button>
            </div>
          ) : null}
          {a.activityStatus === 'planned' && a.myStatus === 'leave' ? (
            <div className="life-card__actions">
              <Button
                loading={withdraw.isPending && withdraw.variables === a.activityId}
                onClick={() =>
                  withdraw.mutate(a.activityId, {
                    onSuccess: () => void message.success(t('memberLife.leaveWithdrawn')),
                    onError: (error) => void message.error(errorText(error, t)),
                  })
                }
              >
                {t('memberLife.withdrawLeave')}
              </Button>
            </div>
          ) : null}
        </Card>
      ))}
      {leaveFor ? <LeaveModal activity={leaveFor} onClose={() => setLeaveFor(null)} /> : null}
    </>
  );
}

function LeaveModal({ activity, onClose }: { activity: MyActivityView; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const leave = useRequestLeave();
  return (
    <Modal
      open
      title={t('memberLife.leaveTitle', { topic: activity.topic })}
      okText={t('memberLife.leaveSubmit')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={leave.isPending}
      destroyOnHidden
    >
      <ErrorAlert error={leave.error} style={{ marginBottom: 12 }} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          leave.mutate(
            { activityId: activity.activityId, reason: v.reason.trim() },
            {
              onSuccess: () => {
                void message.success(t('memberLife.leaveSent'));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item
          label={t('memberLife.leaveReason')}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t('memberLife.leaveReasonRequired') }, schemaRule(leaveRequestInput.shape.reason, t, lang)]}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={500} placeholder={t('memberLife.leaveReasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MakeupRow({ item }: { item: MakeupView }) {
  const { t } = useI18n();
  return (
    <Link to={`/my-life/makeup/${item.id}`} className="makeup-row" data-testid="makeup-row">
      <Space orientation="vertical" size={0} style={{ width: '100%' }}>
        <Space size={4} wrap>
          <KindTag kind={item.activityKind} />
          {item.status === 'done' ? (
            <Tag color="success">{t('memberLife.makeupDone')}</Tag>
          ) : item.overdue ? (
            <Tag color="error">{t('memberLife.makeupOverdue')}</Tag>
          ) : (
            <Tag color="processing">{t('memberLife.makeupOpen')}</Tag>
          )}
        </Space>
        <span className="makeup-row__topic">{item.activityTopic}</span>
        <span className="muted">
          {item.heldOn}
          {item.dueOn && item.status === 'open' ? ` · ${t('memberLife.makeupDue', { date: item.dueOn })}` : ''}
        </span>
      </Space>
    </Link>
  );
}

function MakeupList() {
  const { t } = useI18n();
  const list = useMyMakeupList();
  if (list.isPending) return <Skeleton active />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  const items = list.data;
  if (items.length === 0) return <Empty description={t('memberLife.makeupEmpty')} />;
  return (
    <Card size="small">
      {items.map((m) => (
        <MakeupRow key={m.id} item={m} />
      ))}
    </Card>
  );
}

function YearSelect({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const { t } = useI18n();
  const current = dayjs().year();
  return (
    <Select<number>
      aria-label={t('memberLife.year')}
      value={value}
      onChange={onChange}
      style={{ width: 110 }}
      options={[0, 1, 2, 3, 4].map((n) => ({ value: current - n, label: String(current - n) }))}
    />
  );
}

function History() {
  const { t } = useI18n();
  const [year, setYear] = useState(dayjs().year());
  const history = useMyHistory(year);
  return (
    <>
      <div className="table-toolbar">
        <YearSelect value={year} onChange={setYear} />
        {history.data ? (
          <Typography.Text type="secondary">
            {t('memberLife.historyCounts', {
              expected: history.data.counts.expected,
              present: history.data.counts.present,
              absent: history.data.counts.absent,
              leave: history.data.counts.leave,
            })}
          </Typography.Text>
        ) : null}
      </div>
      <ErrorAlert error={history.error} />
      {history.isPending ? <Skeleton active /> : null}
      {history.data && history.data.items.length === 0 ? <Empty description={t('memberLife.historyEmpty')} /> : null}
      {history.data?.items.map((a) => (
        <Card key={a.activityId} size="small" className="life-card">
          <Space size={4} wrap>
            <KindTag kind={a.kind} />
            <AttendanceTag status={a.myStatus} />
          </Space>
          <Typography.Paragraph strong style={{ margin: '6px 0 2px' }}>
            {a.topic}
          </Typography.Paragraph>
          <div className="life-card__meta">
            <span>
              {a.heldOn ?? dayjs(a.plannedStart).format('YYYY-MM-DD')} · {a.orgName}
            </span>
            {a.myStatus === 'leave' && a.leaveReason ? <span>{t('memberLife.leaveReasonShown', { reason: a.leaveReason })}</span> : null}
          </div>
        </Card>
      ))}
    </>
  );
}

function Hours() {
  const { t, pick } = useI18n();
  const [year, setYear] = useState(dayjs().year());
  const hours = useMyStudyHours(year);
  return (
    <>
      <div className="table-toolbar">
        <YearSelect value={year} onChange={setYear} />
      </div>
      <ErrorAlert error={hours.error} />
      {hours.isPending ? <Skeleton active /> : null}
      {hours.data ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small">
            <Statistic title={t('memberLife.hoursYear', { year: hours.data.year })} value={hours.data.total} suffix={t('memberLife.hoursUnit')} />
            <Space size={[4, 4]} wrap style={{ marginTop: 8 }}>
              {hours.data.bySourceType
                .filter((s) => s.hours > 0)
                .map((s) => (
                  <Tag key={s.sourceType}>
                    {pick(studyCreditSourceLabels[s.sourceType])} {s.hours}
                  </Tag>
                ))}
            </Space>
          </Card>
          <Card size="small" title={t('memberLife.hoursEntries')}>
            {hours.data.entries.length === 0 ? <Empty description={t('memberLife.hoursEmpty')} /> : null}
            {hours.data.entries.map((e) => (
              <div key={e.id} className="hours-entry" data-testid="hours-entry">
                <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                  <span>{e.description}</span>
                  <span className="muted">
                    {e.creditedOn} · {pick(studyCreditSourceLabels[e.sourceType])} · {e.orgName}
                  </span>
                </Space>
                <span className="hours-entry__hours">
                  {e.hours} {t('memberLife.hoursUnit')}
                </span>
              </div>
            ))}
          </Card>
        </Space>
      ) : null}
    </>
  );
}
