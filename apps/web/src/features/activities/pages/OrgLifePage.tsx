/**
 * 组织生活 — the secretary's view of a subtree's activities: a month calendar of per-day counts by
 * status (a day's list loaded when it is chosen)
 * and a server-paginated list with filters (organisation, kind, status, dates). The view and its
 * filters live in the address, so a bookmark or the back button returns to the same view.
 * Without an organisation the server answers every subtree the user manages.
 */
import { useState } from 'react';
import { Button, Calendar, Card, DatePicker, Segmented, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
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
import { useActivities, useActivityCalendar } from '../queries.ts';
import '../activities.css';

const DAY = 'YYYY-MM-DD';

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
        <ActivityCalendar
          orgId={orgId}
          kind={kind}
          status={status}
          month={params.get('month')}
          day={params.get('day')}
          onMonth={(m) => set({ month: m, day: null })}
          onDay={(d) => set({ day: d })}
        />
      ) : (
        <ActivityList orgId={orgId} kind={kind} status={status} params={params} set={set} />
      )}
      {creating ? <NewActivityModal defaultOrgId={orgId} onClose={() => setCreating(false)} /> : null}
    </Card>
  );
}

type Filters = { orgId?: string; kind?: ActivityKind; status?: ActivityStatus };

/** Rows of a day's list under the calendar. */
const DAY_PAGE = 20;

/**
 * The month view: per day, how many activities by status (coloured) with their kinds in the
 * title — counts from the server, never capped. Clicking a day lists its activities below, page by
 * page, loaded only then. The day chosen is `day` in the address.
 */
function ActivityCalendar({
  orgId,
  kind,
  status,
  month,
  day,
  onMonth,
  onDay,
}: Filters & { month: string | null; day: string | null; onMonth: (m: string) => void; onDay: (d: string | null) => void }) {
  const { t, pick } = useI18n();
  const shown = month && /^\d{4}-\d{2}$/.test(month) ? dayjs(`${month}-01`) : dayjs().startOf('month');
  const calendar = useActivityCalendar({ orgId, kind, status, month: shown.format('YYYY-MM') });
  const byDay = new Map((calendar.data?.days ?? []).map((d) => [d.day, d]));
  const chosen = day && /^\d{4}-\d{2}-\d{2}$/.test(day) && dayjs(day).isSame(shown, 'month') ? day : null;

  const cell = (date: Dayjs) => {
    // The grid shows days of the next and previous months too; their counts belong to those months.
    const counts = date.isSame(shown, 'month') ? byDay.get(date.format(DAY)) : undefined;
    if (!counts) return null;
    const kinds = Object.entries(counts.byKind)
      .map(([k, n]) => `${pick(activityKindLabels[k as ActivityKind])} ${n}`)
      .join('、');
    return (
      <ul className="activity-cal__list" title={kinds} data-testid={`cal-${date.format(DAY)}`}>
        {activityStatuses
          .filter((s) => counts.byStatus[s])
          .map((s) => (
            <li key={s} className={`activity-cal__item activity-cal__item--${s}`}>
              {t('activities.calendarCount', { status: t(`activities.status.${s}`), count: counts.byStatus[s] ?? 0 })}
            </li>
          ))}
      </ul>
    );
  };

  return (
    <>
      <ErrorAlert error={calendar.error} style={{ marginBottom: 12 }} />
      <div className="activity-cal__legend">
        {(['planned', 'held', 'cancelled'] as const).map((s) => (
          <span key={s} className={`activity-cal__item activity-cal__item--${s}`}>
            {t(`activities.status.${s}`)}
          </span>
        ))}
        {calendar.data ? <Typography.Text type="secondary">{t('activities.calendarTotal', { total: calendar.data.total })}</Typography.Text> : null}
        {calendar.isFetching ? <Typography.Text type="secondary">{t('common.loading')}</Typography.Text> : null}
      </div>
      <Calendar
        // The chosen day, else today when it is in the month shown, so the highlighted day means something.
        value={chosen ? dayjs(chosen) : dayjs().isSame(shown, 'month') ? dayjs() : shown}
        onPanelChange={(d, mode) => {
          if (mode === 'month') onMonth(d.format('YYYY-MM'));
        }}
        onSelect={(d, info) => {
          if (info.source !== 'date') return;
          if (!d.isSame(shown, 'month')) onMonth(d.format('YYYY-MM'));
          onDay(d.format(DAY));
        }}
        cellRender={(current, info) => (info.type === 'date' ? cell(current) : info.originNode)}
      />
      {chosen ? <DayActivities orgId={orgId} kind={kind} status={status} day={chosen} onClose={() => onDay(null)} /> : null}
    </>
  );
}

/** One day's activities, loaded when the day is chosen. */
function DayActivities({ orgId, kind, status, day, onClose }: Filters & { day: string; onClose: () => void }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const list = useActivities({ orgId, kind, status, from: day, to: day, page, pageSize: DAY_PAGE });
  const columns: TableColumnsType<ActivitySummary> = [
    { key: 'time', title: t('activities.when'), width: 80, render: (_, a) => dayjs(a.actualStart ?? a.plannedStart).format('HH:mm') },
    { key: 'topic', title: t('activities.topic'), render: (_, a) => <Link to={`/activities/${a.id}`}>{a.topic}</Link> },
    { key: 'kind', title: t('activities.kind'), width: 160, render: (_, a) => <KindTag kind={a.kind} /> },
    { key: 'status', title: t('activities.status'), width: 100, render: (_, a) => <ActivityStatusTag status={a.status} /> },
    { key: 'org', title: t('activities.org'), render: (_, a) => a.orgName },
  ];
  return (
    <Card
      size="small"
      style={{ marginTop: 12 }}
      title={t('activities.dayTitle', { day })}
      extra={
        <Button size="small" onClick={onClose}>
          {t('activities.dayClose')}
        </Button>
      }
    >
      <ErrorAlert error={list.error} style={{ marginBottom: 12 }} />
      <Table<ActivitySummary>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        locale={{ emptyText: t('activities.dayEmpty') }}
        pagination={{ current: page, pageSize: DAY_PAGE, total: list.data?.total ?? 0, hideOnSinglePage: true, showSizeChanger: false, onChange: setPage }}
      />
    </Card>
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
