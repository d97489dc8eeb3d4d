import { expect, test, type Page } from '@playwright/test';
import { apiSession, grantedOrgId, type PersonView } from './support/api.ts';
import { newMember, personBody } from './support/people.ts';
import { expectNoPeople, personRow, searchPeople } from './support/people-table.ts';
import { chooseOption, DEMO_PASSWORD, expectToast, signIn } from './support/session.ts';

/**
 * 组织关系转接 between two branches of the county: the sending secretary issues a letter for a
 * member to the other branch; the receiving secretary finds it in the inbox and accepts it; the
 * member is then listed in the receiving branch and no longer in the sending one.
 */
test('a member transferred by letter moves to the receiving branch once it is accepted', async ({ browser, playwright, baseURL }) => {
  test.setTimeout(60_000); // two secretaries, two browsers, two toasts to wait out
  const member = newMember();
  const sender = await apiSession(playwright, baseURL!, 'branch_secretary', DEMO_PASSWORD);
  await sender.post<PersonView>('/people', personBody(grantedOrgId(sender), member));
  await sender.dispose();
  // The receiving branch: the one branch2_secretary is secretary of.
  const receiver = await apiSession(playwright, baseURL!, 'branch2_secretary', DEMO_PASSWORD);
  const toOrg = receiver.me.grants.find((g) => g.role === 'secretary')!;
  await receiver.dispose();
  const toOrgName = toOrg.orgName!;

  const sending = await browser.newContext();
  const sendingPage = await sending.newPage();
  await signIn(sendingPage, 'branch_secretary');
  await openPerson(sendingPage, member.name);

  const drawer = sendingPage.getByRole('dialog', { name: member.name });
  await drawer.getByRole('button', { name: '开具转接介绍信' }).click();
  const letter = sendingPage.getByRole('dialog', { name: `为 ${member.name} 开具组织关系转接介绍信` });
  await expect(letter).toBeVisible();
  await letter.getByLabel('转入组织').fill(toOrgName);
  await chooseOption(sendingPage, toOrgName);
  await letter.getByLabel('转接原因').fill('工作调动');
  await expect(letter.getByLabel('有效期')).toHaveValue('30');
  await letter.getByRole('button', { name: '开具转接介绍信' }).click();
  await expect(letter).toBeHidden();
  // Closed from the keyboard: the drawer's close button lies under the toast, and hovering a toast keeps it open.
  await sendingPage.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expectToast(sendingPage, `已为 ${member.name} 开具转往“${toOrgName}”的介绍信`);

  // Until it is accepted the member stays with the sender, and the letter waits in the outbox.
  await sendingPage.getByRole('menuitem', { name: '组织关系转接' }).click();
  await sendingPage.getByRole('tab', { name: '转出（我开具的）' }).click();
  const sent = sendingPage.getByRole('row').filter({ hasText: member.name });
  await expect(sent).toContainText(toOrgName);
  await expect(sent).toContainText('待接收');

  const receiving = await browser.newContext();
  const receivingPage = await receiving.newPage();
  await signIn(receivingPage, 'branch2_secretary');
  await receivingPage.getByRole('menuitem', { name: '组织关系转接' }).click();
  await expect(receivingPage.getByRole('tab', { name: '转入（待我接收）', selected: true })).toBeVisible();
  const incoming = receivingPage.getByRole('row').filter({ hasText: member.name });
  await expect(incoming).toContainText('工作调动');
  await incoming.getByRole('button', { name: /^接\s*收$/ }).click();
  const confirm = receivingPage.getByRole('tooltip').filter({ hasText: `接收 ${member.name} 的组织关系转入“${toOrgName}”？` });
  await confirm.getByRole('button', { name: /^接\s*收$/ }).click();
  await expectToast(receivingPage, `已接收 ${member.name}。`);
  await expect(incoming).toHaveCount(0); // no longer waiting in the inbox

  // The receiving branch now lists the member…
  await receivingPage.getByRole('menuitem', { name: '组织与人员' }).click();
  await expect(receivingPage.getByRole('heading', { name: toOrgName, level: 4 })).toBeVisible();
  await searchPeople(receivingPage, member.name);
  await expect(personRow(receivingPage, member.name)).toContainText(toOrgName);

  // …and the sending branch no longer does (after a reload: the app keeps lists for 30 s, and
  // this secretary searched for the member moments ago).
  await sendingPage.getByRole('menuitem', { name: '组织与人员' }).click();
  await expect(sendingPage).toHaveURL(/\/orgs\/[0-9a-f-]+$/);
  await sendingPage.reload();
  await searchPeople(sendingPage, member.name);
  await expectNoPeople(sendingPage);
  await expect(personRow(sendingPage, member.name)).toHaveCount(0);

  await sending.close();
  await receiving.close();
});

/** From the user's home (their organisation), searches the person by name and opens the record. */
async function openPerson(page: Page, name: string): Promise<void> {
  await expect(page).toHaveURL(/\/orgs\/[0-9a-f-]+$/);
  await searchPeople(page, name);
  await personRow(page, name).getByRole('cell', { name, exact: true }).click();
  await expect(page.getByRole('dialog', { name })).toBeVisible();
}
