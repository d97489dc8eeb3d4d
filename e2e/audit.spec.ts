import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { apiSession, grantedOrgId, type PersonView, type TransferView } from './support/api.ts';
import { newMember, personBody } from './support/people.ts';
import { writeRoster } from './support/roster.ts';
import { chooseOption, DEMO_PASSWORD, login } from './support/session.ts';
import { currentPassword, recordPassword } from './support/state.ts';

type ImportReport = { batchId: string; counts: { new: number; error: number } };

/**
 * The audit administrator (审计管理员) reads what the secretaries did — a transfer accepted, a
 * roster imported, a full ID number viewed — and the logins, narrowing the log by action. What
 * they did is arranged through the API first, so this journey does not depend on the others.
 * auditadmin's initial password is the one the demo loader printed (global setup kept it); the
 * first login changes it, as it must.
 */
test('the audit administrator finds the transfer, the import, the full-number view and the logins by action', async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  test.setTimeout(90_000);

  // --- what the secretaries do ------------------------------------------------------------------
  const secretary = await apiSession(playwright, baseURL!, 'branch_secretary', DEMO_PASSWORD);
  const orgId = grantedOrgId(secretary);
  const person = await secretary.post<PersonView>('/people', personBody(orgId, newMember()));
  await secretary.get(`/people/${person.id}/pii`);

  const imported = newMember();
  const roster = await writeRoster(testInfo.outputPath('rosters'), '审计用名册.xlsx', [
    {
      姓名: imported.name,
      性别: imported.sex === 'male' ? '男' : '女',
      出生日期: imported.birthDate,
      公民身份号码: imported.idNumber,
      人员类别: '正式党员',
      入党日期: imported.joinedOn,
      转正日期: imported.confirmedOn,
    },
  ]);
  const report = await secretary.upload<ImportReport>('/imports/people', { orgId }, { name: '审计用名册.xlsx', buffer: fs.readFileSync(roster) });
  expect(report.counts).toMatchObject({ new: 1, error: 0 });
  await secretary.post(`/imports/${report.batchId}/commit`, { mode: 'all_or_nothing' });

  const receiver = await apiSession(playwright, baseURL!, 'branch2_secretary', DEMO_PASSWORD);
  const toOrgId = grantedOrgId(receiver);
  const letter = await secretary.post<TransferView>('/transfers', { personId: person.id, toOrgId, reason: '工作调动', validDays: 30 });
  await receiver.post(`/transfers/${letter.id}/accept`);
  const secretaryName = secretary.me.displayName;
  const receiverName = receiver.me.displayName;
  await secretary.dispose();
  await receiver.dispose();

  // --- the audit administrator ---------------------------------------------------------------------
  await page.goto('/login');
  await login(page, 'auditadmin', currentPassword('auditadmin'));
  // The first sign-in of the run replaces the printed initial password; a later one goes straight in.
  await expect(page).toHaveURL(/\/(change-password|audit)$/);
  if (page.url().endsWith('/change-password')) {
    const next = `Audit#${Date.now().toString(36)}`;
    await page.getByLabel('当前密码').fill(currentPassword('auditadmin'));
    await page.getByLabel('新密码', { exact: true }).fill(next);
    await page.getByLabel('确认新密码').fill(next);
    await page.getByRole('button', { name: '确认修改' }).click();
    await expect(page).toHaveURL(/\/audit$/);
    recordPassword('auditadmin', next);
  }
  await expect(page.getByText('审计日志').first()).toBeVisible();
  // 三员分立: the audit administrator has the log and nothing else — no people, no organisations.
  await expect(page.getByRole('menuitem', { disabled: false })).toHaveText(['审计日志']);

  // The transfer acceptance, by the receiving secretary, on the letter.
  await filterByAction(page, '接收转接 (transfer.accept)');
  const accepted = entries(page).first();
  await expect(accepted).toContainText('接收转接');
  await expect(accepted).toContainText(receiverName);
  await expect(entries(page).filter({ hasText: 'login.succeeded' })).toHaveCount(0);
  await accepted.click();
  await expect(page.getByText(letter.id, { exact: true })).toBeVisible();

  // The import, by the sending secretary, with the file's name.
  await filterByAction(page, '导入人员名册 (person.import)');
  const importEntry = entries(page).first();
  await expect(importEntry).toContainText('导入人员名册');
  await expect(importEntry).toContainText(secretaryName);
  await importEntry.click();
  await expect(page.getByText(report.batchId, { exact: true })).toBeVisible();
  await expect(page.getByText('审计用名册.xlsx')).toBeVisible();

  // The view of the full ID number, on the person whose number it was.
  await filterByAction(page, '查看完整证件号 (person.view_pii)');
  const viewed = entries(page).first();
  await expect(viewed).toContainText(secretaryName);
  await viewed.click();
  await expect(page.getByText(person.id, { exact: true })).toBeVisible();

  // The logins: the audit administrator's own, newest, and the secretaries' before it.
  await filterByAction(page, '登录成功 (login.succeeded)');
  await expect(entries(page).first()).toContainText('审计管理员');
  await expect(entries(page).filter({ hasText: receiverName }).first()).toBeVisible();
  await expect(entries(page).filter({ hasText: 'transfer.accept' })).toHaveCount(0);
});

/** The log's entries: the table's data rows (not the header, nor an opened entry's details). */
function entries(page: Page) {
  return page.locator('tr[data-row-key]');
}

/** Types into the action filter and picks the suggestion, as a user narrowing the log does. */
async function filterByAction(page: Page, option: string): Promise<void> {
  const code = option.slice(option.indexOf('(') + 1, -1);
  const box = page.getByRole('combobox', { name: '操作' });
  await box.click();
  await box.fill(code);
  await chooseOption(page, option);
  await expect(box).toHaveValue(code);
  // The list has reloaded when every entry shown has that action.
  await expect(entries(page).first()).toContainText(code);
  await expect(entries(page).filter({ hasNotText: code })).toHaveCount(0);
}
