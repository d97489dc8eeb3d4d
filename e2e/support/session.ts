import { expect, type Page } from '@playwright/test';

/** The password of every demo account (apps/server/src/demo/generate.ts, the README). */
export const DEMO_PASSWORD = 'Demo#2026pass';

/**
 * Fills the login form on the current page (labels 用户名 / 密码) and presses 登录.
 * It does nothing else: navigate first, and assert what should happen afterwards in the test.
 */
export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  // Ant Design spaces out two-character Chinese button labels ("登 录"). After a refused login
  // the button's loading icon (aria-label "loading") can linger in its leave animation, so the
  // name is matched at its end only.
  await page.getByRole('button', { name: /登\s*录$/ }).click();
}

/** Opens the login page, signs in, and waits until the app has taken the user past it. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await login(page, username, password);
  await expect(page).not.toHaveURL(/\/login$/);
  await expect(page.getByRole('button', { name: '账号菜单' })).toBeVisible();
}

/** Signs out through the account menu and waits for the login page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '账号菜单' }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page.getByLabel('用户名')).toBeVisible();
}

/** A short suffix that makes names and codes unique to this run and test. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.toUpperCase();
}

/**
 * Picks an option in the open Ant Design drop-down (Select, AutoComplete). Its visible options
 * carry no ARIA role (the listbox it exposes is a hidden one for screen readers), so this is the
 * one place the journeys reach into Ant Design's class names. A click during the drop-down's
 * opening animation can miss, so it waits for the animation to finish first.
 */
export async function chooseOption(page: Page, text: string | RegExp): Promise<void> {
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])');
  const option = open.locator('.ant-select-item-option').filter({ hasText: text }).first();
  await expect(option).toBeVisible();
  await option.click();
}

/**
 * Waits for a toast message (Ant Design `message`) to appear and then to go away on its own.
 * Toasts sit over the top of the header; a click on a menu item beneath one would hover it,
 * which keeps it open, so journeys let it pass before using the menu.
 */
export async function expectToast(page: Page, text: string | RegExp): Promise<void> {
  const toast = page.locator('.ant-message-notice').filter({ hasText: text });
  await expect(toast).toBeVisible();
  await expect(toast).toBeHidden();
}
