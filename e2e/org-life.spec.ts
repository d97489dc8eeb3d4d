import fs from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { apiSession, grantedOrgId, type ApiSession } from './support/api.ts';
import { chooseOption, DEMO_PASSWORD, signIn, uniqueSuffix } from './support/session.ts';

/**
 * Organisational life (issue 3), four journeys in order, sharing what they arrange:
 * 1. branch_secretary plans a 支部党员大会 through 新建活动, records it (全部出席, then member1 缺席)
 *    and saves: the page shows it held and the counts.
 * 2. member1, on a phone-size page, signs in to a planned activity of the branch through the link
 *    of the QR code the secretary opened; the secretary's grid shows them present.
 * 3. member1, absent from journey 1's assembly, does the make-up study on the phone.
 * 4. wc_officer sees the dashboard moved by journey 1's assembly (read through the API before it)
 *    and generates and downloads the quarter's circular (.docx and .pdf).
 * member1 is an ordinary member of branch_secretary's branch (apps/server/src/demo/generate.ts).
 */
test.describe.configure({ mode: 'serial' });

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true } as const;

type Figures = { expected: number; present: number };
type Verdict = { activityKind: string; studyForm: string | null; done: number; required: number };
type OrgCompliance = { verdicts: Verdict[]; attendance: Figures; activities: unknown[] };
type Summary = { attendance: Figures };
type Sheet = {
  counts: { expected: number; present: number; absent: number; leave: number; pending: number };
  attendees: Array<{ personId: string; name: string; role: string; status: string }>;
};
type Page_<T> = { items: T[]; total: number };
type ActivitySummary = { id: string; orgId: string; status: string; plannedStart: string; topic: string };

/** Parts of an instant as a clock in Asia/Shanghai shows them (the deployment's and the browser's zone). */
function shanghai(date: Date) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, year: Number(parts.year), month: Number(parts.month) };
}

const now = shanghai(new Date());
const quarter = Math.ceil(now.month / 3);
const PERIOD = `${now.year}-Q${quarter}`;
const PERIOD_LABEL = `${now.year}年第${'一二三四'[quarter - 1]}季度`;

// Shared between the journeys (serial).
const topic = `支部党员大会：学习贯彻全会精神 ${uniqueSuffix()}`;
let branchId = '';
let rootId = '';
let member1PersonId = '';
let member1Name = '';
let before: { summary: Summary; branch: OrgCompliance } | null = null;
let assembly: { id: string; expected: number } | null = null;

const assemblyVerdict = (o: OrgCompliance) => o.verdicts.find((v) => v.activityKind === 'member_assembly');

test.beforeAll(async ({ playwright, baseURL }) => {
  const secretary = await apiSession(playwright, baseURL!, 'branch_secretary', DEMO_PASSWORD);
  branchId = grantedOrgId(secretary);
  await secretary.dispose();
  const member = await apiSession(playwright, baseURL!, 'member1', DEMO_PASSWORD);
  member1PersonId = member.me.personId ?? '';
  await member.dispose();
  expect(member1PersonId, 'member1 is linked to a person record').not.toBe('');
  // The working committee's figures before journey 1 adds an assembly.
  const officer = await apiSession(playwright, baseURL!, 'wc_officer', DEMO_PASSWORD);
  rootId = grantedOrgId(officer);
  before = {
    summary: await officer.get<Summary>('/compliance/summary', { orgId: rootId, period: PERIOD }),
    branch: await officer.get<OrgCompliance>(`/compliance/orgs/${branchId}`, { period: PERIOD }),
  };
  await officer.dispose();
});

