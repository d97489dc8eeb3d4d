import { expect, test } from '@playwright/test';
import { apiSession, grantedOrgId, type OrgView } from './support/api.ts';
import { expectNoPeople, peopleCard } from './support/people-table.ts';
import { chooseOption, DEMO_PASSWORD, signIn, uniqueSuffix } from './support/session.ts';

/**
 * A working-committee officer opens a unit's party committee from the organisation tree, creates
 * a new branch under it, finds it selected in the tree under its parent, and sees that it has no
 * people yet.
 */
test('a committee officer creates a branch under a unit and finds it, empty, in the tree', async ({ page, playwright, baseURL }) => {
  // Which unit: the first party committee under the root, looked up through the API.
  const api = await apiSession(playwright, baseURL!, 'wc_officer', DEMO_PASSWORD);
  const rootId = grantedOrgId(api);
  const units = await api.get<OrgView[]>(`/orgs/${rootId}/children`);
  const unit = units.find((o) => o.kind === 'party_committee' && o.active);
  await api.dispose();
  expect(unit, 'the demo county has a unit party committee').toBeDefined();

  const suffix = uniqueSuffix();
  const name = `测试第${suffix}党支部`;
  const code = `E2E-${suffix}`;

  await signIn(page, 'wc_officer');
  // A committee officer lands on 组织生活看板; the organisations are one menu item away.
  await page.getByRole('menuitem', { name: '组织与人员' }).click();
  await expect(page).toHaveURL(/\/orgs\/[0-9a-f-]+$/);
  const tree = page.getByRole('tree');
  await tree.getByRole('treeitem', { name: unit!.name }).getByText(unit!.name, { exact: true }).click();
  await expect(page.getByRole('heading', { name: unit!.name, level: 4 })).toBeVisible();

  await page.getByRole('button', { name: '新建下级组织' }).click();
  const dialog = page.getByRole('dialog', { name: `在“${unit!.name}”下新建组织` });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('组织名称').fill(name);
  await dialog.getByLabel('组织编码').fill(code);
  await dialog.getByLabel('组织类型').click();
  await chooseOption(page, /^党支部$/);
  await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
  await expect(dialog).toBeHidden();

  // The new branch's own page…
  await expect(page).toHaveURL(/\/orgs\/[0-9a-f-]+$/);
  await expect(page.getByRole('heading', { name, level: 4 })).toBeVisible();
  await expect(page.getByText(code, { exact: true })).toBeVisible();
  // …in the tree, selected, under the unit it was created in.
  await expect(tree.getByRole('treeitem', { name, selected: true })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: unit!.name })).toBeVisible();
  // …and no people in it yet.
  await expectNoPeople(page);
  await expect(peopleCard(page).getByText(/共 \d+ 条/)).toHaveCount(0);
});
