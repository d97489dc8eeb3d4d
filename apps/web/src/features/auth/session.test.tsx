import { act, fireEvent, screen } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MeView } from '@pioneer/domain';
import { AppRoutes } from '../../app/routes.tsx';
import { apiError, json, mockApi, renderWithProviders } from '../../test-utils.tsx';

const secretary: MeView = {
  userId: 'u1',
  username: 'li.si',
  displayName: '李四',
  personId: null,
  mustChangePassword: false,
  grants: [{ role: 'secretary', orgId: 'o1', orgName: '第一党支部' }],
  csrfToken: 'csrf-1',
  idleTimeoutMinutes: 30,
};

// The routes load their pages on demand; loading them once up front keeps the transform time of
// a cold module graph out of each test's time limit.
beforeAll(async () => {
  await Promise.all([import('../transfers/pages/TransfersPage.tsx'), import('../audit/AuditLogPage.tsx'), import('../orgs/pages/OrgIndexPage.tsx')]);
}, 60_000);

describe('session handling', { timeout: 60_000 }, () => {
  it('sends a user whose session timed out to the login page and says why', async () => {
    mockApi({
      'GET /auth/me': json(200, secretary),
      'GET /orgs/roots': json(200, []),
      'GET /transfers/inbox': apiError(401, 'SESSION_EXPIRED', '登录已超时，请重新登录。'),
    });
    renderWithProviders(<AppRoutes />, { path: '/transfers' });
    // Three round trips and two full renders (the layout, then the login page): the slowest path here.
    expect(await screen.findByLabelText('用户名', {}, { timeout: 30_000 })).toBeTruthy();
    expect(await screen.findByText('登录已超时，请重新登录。')).toBeTruthy();
  });

  it('sends a user who must change the password to the password page, and shows the server rules inline', async () => {
    const { calls } = mockApi({
      'GET /auth/me': json(200, { ...secretary, mustChangePassword: true }),
      'POST /auth/password': apiError(400, 'PASSWORD_POLICY', '新密码不符合要求。', [
        { path: 'newPassword', code: 'PASSWORD_TOO_FEW_CLASSES', message: '服务器：至少三类字符。' },
        { path: 'newPassword', code: 'PASSWORD_EQUALS_USERNAME', message: '服务器：不能与用户名相同。' },
      ]),
    });
    renderWithProviders(<AppRoutes />, { path: '/orgs' });
    expect(await screen.findByText('修改密码', { selector: 'h3' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('当前密码'), { target: { value: 'Initial#1' } });
    fireEvent.change(screen.getByLabelText('新密码'), { target: { value: 'li.si' } });
    fireEvent.change(screen.getByLabelText('确认新密码'), { target: { value: 'li.si' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /确认修改/ }));
    });
    expect(await screen.findByText('服务器：至少三类字符。')).toBeTruthy();
    expect(screen.getByText('服务器：不能与用户名相同。')).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ currentPassword: 'Initial#1', newPassword: 'li.si' });
    expect(post.headers['X-CSRF-Token']).toBe('csrf-1');
  });

  it('keeps an audit administrator out of the people pages', async () => {
    mockApi({
      'GET /auth/me': json(200, { ...secretary, grants: [{ role: 'audit_admin', orgId: null, orgName: null }] }),
      'GET /audit': json(200, { items: [], total: 0, page: 1, pageSize: 20 }),
    });
    renderWithProviders(<AppRoutes />, { path: '/orgs' });
    expect(await screen.findByText('审计日志', { selector: '.ant-card-head-title' })).toBeTruthy();
    expect(screen.queryByText('组织与人员')).toBeNull();
  });
});
