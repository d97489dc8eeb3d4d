/**
 * 组织生活 — the secretary's view of a subtree's activities: a month calendar coloured by status
 * and a server-paginated list with filters (organisation, kind, status, dates). The view and its
 * filters live in the address, so a bookmark or the back button returns to the same view.
 * Without an organisation the server answers every subtree the user manages.
 */
import { useState } from 'react';
import { Alert, Button, Calendar, Card, DatePicker, Segmented, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { BookOutlined, CalendarOutlined, PlusOutlined, ScheduleOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { activityKindLabels, activityKinds, activityStatuses, type ActivityKind, type ActivityStatus, type ActivitySummary } from '@pioneer/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { OrgSelect } from '../../../components/OrgSelect.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { ActivityStatusTag, KindTag } from '../components/ActivityTags.tsx';
import { MakeupOverview } from '../components/MakeupOverview.tsx';
import { NewActivityModal } from '../components/NewActivityModal.tsx';
import { useActivities } from '../queries.ts';
import '../activities.css';

const DAY = 'YYYY-MM-DD';
/** The calendar asks for one month's grid at once; the API's largest page. */
const CALENDAR_PAGE = 200;

/** The local day an activity sits on: the day it was held, else the day of its planned start. */
export function dayOf(a: Pick<ActivitySummary, 'heldOn' | 'plannedStart'>): string {
  return a.heldOn ?? dayjs(a.plannedStart).format(DAY);
}

export function OrgLifePage() {
  const { t, pick } = useI18n();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const rawView = params.get('view');
  const view = rawView === 'list' || rawView === 'makeup' ? rawView : 'calendar';
  const orgId = params.get('orgId') ?? undefined;
  const kind = (params.get('kind') as ActivityKind | null) ?? undefined;
  const status = (params.get('status') as ActivityStatus | null) ?? undefined;

  const set = (changes: Record<string, string | null | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );

  return (
    <Card
      title={t('activities.title')}
      extra={
        <Space wrap>
          <Link to={`/activities/plans${orgId ? `?orgId=${orgId}` : ''}`}>
            <Button icon={<ScheduleOutlined />}>{t('activities.plans')}</Button>
          </Link>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('activities.new')}
          </Button>
        </Space>
      }
    >
      <div className="table-toolbar">
        <Segmented<'calendar' | 'list' | 'makeup'>
          value={view}
          onChange={(v) => set({ view: v === 'calendar' ? null : v })}
          options={[
            { value: 'calendar', icon: <CalendarOutlined />, label: t('activities.calendar') },
            { value: 'list', icon: <UnorderedListOutlined />, label: t('activities.list') },
            { value: 'makeup', icon: <BookOutlined />, label: t('makeup.title') },
          ]}
        />
        <div style={{ width: 280 }}>
          <OrgSelect value={orgId ?? null} onChange={(id) => set({ orgId: id })} placeholder={t('activities.allMyOrgs')} />
        </div>
        {view === 'makeup' ? null : (
          <>
            <Select<ActivityKind>
              allowClear
              aria-label={t('activities.kind')}
              placeholder={t('activities.allKinds')}
              style={{ width: 170 }}
              value={kind}
              onChange={(v) => set({ kind: v })}
              options={activityKinds.map((k) => ({ value: k, label: pick(activityKindLabels[k]) }))}
            />
            <Select<ActivityStatus>
              allowClear
              aria-label={t('activities.status')}
              placeholder={t('activities.allStatuses')}
              style={{ width: 120 }}
              value={status}
              onChange={(v) => set({ status: v })}
              options={activityStatuses.map((s) => ({ value: s, label: t(`activities.status.${s}`) }))}
            />
          </>
        )}
      </div>
      {view === 'makeup' ? (
        <MakeupOverview
          orgId={orgId}
          status={(['open', 'done', 'all'] as const).find((s) => s === params.get('makeup')) ?? 'open'}
          page={Number(params.get('page') ?? 1) || 1}
          onStatus={(s) => set({ makeup: s === 'open' ? null : s })}
          onPage={(p) => set({ page: String(p) })}
        />
      ) : view === 'calendar' ? (
        <ActivityCalendar orgId={orgId} kind={kind} status={status} month={params.get('month')} onMonth={(m) => set({ month: m })} />
      ) : (
        <ActivityList orgId={orgId} kind={kind} status={status} params={params} set={set} />
      )}
      {creating ? <NewActivityModal defaultOrgId={orgId} onClose={() => setCreating(false)} /> : null}
    </Card>
  );
}

type Filters = { orgId?: string; kind?: ActivityKind; status?: ActivityStatus };

function ActivityCalendar({ orgId, kind, status, month, onMonth }: Filters & { month: string | null; onMonth: (m: string) => void }) {
  const { t } = useI18n();
  const shown = month && /^\d{4}-\d{2}$/.test(month) ? dayjs(`${month}-01`) : dayjs().startOf('month');
  // The grid starts on the week of the 1st and shows six weeks.
  const from = shown.startOf('month').startOf('week');
  const to = from.add(41, 'day');
  const list = useActivities({ orgId, kind, status, from: from.format(DAY), to: to.format(DAY), page: 1, pageSize: CALENDAR_PAGE });
  const byDay = new Map<string, ActivitySummary[]>();
  for (const a of list.data?.items ?? []) {
    const day = dayOf(a);
    byDay.set(day, [...(byDay.get(day) ?? []), a]);
  }

  const cell = (date: Dayjs) => {
    const items = byDay.get(date.format(DAY)) ?? [];
    if (items.length === 0) return null;
    const first = items.slice(0, 3);
    return (
      <ul className="activity-cal__list">
        {first.map((a) => (
          <li key={a.id}>
            <Link
              to={`/activities/${a.id}`}
              className={`activity-cal__item activity-cal__item--${a.status}`}
              title={`${dayjs(a.actualStart ?? a.plannedStart).format('HH:mm')} ${a.topic} · ${a.orgName}`}
              onClick={(e) => e.stopPropagation()}
            >
              {dayjs(a.actualStart ?? a.plannedStart).format('HH:mm')} {a.topic}
            </Link>
          </li>
        ))}
        {items.length > first.length ? <li className="muted">{t('activities.more', { count: items.length - first.length })}</li> : null}
      </ul>
    );
  };

  return (
    <>
      <ErrorAlert error={list.error} style={{ marginBottom: 12 }} />
      {list.data && list.data.total > list.data.items.length ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('activities.calendarTruncated', { shown: list.data.items.length, total: list.data.total })}
        />
      ) : null}
      <div className="activity-cal__legend">
        {(['planned', 'held', 'cancelled'] as const).map((s) => (
          <span key={s} className={`activity-cal__item activity-cal__item--${s}`}>
            {t(`activities.status.${s}`)}
          </span>
        ))}
        {list.isFetching ? <Typography.Text type="secondary">{t('common.loading')}</Typography.Text> : null}
      </div>
      <Calendar
        // Today when it is in the month shown, so the highlighted day means something.
        value={dayjs().isSame(shown, 'month') ? dayjs() : shown}
        onPanelChange={(d, mode) => {
          if (mode === 'month') onMonth(d.format('YYYY-MM'));
        }}
        onChange={(d) => {
          if (!d.isSame(shown, 'month')) onMonth(d.format('YYYY-MM'));
        }}
        cellRender={(current, info) => (info.type === 'date' ? cell(current) : info.originNode)}
      />
    </>
  );
}

