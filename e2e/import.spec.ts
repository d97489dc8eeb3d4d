import { expect, test, type Page } from '@playwright/test';
import { maskedId, newMember, withWrongCheckDigit, type NewMember } from './support/people.ts';
import { personRow, searchPeople } from './support/people-table.ts';
import { headersOf, ROSTER_HEADERS, writeRoster, type RosterRecord } from './support/roster.ts';
import { signIn } from './support/session.ts';

/**
 * Importing a roster (人员信息导入): a branch secretary downloads the template, uploads a file
 * with three mistakes and reads the dry-run report — row, column and the reason in Chinese for
 * each — then uploads the corrected file, confirms, and finds the new people in the branch.
 */
test('a secretary imports a roster: the report names every mistake, the corrected file is imported', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const people = [newMember(), newMember(), newMember(), newMember()] as const;
  const [good, badId, tooYoung, badPhone] = people;
  const row = (m: NewMember, patch: Partial<RosterRecord> = {}): RosterRecord => ({
    姓名: m.name,
    性别: m.sex === 'male' ? '男' : '女',
    民族: '汉族',
    出生日期: m.birthDate,
    公民身份号码: m.idNumber,
    手机号码: m.phone,
    学历: '大学本科',
    人员类别: '正式党员',
    入党日期: m.joinedOn,
    转正日期: m.confirmedOn,
    职务: '科员',
    ...patch,
  });
  // Joined the party on the 17th birthday (the Party Constitution requires 18), confirmed a year later.
  const at17 = `${Number(tooYoung.birthDate.slice(0, 4)) + 17}${tooYoung.birthDate.slice(4)}`;
  const at18 = `${Number(tooYoung.birthDate.slice(0, 4)) + 18}${tooYoung.birthDate.slice(4)}`;
  const dir = testInfo.outputPath('rosters');
  const withErrors = await writeRoster(dir, '支部名册.xlsx', [
    // Dates in the forms people write them: an Excel date, dots, and Chinese.
    row(good, { 出生日期: new Date(`${good.birthDate}T00:00:00Z`), 入党日期: good.joinedOn.replaceAll('-', '.') }),
    row(badId, { 公民身份号码: withWrongCheckDigit(badId.idNumber) }),
    row(tooYoung, { 入党日期: at17, 转正日期: at18 }),
    row(badPhone, { 手机号码: '1381234' }),
  ]);
  const corrected = await writeRoster(dir, '支部名册（修改后）.xlsx', [
    row(good, { 出生日期: new Date(`${good.birthDate}T00:00:00Z`), 入党日期: good.joinedOn.replaceAll('-', '.') }),
    row(badId),
    row(tooYoung),
    row(badPhone),
  ]);

  await signIn(page, 'branch_secretary');
  await expect(page).toHaveURL(/\/orgs\/[0-9a-f-]+$/);
  const branchName = await page.getByRole('heading', { level: 4 }).innerText();
  await page.getByRole('button', { name: '导入' }).click();
  await expect(page.getByText('人员信息导入')).toBeVisible();
  // The organisation comes along from the page the secretary was on.
  await expect(page.locator('.ant-form-item').filter({ hasText: '导入到组织' })).toContainText(branchName);

  // The template: an .xlsx whose first row has the Chinese headers.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载导入模板' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const template = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(template);
  expect(await headersOf(template)).toEqual(expect.arrayContaining([...ROSTER_HEADERS]));

  // First upload: the dry-run report, nothing written yet.
  await upload(page, withErrors);
  await expect(page.getByText('支部名册.xlsx')).toBeVisible();
  await expect(statistic(page, '数据行')).toHaveText('4');
  await expect(statistic(page, '新增')).toHaveText('1');
  await expect(statistic(page, '有问题')).toHaveText('3');
  await expect(page.getByRole('tab', { name: '问题（3）' })).toBeVisible();
  // Excel row numbers: the header is row 1, so the people are rows 2 to 5.
  await expect(problem(page, 3, '公民身份号码')).toContainText('身份证号码校验位不符');
  await expect(problem(page, 3, '公民身份号码')).toContainText(maskedId(withWrongCheckDigit(badId.idNumber)));
  await expect(problem(page, 4, '入党日期')).toContainText('入党时未满 18 周岁');
  await expect(problem(page, 5, '手机号码')).toContainText('无法识别的电话号码');
  await expect(page.getByRole('button', { name: '确认导入 1 人' })).toBeEnabled();

  // The secretary fixes the file rather than importing one person of four.
  await page.getByRole('button', { name: '修改后重新上传' }).click();
  await upload(page, corrected);
  await expect(page.getByText('支部名册（修改后）.xlsx')).toBeVisible();
  await expect(statistic(page, '新增')).toHaveText('4');
  await expect(statistic(page, '有问题')).toHaveText('0');
  await expect(page.getByText('没有发现问题。').first()).toBeVisible();
  await page.getByRole('radio', { name: '全部无误才导入（有任何问题则一行也不写入）' }).check();
  await page.getByRole('button', { name: '确认导入 4 人' }).click();
  const confirm = page.getByRole('dialog', { name: '确认导入？' });
  await expect(confirm).toContainText('将在一个事务中写入全部 4 人。');
  await confirm.getByRole('button', { name: '确认导入' }).click();

  await expect(page.getByText('导入完成：新增 4 人，更新 0 人')).toBeVisible();
  await expect(page.getByText(`已写入“${branchName}”`)).toBeVisible();
  await page.getByRole('button', { name: '查看组织人员' }).click();
  await expect(page.getByRole('heading', { name: branchName, level: 4 })).toBeVisible();
  for (const person of people) {
    await searchPeople(page, person.name);
    await expect(personRow(page, person.name, maskedId(person.idNumber))).toBeVisible();
  }
});

/** Chooses the file in the upload area (through the browser's file chooser) and asks for the check. */
async function upload(page: Page, file: string): Promise<void> {
  const choosing = page.waitForEvent('filechooser');
  await page.getByText('点击或拖拽 .xlsx 文件到这里').click();
  await (await choosing).setFiles(file);
  await page.getByRole('button', { name: '上传并检查' }).click();
  await expect(page.getByRole('button', { name: '修改后重新上传' })).toBeVisible();
}

/** The value of one of the report's counters. */
function statistic(page: Page, title: string) {
  return page
    .locator('.ant-statistic')
    .filter({ has: page.getByText(title, { exact: true }) })
    .locator('.ant-statistic-content-value');
}

/** The report's row for a problem in this Excel row and column. */
function problem(page: Page, row: number, column: string) {
  return page
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: String(row), exact: true }) })
    .filter({ has: page.getByRole('cell', { name: column, exact: true }) });
}
