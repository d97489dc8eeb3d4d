import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { FeedbackSessionView, LecturerDetail, LecturerRequestView, MeView } from '@pioneer/domain';
import { apiError, json, mockApi, renderPageAt } from '../../test-utils.tsx';
import { MyTeachingPage } from './MyTeachingPage.tsx';
import { LecturerFormModal } from './components.tsx';
import { TeacherPoolPage } from './TeacherPoolPage.tsx';

const ROOT = '0190a000-0000-7000-8000-000000000001';
const LECTURER = '0190a000-0000-7000-8000-0000000000a1';
const REQUEST = '0190a000-0000-7000-8000-0000000000b1';
const SESSION = '0190a000-0000-7000-8000-0000000000c1';
const CLASS_SESSION = '0190a000-0000-7000-8000-0000000000c2';

const me = (role: 'committee_officer' | 'secretary' | 'member', personId: string | null = null): MeView => ({
  userId: 'u1',
  username: 'wang',
  displayName: '王五',
  personId,
  mustChangePassword: false,
  grants: [{ role, orgId: ROOT, orgName: '县直机关工委' }],
  csrfToken: 'csrf-1',
  idleTimeoutMinutes: 30,
});
const directions = [
  { code: 'political_theory', nameZh: '政治理论', nameEn: 'Political theory', builtin: true },
  { code: 'modern_economy', nameZh: '现代经济', nameEn: 'Modern economy', builtin: true },
];
const lecturer: LecturerDetail = {
  id: LECTURER,
  kind: 'external',
  name: '张建国',
  title: '副教授',
  unit: '县委党校',
  directions: ['modern_economy'],
  status: 'proposed',
  courseCount: 1,
  phone: '138****5678',
  hasAccount: false,
  personId: null,
  bio: null,
  proposedByOrgId: ROOT,
  proposedByOrgName: '县直机关工委',
  rejectReason: null,
  courses: [{ id: '0190a000-0000-7000-8000-0000000000d1', lecturerId: LECTURER, lecturerName: '张建国', title: '县域经济发展', direction: 'modern_economy', minutes: 90, format: 'lecture', summary: null, status: 'active', version: 1 }],
  version: 1,
};
const page = <T,>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 20 });

const renderAt = (path: string, element: React.ReactNode) => renderPageAt(path, element, path.split('?')[0]);

// A minute per test: these pages take tens of seconds in jsdom on a loaded two-core machine.
describe('TeacherPoolPage', { timeout: 60_000 }, () => {
  it('searches the pool by direction and pinyin, opens a proposal and approves it (working committee)', async () => {
    let approved = false;
    const { calls } = mockApi({
      'GET /auth/me': json(200, me('committee_officer')),
      'GET /teacher-directions': json(200, directions),
      'GET /lecturers': json(200, page([lecturer])),
      [`GET /lecturers/${LECTURER}`]: () => json(200, { ...lecturer, status: approved ? 'active' : 'proposed' }),
      [`POST /lecturers/${LECTURER}/approve`]: () => ((approved = true), json(200, { ...lecturer, status: 'active' })),
    });
    renderAt('/teachers', <TeacherPoolPage />);
    // The first render of the page loads antd's table and tabs: slow on a loaded machine.
    expect(await screen.findByRole('button', { name: '张建国' }, { timeout: 30_000 })).toBeTruthy();
    expect(screen.getByText('现代经济')).toBeTruthy();

    await act(async () => {
      fireEvent.change(screen.getByRole('searchbox', { name: '姓名、拼音首字母或单位' }), { target: { value: 'zjg' } });
      fireEvent.keyDown(screen.getByRole('searchbox', { name: '姓名、拼音首字母或单位' }), { key: 'Enter', keyCode: 13 });
    });
    await waitFor(() => expect(calls.some((c) => c.url.includes('/lecturers?') && c.url.includes('q=zjg'))).toBe(true));

    fireEvent.click(screen.getByRole('button', { name: '张建国' }));
    expect(await screen.findByText('县域经济发展')).toBeTruthy();
    expect(screen.getByText('138****5678')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '审核入库' }));
    });
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url === `/api/v1/lecturers/${LECTURER}/approve`)).toBe(true));
    // Only the working committee sees the feedback tab.
    expect(screen.getByRole('tab', { name: '评课汇总' })).toBeTruthy();
  });

  it("shows a secretary no feedback tab and offers to propose a lecturer instead of adding one", async () => {
    mockApi({
      'GET /auth/me': json(200, me('secretary')),
      'GET /teacher-directions': json(200, directions),
      'GET /lecturers': json(200, page([])),
    });
    renderAt('/teachers', <TeacherPoolPage />);
    expect(await screen.findByText('没有符合条件的讲师。')).toBeTruthy();
    expect(screen.queryByRole('tab', { name: '评课汇总' })).toBeNull();
    expect(screen.getByRole('button', { name: /推荐讲师/ })).toBeTruthy();
  });
});

