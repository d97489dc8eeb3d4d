import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { MeView, SigninView } from '@pioneer/domain';
import { AppRoutes } from '../../app/routes.tsx';
import { apiError, json, mockApi, renderWithProviders } from '../../test-utils.tsx';
import { SignInPage } from './SignInPage.tsx';

const TOKEN = 'AbCdEfGhIjKlMnOpQrSt';
const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();

const view = (patch: Partial<SigninView> = {}): SigninView => ({
  activityId: '0190a000-0000-7000-8000-0000000000a1',
  kind: 'member_assembly',
  topic: '学习贯彻党的二十届四中全会精神',
  orgId: 'o1',
  orgName: '第一党支部',
  activityStatus: 'planned',
  plannedStart: '2026-11-20T06:30:00.000Z',
  plannedEnd: '2026-11-20T08:00:00.000Z',
  place: '三楼会议室',
  onlineLink: null,
  signin: { open: true, opensAt: anHourAgo, expiresAt: inAnHour },
  myRole: 'expected',
  myStatus: 'pending',
  signedInAt: null,
  ...patch,
});

function renderPage() {
  return renderWithProviders(
    <Routes>
      <Route path="/s/:token" element={<SignInPage />} />
    </Routes>,
    { path: `/s/${TOKEN}` },
  );
}

const state = (container: HTMLElement) => container.querySelector('[data-state]')?.getAttribute('data-state');

