import { expect, test } from '@playwright/test';
import { login, signOut } from './support/session.ts';
import { currentPassword, recordPassword } from './support/state.ts';

/**
 * The system administrator's first login: the initial password (ADMIN_PASSWORD) only opens the
 * forced password change; a password that breaks the policy is refused with the rule it breaks,
 * under the field; a good one leads into the app. Signing out and in again with the new password
 * goes straight in. The new password is recorded in the run's state, since it is now the admin's.
 */
test('the administrator must replace the initial password at first login, then signs in with the new one', async ({ page }) => {
  const initial = currentPassword('admin');
  const next = `Pioneer#${Date.now().toString(36)}`;

  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await login(page, 'admin', initial);

  await expect(page).toHaveURL(/\/change-password$/);
  await expect(page.getByRole('heading', { name: '修改密码' })).toBeVisible();
  await expect(page.getByText('这是首次登录或密码已被重置，请先设置新密码再继续使用。')).toBeVisible();
  // The app is out of reach until the password is changed.
  await page.goto('/accounts');
  await expect(page).toHaveURL(/\/change-password$/);

  // Only lower-case letters: one character class of the three the policy requires.
  await page.getByLabel('当前密码').fill(initial);
  await page.getByLabel('新密码', { exact: true }).fill('onlylowercase');
  await page.getByLabel('确认新密码').fill('onlylowercase');
  await page.getByRole('button', { name: '确认修改' }).click();
  await expect(page.getByText('密码需包含小写字母、大写字母、数字、符号中的至少三类')).toBeVisible();
  await expect(page).toHaveURL(/\/change-password$/);

  await page.getByLabel('新密码', { exact: true }).fill(next);
  await page.getByLabel('确认新密码').fill(next);
  await page.getByRole('button', { name: '确认修改' }).click();
  recordPassword('admin', next);

  // The system administrator's home: the organisation structure and account management.
  await expect(page).toHaveURL(/\/orgs/);
  await expect(page.getByRole('menuitem', { name: '账号管理' })).toBeVisible();
  await expect(page.getByRole('button', { name: '账号菜单' })).toContainText('系统管理员');

  await signOut(page);
  await expect(page).toHaveURL(/\/login$/);
  // The session is gone: the app sends the browser back to the login page.
  await page.goto('/accounts');
  await expect(page).toHaveURL(/\/login$/);

  // The old password no longer opens the account.
  await login(page, 'admin', initial);
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);

  await login(page, 'admin', next);
  // The login page returns the user to the page they asked for (/accounts), with no second change.
  await expect(page).toHaveURL(/\/accounts$/);
  await expect(page.getByRole('searchbox', { name: '搜索账号' }).or(page.getByRole('textbox', { name: '搜索账号' }))).toBeVisible();
  // The account list shows the admin's own row, no longer waiting for a password change.
  await expect(page.getByRole('row', { name: /admin/ }).filter({ hasText: '系统管理员' })).toBeVisible();
  await expect(page.getByRole('row', { name: /admin/ }).filter({ hasText: '系统管理员' })).not.toContainText('待改密码');
  await expect(page.getByRole('button', { name: '账号菜单' })).toBeVisible();
});
