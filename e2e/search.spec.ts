import { expect, test } from '@playwright/test';
import { apiSession, grantedOrgId, type PersonView } from './support/api.ts';
import { maskedId, newMember, personBody } from './support/people.ts';
import { peopleCard, personRow, searchPeople } from './support/people-table.ts';
import { DEMO_PASSWORD, signIn } from './support/session.ts';

/**
 * A branch secretary finds a member by the pinyin initials of their name (zmh finds 张明华),
 * opens the record, sees the ID number masked, and asks for the full number, which is shown
 * with the notice that the view was recorded in the audit log.
 */
test('a secretary finds a member by pinyin initials and views the full ID number', async ({ page, playwright, baseURL }) => {
  // The member: registered in the secretary's branch beforehand, with a name whose initials are known.
  const member = newMember();
  const api = await apiSession(playwright, baseURL!, 'branch_secretary', DEMO_PASSWORD);
  await api.post<PersonView>('/people', personBody(grantedOrgId(api), member));
  await api.dispose();
  const masked = maskedId(member.idNumber);

  await signIn(page, 'branch_secretary');
  await expect(page).toHaveURL(/\/orgs\/[0-9a-f-]+$/);
  // The whole branch first; the search narrows it down (the member may not be on the first page).
  const total = peopleCard(page).getByText(/^共 \d+ 条$/);
  await expect(total).toBeVisible();
  const before = await total.innerText();
  await searchPeople(page, member.initials);
  await expect(total).not.toHaveText(before);
  const row = personRow(page, member.name, masked);
  await expect(row).toBeVisible();
  await row.getByRole('cell', { name: member.name, exact: true }).click();

  const drawer = page.getByRole('dialog', { name: member.name });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByText(masked, { exact: true })).toBeVisible();
  await expect(drawer.getByText(member.idNumber, { exact: true })).toHaveCount(0);

  await drawer.getByRole('button', { name: '查看完整证件号' }).click();
  // The confirmation says that the view will be audited; confirming sends the request.
  const confirm = page.getByRole('tooltip').filter({ hasText: '查看完整的身份证号和手机号？' });
  await expect(confirm).toContainText('每次查看都会记入审计日志');
  await confirm.getByRole('button', { name: '查看完整证件号' }).click();

  await expect(drawer.getByText(member.idNumber, { exact: true })).toBeVisible();
  await expect(drawer.getByText(member.phone, { exact: true })).toBeVisible();
  await expect(drawer.getByText('本次查看已记入审计日志。')).toBeVisible();
});
