/**
 * The Excel import and export of people over HTTP on a real database, with .xlsx files built in
 * the tests by exceljs the way users' spreadsheets are: the template, the dry-run report (rows,
 * columns, reasons in Chinese and English), normalisation of dates and full-width digits, both
 * commit modes, re-imports without duplicates, organisation codes, permissions, the audited
 * export and its round trip, and a 2,000-row file. The 20,000-row case is bench/import.ts.
 */
import { apiMessages, categoryLabels, importColumns, ruleMessages, XLSX_MIME } from '@pioneer/domain';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../lib/actor.ts';
import { makeIdNumber, makeOrg, makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { client, createTestEnv, describeEachDatabase, loginClient, testDialects, type Client, type TestEnv } from '../../test/harness.ts';
import { multipartBody, rosterFile, TEMPLATE_HEADERS, type RosterCell } from './imports.testkit.ts';

const TODAY = '2026-06-01';
const messages: Record<string, { 'zh-CN': string; en: string }> = { ...ruleMessages, ...apiMessages };
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

type Problem = { row: number; column: string | null; field: string | null; value: string | null; code: string; message: string };

/** A valid full member as a roster row keyed by header; every call a new ID number. */
function member(overrides: Record<string, RosterCell> = {}): Record<string, RosterCell> {
  return {
    姓名: '李建国',
    性别: '男',
    民族: '汉族',
    出生日期: '1985-06-15',
    公民身份号码: makeIdNumber('1985-06-15', 'male'),
    手机号码: '13812345678',
    学历: '大学本科',
    人员类别: '正式党员',
    入党日期: '2010-07-01',
    转正日期: '2011-07-01',
    职务: '科员',
    家庭住址: '城关镇人民路 1 号',
    状态: '正常',
    领导干部: '否',
    ...overrides,
  };
}

describeEachDatabase('imports', (env) => {
  beforeAll(() => env().setNow(`${TODAY}T04:00:00Z`));

  async function loginAs(role: Role, orgId: string | null = null) {
    const user = await makeUser(env().ctx, { roles: [{ role, orgId }] });
    return { client: await loginClient(env().app, user.username, TEST_PASSWORD), userId: user.id };
  }

  /** A unit with two branches, its committee officer, and the first branch's secretary. */
  async function world() {
    const tree = await makeTree(env().ctx);
    const officer = await loginAs('committee_officer', tree.unit.id);
    const secretary = await loginAs('secretary', tree.branch.id);
    return { ...tree, officer: officer.client, officerId: officer.userId, secretary: secretary.client, secretaryId: secretary.userId };
  }

  function upload(c: Client, orgId: string | null, file: Buffer | null, headers: Record<string, string> = {}, name = '党员名册.xlsx') {
    const body = multipartBody(orgId === null ? {} : { orgId }, file ? { name, data: file } : null);
    return c.post('/api/v1/imports/people', body.payload, { 'content-type': body.contentType, ...headers });
  }

  async function dryRun(c: Client, orgId: string, records: Array<Record<string, RosterCell>>, headers: Record<string, string> = {}) {
    const res = await upload(c, orgId, await rosterFile(records), headers);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { batchId: string; counts: Record<string, number>; problems: Problem[]; updates: Array<{ row: number; personId: string; name: string; columns: string[] }>; absentColumns: string[]; totalRows: number; status: string; written: unknown };
  }

  const commit = (c: Client, batchId: string, mode: 'valid_rows' | 'all_or_nothing' = 'valid_rows', headers: Record<string, string> = {}) =>
    c.post(`/api/v1/imports/${batchId}/commit`, { mode }, headers);

  const peopleIn = (orgId: string) => env().ctx.db.selectFrom('people').selectAll().where('org_id', '=', orgId).orderBy('name').execute();

  async function readWorkbook(body: Buffer) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as never);
    return workbook;
  }

  describe('template', () => {
    it('has the Chinese headers in order, a guide sheet with the allowed values, text-formatted ID cells and drop-down lists', async () => {
      const w = await world();
      const res = await w.secretary.get('/api/v1/imports/people/template');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX_MIME);
      expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('人员信息导入模板.xlsx')}`);
      const workbook = await readWorkbook(res.rawPayload);
      const sheet = workbook.getWorksheet('人员信息')!;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
        '姓名', '性别', '民族', '出生日期', '公民身份号码', '手机号码', '学历', '人员类别', '入党日期', '转正日期', '职务', '家庭住址',
        '所在组织编码', '状态', '失联日期', '领导干部', '党务工作者', '书记', '支委委员', '年老体弱', '离退休', '免除学习要求', '免除原因', '任书记日期', '业务条线',
      ]);
      expect(sheet.getCell('E2').numFmt).toBe('@');
      expect(sheet.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ['"男,女"'] });
      expect(sheet.getCell('H20001').dataValidation).toMatchObject({ type: 'list', formulae: ['"正式党员,预备党员,入党申请人,入党积极分子,发展对象"'] });
      expect(sheet.getCell('N2').dataValidation).toMatchObject({ formulae: ['"正常,失去联系,流动外出"'] });
      expect(sheet.getCell('P2').dataValidation).toMatchObject({ formulae: ['"是,否"'] });
      expect(sheet.getCell('Y2').dataValidation).toMatchObject({ formulae: ['"经济,纪检,信访,党建,其他"'] });

      const guide = workbook.getWorksheet('填写说明')!;
      const guideRows = new Map<string, unknown[]>();
      guide.eachRow((row) => guideRows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1)));
      expect(guideRows.get('人员类别')).toEqual(['人员类别', '是', '正式党员、预备党员、入党申请人、入党积极分子、发展对象', '必填。']);
      expect(guideRows.get('性别')?.[2]).toBe('男、女');
      expect(guideRows.get('状态')?.[2]).toBe('正常、失去联系、流动外出');
      expect(guideRows.get('离退休')?.[2]).toBe('是、否');
      expect(guideRows.get('公民身份号码')?.[1]).toBe('是');
      expect(importColumns.every((c) => guideRows.has(c.header))).toBe(true);
    });

    it('round trip: the downloaded template, filled in, is read and imported', async () => {
      const w = await world();
      const template = await readWorkbook((await w.secretary.get('/api/v1/imports/people/template')).rawPayload);
      const sheet = template.getWorksheet('人员信息')!;
      const a = member({ 姓名: '周文' });
      const b = member({ 姓名: '吴敏', 性别: '女', 出生日期: '1992-03-04', 公民身份号码: makeIdNumber('1992-03-04', 'female'), 人员类别: '入党积极分子', 入党日期: null, 转正日期: null });
      for (const r of [a, b]) sheet.addRow(TEMPLATE_HEADERS.map((h) => r[h] ?? null));
      const file = Buffer.from(await template.xlsx.writeBuffer());
      const res = await upload(w.secretary, w.branch.id, file);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ counts: { new: 2, update: 0, unchanged: 0, error: 0 }, problems: [], totalRows: 2, status: 'dry_run', absentColumns: [], fileName: '党员名册.xlsx', orgId: w.branch.id, orgName: w.branch.name });
      expect((await commit(w.secretary, res.json().batchId)).statusCode).toBe(200);
      const people = await peopleIn(w.branch.id);
      expect(people.map((p) => [p.name, p.category])).toEqual([
        ['吴敏', 'activist'],
        ['周文', 'full'],
      ]);
    });

    it('is for managers only', async () => {
      for (const role of ['system_admin', 'security_admin', 'audit_admin'] as const) {
        const admin = await loginAs(role);
        expect((await admin.client.get('/api/v1/imports/people/template')).statusCode).toBe(403);
      }
      expect((await client(env().app).get('/api/v1/imports/people/template')).statusCode).toBe(401);
    });
  });

  describe('dry run', () => {
    it('lists every problem by Excel row, column, value and reason in Chinese, writes nothing, and keeps valid rows valid', async () => {
      const w = await world();
      const dupId = makeIdNumber('1980-01-01', 'male');
      const good = member({ 姓名: '正确' });
      const badCheck = makeIdNumber('1985-06-15', 'male');
      const records = [
        good,
        member({ 姓名: '校验位错', 公民身份号码: badCheck.slice(0, 17) + ((Number(badCheck[17] === 'X' ? 10 : badCheck[17]) + 1) % 10) }),
        member({ 姓名: null }),
        member({ 姓名: '日期错', 入党日期: '2019-02-30' }),
        member({ 姓名: '类别错', 人员类别: '党员' }),
        member({ 姓名: '电话错', 手机号码: '12345' }),
        member({ 姓名: '申请人', 人员类别: '入党申请人', 转正日期: null }),
        member({ 姓名: '重复甲', 出生日期: '1980-01-01', 公民身份号码: dupId }),
        member({ 姓名: '重复乙', 出生日期: '1980-01-01', 公民身份号码: dupId }),
        member({ 姓名: '多处错', 性别: '女', 领导干部: '也许', 免除学习要求: '是' }),
      ];
      const report = await dryRun(w.secretary, w.branch.id, records);
      expect(report.counts).toEqual({ new: 2, update: 0, unchanged: 0, error: 8 });
      const at = (row: number) => report.problems.filter((p) => p.row === row).map((p) => [p.column, p.code]);
      // Row 1 is the header, so the first record is Excel row 2.
      expect(at(2)).toEqual([]);
      expect(at(3)).toEqual([['公民身份号码', 'ID_NUMBER_CHECK_DIGIT']]);
      expect(at(4)).toEqual([['姓名', 'IMPORT_REQUIRED']]);
      expect(at(5)).toEqual([['入党日期', 'DATE_INVALID']]);
      expect(at(6)).toEqual([['人员类别', 'IMPORT_VALUE_NOT_ALLOWED']]);
      expect(at(7)).toEqual([['手机号码', 'PHONE_INVALID']]);
      expect(at(8)).toEqual([['入党日期', 'NOT_A_MEMBER_HAS_JOIN_DATE']]);
      expect(at(9)).toEqual([]);
      expect(at(10)).toEqual([['公民身份号码', 'IMPORT_DUPLICATE_IN_FILE']]);
      expect(at(11)).toEqual([
        ['性别', 'ID_NUMBER_SEX_MISMATCH'],
        ['领导干部', 'IMPORT_VALUE_NOT_ALLOWED'],
        ['免除原因', 'STUDY_EXEMPT_REASON_REQUIRED'],
      ]);

      const problem = (row: number, code: string) => report.problems.find((p) => p.row === row && p.code === code)!;
      expect(problem(5, 'DATE_INVALID')).toEqual({ row: 5, column: '入党日期', field: 'joinedOn', value: '2019-02-30', code: 'DATE_INVALID', message: messages.DATE_INVALID!['zh-CN'] });
      expect(problem(6, 'IMPORT_VALUE_NOT_ALLOWED')).toMatchObject({ value: '党员', message: `无法识别的取值，请填写：${Object.values(categoryLabels).join('、')}。` });
      expect(problem(10, 'IMPORT_DUPLICATE_IN_FILE')).toMatchObject({ value: masked(dupId), message: '与第 9 行的身份证号码重复，同一人只能出现一次。' });
      expect(problem(3, 'ID_NUMBER_CHECK_DIGIT').message).toBe(messages.ID_NUMBER_CHECK_DIGIT!['zh-CN']);
      // Numbers are masked in the report, as everywhere outside the audited full view.
      expect(problem(3, 'ID_NUMBER_CHECK_DIGIT').value).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      expect(problem(7, 'PHONE_INVALID').value).toBe('*2345');
      expect(await peopleIn(w.branch.id)).toEqual([]);

      // The same file read in English.
      const en = await dryRun(w.secretary, w.branch.id, records, { 'accept-language': 'en-US,en;q=0.9' });
      const enProblem = en.problems.find((p) => p.row === 5)!;
      expect(enProblem).toMatchObject({ column: '入党日期', message: messages.DATE_INVALID!.en });
      expect(en.problems.find((p) => p.row === 10)!.message).toBe('Same ID number as row 9: a person may appear only once.');
      expect(en.problems.find((p) => p.row === 4)!.message).toBe(messages.IMPORT_REQUIRED!.en);

      // The stored report reads the same again, in the reader's language.
      const again = await w.secretary.get(`/api/v1/imports/${report.batchId}`, { 'accept-language': 'en' });
      expect(again.statusCode).toBe(200);
      expect(again.json().problems.find((p: Problem) => p.row === 5).message).toBe(messages.DATE_INVALID!.en);
    });

    it('understands dates as Excel dates, serial numbers, 2019-07-01, 2019.07.01, 2019/7/1 and 2019年7月1日, and normalises full-width digits and stray spaces', async () => {
      const w = await world();
      const toFullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
      const ids = [0, 1, 2, 3, 4].map(() => makeIdNumber('1985-06-15', 'male'));
      const records = [
        member({ 姓名: ' 甲 ', 公民身份号码: ids[0], 入党日期: new Date(Date.UTC(2019, 6, 1)), 转正日期: '2020-07-01' }),
        member({ 姓名: '乙', 公民身份号码: ids[1], 入党日期: '2019.07.01', 转正日期: '2020.7.1' }),
        member({ 姓名: '丙', 公民身份号码: ids[2], 入党日期: '2019年7月1日', 转正日期: '2020年07月01日' }),
        member({ 姓名: '丁', 公民身份号码: ids[3], 入党日期: '2019/7/1', 转正日期: 44013 /* Excel serial of 2020-07-01 */ }),
        member({ 姓名: '\u3000戊', 公民身份号码: ` ${toFullWidth(ids[4]!.slice(0, 9))} ${ids[4]!.slice(9)} `, 手机号码: '１３８ １２３４ ５６７８', 出生日期: '１９８５-０６-１５', 入党日期: ' 2019-07-01 ', 转正日期: '2020-07-01 00:00:00' }),
      ];
      const report = await dryRun(w.secretary, w.branch.id, records);
      expect(report.problems).toEqual([]);
      expect(report.counts.new).toBe(5);
      expect((await commit(w.secretary, report.batchId)).statusCode).toBe(200);
      const people = await peopleIn(w.branch.id);
      expect(people.map((p) => p.name).sort()).toEqual(['丁', '丙', '乙', '戊', '甲']);
      for (const p of people) {
        expect([p.joined_on, p.confirmed_on, p.birth_date]).toEqual(['2019-07-01', '2020-07-01', '1985-06-15']);
      }
      const wu = people.find((p) => p.name === '戊')!;
      expect(env().ctx.pii.decrypt(wu.id_number_enc)).toBe(ids[4]);
      expect(env().ctx.pii.decrypt(wu.phone_enc!)).toBe('13812345678');
    });

    it('reports an ID number that Excel turned into a number, and masked numbers copied from an export', async () => {
      const w = await world();
      const report = await dryRun(w.secretary, w.branch.id, [
        // What Excel keeps of 110105198506151234 typed into a number cell: 15 significant digits.
        member({ 公民身份号码: 1.10105198506151e17 }),
        member({ 公民身份号码: '110105********1234' }),
        member({ 手机号码: '138****5678' }),
      ]);
      expect(report.problems.map((p) => [p.row, p.column, p.code])).toEqual([
        [2, '公民身份号码', 'IMPORT_ID_NUMBER_AS_NUMBER'],
        [3, '公民身份号码', 'IMPORT_VALUE_MASKED'],
        [4, '手机号码', 'IMPORT_VALUE_MASKED'],
      ]);
    });

    it('refuses a file whose header lacks required columns, naming them, in either language', async () => {
      const w = await world();
      const headers = TEMPLATE_HEADERS.filter((h) => h !== '公民身份号码' && h !== '人员类别');
      const file = await rosterFile([member()], { headers });
      const res = await upload(w.secretary, w.branch.id, file);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'IMPORT_HEADER_MISSING', message: '表头缺少必填列：公民身份号码、人员类别。请使用下载的模板。' });
      const en = await upload(w.secretary, w.branch.id, file, { 'accept-language': 'en' });
      expect(en.json().error.message).toBe('Required columns are missing from the header: 公民身份号码、人员类别. Use the downloaded template.');
    });

    it('finds the header below a title row and under other common names, and leaves out optional columns it lacks', async () => {
      const w = await world();
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('名册');
      sheet.addRow(['某某局党员名册（2026 年）']);
      sheet.addRow(['序号', '姓名', '性别', '出生日期', '身份证号', '人员类别*', '入党时间', '转正时间']);
      sheet.addRow([1, '郑和', '男', '1985-06-15', makeIdNumber('1985-06-15', 'male'), '正式党员', '2010-07-01', '2011-07-01']);
      const res = await upload(w.secretary, w.branch.id, Buffer.from(await workbook.xlsx.writeBuffer()));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().counts).toEqual({ new: 1, update: 0, unchanged: 0, error: 0 });
      expect(res.json().absentColumns).toEqual(['民族', '手机号码', '学历', '职务', '家庭住址', '所在组织编码', '状态', '失联日期', '领导干部', '党务工作者', '书记', '支委委员', '年老体弱', '离退休', '免除学习要求', '免除原因', '任书记日期', '业务条线']);
    });

    it('refuses a file that is no spreadsheet, one without data rows, a missing file or organisation, and more than 20,000 rows', async () => {
      const w = await world();
      const junk = await upload(w.secretary, w.branch.id, Buffer.from('姓名,性别\n张三,男\n'));
      expect(junk.statusCode).toBe(400);
      expect(junk.json().error.code).toBe('IMPORT_FILE_UNREADABLE');
      const empty = await upload(w.secretary, w.branch.id, await rosterFile([]));
      expect(empty.json().error.code).toBe('IMPORT_NO_ROWS');
      const noFile = await upload(w.secretary, w.branch.id, null);
      expect(noFile.statusCode).toBe(400);
      expect(noFile.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'file', code: 'IMPORT_REQUIRED', message: messages.IMPORT_REQUIRED!['zh-CN'] }] });
      const noOrg = await upload(w.secretary, null, await rosterFile([member()]));
      expect(noOrg.json().error.details[0].path).toBe('orgId');
      const json = await w.secretary.post('/api/v1/imports/people', { orgId: w.branch.id });
      expect(json.json().error.details[0].path).toBe('file');

      const many = await rosterFile(Array.from({ length: 20_001 }, (_, i) => ({ 姓名: `人${i}`, 性别: '男' })), { headers: ['姓名', '性别'] });
      const tooMany = await upload(w.secretary, w.branch.id, many);
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.json().error).toMatchObject({ code: 'IMPORT_TOO_MANY_ROWS', message: '一次最多导入 20000 行，本文件有 20001 行，请拆分后导入。' });
    }, 60_000);
  });

  describe('organisations', () => {
    it('places rows by organisation code inside the import organisation, and reports unknown, outside and deactivated codes', async () => {
      const { ctx } = env();
      const w = await world();
      const group = await makeOrg(ctx, { parentId: w.branch.id, kind: 'party_group', name: '第一党小组' });
      const closed = await makeOrg(ctx, { parentId: w.branch.id, kind: 'party_group', name: '已撤销小组' });
      expect((await w.officer.post(`/api/v1/orgs/${closed.id}/deactivate`)).statusCode).toBe(200);
      const report = await dryRun(w.secretary, w.branch.id, [
        member({ 姓名: '组内', 所在组织编码: group.code }),
        member({ 姓名: '本支部' }),
        member({ 姓名: '兄弟支部', 所在组织编码: w.otherBranch.code }),
        member({ 姓名: '上级', 所在组织编码: w.unit.code }),
        member({ 姓名: '不存在', 所在组织编码: 'NO-SUCH-ORG' }),
        member({ 姓名: '撤销', 所在组织编码: closed.code }),
      ]);
      expect(report.problems.map((p) => [p.row, p.column, p.code, p.message])).toEqual([
        [4, '所在组织编码', 'IMPORT_ORG_OUTSIDE', `组织“${w.otherBranch.code}”不在本次导入的组织“${w.branch.name}”之下，不能导入到该组织。`],
        [5, '所在组织编码', 'IMPORT_ORG_OUTSIDE', `组织“${w.unit.code}”不在本次导入的组织“${w.branch.name}”之下，不能导入到该组织。`],
        [6, '所在组织编码', 'IMPORT_ORG_CODE_UNKNOWN', '组织编码“NO-SUCH-ORG”不存在，请核对。'],
        [7, '所在组织编码', 'IMPORT_ORG_INACTIVE', `组织“${closed.code}”已撤销，不能登记人员。`],
      ]);
      expect((await commit(w.secretary, report.batchId)).json().written).toEqual({ inserted: 2, updated: 0 });
      expect((await peopleIn(group.id)).map((p) => p.name)).toEqual(['组内']);
      expect((await peopleIn(w.branch.id)).map((p) => p.name)).toEqual(['本支部']);
    });

    it('refuses an ID number registered in someone else’s subtree, and an organisation change for someone the caller manages', async () => {
      const { ctx } = env();
      const w = await world();
      const elsewhere = await makePerson(ctx, { orgId: w.otherBranch.id, name: '外支部' });
      const mine = await makePerson(ctx, { orgId: w.branch.id, name: '本支部' });
      const group = await makeOrg(ctx, { parentId: w.branch.id, kind: 'party_group' });
      const report = await dryRun(w.secretary, w.branch.id, [
        member({ 姓名: '外支部', 公民身份号码: elsewhere.idNumber }),
        member({ 姓名: '本支部', 公民身份号码: mine.idNumber, 所在组织编码: group.code }),
      ]);
      expect(report.problems.map((p) => [p.row, p.column, p.code, p.message])).toEqual([
        [2, '公民身份号码', 'IMPORT_ID_NUMBER_ELSEWHERE', messages.IMPORT_ID_NUMBER_ELSEWHERE!['zh-CN']],
        [3, '所在组织编码', 'IMPORT_ORG_CHANGE', `该同志已登记在“${w.branch.name}”，导入不能改变所在组织；调整组织请办理组织关系转接。`],
      ]);
      // The other branch's record is not named to this secretary.
      expect(JSON.stringify(report)).not.toContain(w.otherBranch.name);
    });
  });

  describe('commit', () => {
    it('valid_rows writes only the valid rows, in one transaction, with one audit entry listing them', async () => {
      const { ctx } = env();
      const w = await world();
      const rows = [member({ 姓名: '甲' }), member({ 姓名: '乙', 人员类别: '?' }), member({ 姓名: '丙', 性别: '女' }), member({ 姓名: '丁' })];
      const report = await dryRun(w.secretary, w.branch.id, rows);
      expect(report.counts).toEqual({ new: 2, update: 0, unchanged: 0, error: 2 });
      const res = await commit(w.secretary, report.batchId, 'valid_rows');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'committed', mode: 'valid_rows', written: { inserted: 2, updated: 0 }, counts: { new: 2, error: 2 } });
      expect(res.json().problems).toHaveLength(2);
      const people = await peopleIn(w.branch.id);
      expect(people.map((p) => p.name)).toEqual(['丁', '甲']);
      const audit = await ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', report.batchId).execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'person.import', actor_id: w.secretaryId, org_id: w.branch.id, entity_type: 'import_batch' });
      expect(audit[0]!.detail).toMatchObject({ mode: 'valid_rows', counts: { new: 2, error: 2 }, inserted: expect.arrayContaining(people.map((p) => p.id)), updated: [] });
      // No ID number or phone from the file reaches the audit log. (A pattern such as
      // /\d{17}[\dX]/ is not a test of that: the file's SHA-256 can hold 18 digits in a row.)
      const auditText = JSON.stringify(audit[0]);
      for (const row of rows) {
        expect(auditText).not.toContain(String(row['公民身份号码']));
        expect(auditText).not.toContain(String(row['手机号码']));
      }
      // The normalised rows (personal data) are dropped once written; the report stays.
      const batch = await ctx.db.selectFrom('import_batches').selectAll().where('id', '=', report.batchId).executeTakeFirstOrThrow();
      expect(batch).toMatchObject({ status: 'committed', mode: 'valid_rows', rows: [] });

      const twice = await commit(w.secretary, report.batchId);
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.code).toBe('IMPORT_BATCH_DONE');
    });

    it('all_or_nothing writes nothing when any row has a problem, and the dry run can still be committed afterwards', async () => {
      const w = await world();
      const report = await dryRun(w.secretary, w.branch.id, [member({ 姓名: '甲' }), member({ 姓名: '乙', 出生日期: '1985-13-01' })]);
      const res = await commit(w.secretary, report.batchId, 'all_or_nothing');
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'IMPORT_HAS_ERRORS', message: '选择了“全部成功才导入”，但有 1 行存在问题，未写入任何数据。' });
      expect(await peopleIn(w.branch.id)).toEqual([]);
      expect((await w.secretary.get(`/api/v1/imports/${report.batchId}`)).json().status).toBe('dry_run');
      expect((await commit(w.secretary, report.batchId, 'valid_rows')).json().written).toEqual({ inserted: 1, updated: 0 });
    });

    it('all_or_nothing writes everything when every row is valid', async () => {
      const w = await world();
      const report = await dryRun(w.secretary, w.branch.id, [member({ 姓名: '甲' }), member({ 姓名: '乙' })]);
      const res = await commit(w.secretary, report.batchId, 'all_or_nothing');
      expect(res.json()).toMatchObject({ mode: 'all_or_nothing', written: { inserted: 2, updated: 0 } });
      expect(await peopleIn(w.branch.id)).toHaveLength(2);
    });

    it('importing the same file again creates no duplicates: rows are unchanged, or updates where values differ', async () => {
      const { ctx } = env();
      const w = await world();
      const records = [member({ 姓名: '甲' }), member({ 姓名: '乙' }), member({ 姓名: '丙', 状态: '失去联系', 失联日期: '2025-01-01' })];
      const first = await dryRun(w.secretary, w.branch.id, records);
      await commit(w.secretary, first.batchId);
      const before = await peopleIn(w.branch.id);

      const again = await dryRun(w.secretary, w.branch.id, records);
      expect(again.counts).toEqual({ new: 0, update: 0, unchanged: 3, error: 0 });
      expect((await commit(w.secretary, again.batchId)).json().written).toEqual({ inserted: 0, updated: 0 });

      records[1] = { ...records[1], 手机号码: '13900001111', 职务: '副科长' };
      const changed = await dryRun(w.secretary, w.branch.id, records);
      expect(changed.counts).toEqual({ new: 0, update: 1, unchanged: 2, error: 0 });
      const yi = before.find((p) => p.name === '乙')!;
      expect(changed.updates).toEqual([{ row: 3, personId: yi.id, name: '乙', columns: ['手机号码', '职务'] }]);
      expect((await commit(w.secretary, changed.batchId)).json().written).toEqual({ inserted: 0, updated: 1 });

      const after = await peopleIn(w.branch.id);
      expect(after).toHaveLength(3);
      const updated = after.find((p) => p.id === yi.id)!;
      expect(updated).toMatchObject({ post: '副科长', version: yi.version + 1, phone_hash: ctx.pii.hash('phone', '13900001111'), phone_tail: '1111' });
      expect(ctx.pii.decrypt(updated.phone_enc!)).toBe('13900001111');
      const audit = await ctx.db.selectFrom('audit_log').select('detail').where('entity_id', '=', changed.batchId).executeTakeFirstOrThrow();
      expect(audit.detail).toMatchObject({ inserted: [], updated: [{ id: yi.id, fields: ['phone', 'post'] }] });
    });

    it('keeps the stored values of columns a re-imported file lacks', async () => {
      const w = await world();
      const record = member({ 姓名: '甲', 手机号码: '13700001234', 家庭住址: '北街 2 号', 领导干部: '是' });
      await commit(w.secretary, (await dryRun(w.secretary, w.branch.id, [record])).batchId);
      const headers = ['姓名', '性别', '出生日期', '公民身份号码', '人员类别', '入党日期', '转正日期'];
      const res = await upload(w.secretary, w.branch.id, await rosterFile([record], { headers }));
      expect(res.json().counts).toEqual({ new: 0, update: 0, unchanged: 1, error: 0 });
      const [person] = await peopleIn(w.branch.id);
      expect(person).toMatchObject({ address: '北街 2 号', is_leading_cadre: true, phone_tail: '1234' });
    });

    it('checks again at commit: a person registered by another import in between is not written twice', async () => {
      const w = await world();
      const record = member({ 姓名: '并发' });
      const a = await dryRun(w.secretary, w.branch.id, [record]);
      const b = await dryRun(w.officer, w.branch.id, [{ ...record, 职务: '支部书记' }]);
      expect(b.counts.new).toBe(1);
      await commit(w.secretary, a.batchId);
      const res = await commit(w.officer, b.batchId);
      expect(res.json()).toMatchObject({ counts: { new: 0, update: 1 }, written: { inserted: 0, updated: 1 } });
      const people = await peopleIn(w.branch.id);
      expect(people.map((p) => [p.name, p.post])).toEqual([['并发', '支部书记']]);
    });

    it('handles a 2,000-row roster', async () => {
      const w = await world();
      const records = Array.from({ length: 2_000 }, (_, i) => member({ 姓名: `党员${i}`, 公民身份号码: makeIdNumber(`19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`, i % 2 ? 'male' : 'female'), 出生日期: `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`, 性别: i % 2 ? '男' : '女', 入党日期: '2020-07-01', 转正日期: '2021-07-01', 手机号码: `139${String(i).padStart(8, '0')}` }));
      const report = await dryRun(w.secretary, w.branch.id, records);
      expect(report.problems).toEqual([]);
      expect(report.counts.new).toBe(2_000);
      const res = await commit(w.secretary, report.batchId);
      expect(res.json().written).toEqual({ inserted: 2_000, updated: 0 });
      const { n } = await env().ctx.db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).where('org_id', '=', w.branch.id).executeTakeFirstOrThrow();
      expect(n).toBe(2_000);
      const again = await dryRun(w.secretary, w.branch.id, records);
      expect(again.counts).toEqual({ new: 0, update: 0, unchanged: 2_000, error: 0 });
    }, 120_000);
  });

  describe('permissions', () => {
    it('lets only managers of the organisation upload, and only the uploader read or commit the dry run', async () => {
      const w = await world();
      const file = await rosterFile([member()]);
      const otherSecretary = await loginAs('secretary', w.otherBranch.id);
      const res = await upload(otherSecretary.client, w.branch.id, file);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('ORG_NOT_FOUND');
      for (const role of ['system_admin', 'security_admin', 'audit_admin'] as const) {
        const admin = await loginAs(role);
        expect((await upload(admin.client, w.branch.id, file)).statusCode).toBe(403);
      }
      const memberPerson = await makePerson(env().ctx, { orgId: w.branch.id, name: '普通党员' });
      const memberUser = await makeUser(env().ctx, { roles: [{ role: 'member', orgId: w.branch.id }], personId: memberPerson.id });
      const asMember = await loginClient(env().app, memberUser.username, TEST_PASSWORD);
      expect((await upload(asMember, w.branch.id, file)).statusCode).toBe(403);
      expect((await upload(client(env().app), w.branch.id, file)).statusCode).toBe(401);

      const report = await dryRun(w.secretary, w.branch.id, [member()]);
      // The officer manages the branch too, but the dry run is the secretary's.
      expect((await w.officer.get(`/api/v1/imports/${report.batchId}`)).statusCode).toBe(404);
      expect((await commit(w.officer, report.batchId)).json().error.code).toBe('IMPORT_BATCH_NOT_FOUND');
      expect((await commit(otherSecretary.client, report.batchId)).statusCode).toBe(404);
      expect((await peopleIn(w.branch.id)).map((p) => p.name)).toEqual(['普通党员']);
    });
  });

  describe('export', () => {
    it('exports the list with the template columns, numbers masked, audited with the filter and count', async () => {
      const { ctx } = env();
      const w = await world();
      const a = await makePerson(ctx, { orgId: w.branch.id, name: '张三', phone: '13812345678' });
      await makePerson(ctx, { orgId: w.otherBranch.id, name: '李四', category: 'activist' });
      const res = await w.officer.get(`/api/v1/people/export?orgId=${w.unit.id}&category=full`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX_MIME);
      expect(res.headers['content-disposition']).toContain(encodeURIComponent(`人员信息-${w.unit.name}-20260601.xlsx`));
      const sheet = (await readWorkbook(res.rawPayload)).getWorksheet('人员信息')!;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(TEMPLATE_HEADERS);
      expect(sheet.actualRowCount).toBe(2);
      const row = sheet.getRow(2);
      const cell = (header: string) => row.getCell(TEMPLATE_HEADERS.indexOf(header) + 1).value;
      expect([cell('姓名'), cell('性别'), cell('公民身份号码'), cell('手机号码'), cell('人员类别'), cell('所在组织编码'), cell('状态'), cell('领导干部')]).toEqual([
        '张三', '男', masked(a.idNumber), '138****5678', '正式党员', w.branch.code, '正常', '否',
      ]);
      expect(cell('入党日期')).toEqual(new Date('2010-07-01T00:00:00Z'));
      expect(res.rawPayload.includes(Buffer.from(a.idNumber))).toBe(false);

      const audit = await ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', w.unit.id).where('action', 'like', 'person.export%').execute();
      expect(audit.map((e) => e.action)).toEqual(['person.export']);
      expect(audit[0]).toMatchObject({ actor_id: w.officerId, detail: { filter: { orgId: w.unit.id, category: 'full', scope: 'subtree', q: null, status: null }, full: false, rows: 1 } });
    });

    it('full=true exports the full numbers, audited as person.export_full, and the file imports back unchanged', async () => {
      const { ctx } = env();
      const w = await world();
      const first = await dryRun(w.secretary, w.branch.id, [
        member({ 姓名: '甲', 领导干部: '是' }),
        member({ 姓名: '乙', 人员类别: '预备党员', 入党日期: '2025-09-01', 转正日期: null, 手机号码: null }),
        member({ 姓名: '丙', 状态: '失去联系', 失联日期: '2025-10-01', 免除学习要求: '是', 免除原因: '年老体弱', 年老体弱: '是' }),
        member({ 姓名: '丁', 性别: '女', 出生日期: '1999-02-03', 公民身份号码: makeIdNumber('1999-02-03', 'female'), 人员类别: '发展对象', 入党日期: null, 转正日期: null }),
      ]);
      await commit(w.secretary, first.batchId);
      const res = await w.secretary.get(`/api/v1/people/export?orgId=${w.branch.id}&full=true`);
      expect(res.statusCode).toBe(200);
      const audit = await ctx.db.selectFrom('audit_log').select(['action', 'detail']).where('entity_id', '=', w.branch.id).where('action', 'like', 'person.export%').orderBy('id').execute();
      expect(audit.map((e) => e.action)).toEqual(['person.export', 'person.export_full']);
      expect(audit[1]!.detail).toMatchObject({ full: true, rows: 4 });

      const back = await upload(w.secretary, w.branch.id, res.rawPayload);
      expect(back.statusCode, back.body).toBe(200);
      expect(back.json()).toMatchObject({ counts: { new: 0, update: 0, unchanged: 4, error: 0 }, problems: [], absentColumns: [] });

      // A masked export says why it cannot be imported.
      const maskedFile = (await w.secretary.get(`/api/v1/people/export?orgId=${w.branch.id}`)).rawPayload;
      const maskedBack = await upload(w.secretary, w.branch.id, maskedFile);
      expect(maskedBack.json().counts.error).toBe(4);
      expect(maskedBack.json().problems.filter((p: Problem) => p.column === '公民身份号码').map((p: Problem) => p.code)).toEqual(Array(4).fill('IMPORT_VALUE_MASKED'));
    });

    it('refuses an export of more than 50,000 people before reading them', async () => {
      const { ctx } = env();
      const w = await world();
      const tag = w.otherBranch.id.slice(-8);
      await sql`
        insert into people (id, org_id, org_path, name, name_pinyin, name_initials, sex, birth_date, id_number_enc, id_number_hash, id_number_tail, category)
        select gen_random_uuid(), o.id, o.path, '批量' || g, 'piliang', 'pl', 'male', '1990-01-01', 'x', ${tag} || '-' || g, '0000', 'applicant'
        from organizations o, generate_series(1, 50001) g where o.id = ${w.otherBranch.id}`.execute(ctx.db);
      const res = await w.officer.get(`/api/v1/people/export?orgId=${w.unit.id}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'EXPORT_TOO_MANY_ROWS', message: '一次最多导出 50000 人，当前筛选结果有 50001 人，请缩小范围（如按下级组织分别导出）。' });
      // A narrower list of the same subtree still exports.
      expect((await w.officer.get(`/api/v1/people/export?orgId=${w.branch.id}`)).statusCode).toBe(200);
    }, 60_000);

    it('applies the list filters (scope, status, search) and is for managers of the subtree only', async () => {
      const { ctx } = env();
      const w = await world();
      await makePerson(ctx, { orgId: w.branch.id, name: '王五' });
      await makePerson(ctx, { orgId: w.branch.id, name: '赵六', status: 'flowing_out' });
      await makePerson(ctx, { orgId: w.otherBranch.id, name: '王七' });
      const names = async (query: string) => {
        const res = await w.officer.get(`/api/v1/people/export?${query}`);
        expect(res.statusCode).toBe(200);
        const sheet = (await readWorkbook(res.rawPayload)).getWorksheet('人员信息')!;
        const out: string[] = [];
        sheet.eachRow((row, n) => n > 1 && out.push(String(row.getCell(1).value)));
        return out.sort();
      };
      expect(await names(`orgId=${w.unit.id}`)).toEqual(['王七', '王五', '赵六']);
      expect(await names(`orgId=${w.unit.id}&q=${encodeURIComponent('王')}`)).toEqual(['王七', '王五']);
      expect(await names(`orgId=${w.unit.id}&q=zl`)).toEqual(['赵六']);
      expect(await names(`orgId=${w.unit.id}&status=flowing_out`)).toEqual(['赵六']);
      expect(await names(`orgId=${w.unit.id}&scope=direct`)).toEqual([]);

      const otherSecretary = await loginAs('secretary', w.otherBranch.id);
      expect((await otherSecretary.client.get(`/api/v1/people/export?orgId=${w.branch.id}`)).statusCode).toBe(404);
      expect((await otherSecretary.client.get(`/api/v1/people/export?orgId=${w.unit.id}`)).statusCode).toBe(404);
      for (const role of ['system_admin', 'security_admin', 'audit_admin'] as const) {
        const admin = await loginAs(role);
        expect((await admin.client.get(`/api/v1/people/export?orgId=${w.branch.id}`)).statusCode).toBe(403);
      }
    });
  });
});