function ActivityList({
  orgId,
  kind,
  status,
  params,
  set,
}: Filters & { params: URLSearchParams; set: (c: Record<string, string | null | undefined>) => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const list = useActivities({ orgId, kind, status, from, to, page, pageSize });

  const columns: TableColumnsType<ActivitySummary> = [
    {
      key: 'when',
      title: t('activities.when'),
      width: 150,
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          <span>{dayOf(a)}</span>
          <span className="muted">{dayjs(a.actualStart ?? a.plannedStart).format('HH:mm')}</span>
        </Space>
      ),
    },
    { key: 'kind', title: t('activities.kind'), width: 150, render: (_, a) => <KindTag kind={a.kind} /> },
    {
      key: 'topic',
      title: t('activities.topic'),
      render: (_, a) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/activities/${a.id}`}>{a.topic}</Link>
          <span className="muted">{a.orgName}</span>
        </Space>
      ),
    },
    { key: 'status', title: t('activities.status'), width: 100, render: (_, a) => <ActivityStatusTag status={a.status} /> },
    {
      key: 'attendance',
      title: t('activities.attendance'),
      width: 110,
      render: (_, a) => (a.status === 'cancelled' ? '—' : t('activities.attendanceOf', { present: a.counts.present, expected: a.counts.expected })),
    },
    { key: 'credit', title: t('activities.creditHours'), width: 90, render: (_, a) => (a.creditHours === null ? '—' : a.creditHours) },
  ];

  return (
    <>
      <div className="table-toolbar">
        <DatePicker.RangePicker
          aria-label={t('activities.dateRange')}
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          allowEmpty={[true, true]}
          onChange={(range) => set({ from: range?.[0]?.format(DAY) ?? null, to: range?.[1]?.format(DAY) ?? null })}
        />
      </div>
      <ErrorAlert error={list.error} style={{ marginBottom: 12 }} />
      <Table<ActivitySummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 800 }}
        onRow={(a) => ({ onDoubleClick: () => navigate(`/activities/${a.id}`) })}
        pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
        onChange={(p) => set({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 20) })}
      />
    </>
  );
}
