/**
 * One training class (/classes/:id): a unit nominates its people (refused with the server's reason
 * when the class is full), organisers decide applications, mark a session's roster, and complete
 * the class, whose report says per person whether they completed and why not.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ClassReport, ClassRoster, ClassView, EnrolmentList } from '@pioneer/domain';
import { apiError, json, meView, mockApi, renderPageAt } from '../../test-utils.tsx';
import { ClassPage } from './ClassPage.tsx';

const ROOT = '0190a000-0000-7000-8000-000000000001';
const CLASS = '0190a000-0000-7000-8000-0000000000c1';
const SESSION = '0190a000-0000-7000-8000-0000000000d1';
const P1 = '0190a000-0000-7000-8000-0000000000f1';
const P2 = '0190a000-0000-7000-8000-0000000000f2';
const P3 = '0190a000-0000-7000-8000-0000000000f3';
const P4 = '0190a000-0000-7000-8000-0000000000f4';

const me = meView([{ role: 'committee_officer', orgId: ROOT, orgName: '县直机关工委' }]);
const cls: ClassView = {
  id: CLASS,
  orgId: ROOT,
  orgName: '县直机关工委',
  year: 2026,
  title: '2026年第一期书记培训班',
  type: 'secretaries',
  targetGroup: 'secretaries',
  level: 'county',
  capacity: 50,
  selfEnrolment: true,
  rotationId: null,
  rotationTitle: null,
  venue: '县委党校',
  notes: null,
  status: 'open',
  enrolled: 2,
  requested: 1,
  sessionCount: 1,
  totalHours: 14,
  firstDay: '2026-04-08',
  lastDay: '2026-04-08',
  completedAt: null,
  version: 1,
  canManage: true,
  sessions: [
    {
      id: SESSION,
      classId: CLASS,
      startsAt: '2026-04-08T09:00:00+08:00',
      endsAt: '2026-04-08T12:00:00+08:00',
      heldOn: '2026-04-08',
      hours: 3,
      topic: '新时代党建工作要点',
      lecturerId: null,
      lecturerName: '张建国',
      courseId: null,
      courseTitle: '基层党建实务',
      direction: null,
      venue: null,
      signin: { open: false, opensAt: null, expiresAt: null },
      present: 1,
      version: 1,
    },
  ],
};
const enrolment = (personId: string, name: string, extra: Partial<EnrolmentList['items'][number]> = {}): EnrolmentList['items'][number] => ({
  personId,
  name,
  orgId: ROOT,
  orgName: '县财政局党支部',
  category: 'full',
  status: 'enrolled',
  via: 'nomination',
  reason: null,
  outcome: null,
  outcomeReason: null,
  updatedAt: '2026-03-01T00:00:00.000Z',
  ...extra,
});
const enrolments: EnrolmentList = {
  items: [enrolment(P1, '李经济'), enrolment(P2, '赵书记', { status: 'requested', via: 'self' }), enrolment(P3, '钱党务', { status: 'rejected', via: 'self', reason: '不属于本次培训对象' })],
  enrolled: 2,
  capacity: 50,
};
const roster: ClassRoster = {
  sessionId: SESSION,
  classId: CLASS,
  signin: { open: false, opensAt: null, expiresAt: null },
  counts: { enrolled: 3, present: 1, absent: 0, leave: 0, unmarked: 2 },
  entries: [
    { personId: P1, name: '李经济', orgName: '县财政局党支部', status: 'present', via: 'qr', leaveReason: null, signedInAt: '2026-04-08T08:55:00+08:00' },
    { personId: P2, name: '赵书记', orgName: '县发改局党支部', status: null, via: null, leaveReason: null, signedInAt: null },
    { personId: P4, name: '孙委员', orgName: '县发改局党支部', status: null, via: null, leaveReason: null, signedInAt: null },
  ],
};
const report: ClassReport = {
  classId: CLASS,
  status: 'completed',
  completedAt: '2026-04-11T00:00:00.000Z',
  totalHours: 14,
  allowedMissHours: 2,
  completed: 1,
  notCompleted: 1,
  creditedHours: 14,
  rows: [
    { personId: P1, name: '李经济', orgName: '县财政局党支部', completed: true, reason: 'attended', attendedHours: 14, leaveHours: 0, absentHours: 0 },
    { personId: P4, name: '孙委员', orgName: '县发改局党支部', completed: false, reason: 'missed_over_limit', attendedHours: 8, leaveHours: 3, absentHours: 3 },
  ],
};

const renderAt = (path: string, element: React.ReactNode) => renderPageAt(path, element, '/classes/:id');

const baseRoutes = {
  'GET /auth/me': json(200, me),
  [`GET /classes/${CLASS}`]: json(200, cls),
  [`GET /classes/${CLASS}/enrolments`]: json(200, enrolments),
  'GET /people': (call: { url: string }) =>
    json(200, { items: call.url.includes('q=') ? [{ id: P4, name: '孙委员', orgName: '县发改局党支部' }] : [{ id: P1, name: '李经济', orgName: '县财政局党支部' }], total: 1, page: 1, pageSize: 50 }),
};

/** Opens the enrolment tab and picks 孙委员, found by pinyin among the people of the officer's organisation. */
async function pickNominee(calls: Array<{ url: string }>) {
  fireEvent.click(await screen.findByRole('tab', { name: '报名' }, { timeout: 15_000 }));
  const picker = await screen.findByRole('combobox', { name: '选择本单位人员' });
  await act(async () => {
    fireEvent.mouseDown(picker);
    fireEvent.change(picker, { target: { value: 'swy' } });
  });
  await waitFor(() => expect(calls.some((c) => c.url.startsWith('/api/v1/people?') && c.url.includes(`orgId=${ROOT}`) && c.url.includes('q=swy'))).toBe(true));
  fireEvent.click(await screen.findByTitle('孙委员（县发改局党支部）'));
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '推荐人员' }));
  });
}