/**
 * A commit racing another writer. PGlite is one session, so a race is only possible on
 * PostgreSQL: another transaction holds an uncommitted change, the commit waits on its lock, and
 * when the other commits, the import is refused as a whole and writes nothing.
 */
if (testDialects().includes('postgres')) {
  describe('imports racing another writer [postgres]', () => {
    let env: TestEnv & { close: () => Promise<void> };
    beforeAll(async () => {
      env = await createTestEnv('postgres');
      env.setNow(`${TODAY}T04:00:00Z`);
    });
    afterAll(async () => env?.close());

    async function setUp() {
      const tree = await makeTree(env.ctx);
      const user = await makeUser(env.ctx, { roles: [{ role: 'secretary', orgId: tree.branch.id }] });
      return { ...tree, secretary: await loginClient(env.app, user.username, TEST_PASSWORD) };
    }

    async function dryRunOf(c: Client, orgId: string, records: Array<Record<string, RosterCell>>) {
      const body = multipartBody({ orgId }, { name: 'r.xlsx', data: await rosterFile(records) });
      const res = await c.post('/api/v1/imports/people', body.payload, { 'content-type': body.contentType });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().batchId as string;
    }

    /** Runs `hold` in a transaction that stays open until the commit request is waiting on one of its locks. */
    async function whileHeld(hold: (ctx: TestEnv['ctx']) => Promise<void>, commit: () => Promise<{ statusCode: number; json: () => { error?: { code: string } } }>) {
      let held!: () => void;
      let release!: () => void;
      const isHeld = new Promise<void>((resolve) => (held = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      const other = env.ctx.db.transaction().execute(async (trx) => {
        await hold({ ...env.ctx, db: trx as never });
        held();
        await released;
      });
      await isHeld;
      const response = commit();
      for (let i = 0; i < 200; i++) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(env.ctx.db);
        if (rows[0]!.n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      release();
      await other;
      return response;
    }

    it('refuses with IMPORT_COMMIT_CONFLICT when another transaction registers the same ID number during the commit', async () => {
      const w = await setUp();
      const racing = member({ 姓名: '竞争者' });
      const batchId = await dryRunOf(w.secretary, w.branch.id, [member({ 姓名: '无关' }), racing]);
      const res = await whileHeld(
        async (ctx) => void (await makePerson(ctx, { orgId: w.branch.id, name: '先到者', idNumber: String(racing['公民身份号码']) })),
        () => w.secretary.post(`/api/v1/imports/${batchId}/commit`, { mode: 'valid_rows' }),
      );
      expect(res.statusCode).toBe(409);
      expect(res.json().error?.code).toBe('IMPORT_COMMIT_CONFLICT');
      const names = await env.ctx.db.selectFrom('people').select('name').where('org_id', '=', w.branch.id).execute();
      expect(names.map((n) => n.name)).toEqual(['先到者']);
      expect((await w.secretary.get(`/api/v1/imports/${batchId}`)).json().status).toBe('dry_run');
    });

    it('refuses with IMPORT_COMMIT_CONFLICT when someone edits a person the import updates', async () => {
      const w = await setUp();
      const person = await makePerson(env.ctx, { orgId: w.branch.id, name: '被修改者' });
      const batchId = await dryRunOf(w.secretary, w.branch.id, [
        member({ 姓名: '被修改者', 公民身份号码: person.idNumber, 手机号码: person.phone, 入党日期: '2010-07-01', 转正日期: '2011-07-01', 职务: '新职务', 学历: null, 民族: null, 家庭住址: null }),
      ]);
      const res = await whileHeld(
        async (ctx) => void (await ctx.db.updateTable('people').set((eb) => ({ post: '他人修改', version: eb('version', '+', 1) })).where('id', '=', person.id).execute()),
        () => w.secretary.post(`/api/v1/imports/${batchId}/commit`, { mode: 'valid_rows' }),
      );
      expect(res.json().error?.code).toBe('IMPORT_COMMIT_CONFLICT');
      const row = await env.ctx.db.selectFrom('people').select(['post', 'version']).where('id', '=', person.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ post: '他人修改', version: 2 });
    });
  });
}
