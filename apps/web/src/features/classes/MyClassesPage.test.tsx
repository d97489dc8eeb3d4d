/**
 * 我的培训班 (members): my classes with my enrolment status, my attendance per session and why I
 * did not complete; asking for leave from an upcoming session with my reason (refused with the
 * server's reason once it has started) and withdrawing it; applying to a class open to me.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MyClasses, MyClassView } from '@pioneer/domain';
import { apiError, json, meView, mockApi, renderPageAt } from '../../test-utils.tsx';
import { MyClassesPage } from './MyClassesPage.tsx';

const ROOT = '0190a000-0000-7000-8000-000000000001';
const OPEN_CLASS = '0190a000-0000-7000-8000-0000000000c1';
const DONE_CLASS = '0190a000-0000-7000-8000-0000000000c2';
const OFFERED = '0190a000-0000-7000-8000-0000000000c3';
const PAST = '0190a000-0000-7000-8000-0000000000d1';
const NEXT = '0190a000-0000-7000-8000-0000000000d2';
const LATER = '0190a000-0000-7000-8000-0000000000d3';
const ON_LEAVE = '0190a000-0000-7000-8000-0000000000d4';
const year = new Date().getFullYear();
const inDays = (days: number, hour: number) => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  d.setHours(hour, 0, 0, 0);
  return d.toISOString();
};

const me = meView([{ role: 'member', orgId: ROOT, orgName: '县财政局党支部' }], { userId: 'u2', username: 'li', displayName: '李经济', personId: '0190a000-0000-7000-8000-0000000000f1' });
const summary: MyClasses['mine'][number] = {
  id: OPEN_CLASS,
  orgId: ROOT,
  orgName: '县直机关工委',
  year,
  title: '年轻党员理论培训班',
  type: 'thematic',
  targetGroup: 'all_members',
  level: 'county',
  capacity: 50,
  selfEnrolment: true,
  rotationId: null,
  rotationTitle: null,
  venue: '县委党校',
  notes: null,
  status: 'open',
  enrolled: 30,
  requested: 0,
  sessionCount: 4,
  totalHours: 12,
  firstDay: `${year}-01-01`,
  lastDay: `${year}-12-31`,
  completedAt: null,
  version: 1,
  myStatus: 'enrolled',
  myOutcome: null,
  myOutcomeReason: null,
  canEnrol: false,
};
const session = (id: string, topic: string, startsAt: string, myStatus: MyClassView['sessions'][number]['myStatus'], leaveReason: string | null = null): MyClassView['sessions'][number] => ({
  id,
  startsAt,
  endsAt: startsAt,
  heldOn: startsAt.slice(0, 10),
  hours: 3,
  topic,
  lecturerName: '张建国',
  venue: null,
  myStatus,
  leaveReason,
  signinOpen: false,
});
const openDetail: MyClassView = {
  ...summary,
  sessions: [
    session(PAST, '党章党规学习', inDays(-2, 9), 'present'),
    session(NEXT, '县域经济发展', inDays(3, 9), null),
    session(LATER, '基层治理实务', inDays(5, 9), null),
    session(ON_LEAVE, '廉洁从政教育', inDays(7, 9), 'leave', '出差'),
  ],
};
const done: MyClasses['mine'][number] = { ...summary, id: DONE_CLASS, title: '春季党员集中轮训班', status: 'completed', completedAt: `${year}-03-31T00:00:00Z`, myOutcome: 'not_completed', myOutcomeReason: 'leave_over_limit' };
const offered: MyClasses['open'][number] = { ...summary, id: OFFERED, title: '党务干部业务提升班', orgName: '县财政局党委', firstDay: `${year}-11-03`, myStatus: null, canEnrol: true };
const mine: MyClasses = { mine: [summary, done], open: [offered] };

const renderAt = (path: string, element: React.ReactNode) => renderPageAt(path, element);

const baseRoutes = {
  'GET /auth/me': json(200, me),
  'GET /me/classes': json(200, mine),
  [`GET /me/classes/${OPEN_CLASS}`]: json(200, openDetail),
  [`GET /me/classes/${DONE_CLASS}`]: json(200, { ...done, sessions: [] }),
};
const item = (topic: string) => screen.getByText(new RegExp(topic)).closest('.ant-list-item') as HTMLElement;

// A minute per test: the cards and lists take tens of seconds in jsdom on a loaded machine.
describe('MyClassesPage', { timeout: 60_000 }, () => {
  it('shows my classes with my status, my attendance per session, why I did not complete, and applies to a class open to me', async () => {
    const { calls } = mockApi({ ...baseRoutes, [`POST /me/classes/${OFFERED}/enrol`]: json(200, { ...offered, myStatus: 'requested', canEnrol: false, sessions: [] }) });
    renderAt('/my-classes', <MyClassesPage />);
    expect(await screen.findByText('年轻党员理论培训班', undefined, { timeout: 15_000 })).toBeTruthy();
    const [current, completed] = screen.getAllByTestId('my-class') as [HTMLElement, HTMLElement];
    expect(within(current).getByText('已报名')).toBeTruthy();
    expect(within(current).getByText('县直机关工委 · 总学时 12')).toBeTruthy();
    expect(await within(current).findByText(/党章党规学习（3）/)).toBeTruthy();
    expect(within(item('党章党规学习')).getByText('出席')).toBeTruthy();
    expect(within(item('廉洁从政教育')).getByText('请假')).toBeTruthy();
    expect(within(completed).getByText('请假超过总学时的1/7，不予结业')).toBeTruthy();

    expect(screen.getByText('可报名的培训班')).toBeTruthy();
    expect(screen.getByText(`县财政局党委 · ${year}-11-03`)).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /报\s*名/ }));
    });
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.url).toBe(`/api/v1/me/classes/${OFFERED}/enrol`));
    expect(await screen.findByText('已提交报名，等待主办方审核')).toBeTruthy();
  });

  it('asks for leave from one upcoming session with my reason, and withdraws leave from another', async () => {
    const { calls } = mockApi({
      ...baseRoutes,
      [`POST /me/class-sessions/${LATER}/leave`]: json(200, openDetail),
      [`DELETE /me/class-sessions/${ON_LEAVE}/leave`]: json(200, openDetail),
    });
    renderAt('/my-classes', <MyClassesPage />);
    await screen.findByText(/基层治理实务/, undefined, { timeout: 15_000 });
    // A past session and one I am on leave from take no new request.
    expect(within(item('党章党规学习')).queryByRole('textbox')).toBeNull();
    expect(within(item('廉洁从政教育')).queryByRole('textbox')).toBeNull();

    fireEvent.change(screen.getByRole('textbox', { name: '基层治理实务 请假原因' }), { target: { value: '参加县人大会议' } });
    // The reason is for that session only.
    expect((screen.getByRole('textbox', { name: '县域经济发展 请假原因' }) as HTMLInputElement).value).toBe('');
    await act(async () => {
      fireEvent.click(within(item('基层治理实务')).getByRole('button', { name: /请\s*假/ }));
    });
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')).toBeTruthy());
    const leave = calls.find((c) => c.method === 'POST')!;
    expect(leave.url).toBe(`/api/v1/me/class-sessions/${LATER}/leave`);
    expect(leave.body).toEqual({ reason: '参加县人大会议' });

    await act(async () => {
      fireEvent.click(within(item('廉洁从政教育')).getByRole('button', { name: '撤回请假' }));
    });
    await waitFor(() => expect(calls.find((c) => c.method === 'DELETE')?.url).toBe(`/api/v1/me/class-sessions/${ON_LEAVE}/leave`));
  });

  it("shows the server's reason when the session has already started", async () => {
    const tooLate = '该课程已开始，不能再请假；如有特殊情况，请联系主办方在签到表中登记。';
    mockApi({ ...baseRoutes, [`POST /me/class-sessions/${NEXT}/leave`]: apiError(409, 'CLASS_LEAVE_TOO_LATE', tooLate) });
    renderAt('/my-classes', <MyClassesPage />);
    fireEvent.change(await screen.findByRole('textbox', { name: '县域经济发展 请假原因' }, { timeout: 15_000 }), { target: { value: '身体不适' } });
    await act(async () => {
      fireEvent.click(within(item('县域经济发展')).getByRole('button', { name: /请\s*假/ }));
    });
    expect(await screen.findByText(tooLate)).toBeTruthy();
  });
});
