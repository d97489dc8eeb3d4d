import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The people table of an organisation page (PeopleTable): its card, its search box (搜索人员),
 * and its rows. Ant Design splits a scrolling table into a header table and a body table, so
 * rows are looked up by what they show, never by position.
 */
export function peopleSearchBox(page: Page): Locator {
  return page.getByRole('searchbox', { name: '搜索人员' }).or(page.getByRole('textbox', { name: '搜索人员' }));
}

export function peopleCard(page: Page): Locator {
  return page.locator('.ant-card').filter({ has: peopleSearchBox(page) });
}

/** Types into the search box and presses Enter, as a user does. */
export async function searchPeople(page: Page, query: string): Promise<void> {
  const box = peopleSearchBox(page);
  await box.fill(query);
  await box.press('Enter');
}

/** The body row of the person with this name (and, when given, this masked ID number). */
export function personRow(page: Page, name: string, maskedId?: string): Locator {
  const rows = peopleCard(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name, exact: true }) });
  return maskedId ? rows.filter({ hasText: maskedId }) : rows;
}

/** The table shows Ant Design's empty state (暂无数据). */
export async function expectNoPeople(page: Page): Promise<void> {
  await expect(peopleCard(page).getByRole('img', { name: '暂无数据' })).toBeVisible();
}