// Two minutes per test, as the compliance dashboard's: the tabs, pickers and dialogs took up to 35 s of a
// minute when run beside the other training pages' tests on a loaded two-core machine.
describe('ClassPage: enrolment', { timeout: 120_000 }, () => {
  it('shows the enrolments with how each came and their status, and nominates a person found by pinyin', async () => {
    const { calls } = mockApi({ ...baseRoutes, [`POST /classes/${CLASS}/nominations`]: json(200, { ...enrolments, items: [...enrolments.items, enrolment(P4, '孙委员')], enrolled: 3 }) });
    renderAt(`/classes/${CLASS}`, <ClassPage />);
    expect(await screen.findByText('2026年第一期书记培训班', undefined, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByTestId('class-enrolled').textContent).toBe('2 / 50');
    expect(screen.getByText('党组织书记')).toBeTruthy();

    await pickNominee(calls);
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')).toBeTruthy());
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url).toBe(`/api/v1/classes/${CLASS}/nominations`);
    expect(post.body).toEqual({ personIds: [P4] });
    expect(await screen.findByText('已推荐 1 人')).toBeTruthy();

    const row = (name: string) => screen.getByRole('cell', { name }).closest('tr')!;
    expect(within(row('李经济')).getByText('单位推荐')).toBeTruthy();
    expect(within(row('李经济')).getByText('已报名')).toBeTruthy();
    expect(within(row('赵书记')).getByText('个人报名')).toBeTruthy();
    expect(within(row('赵书记')).getByText('待审核')).toBeTruthy();
    expect(within(row('钱党务')).getByText('未通过')).toBeTruthy();
    expect(within(row('钱党务')).getByText('不属于本次培训对象')).toBeTruthy();
  });

  it("shows the server's reason when the class is full and nominates nobody", async () => {
    const full = '培训班名额已满（共 50 人，已报名 50 人，本次 1 人）。请减少人数，或请主办单位增加名额。';
    const { calls } = mockApi({ ...baseRoutes, [`POST /classes/${CLASS}/nominations`]: apiError(409, 'CLASS_FULL', full) });
    renderAt(`/classes/${CLASS}`, <ClassPage />);
    await pickNominee(calls);
    expect(await screen.findByText(full)).toBeTruthy();
    expect(screen.queryByText('已推荐 1 人')).toBeNull();
  });

  const requested: EnrolmentList = { ...enrolments, items: [enrolments.items[0]!, enrolments.items[1]!, enrolment(P4, '孙委员', { status: 'requested', via: 'self' })] };
  const row = (name: string) => screen.getByRole('cell', { name }).closest('tr')!;

  it('approves an application (organisers)', async () => {
    const { calls } = mockApi({
      ...baseRoutes,
      [`GET /classes/${CLASS}/enrolments`]: json(200, requested),
      [`POST /classes/${CLASS}/enrolments/${P2}/approve`]: json(200, requested),
    });
    renderAt(`/classes/${CLASS}`, <ClassPage />);
    fireEvent.click(await screen.findByRole('tab', { name: '报名' }, { timeout: 15_000 }));
    await screen.findByRole('cell', { name: '赵书记' });
    await act(async () => {
      fireEvent.click(within(row('赵书记')).getByRole('button', { name: /^通\s*过$/ }));
    });
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.url).toBe(`/api/v1/classes/${CLASS}/enrolments/${P2}/approve`));
  });

  it('rejects an application with the reason the organiser typed, not a placeholder', async () => {
    const { calls } = mockApi({
      ...baseRoutes,
      [`GET /classes/${CLASS}/enrolments`]: json(200, requested),
      [`POST /classes/${CLASS}/enrolments/${P4}/reject`]: json(200, requested),
    });
    renderAt(`/classes/${CLASS}`, <ClassPage />);
    fireEvent.click(await screen.findByRole('tab', { name: '报名' }, { timeout: 15_000 }));
    await screen.findByRole('cell', { name: '孙委员' });
    fireEvent.click(within(row('孙委员')).getByRole('button', { name: '不通过' }));
    fireEvent.change(await screen.findByLabelText('不通过的原因'), { target: { value: '不属于党组织书记' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /OK|确\s*定/ }));
    });
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')).toBeTruthy());
    const reject = calls.find((c) => c.method === 'POST')!;
    expect(reject.url).toBe(`/api/v1/classes/${CLASS}/enrolments/${P4}/reject`);
    expect(reject.body).toEqual({ reason: '不属于党组织书记' });
  });
});

