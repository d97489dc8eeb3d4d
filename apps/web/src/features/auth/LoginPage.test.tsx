import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { MeView } from '@pioneer/domain';
import { apiError, json, mockApi, renderWithProviders } from '../../test-utils.tsx';
import { LoginPage } from './LoginPage.tsx';

const me = (patch: Partial<MeView> = {}): MeView => ({
  userId: 'u1',
  username: 'li.si',
  displayName: '李四',
  personId: null,
  mustChangePassword: false,
  grants: [{ role: 'secretary', orgId: 'o1', orgName: '第一党支部' }],
  csrfToken: 'csrf-1',
  idleTimeoutMinutes: 30,
  ...patch,
});

function renderLogin(lang: 'zh-CN' | 'en' = 'zh-CN') {
  return renderWithProviders(
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/change-password" element={<p>change-password page</p>} />
      <Route path="/orgs" element={<p>organisations page</p>} />
    </Routes>,
    { path: '/login', lang },
  );
}

async function submit(login: string, password: string) {
  fireEvent.change(screen.getByLabelText('用户名'), { target: { value: login } });
  fireEvent.change(screen.getByLabelText('密码'), { target: { value: password } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
  });
}

describe('LoginPage', { timeout: 60_000 }, () => {
  it("shows the server's own reason when the login is refused", async () => {
    const { calls } = mockApi({
      'GET /auth/me': apiError(401, 'NOT_AUTHENTICATED', '请先登录。'),
      'POST /auth/login': apiError(401, 'LOGIN_FAILED', '用户名或密码错误。连续 5 次错误将锁定账号 15 分钟。'),
    });
    renderLogin();
    await screen.findByLabelText('用户名');
    await submit('li.si', 'wrong');
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', '用户名或密码错误。连续 5 次错误将锁定账号 15 分钟。');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ login: 'li.si', password: 'wrong' });
    // Still on the login page: a refused login is not a reason to navigate anywhere.
    expect(screen.getByLabelText('用户名')).toBeTruthy();
  });

  it('goes to the forced password change when the account must change its password', async () => {
    mockApi({ 'GET /auth/me': apiError(401, 'NOT_AUTHENTICATED', '请先登录。'), 'POST /auth/login': json(200, me({ mustChangePassword: true })) });
    renderLogin();
    await screen.findByLabelText('用户名');
    await submit('li.si', 'Initial#1');
    expect(await screen.findByText('change-password page')).toBeTruthy();
  });

  it("goes to the first page of the user's menu after a normal login", async () => {
    mockApi({ 'GET /auth/me': apiError(401, 'NOT_AUTHENTICATED', '请先登录。'), 'POST /auth/login': json(200, me()) });
    renderLogin();
    await screen.findByLabelText('用户名');
    await submit('li.si', 'Good#2026pass');
    expect(await screen.findByText('organisations page')).toBeTruthy();
  });

  it('switches its labels to English and asks the server for English messages', async () => {
    const { calls } = mockApi({
      'GET /auth/me': apiError(401, 'NOT_AUTHENTICATED', 'Please log in first.'),
      'POST /auth/login': apiError(401, 'LOGIN_FAILED', 'Wrong username or password.'),
    });
    renderLogin();
    await screen.findByLabelText('用户名');
    fireEvent.click(screen.getByText('English'));
    await waitFor(() => expect(screen.getByLabelText('Username')).toBeTruthy());
    expect(screen.getByLabelText('Password')).toBeTruthy();
    expect(localStorage.getItem('pioneer.lang')).toBe('en');
    fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'li.si' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'x' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    });
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Wrong username or password.');
    expect(calls.at(-1)!.headers['Accept-Language']).toBe('en');
  });
});
