import type { Page } from '@playwright/test';

/**
 * Fills the login form on the current page (labels 用户名 / 密码) and presses 登录.
 * It does nothing else: navigate first, and assert what should happen afterwards in the test.
 */
export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  // Ant Design spaces out two-character Chinese button labels ("登 录").
  await page.getByRole('button', { name: /^登\s*录$/ }).click();
}