describe('SignInPage', { timeout: 60_000 }, () => {
  it('shows the activity and one big button, and signs the member in with it', async () => {
    const { calls } = mockApi({
      [`GET /signin/${TOKEN}`]: json(200, view()),
      [`POST /signin/${TOKEN}`]: json(200, view({ myStatus: 'present', signedInAt: '2026-11-20T06:35:00.000Z' })),
    });
    const { container } = renderPage();
    expect(await screen.findByText('学习贯彻党的二十届四中全会精神')).toBeTruthy();
    expect(screen.getByText('支部党员大会')).toBeTruthy();
    expect(screen.getByText('三楼会议室')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /签\s*到/ }));
    });
    expect(await screen.findByText('签到成功')).toBeTruthy();
    expect(state(container)).toBe('signedIn');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual([`/api/v1/signin/${TOKEN}`]);
    expect(screen.queryByRole('button', { name: /^签\s*到$/ })).toBeNull();
  });

  it('says so when the member has already signed in, without offering the button again', async () => {
    mockApi({ [`GET /signin/${TOKEN}`]: json(200, view({ myStatus: 'present', signedInAt: '2026-11-20T06:35:00.000Z' })) });
    const { container } = renderPage();
    expect(await screen.findByText('您已签到')).toBeTruthy();
    expect(state(container)).toBe('signedIn');
    expect(screen.queryByRole('button', { name: /^签\s*到$/ })).toBeNull();
  });

  it('tells an expired code apart from one the secretary closed early', async () => {
    mockApi({
      [`GET /signin/${TOKEN}`]: json(200, view({ signin: { open: false, opensAt: anHourAgo, expiresAt: new Date(Date.now() - 60_000).toISOString() } })),
    });
    const { container, unmount } = renderPage();
    expect(await screen.findByText('签到码已过期')).toBeTruthy();
    expect(state(container)).toBe('expired');
    unmount();

    mockApi({ [`GET /signin/${TOKEN}`]: json(200, view({ signin: { open: false, opensAt: anHourAgo, expiresAt: inAnHour } })) });
    const second = renderPage();
    expect(await screen.findByText('签到已结束')).toBeTruthy();
    expect(state(second.container)).toBe('closed');
    expect(screen.queryByRole('button', { name: /^签\s*到$/ })).toBeNull();
  });

  it("shows the server's reason when the code is no longer valid", async () => {
    mockApi({ [`GET /signin/${TOKEN}`]: apiError(409, 'SIGNIN_CLOSED', '签到已结束或该二维码已失效。请书记重新开放签到，或请书记直接为您登记出席。') });
    const { container } = renderPage();
    expect(await screen.findByText('签到已结束')).toBeTruthy();
    expect(screen.getByText(/该二维码已失效/)).toBeTruthy();
    expect(state(container)).toBe('closed');
  });

  it('tells a member who is not on the list, both from the view and from a refused sign-in', async () => {
    mockApi({ [`GET /signin/${TOKEN}`]: json(200, view({ myRole: null, myStatus: null })) });
    const { container, unmount } = renderPage();
    expect(await screen.findByText('您不在本次活动的参会名单中')).toBeTruthy();
    expect(state(container)).toBe('notExpected');
    unmount();

    // The list changed between opening the page and pressing the button: the server decides.
    mockApi({
      [`GET /signin/${TOKEN}`]: json(200, view()),
      [`POST /signin/${TOKEN}`]: apiError(403, 'SIGNIN_NOT_EXPECTED', '您不在本次活动的参加人员名单中，无法签到。'),
    });
    const second = renderPage();
    await screen.findByText('学习贯彻党的二十届四中全会精神');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /签\s*到/ }));
    });
    expect(await screen.findByText('您不在本次活动的参会名单中')).toBeTruthy();
    expect(screen.getByText('您不在本次活动的参加人员名单中，无法签到。')).toBeTruthy();
    expect(state(second.container)).toBe('notExpected');
  });

  it('reports a sign-in that closed while the page was open', async () => {
    mockApi({
      [`GET /signin/${TOKEN}`]: json(200, view()),
      [`POST /signin/${TOKEN}`]: apiError(409, 'SIGNIN_CLOSED', '签到已结束或该二维码已失效。'),
    });
    const { container } = renderPage();
    await screen.findByText('学习贯彻党的二十届四中全会精神');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /签\s*到/ }));
    });
    expect(await screen.findByText('签到已结束')).toBeTruthy();
    expect(state(container)).toBe('closed');
  });

  it('tells an account without a member record why it cannot sign in', async () => {
    mockApi({ [`GET /signin/${TOKEN}`]: apiError(404, 'PROFILE_NOT_LINKED', '您的账号尚未关联党员档案，请联系所在支部书记。') });
    const { container } = renderPage();
    expect(await screen.findByText('您的账号尚未关联党员信息')).toBeTruthy();
    expect(screen.getByText('您的账号尚未关联党员档案，请联系所在支部书记。')).toBeTruthy();
    expect(state(container)).toBe('notLinked');
  });

  it('calls a malformed or unknown code invalid, and a cancelled activity cancelled', async () => {
    mockApi({ [`GET /signin/${TOKEN}`]: apiError(400, 'VALIDATION_FAILED', '请求参数有误。') });
    const { container, unmount } = renderPage();
    expect(await screen.findByText('签到码无效')).toBeTruthy();
    expect(state(container)).toBe('invalid');
    unmount();

    mockApi({ [`GET /signin/${TOKEN}`]: json(200, view({ activityStatus: 'cancelled' })) });
    const second = renderPage();
    expect(await screen.findByText('该活动已取消')).toBeTruthy();
    expect(state(second.container)).toBe('cancelled');
  });

  it('sends a signed-out visitor through the login page and back to the code', async () => {
    const member: MeView = {
      userId: 'u2',
      username: 'member1',
      displayName: '王五',
      personId: 'p2',
      mustChangePassword: false,
      grants: [{ role: 'member', orgId: 'o1', orgName: '第一党支部' }],
      csrfToken: 'csrf-2',
      idleTimeoutMinutes: 30,
    };
    mockApi({
      'GET /auth/me': apiError(401, 'NOT_AUTHENTICATED', '请先登录。'),
      'POST /auth/login': json(200, member),
      'GET /me/notifications/unread-count': json(200, { count: 0 }),
      [`GET /signin/${TOKEN}`]: json(200, view()),
    });
    renderWithProviders(<AppRoutes />, { path: `/s/${TOKEN}` });
    fireEvent.change(await screen.findByLabelText('用户名'), { target: { value: 'member1' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'Demo#2026pass' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    });
    expect(await screen.findByText('学习贯彻党的二十届四中全会精神', undefined, { timeout: 30_000 })).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('button', { name: /^签\s*到$/ })).toBeTruthy());
  });
});
