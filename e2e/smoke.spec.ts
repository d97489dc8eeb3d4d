import { expect, test } from '@playwright/test';

test('GET /healthz answers ok', async ({ request }) => {
  const res = await request.get('/healthz');
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok' });
});

test('the login page at / shows a username field', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByLabel('用户名')).toBeVisible();
});