describe('LecturerFormModal', { timeout: 60_000 }, () => {
  it('adds an internal lecturer picked by name among the people the officer manages, sending the person id', async () => {
    const PERSON = '0190a000-0000-7000-8000-0000000000e1';
    const { calls } = mockApi({
      'GET /auth/me': json(200, me('committee_officer')),
      'GET /teacher-directions': json(200, directions),
      'GET /people': (call) => json(200, { items: call.url.includes('q=') ? [{ id: PERSON, name: '欧阳明', orgName: '第一党支部' }] : [], total: 1, page: 1, pageSize: 20 }),
      'POST /lecturers': json(201, { ...lecturer, kind: 'internal', name: '欧阳明', personId: PERSON, status: 'active' }),
    });
    renderAt('/teachers', <LecturerFormModal open onClose={() => undefined} />);
    fireEvent.click(await screen.findByRole('radio', { name: '内部讲师' }));
    const picker = await screen.findByLabelText('本系统人员');
    await act(async () => {
      fireEvent.mouseDown(picker);
      fireEvent.change(picker, { target: { value: 'oym' } });
    });
    await waitFor(() => expect(calls.some((c) => c.url.startsWith('/api/v1/people?') && c.url.includes(`orgId=${ROOT}`) && c.url.includes('q=oym'))).toBe(true));
    fireEvent.click(await screen.findByTitle('欧阳明（第一党支部）'));
    await act(async () => {
      fireEvent.mouseDown(screen.getByLabelText('授课方向'));
    });
    fireEvent.click(await screen.findByTitle('政治理论'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /OK|确\s*定/ }));
    });
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ kind: 'internal', personId: PERSON, directions: ['political_theory'] }));
  });
});

describe('MyTeachingPage', { timeout: 60_000 }, () => {
  const request: LecturerRequestView = {
    id: REQUEST,
    lecturerId: LECTURER,
    lecturerName: '张建国',
    courseId: null,
    courseTitle: null,
    orgId: ROOT,
    orgName: '第一党支部',
    targetType: 'party_lesson',
    activityId: null,
    activityTopic: null,
    classSessionId: null,
    purpose: '七一专题党课',
    preferredDate: '2026-07-01',
    status: 'pending',
    decisionReason: null,
    decidedAt: null,
    requestedByName: '李书记',
    createdAt: '2026-06-01T00:00:00.000Z',
  };

  it('lets a lecturer decline a request with a reason and shows feedback without names', async () => {
    const { calls } = mockApi({
      'GET /auth/me': json(200, me('member', 'p1')),
      'GET /teacher-directions': json(200, directions),
      'GET /me/lecturer': json(200, { ...lecturer, status: 'active' }),
      'GET /me/lecturer-requests': json(200, [request]),
      'GET /me/lecturer-feedback': json(200, {
        summary: { lecturerId: LECTURER, lecturerName: '张建国', count: 2, average: 4.5, ratings: [0, 0, 0, 1, 1], sessions: 1 },
        items: [{ id: 'f1', sessionType: 'party_lesson', sessionId: SESSION, sessionTitle: '党史专题党课', heldOn: '2026-03-10', rating: 5, comment: '很有启发', createdAt: '2026-03-11T00:00:00.000Z' }],
      }),
      'GET /me/feedback-sessions': json(200, []),
      [`POST /me/lecturer-requests/${REQUEST}/decline`]: json(200, { ...request, status: 'declined', decisionReason: '外出学习' }),
    });
    renderAt('/my-teaching', <MyTeachingPage />);
    expect(await screen.findByText(/七一专题党课/)).toBeTruthy();
    expect(await screen.findByText(/很有启发/)).toBeTruthy();
    expect(document.body.textContent).toContain('4.5');
    fireEvent.click(screen.getByRole('button', { name: /婉\s*拒/ }));
    fireEvent.change(await screen.findByRole('textbox', { name: '婉拒原因（将告知邀请单位）' }), { target: { value: '外出学习' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /OK|确\s*定/ }));
    });
    await waitFor(() => expect(calls.find((c) => c.method === 'POST' && c.url.endsWith('/decline'))?.body).toEqual({ reason: '外出学习' }));
  });

  it('lets a member who is not a lecturer rate a session they attended, once', async () => {
    const session: FeedbackSessionView = { sessionType: 'party_lesson', sessionId: SESSION, title: '党史专题党课', heldOn: '2026-03-10', lecturerId: LECTURER, lecturerName: '张建国', rated: false };
    const classSession: FeedbackSessionView = { sessionType: 'class_session', sessionId: CLASS_SESSION, title: '支部党员培训班：理论辅导', heldOn: '2026-03-09', lecturerId: LECTURER, lecturerName: '张建国', rated: true };
    const { calls } = mockApi({
      'GET /auth/me': json(200, me('member', 'p2')),
      'GET /me/lecturer': apiError(404, 'LECTURER_PROFILE_NOT_LINKED', '未关联'),
      'GET /me/feedback-sessions': json(200, [session, classSession]),
      'POST /lecturer-feedback': json(201, { ok: true }),
    });
    renderAt('/my-teaching', <MyTeachingPage />);
    expect(await screen.findByText(/您的账号尚未关联师资库讲师/)).toBeTruthy();
    // Training-class sessions are listed beside party lessons, each marked with its kind; a rated one offers no button.
    expect(await screen.findByText('支部党员培训班：理论辅导')).toBeTruthy();
    expect(screen.getByText('培训班课程')).toBeTruthy();
    expect(screen.getByText('党课')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /评\s*价/ })).toHaveLength(1);
    fireEvent.click(await screen.findByRole('button', { name: /评\s*价/ }));
    const stars = await screen.findAllByRole('radio');
    fireEvent.click(stars[3]!);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /OK|确\s*定/ }));
    });
    await waitFor(() => expect(calls.find((c) => c.method === 'POST' && c.url === '/api/v1/lecturer-feedback')?.body).toEqual({ sessionType: 'party_lesson', sessionId: SESSION, rating: 4, comment: null }));
  });
});