test('a secretary plans a member assembly and records it with attendance', async ({ page, playwright, baseURL }) => {
  test.setTimeout(60_000);
  // Three hours ago (on a five-minute step): recorded afterwards, its actual start and end are past.
  const start = shanghai(new Date(Math.floor((Date.now() - 3 * 3600_000) / 300_000) * 300_000));

  await signIn(page, 'branch_secretary');
  await page.goto('/activities');
  await page.getByRole('button', { name: /新建活动$/ }).click();
  const dialog = page.getByRole('dialog', { name: '新建活动（计划）' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('类型').click();
  await chooseOption(page, '支部党员大会');
  await dialog.getByLabel('主题').fill(topic);
  await dialog.getByLabel('地点').fill('机关三楼会议室');
  await dialog.getByLabel('学习材料').fill('学习党的二十届四中全会精神，结合本支部工作实际开展讨论。');
  // The start last: Enter in the date field confirms the typed time only; 创建 submits the form.
  const startField = dialog.getByLabel('开始时间');
  await startField.click();
  await startField.fill(`${start.day} ${start.time}`);
  await startField.press('Enter');
  await expect(startField).toHaveValue(`${start.day} ${start.time}`);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: /^创\s*建$/ }).click();

  // The new activity's recording page.
  await expect(page).toHaveURL(/\/activities\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop()!;
  await expect(page.getByRole('heading', { name: topic, level: 4 })).toBeVisible();
  await expect(page.getByText('计划中', { exact: true })).toBeVisible();
  await expect(page.getByText(`计划于 ${start.day} ${start.time}`)).toBeVisible();

  const secretary = await apiSession(playwright, baseURL!, 'branch_secretary', DEMO_PASSWORD);
  const sheet = await secretary.get<Sheet>(`/activities/${id}/attendance`);
  await secretary.dispose();
  const me = sheet.attendees.find((a) => a.personId === member1PersonId && a.role === 'expected');
  expect(me, 'member1 is expected at an assembly of their branch').toBeTruthy();
  member1Name = me!.name;
  const expected = sheet.counts.expected;
  expect(expected).toBeGreaterThan(1);
  assembly = { id, expected };

  const counts = page.getByTestId('attendance-counts');
  await expect(counts).toHaveText(`应到 ${expected} 人，出席 0，缺席 0，请假 0，未标记 ${expected}`);
  await page.getByRole('button', { name: '全部出席' }).click();
  await expect(counts).toHaveText(`应到 ${expected} 人，出席 ${expected}，缺席 0，请假 0，未标记 0`);
  const row = page.getByRole('radiogroup', { name: `${member1Name} 出席情况` });
  // Ant Design's radio buttons hide their input: the label is what a user clicks.
  await row.locator('label').filter({ hasText: /^缺席$/ }).click();
  await expect(row.getByRole('radio', { name: '缺席' })).toBeChecked();
  await expect(counts).toHaveText(`应到 ${expected} 人，出席 ${expected - 1}，缺席 1，请假 0，未标记 0`);
  await expect(page.getByText(`${expected} 人的出席情况尚未保存`)).toBeVisible();

  await page.getByRole('button', { name: /保存记录和考勤$/ }).click();
  await expect(page.locator('.ant-message-notice').filter({ hasText: '记录已保存' })).toBeVisible();
  await expect(page.getByText('已召开', { exact: true })).toBeVisible();
  await expect(page.getByText(`已于 ${start.day} 召开`)).toBeVisible();
  await expect(page.getByText(/人的出席情况尚未保存/)).toHaveCount(0);

  // As the server holds it, after a reload.
  await page.reload();
  await expect(page.getByText('已召开', { exact: true })).toBeVisible();
  await expect(counts).toHaveText(`应到 ${expected} 人，出席 ${expected - 1}，缺席 1，请假 0，未标记 0`);
  await expect(page.getByRole('radiogroup', { name: `${member1Name} 出席情况` }).getByRole('radio', { name: '缺席' })).toBeChecked();
});

test('a member signs in on a phone through the link of the QR code', async ({ page, browser, playwright, baseURL }) => {
  test.setTimeout(90_000);
  // A planned activity of the branch that member1 is expected at: one of the demo's coming
  // meetings, or (if none lists them) one planned here for later today.
  const secretary = await apiSession(playwright, baseURL!, 'branch_secretary', DEMO_PASSWORD);
  const activityId = await plannedActivityFor(secretary, member1PersonId);
  const sheetBefore = await secretary.get<Sheet>(`/activities/${activityId}/attendance`);
  await secretary.dispose();
  const name = sheetBefore.attendees.find((a) => a.personId === member1PersonId)!.name;

  await signIn(page, 'branch_secretary');
  await page.goto(`/activities/${activityId}`);
  await page.getByRole('button', { name: /开启扫码签到$/ }).click();
  await expect(page).toHaveURL(new RegExp(`/activities/${activityId}/signin$`));
  await expect(page.getByRole('img', { name: '签到二维码' })).toBeVisible();
  await expect(page.getByText('请用手机扫码签到')).toBeVisible();
  const link = await page.getByText(/\/s\/[A-Za-z0-9_-]{16,}$/).textContent();
  const path = new URL(link!.trim()).pathname;
  await expect(page.getByTestId('present-count')).toHaveText(String(sheetBefore.counts.present));

  const phone = await newPhone(browser);
  try {
    await signIn(phone, 'member1');
    await phone.goto(path);
    await expect(phone.getByRole('heading', { name: '会议签到' })).toBeVisible();
    await phone.getByRole('button', { name: /^签\s*到$/ }).click();
    await expect(phone.getByText('签到成功')).toBeVisible();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // Coming back to the link later says so.
    await phone.reload();
    await expect(phone.getByText('您已签到')).toBeVisible();
  } finally {
    await phone.context().close();
  }

  // The display counts them (it polls), and the secretary's grid shows them present, by QR.
  await expect(page.getByTestId('present-count')).toHaveText(String(sheetBefore.counts.present + 1));
  await page.getByRole('button', { name: /退\s*出$/ }).click();
  await expect(page).toHaveURL(new RegExp(`/activities/${activityId}$`));
  await page.reload();
  const row = page.getByRole('radiogroup', { name: `${name} 出席情况` });
  await expect(row.getByRole('radio', { name: '出席' })).toBeChecked();
  await expect(page.getByRole('row').filter({ has: row }).getByRole('img', { name: '扫码签到' })).toBeVisible();
});

test('the absent member does the make-up study on a phone', async ({ browser }) => {
  test.setTimeout(60_000);
  expect(assembly, 'journey 1 recorded the assembly').not.toBeNull();
  const phone = await newPhone(browser);
  try {
    await signIn(phone, 'member1');
    await expect(phone).toHaveURL(/\/my-life$/);
    const item = phone.getByTestId('makeup-row').filter({ hasText: topic });
    await expect(item).toBeVisible();
    await item.click();
    await expect(phone).toHaveURL(/\/my-life\/makeup\/[0-9a-f-]+$/);
    await expect(phone.getByRole('heading', { name: `补学：${topic}` })).toBeVisible();
    await expect(phone.getByText('学习党的二十届四中全会精神，结合本支部工作实际开展讨论。')).toBeVisible();

    // A note is asked for only once the materials are read.
    await expect(phone.getByRole('button', { name: '提交，完成补学' })).toHaveCount(0);
    await phone.getByRole('button', { name: '我已阅读' }).click();
    const note = phone.getByLabel(/学习体会（至少 \d+ 个字）/);
    await expect(note).toBeVisible();
    await expect(phone.getByText(/已于 .* 阅读/)).toBeVisible();
    await note.fill('通过学习会议材料，深刻领会了全会精神，今后要在本职工作中抓好落实，做到学用结合。');
    await phone.getByRole('button', { name: '提交，完成补学' }).click();
    await expect(phone.locator('.ant-result-title').filter({ hasText: '补学已完成' })).toBeVisible();
    await expect(phone.getByText(/已于 .* 完成/)).toBeVisible();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // No longer open: gone from what is waiting, listed as done under 补学.
    await phone.goto('/my-life');
    await expect(phone.getByRole('tab', { name: '待参加' })).toBeVisible();
    await expect(phone.getByTestId('makeup-row').filter({ hasText: topic })).toHaveCount(0);
    await phone.goto('/my-life?tab=makeup');
    const done = phone.getByTestId('makeup-row').filter({ hasText: topic });
    await expect(done).toContainText('已完成');
  } finally {
    await phone.context().close();
  }
});

test('the working committee sees the dashboard change and downloads the circular', async ({ page, playwright, baseURL }, testInfo) => {
  test.setTimeout(90_000);
  expect(before && assembly, 'figures read before journey 1, and its assembly').toBeTruthy();
  const officer = await apiSession(playwright, baseURL!, 'wc_officer', DEMO_PASSWORD);
  const after = await officer.get<Summary>('/compliance/summary', { orgId: rootId, period: PERIOD });
  await officer.dispose();
  // Journey 1's assembly counts: everyone expected, all but one present.
  expect(after.attendance.expected).toBeGreaterThanOrEqual(before!.summary.attendance.expected + assembly!.expected);
  expect(after.attendance.present).toBeGreaterThanOrEqual(before!.summary.attendance.present + assembly!.expected - 1);
  const verdictBefore = assemblyVerdict(before!.branch);
  expect(verdictBefore, 'the branch has a 支部党员大会 requirement this quarter').toBeTruthy();

  await signIn(page, 'wc_officer');
  await page.goto('/compliance');
  await expect(page.getByRole('heading', { name: '组织生活看板' }).or(page.getByText('组织生活看板', { exact: true }).first())).toBeVisible();
  await expect(page.getByLabel('选择期间')).toHaveValue(PERIOD_LABEL);
  await expect(page.getByText(`实到 ${after.attendance.present} / 应到 ${after.attendance.expected} 人次`)).toBeVisible();

  // The branch's own figures: one more 支部党员大会 than before journey 1.
  await page.goto(`/compliance?orgId=${branchId}&period=${PERIOD}`);
  await page.getByRole('button', { name: /本组织详情$/ }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText(PERIOD_LABEL);
  const verdictRow = drawer.getByRole('row').filter({ hasText: '支部党员大会' }).filter({ hasText: ' / ' }).first();
  await expect(verdictRow).toContainText(`${verdictBefore!.done + 1} / ${verdictBefore!.required}`);
  await expect(drawer.getByRole('row').filter({ hasText: topic })).toBeVisible();
  await page.keyboard.press('Escape');

  // The circular of the root for the quarter.
  await page.goto('/circulars');
  await expect(page.getByLabel('选择期间')).toHaveValue(PERIOD_LABEL);
  await page.getByRole('button', { name: new RegExp(`生成${PERIOD_LABEL}通报$`) }).click();
  const generated = page.locator('.ant-message-notice').filter({ hasText: /已生成第 \d+ 版通报。/ });
  await expect(generated).toBeVisible();
  const version = Number((await generated.textContent())!.match(/第 (\d+) 版/)![1]);

  for (const [format, label] of [
    ['docx', `下载第 ${version} 版 Word 文档`],
    ['pdf', `下载第 ${version} 版 PDF`],
  ] as const) {
    const button = page.getByRole('button', { name: label });
    await expect(button).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const name = download.suggestedFilename();
    expect(name).toMatch(new RegExp(`\\.${format}$`));
    const file = testInfo.outputPath(name);
    await download.saveAs(file);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    const head = fs.readFileSync(file).subarray(0, 4).toString('latin1');
    expect(head).toBe(format === 'pdf' ? '%PDF' : 'PK\u0003\u0004');
  }
});

/** A new browser context the size of a phone, with a page. */
async function newPhone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  return context.newPage();
}

/** A planned activity of the secretary's branch that this person is expected at. */
async function plannedActivityFor(secretary: ApiSession, personId: string): Promise<string> {
  const orgId = grantedOrgId(secretary);
  const planned = await secretary.get<Page_<ActivitySummary>>('/activities', { orgId, status: 'planned', pageSize: 50 });
  for (const a of planned.items) {
    const sheet = await secretary.get<Sheet>(`/activities/${a.id}/attendance`);
    if (sheet.attendees.some((x) => x.personId === personId && x.role === 'expected' && x.status === 'pending')) return a.id;
  }
  const start = new Date(Date.now() + 2 * 3600_000);
  const created = await secretary.post<{ id: string }>('/activities', {
    orgId,
    kind: 'theme_party_day',
    topic: `主题党日 ${uniqueSuffix()}`,
    plannedStart: start.toISOString(),
  });
  return created.id;
}
