import { expect, test } from '@playwright/test';
import { signIn, uniqueSuffix } from './support/session.ts';

test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

/**
 * A member on a phone: signs in (landing on 我的组织生活), opens 我的信息 (their own record), and updates
 * their home address — one of the few fields a member keeps up to date themselves. The page fits
 * the phone's width.
 */
test('a member edits their address on a phone-width 我的信息 page', async ({ page }) => {
  const address = `河北省石家庄市长安区建设北大街${uniqueSuffix()}号`;

  await signIn(page, 'member1');
  await expect(page).toHaveURL(/\/my-life$/);
  await page.goto('/me');
  await expect(page.getByRole('heading', { name: '我的信息' })).toBeVisible();
  await expect(page.getByText('党籍信息')).toBeVisible();
  // Nothing wider than the screen: no sideways scrolling on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  await page.getByRole('button', { name: /编\s*辑$/ }).click();
  const field = page.getByLabel('住址');
  await expect(field).toBeVisible();
  await field.fill(address);
  await page.getByRole('button', { name: /^保\s*存$/ }).click();

  await expect(page.getByText('已保存。')).toBeVisible();
  await expect(page.getByText(address)).toBeVisible();
  await expect(page.getByRole('button', { name: /编\s*辑$/ })).toBeVisible();

  // Saved on the server, not only on screen.
  await page.reload();
  await expect(page.getByText(address)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});
