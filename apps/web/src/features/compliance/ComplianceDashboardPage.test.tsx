import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActivityDetail, ComplianceSummary, MeView, OrgCompliance, Shortfall, TrendView } from '@pioneer/domain';
import { RequireAuth } from '../../app/guards.tsx';
import { json, mockApi, renderWithProviders, type RecordedCall } from '../../test-utils.tsx';
import { ComplianceDashboardPage } from './ComplianceDashboardPage.tsx';

const ROOT = '0190a000-0000-7000-8000-000000000001';
const BRANCH = '0190a000-0000-7000-8000-000000000002';
const UNIT = '0190a000-0000-7000-8000-000000000003';
const ACTIVITY = '0190a000-0000-7000-8000-0000000000a1';

const officer: MeView = {
  userId: 'u1',
  username: 'wc',
  displayName: '李一飞',
  personId: null,
  mustChangePassword: false,
  grants: [{ role: 'committee_officer', orgId: ROOT, orgName: '县直机关工委' }],
  csrfToken: 'csrf-1',
  idleTimeoutMinutes: 30,
};
const rootOrg = { id: ROOT, code: 'W', name: '县直机关工委', kind: 'working_committee', parentId: null, depth: 0, establishedOn: null, hasCommittee: false, active: true, childCount: 3, ancestors: [] };

const summary: ComplianceSummary = {
  orgId: ROOT,
  orgName: '县直机关工委',
  period: '2026-Q3',
  periodLabel: '2026年第三季度',
  orgsJudged: 12,
  orgsAllMet: 9,
  rate: 0.75,
  attendance: { expected: 200, present: 183, rate: 0.915 },
  requirements: [
    { requirementId: 'member_assembly.quarterly', activityKind: 'member_assembly', studyForm: null, per: 'quarter', judged: 10, met: 8, rate: 0.8 },
    { requirementId: 'theme_party_day.monthly', activityKind: 'theme_party_day', studyForm: null, per: 'month', judged: 10, met: 9, rate: 0.9 },
  ],
};

const verdict = (text: string, met = false) => ({ requirementId: `r.${text}`, activityKind: 'member_assembly' as const, studyForm: null, required: 1, done: met ? 1 : 0, met, text, source: '《中国共产党支部工作条例（试行）》第十一条' });

const shortfalls = (page: number): Shortfall[] =>
  page === 1
    ? [
        { orgId: BRANCH, orgName: '县财政局机关第二党支部', orgKind: 'branch', reasons: [verdict('2026年第三季度 支部党员大会 0/1 次'), verdict('2026年第三季度 主题党日 2/3 次（2026年8月 0/1）')] },
        { orgId: UNIT, orgName: '县教育局党委', orgKind: 'party_committee', reasons: [verdict('2026年第三季度 理论学习中心组学习 2/3 次')] },
      ]
    : [{ orgId: '0190a000-0000-7000-8000-000000000009', orgName: '县水利局党支部', orgKind: 'branch', reasons: [verdict('2026年第三季度 支部党员大会 0/1 次')] }];

const trend: TrendView = {
  orgId: ROOT,
  points: [
    { period: '2026-08', periodLabel: '2026年8月', orgsJudged: 12, orgsAllMet: 10, rate: 10 / 12, attendanceRate: 0.9 },
    { period: '2026-09', periodLabel: '2026年9月', orgsJudged: 12, orgsAllMet: 9, rate: 0.75, attendanceRate: 0.92 },
  ],
};

const branchCompliance: OrgCompliance = {
  orgId: BRANCH,
  orgName: '县财政局机关第二党支部',
  orgKind: 'branch',
  period: '2026-Q3',
  periodLabel: '2026年第三季度',
  judged: true,
  allMet: false,
  verdicts: [verdict('2026年第三季度 支部党员大会 0/1 次'), { ...verdict('2026年第三季度 支部委员会 3/3 次', true), requirementId: 'committee_meeting.monthly' }],
  attendance: { expected: 30, present: 27, rate: 0.9 },
  activities: [{ id: ACTIVITY, kind: 'theme_party_day', studyForm: 'on_site', topic: '参观红色教育基地', heldOn: '2026-07-01', expected: 10, present: 9 }],
};