describe('ClassPage: roster and completion', { timeout: 60_000 }, () => {
  it("shows a session's counts and saves the marks changed on its roster", async () => {
    const { calls } = mockApi({
      ...baseRoutes,
      [`GET /class-sessions/${SESSION}/roster`]: json(200, roster),
      [`PUT /class-sessions/${SESSION}/roster`]: json(200, { ...roster, counts: { enrolled: 3, present: 2, absent: 0, leave: 1, unmarked: 0 } }),
    });
    renderAt(`/classes/${CLASS}`, <ClassPage />);
    expect(await screen.findByText('新时代党建工作要点', undefined, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByText('张建国 · 基层党建实务')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /考\s*勤/ }));
    expect(await screen.findByText('考勤：新时代党建工作要点')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('class-roster-counts').textContent).toBe('应到 3 人，出席 1，请假 0，缺勤 0，未登记 2'));
    expect(screen.getByRole('button', { name: '保存考勤' }).hasAttribute('disabled')).toBe(true);

    fireEvent.click(within(screen.getByRole('radiogroup', { name: '赵书记 考勤' })).getByRole('radio', { name: '出席' }));
    fireEvent.click(within(screen.getByRole('radiogroup', { name: '孙委员 考勤' })).getByRole('radio', { name: '请假' }));
    fireEvent.change(screen.getByLabelText('孙委员 请假原因'), { target: { value: '  到省里出差  ' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存考勤' }));
    });
    await waitFor(() => expect(calls.find((c) => c.method === 'PUT')).toBeTruthy());
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.url).toBe(`/api/v1/class-sessions/${SESSION}/roster`);
    // Only the changed people are sent; a leave carries the reason the organiser typed, as the server requires.
    expect(put.body).toEqual({ entries: [{ personId: P2, status: 'present' }, { personId: P4, status: 'leave', leaveReason: '到省里出差' }] });
    expect(await screen.findByText('考勤已保存')).toBeTruthy();
  });

  it('completes the class and shows who completed and why the others did not', async () => {
    let completed = false;
    const { calls } = mockApi({
      ...baseRoutes,
      [`GET /classes/${CLASS}`]: () => json(200, { ...cls, status: completed ? 'completed' : 'open' }),
      [`GET /classes/${CLASS}/report`]: () => json(200, completed ? report : { ...report, status: 'open', completedAt: null, completed: 0, notCompleted: 0, creditedHours: 0, rows: [] }),
      [`POST /classes/${CLASS}/complete`]: () => ((completed = true), json(200, report)),
    });
    renderAt(`/classes/${CLASS}`, <ClassPage />);
    fireEvent.click(await screen.findByRole('tab', { name: '结业情况' }, { timeout: 15_000 }));
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: /结\s*业/ }));
    });
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: /OK|确\s*定/ }));
    });
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.url).toBe(`/api/v1/classes/${CLASS}/complete`));
    await waitFor(() => expect(screen.getByTestId('class-report-summary').textContent).toBe('总学时 14，可缺课 2 学时；结业 1 人，未结业 1 人，计入学时 14'));
    const row = (name: string) => screen.getByRole('cell', { name }).closest('tr')!;
    expect(within(row('李经济')).getByText('缺课未超过总学时的1/7，准予结业')).toBeTruthy();
    expect(within(row('孙委员')).getByText('请假和缺勤合计超过总学时的1/7，不予结业')).toBeTruthy();
    expect([...row('孙委员').querySelectorAll('td')].slice(2, 5).map((td) => td.textContent)).toEqual(['8', '3', '3']);
    // The class now reads as completed, and completing again re-derives the outcomes.
    expect(await screen.findByText('已结业')).toBeTruthy();
    expect(screen.getByRole('button', { name: '重新核定结业' })).toBeTruthy();
  });

  it("shows the server's reason when sessions have not ended yet", async () => {
    const notOver = '还有 1 次课程尚未结束（最后一次于 2026-04-08 12:00 结束），全部结束后才能结业。';
    mockApi({
      ...baseRoutes,
      [`GET /classes/${CLASS}/report`]: json(200, { ...report, status: 'open', completedAt: null, completed: 0, notCompleted: 0, creditedHours: 0, rows: [] }),
      [`POST /classes/${CLASS}/complete`]: apiError(409, 'CLASS_SESSIONS_NOT_OVER', notOver),
    });
    renderAt(`/classes/${CLASS}`, <ClassPage />);
    fireEvent.click(await screen.findByRole('tab', { name: '结业情况' }, { timeout: 15_000 }));
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: /结\s*业/ }));
    });
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: /OK|确\s*定/ }));
    });
    expect(await screen.findByText(notOver)).toBeTruthy();
    expect(screen.getByText('进行中')).toBeTruthy();
  });
});