const activity: ActivityDetail = {
  id: ACTIVITY,
  orgId: BRANCH,
  orgName: '县财政局机关第二党支部',
  kind: 'theme_party_day',
  status: 'held',
  topic: '参观红色教育基地',
  plannedStart: '2026-07-01T01:00:00.000Z',
  plannedEnd: null,
  actualStart: '2026-07-01T01:00:00.000Z',
  actualEnd: '2026-07-01T03:00:00.000Z',
  heldOn: '2026-07-01',
  place: '县革命纪念馆',
  onlineLink: null,
  studyForm: 'on_site',
  planId: null,
  centralGroupId: null,
  creditHours: 2,
  counts: { expected: 10, present: 9, absent: 0, leave: 1, pending: 0 },
  version: 3,
  speakerPersonId: null,
  speakerName: '王讲师',
  materials: null,
  minutes: null,
  cancelReason: null,
  partnerOrgs: [],
  centralGroup: null,
  attendees: [
    { personId: 'p1', name: '张三', orgId: BRANCH, orgName: '县财政局机关第二党支部', role: 'expected', voting: true, status: 'present', leaveReason: null, signedInAt: '2026-07-01T00:58:00.000Z', markedVia: 'qr' },
    { personId: 'p2', name: '李四', orgId: BRANCH, orgName: '县财政局机关第二党支部', role: 'expected', voting: true, status: 'leave', leaveReason: '出差', signedInAt: null, markedVia: 'leave_request' },
  ],
  guests: [],
  resolutions: [],
  attachments: [],
  createdAt: '2026-06-20T01:00:00.000Z',
  updatedAt: '2026-07-01T04:00:00.000Z',
  canManage: true,
};

function Where() {
  const location = useLocation();
  return <output data-testid="where">{location.pathname + location.search}</output>;
}

function renderDashboard(path = `/compliance?orgId=${ROOT}&period=2026-Q3`) {
  return renderWithProviders(
    <>
      <Routes>
        <Route
          path="/compliance"
          element={
            <RequireAuth>
              <ComplianceDashboardPage />
            </RequireAuth>
          }
        />
        <Route path="/activities/:id" element={<p>activity page</p>} />
      </Routes>
      <Where />
    </>,
    { path },
  );
}

const api = () =>
  mockApi({
    'GET /auth/me': json(200, officer),
    [`GET /orgs/${ROOT}`]: json(200, rootOrg),
    'GET /compliance/summary': json(200, summary),
    'GET /compliance/shortfalls': (call: RecordedCall) => {
      const page = Number(new URL(call.url, 'http://x').searchParams.get('page'));
      return json(200, { items: shortfalls(page), total: 21, page, pageSize: 20 });
    },
    'GET /compliance/trend': json(200, trend),
    [`GET /compliance/orgs/${BRANCH}`]: json(200, branchCompliance),
    [`GET /activities/${ACTIVITY}`]: json(200, activity),
  });

const query = (call: RecordedCall) => Object.fromEntries(new URL(call.url, 'http://x').searchParams);

describe('ComplianceDashboardPage', { timeout: 120_000 }, () => {
  beforeEach(() => {
    // jsdom has no canvas; ECharts only measures text with one (it draws SVG), so widths by length will do.
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
      () => ({ measureText: (text: string) => ({ width: text.length * 12 }), font: '' }) as unknown as CanvasRenderingContext2D,
    );
  });

  it('shows the KPIs and each organisation that fell short with the verdict lines the server gave, page by page', async () => {
    const { calls } = api();
    const { container } = renderDashboard();
    expect(await screen.findByText('2026年第三季度 支部党员大会 0/1 次', {}, { timeout: 30_000 })).toBeTruthy();
    expect(screen.getByText('2026年第三季度 主题党日 2/3 次（2026年8月 0/1）')).toBeTruthy();
    expect(screen.getByText('县教育局党委')).toBeTruthy();
    expect(screen.getByText('党委')).toBeTruthy();

    // KPIs are the server's figures, with its rates shown as percentages.
    await waitFor(() => expect(container.textContent).toContain('91.5%'));
    expect(container.textContent).toContain('75%');
    expect(screen.getByText('实到 183 / 应到 200 人次')).toBeTruthy();
    const kpis = Array.from(container.querySelectorAll('.ant-statistic')).map((el) => el.textContent);
    expect(kpis).toEqual(['参与考核的组织12', '全部达标的组织975%', '未达标的组织21', '出席率91.5%']);

    // Each figure is asked for the subtree and period in the address; the trend ends with the quarter's last month.
    const asked = (path: string) => calls.filter((c) => c.url.startsWith(`/api/v1${path}?`)).map(query);
    expect(asked('/compliance/summary')[0]).toEqual({ orgId: ROOT, period: '2026-Q3' });
    expect(asked('/compliance/shortfalls')[0]).toEqual({ orgId: ROOT, period: '2026-Q3', page: '1', pageSize: '20' });
    expect(asked('/compliance/trend')[0]).toEqual({ orgId: ROOT, month: '2026-09' });

    // 21 shortfalls: the second page is asked from the server.
    await act(async () => {
      fireEvent.click(screen.getByTitle('2'));
    });
    expect(await screen.findByText('县水利局党支部')).toBeTruthy();
    expect(asked('/compliance/shortfalls').at(-1)).toEqual({ orgId: ROOT, period: '2026-Q3', page: '2', pageSize: '20' });
    expect(screen.getByTestId('where').textContent).toContain('page=2');
  });

  it('drills down from an organisation to the activities counted and from an activity to its attendance', async () => {
    const { calls } = api();
    renderDashboard();
    fireEvent.click(await screen.findByRole('button', { name: '县财政局机关第二党支部' }, { timeout: 30_000 }));

    const orgDrawer = await screen.findByRole('dialog');
    expect(await within(orgDrawer).findByText('参观红色教育基地')).toBeTruthy();
    expect(within(orgDrawer).getByText('2026年第三季度 支部委员会 3/3 次')).toBeTruthy();
    expect(within(orgDrawer).getByText('该组织在此期间有未达标的要求，见下表。')).toBeTruthy();
    expect(within(orgDrawer).getByText('9 / 10')).toBeTruthy();
    expect(calls.some((c) => c.url === `/api/v1/compliance/orgs/${BRANCH}?period=2026-Q3`)).toBe(true);
    expect(screen.getByTestId('where').textContent).toContain(`org=${BRANCH}`);

    fireEvent.click(within(orgDrawer).getByRole('button', { name: /参观红色教育基地/ }));
    await waitFor(() => expect(screen.getAllByRole('dialog')).toHaveLength(2));
    const activityDrawer = screen.getAllByRole('dialog')[1]!;
    expect(await within(activityDrawer).findByText('张三')).toBeTruthy();
    expect(within(activityDrawer).getByText('请假事由：出差')).toBeTruthy();
    expect(within(activityDrawer).getByText('扫码签到')).toBeTruthy();
    expect(within(activityDrawer).getByText('应到 10，出席 9，缺席 0，请假 1，未签到 0')).toBeTruthy();
    expect(screen.getByTestId('where').textContent).toContain(`activity=${ACTIVITY}`);

    // The record itself is edited on the secretary's page.
    fireEvent.click(within(activityDrawer).getByRole('button', { name: /打开活动记录页/ }));
    expect(await screen.findByText('activity page')).toBeTruthy();
    expect(screen.getByTestId('where').textContent).toBe(`/activities/${ACTIVITY}`);
  });

  it('reopens a drill-down from the address, so a shared link shows the same organisation', async () => {
    api();
    renderDashboard(`/compliance?orgId=${ROOT}&period=2026-Q3&org=${BRANCH}`);
    const drawer = await screen.findByRole('dialog', {}, { timeout: 30_000 });
    expect(await within(drawer).findByText('参观红色教育基地')).toBeTruthy();
  });
});
