/**
 * The external-hours import over HTTP on a real database, with .xlsx files built by exceljs the
 * way users' spreadsheets are: the template, every row problem by row and column in Chinese and
 * English, people found by ID number only inside the subtree, duplicates inside the file and
 * against earlier batches, both commit modes, retried and concurrent commits, the ledger credits
 * and centralised-training completions a commit writes, reversal, personal data kept out of
 * reports and the audit log, permissions, and the error catalogue.
 */
import { externalHoursMessages, maskIdNumber, ruleMessages, XLSX_MIME } from '@pioneer/domain';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCatalog } from '../../errors.ts';
import { makeIdNumber, makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { client, describeEachDatabase, loginClient, type Client } from '../../test/harness.ts';
import { multipartBody } from '../imports/imports.testkit.ts';
import { externalHoursErrors } from './external-hours.errors.ts';
import { hoursFile, HOURS_HEADERS, type HoursCell } from './external-hours.testkit.ts';

const TODAY = '2026-06-01';
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;
const messages: Record<string, { 'zh-CN': string; en: string }> = { ...ruleMessages, ...externalHoursMessages };

type Problem = { row: number; column: string | null; field: string | null; value: string | null; severity: 'error' | 'duplicate'; code: string; message: string };
type Report = {
  batchId: string;
  status: string;
  counts: { accepted: number; duplicate: number; error: number };
  problems: Problem[];
  accepted: Array<{ row: number; personId: string; personName: string; orgName: string; platform: string; course: string; completedOn: string; hours: number; centralised: boolean; level: string | null }>;
  absentColumns: string[];
  totalRows: number;
  written: { credited: number; hours: number; completions: number } | null;
  mode: string | null;
  reversedAt: string | null;
  reversalReason: string | null;
};

describeEachDatabase('external hours', (env) => {
  beforeAll(() => env().setNow(`${TODAY}T04:00:00Z`));

  /** A unit with two branches, a person in each, the unit's officer and branch A's secretary. */
  async function world() {
    const ctx = env().ctx;
    const tree = await makeTree(ctx);
    const a = await makePerson(ctx, { orgId: tree.branch.id, name: '李建国' });
    const a2 = await makePerson(ctx, { orgId: tree.branch.id, name: '阿依古丽·买买提' });
    const b = await makePerson(ctx, { orgId: tree.otherBranch.id, name: '王芳', sex: 'female' });
    const officerUser = await makeUser(ctx, { roles: [{ role: 'committee_officer', orgId: tree.unit.id }] });
    const secretaryUser = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.branch.id }] });
    const officer = await loginClient(env().app, officerUser.username, TEST_PASSWORD);
    const secretary = await loginClient(env().app, secretaryUser.username, TEST_PASSWORD);
    return { ...tree, a, a2, b, officer, secretary, officerId: officerUser.id, secretaryId: secretaryUser.id };
  }

  const record = (p: { name: string; idNumber: string }, overrides: Record<string, HoursCell> = {}): Record<string, HoursCell> => ({
    姓名: p.name,
    公民身份号码: p.idNumber,
    平台: '学习强国',
    '课程/培训名称': '学习贯彻党的二十届三中全会精神',
    完成日期: '2026-03-15',
    学时: 2,
    是否集中培训: '否',
    ...overrides,
  });

  function upload(c: Client, orgId: string, file: Buffer, headers: Record<string, string> = {}) {
    const body = multipartBody({ orgId }, { name: '外部学时.xlsx', data: file });
    return c.post('/api/v1/external-hours/imports', body.payload, { 'content-type': body.contentType, ...headers });
  }

  async function dryRun(c: Client, orgId: string, records: Array<Record<string, HoursCell>>, headers: Record<string, string> = {}): Promise<Report> {
    const res = await upload(c, orgId, await hoursFile(records), headers);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Report;
  }

  const commit = (c: Client, batchId: string, mode: 'valid_rows' | 'all_or_nothing' = 'valid_rows') => c.post(`/api/v1/external-hours/imports/${batchId}/commit`, { mode });
  const reverse = (c: Client, batchId: string, reason = '平台数据有误') => c.post(`/api/v1/external-hours/imports/${batchId}/reverse`, { reason });

  const creditsOf = (personId: string) =>
    env().ctx.db.selectFrom('study_credits').selectAll().where('person_id', '=', personId).orderBy('created_at').orderBy('hours', 'desc').execute();
  const completionsOf = (personId: string) => env().ctx.db.selectFrom('training_completions').selectAll().where('person_id', '=', personId).orderBy('completed_on').execute();
  const total = async (personId: string, year: number) => (await creditsOf(personId)).filter((c) => c.year === year).reduce((s, c) => s + Number(c.hours), 0);

  describe('template', () => {
    it('has the Chinese headers in order, a text-formatted ID column, drop-down lists and a guide sheet', async () => {
      const w = await world();
      const res = await w.secretary.get('/api/v1/external-hours/template');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX_MIME);
      expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('外部学时导入模板.xlsx')}`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as never);
      const sheet = workbook.getWorksheet('外部学时')!;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['姓名', '公民身份号码', '平台', '课程/培训名称', '完成日期', '学时', '是否集中培训', '培训层级', '备注']);
      expect(sheet.getCell('B2').numFmt).toBe('@');
      expect(sheet.getCell('G2').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
      expect(sheet.getCell('H2').dataValidation).toMatchObject({ type: 'list', formulae: ['"县级,单位"'] });
      const guide = workbook.getWorksheet('填写说明')!;
      const notes = new Map<string, unknown[]>();
      guide.eachRow((row) => notes.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1)));
      expect(notes.get('公民身份号码')?.[1]).toBe('是');
      expect(notes.get('备注')?.[1]).toBe('否');
      expect(HOURS_HEADERS.every((h) => notes.has(h))).toBe(true);
    });

    it('round trip: the downloaded template, filled in, is read and checked', async () => {
      const w = await world();
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await w.secretary.get('/api/v1/external-hours/template')).rawPayload as never);
      const r = record(w.a);
      workbook.getWorksheet('外部学时')!.addRow(HOURS_HEADERS.map((h) => r[h] ?? null));
      const res = await upload(w.secretary, w.branch.id, Buffer.from(await workbook.xlsx.writeBuffer()));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ counts: { accepted: 1, duplicate: 0, error: 0 }, problems: [], absentColumns: [] });
    });
  });

  describe('dry run', () => {
    it('accepts valid rows with the person found by ID number, credits nothing yet, and masks nothing it does not need', async () => {
      const w = await world();
      const report = await dryRun(w.secretary, w.branch.id, [record(w.a), record(w.a2, { 姓名: '阿依古丽•买买提', 学时: '1.5学时', 是否集中培训: '是', 培训层级: '县级' })]);
      expect(report).toMatchObject({ status: 'dry_run', totalRows: 2, counts: { accepted: 2, duplicate: 0, error: 0 }, problems: [], written: null, mode: null });
      expect(report.accepted).toEqual([
        { row: 2, personId: w.a.id, personName: '李建国', orgName: w.branch.name, platform: '学习强国', course: '学习贯彻党的二十届三中全会精神', completedOn: '2026-03-15', hours: 2, centralised: false, level: null },
        { row: 3, personId: w.a2.id, personName: '阿依古丽·买买提', orgName: w.branch.name, platform: '学习强国', course: '学习贯彻党的二十届三中全会精神', completedOn: '2026-03-15', hours: 1.5, centralised: true, level: 'county' },
      ]);
      expect(await creditsOf(w.a.id)).toEqual([]);
      // The sealed rows are ciphertext: no ID number in the stored batch.
      const stored = await env().ctx.db.selectFrom('external_hour_batches').select(['rows', 'report']).where('id', '=', report.batchId).executeTakeFirstOrThrow();
      expect(JSON.stringify(stored)).not.toContain(w.a.idNumber);
    });

    it('reports every problem by Excel row, column, masked value and a reason that says how to fix it', async () => {
      const w = await world();
      const badCheck = w.a.idNumber.slice(0, 17) + (w.a.idNumber[17] === '0' ? '1' : '0');
      const unknown = makeIdNumber('1991-02-03', 'male');
      const records = [
        record(w.a, { 姓名: null }),
        record(w.a, { 公民身份号码: badCheck }),
        record(w.a, { 公民身份号码: 110101199001011 }),
        record(w.a, { 公民身份号码: masked(w.a.idNumber) }),
        record({ name: '查无此人', idNumber: unknown }),
        record(w.b),
        record(w.a, { 姓名: '李建军' }),
        record(w.a, { 完成日期: '2026-02-30' }),
        record(w.a, { 完成日期: '2026-06-02' }),
        record(w.a, { 完成日期: '1999-12-31' }),
        record(w.a, { 学时: 'abc' }),
        record(w.a, { 学时: 0 }),
        record(w.a, { 学时: 121 }),
        record(w.a, { 学时: 1.25 }),
        record(w.a, { 是否集中培训: '也许' }),
        record(w.a, { 是否集中培训: '是', 培训层级: '省级' }),
        record(w.a, { 培训层级: '县级' }),
        record(w.a, { '课程/培训名称': '长'.repeat(201) }),
        record(w.a, { 平台: '' }),
      ];
      const report = await dryRun(w.secretary, w.branch.id, records);
      expect(report.counts).toEqual({ accepted: 0, duplicate: 0, error: records.length });
      const at = (row: number) => report.problems.filter((p) => p.row === row).map((p) => [p.column, p.code, p.value]);
      expect(at(2)).toEqual([['姓名', 'EXT_REQUIRED', null]]);
      expect(at(3)).toEqual([['公民身份号码', 'ID_NUMBER_CHECK_DIGIT', masked(badCheck)]]);
      expect(at(4)).toEqual([['公民身份号码', 'EXT_ID_NUMBER_AS_NUMBER', maskIdNumber('110101199001011')]]);
      expect(at(5)).toEqual([['公民身份号码', 'EXT_VALUE_MASKED', masked(w.a.idNumber)]]);
      expect(at(6)).toEqual([['公民身份号码', 'EXT_PERSON_NOT_FOUND', masked(unknown)]]);
      // Someone registered outside the chosen subtree is reported exactly like nobody.
      expect(at(7)).toEqual([['公民身份号码', 'EXT_PERSON_NOT_FOUND', masked(w.b.idNumber)]]);
      expect(at(8)).toEqual([['姓名', 'EXT_NAME_MISMATCH', '李建军']]);
      expect(at(9)).toEqual([['完成日期', 'DATE_INVALID', '2026-02-30']]);
      expect(at(10)).toEqual([['完成日期', 'EXT_DATE_FUTURE', '2026-06-02']]);
      expect(at(11)).toEqual([['完成日期', 'EXT_DATE_TOO_EARLY', '1999-12-31']]);
      expect(at(12)).toEqual([['学时', 'EXT_HOURS_INVALID', 'abc']]);
      expect(at(13)).toEqual([['学时', 'EXT_HOURS_INVALID', '0']]);
      expect(at(14)).toEqual([['学时', 'EXT_HOURS_TOO_MANY', '121']]);
      expect(at(15)).toEqual([['学时', 'EXT_HOURS_PRECISION', '1.25']]);
      expect(at(16)).toEqual([['是否集中培训', 'EXT_VALUE_NOT_ALLOWED', '也许']]);
      expect(at(17)).toEqual([['培训层级', 'EXT_VALUE_NOT_ALLOWED', '省级']]);
      expect(at(18)).toEqual([['培训层级', 'EXT_LEVEL_WITHOUT_CENTRALISED', '县级']]);
      expect(at(19)).toEqual([['课程/培训名称', 'EXT_TEXT_TOO_LONG', '长'.repeat(201)]]);
      expect(at(20)).toEqual([['平台', 'EXT_REQUIRED', null]]);
      expect(report.problems.every((p) => p.severity === 'error')).toBe(true);

      const problem = (row: number) => report.problems.find((p) => p.row === row)!;
      expect(problem(6).message).toBe(`在“${w.branch.name}”及其下级组织中没有登记该身份证号码的人员。请核对号码；如该人员尚未登记，请先在“组织与人员”中登记或导入。`);
      expect(problem(8).message).toBe('姓名与该身份证号码登记的人员（李建国）不一致。请核对是姓名还是号码填错了。');
      expect(problem(10).message).toBe(`完成日期不能晚于今天（${TODAY}），请核对。`);
      expect(problem(3).message).toBe(messages.ID_NUMBER_CHECK_DIGIT!['zh-CN']);
      expect(problem(17).message).toBe('无法识别的取值，请填写：县级、单位。');

      // The same file read in English; the stored report too.
      const en = await dryRun(w.secretary, w.branch.id, records, { 'accept-language': 'en' });
      expect(en.problems.find((p) => p.row === 14)!.message).toBe('At most 120 hours per record; check the figure, and split a long training into one row per session.');
      const again = await w.secretary.get(`/api/v1/external-hours/imports/${report.batchId}`, { 'accept-language': 'en' });
      expect(again.json().problems.find((p: Problem) => p.row === 8).message).toBe('The name differs from the person registered with this ID number (李建国). Check whether the name or the number is wrong.');
    });

    it('reads dates as Excel dates, serials and Chinese text, hours as numbers or text, and finds the header below a title row and under aliases', async () => {
      const w = await world();
      const headers = ['序号', '姓名', '身份证号码', '学习平台', '课程名称', '完成时间', '学时数', '集中培训', '备注'];
      const file = await hoursFile(
        [
          { 序号: 1, 姓名: '李建国', 身份证号码: ` ${w.a.idNumber.slice(0, 6)} ${w.a.idNumber.slice(6)} `, 学习平台: '干部网络学院', 课程名称: '课程一', 完成时间: new Date(Date.UTC(2026, 0, 5)), 学时数: 3, 集中培训: '否' },
          { 序号: 2, 姓名: '李建国', 身份证号码: w.a.idNumber, 学习平台: '干部网络学院', 课程名称: '课程二', 完成时间: '2026年2月1日', 学时数: '２', 集中培训: '是' },
          { 序号: 3, 姓名: '李建国', 身份证号码: w.a.idNumber, 学习平台: '干部网络学院', 课程名称: '课程三', 完成时间: 20260301, 学时数: '0.5', 集中培训: null },
        ],
        { headers, leadingRows: [['2026年第一季度外部学时汇总表']] },
      );
      const res = await upload(w.secretary, w.branch.id, file);
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json() as Report;
      expect(report.counts).toEqual({ accepted: 3, duplicate: 0, error: 0 });
      expect(report.absentColumns).toEqual(['培训层级']);
      expect(report.accepted.map((a) => [a.row, a.completedOn, a.hours, a.centralised, a.level])).toEqual([
        [3, '2026-01-05', 3, false, null],
        [4, '2026-02-01', 2, true, 'unit'],
        [5, '2026-03-01', 0.5, false, null],
      ]);
    });

    it('refuses whole files it cannot use, saying what to do', async () => {
      const w = await world();
      const missing = await upload(w.secretary, w.branch.id, await hoursFile([{ 姓名: '李建国', 公民身份号码: w.a.idNumber }], { headers: ['姓名', '公民身份号码', '备注'] }));
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error).toMatchObject({ code: 'EXT_HEADER_MISSING', message: '表头缺少必填列：平台、课程/培训名称、完成日期、学时。请下载模板，把数据粘贴到对应列后重新上传。' });
      const empty = await upload(w.secretary, w.branch.id, await hoursFile([]));
      expect(empty.json().error.code).toBe('EXT_NO_ROWS');
      const garbage = await upload(w.secretary, w.branch.id, Buffer.from('姓名,公民身份号码\n李建国,1'));
      expect(garbage.statusCode).toBe(400);
      expect(garbage.json().error.code).toBe('EXT_FILE_UNREADABLE');
      const bare = multipartBody({ orgId: w.branch.id }, null);
      const noFile = await w.secretary.post('/api/v1/external-hours/imports', bare.payload, { 'content-type': bare.contentType });
      expect(noFile.statusCode).toBe(400);
      expect(noFile.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'file' }] });
      const json = await w.secretary.post('/api/v1/external-hours/imports', { orgId: w.branch.id });
      expect(json.json().error.details[0].path).toBe('file');
    });
  });

  describe('duplicates', () => {
    it('inside a file: the same training counts once; the same training with different hours is an error', async () => {
      const w = await world();
      const report = await dryRun(w.secretary, w.branch.id, [
        record(w.a),
        record(w.a, { 平台: ' 学习强国 ', '课程/培训名称': '学习贯彻党的二十届三中全会 精神' }),
        record(w.a, { 学时: 3 }),
        record(w.a, { 完成日期: '2026-03-16' }),
      ]);
      expect(report.counts).toEqual({ accepted: 2, duplicate: 1, error: 1 });
      expect(report.problems.map((p) => [p.row, p.severity, p.code, p.column])).toEqual([
        [3, 'duplicate', 'EXT_DUPLICATE_IN_FILE', null],
        [4, 'error', 'EXT_CONFLICTS_IN_FILE', '学时'],
      ]);
      expect(report.problems[0]!.message).toBe('与第 2 行是同一人、同一平台、同一课程、同一完成日期的记录，只计一次，本行不导入。');
      // A duplicate is not an error: all-or-nothing is held back only by the conflicting row.
      expect((await commit(w.secretary, report.batchId, 'all_or_nothing')).json().error.code).toBe('EXT_BATCH_HAS_ERRORS');
    });

    it('against earlier batches: already credited records are skipped, conflicting hours point at the batch to reverse', async () => {
      const w = await world();
      const first = await dryRun(w.secretary, w.branch.id, [record(w.a), record(w.a2)]);
      expect((await commit(w.secretary, first.batchId)).statusCode).toBe(200);
      const second = await dryRun(w.secretary, w.branch.id, [record(w.a), record(w.a2, { 学时: 4 }), record(w.a, { '课程/培训名称': '新课程' })]);
      expect(second.counts).toEqual({ accepted: 1, duplicate: 1, error: 1 });
      expect(second.problems.map((p) => [p.row, p.severity, p.code])).toEqual([
        [2, 'duplicate', 'EXT_DUPLICATE_IMPORTED'],
        [3, 'error', 'EXT_CONFLICTS_IMPORTED'],
      ]);
      expect(second.problems[0]!.message).toBe(`该记录已于 ${TODAY} 由批次“外部学时.xlsx”导入并计入学时，本行不再重复计入。`);
      expect(second.problems[1]!.message).toContain('计 2 学时');
      expect((await commit(w.secretary, second.batchId)).json().written).toEqual({ credited: 1, hours: 2, completions: 0 });
      expect(await total(w.a.id, 2026)).toBe(4);
      expect(await total(w.a2.id, 2026)).toBe(2);
    });

    it('the same file uploaded and committed again credits nothing more', async () => {
      const w = await world();
      const records = [record(w.a), record(w.a, { '课程/培训名称': '第二门课' })];
      expect((await commit(w.secretary, (await dryRun(w.secretary, w.branch.id, records)).batchId)).statusCode).toBe(200);
      const again = await dryRun(w.officer, w.branch.id, records);
      expect(again.counts).toEqual({ accepted: 0, duplicate: 2, error: 0 });
      const res = await commit(w.officer, again.batchId, 'all_or_nothing');
      expect(res.statusCode).toBe(200);
      expect(res.json().written).toEqual({ credited: 0, hours: 0, completions: 0 });
      expect(await total(w.a.id, 2026)).toBe(4);
    });
  });

  describe('commit', () => {
    it('writes one ledger credit per accepted row and a completion per centralised one, visible in the person’s study hours', async () => {
      const w = await world();
      const report = await dryRun(w.secretary, w.branch.id, [
        record(w.a, { 学时: 2 }),
        record(w.a, { '课程/培训名称': '县委党校集中轮训', 学时: 24, 是否集中培训: '是', 培训层级: '县级', 完成日期: '2026-04-10' }),
        record(w.a2, { 是否集中培训: '是', 完成日期: '2025-12-31' }),
        record(w.a, { 学时: 'x' }),
      ]);
      const res = await commit(w.secretary, report.batchId);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'committed', mode: 'valid_rows', counts: { accepted: 3, duplicate: 0, error: 1 }, written: { credited: 3, hours: 28, completions: 2 } });

      const records = await env().ctx.db.selectFrom('external_hour_records').selectAll().where('batch_id', '=', report.batchId).orderBy('row_number').execute();
      expect(records.map((r) => [r.row_number, r.person_id, r.year, Number(r.hours), r.centralised, r.level])).toEqual([
        [2, w.a.id, 2026, 2, false, null],
        [3, w.a.id, 2026, 24, true, 'county'],
        [4, w.a2.id, 2025, 2, true, 'unit'],
      ]);
      const credits = await creditsOf(w.a.id);
      expect(credits.map((c) => [c.source_type, c.source_id, c.credited_on, c.year, Number(c.hours), c.org_id, c.reverses_id])).toEqual([
        ['external', records[1]!.id, '2026-04-10', 2026, 24, w.branch.id, null],
        ['external', records[0]!.id, '2026-03-15', 2026, 2, w.branch.id, null],
      ]);
      expect(credits.find((c) => Number(c.hours) === 24)!.description).toBe('外部学时：学习强国《县委党校集中轮训》');
      // The year is the completion date's: 31 December counts in the year it ends.
      const a2Credits = await creditsOf(w.a2.id);
      expect(a2Credits.map((c) => [c.year, c.credited_on])).toEqual([[2025, '2025-12-31']]);

      const completions = await completionsOf(w.a.id);
      expect(completions.map((c) => [c.kind, c.level, c.source_type, c.source_id, c.year, c.completed_on, Number(c.hours), c.title, c.revoked_at])).toEqual([
        ['external', 'county', 'external_hours', records[1]!.id, 2026, '2026-04-10', 24, '学习强国：县委党校集中轮训', null],
      ]);
      expect((await completionsOf(w.a2.id)).map((c) => [c.level, c.year])).toEqual([['unit', 2025]]);

      const hours = await w.secretary.get(`/api/v1/people/${w.a.id}/study-hours?year=2026`);
      expect(hours.json()).toMatchObject({ total: 26 });
      expect(hours.json().bySourceType.find((s: { sourceType: string }) => s.sourceType === 'external').hours).toBe(26);

      // The sealed rows are dropped once committed; the report stays.
      const stored = await env().ctx.db.selectFrom('external_hour_batches').select(['rows', 'status', 'committed_by']).where('id', '=', report.batchId).executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ rows: [], status: 'committed', committed_by: w.secretaryId });
    });

    it('all-or-nothing writes nothing while any row is wrong; the same dry run can then be committed with valid rows', async () => {
      const w = await world();
      const report = await dryRun(w.secretary, w.branch.id, [record(w.a), record(w.a, { 学时: -1 })]);
      const refused = await commit(w.secretary, report.batchId, 'all_or_nothing');
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'EXT_BATCH_HAS_ERRORS', message: '选择了“全部无误才导入”，但有 1 行存在问题，未计入任何学时。请修改文件后重新上传，或改为“只导入无误的行”。' });
      expect(await creditsOf(w.a.id)).toEqual([]);
      expect((await w.secretary.get(`/api/v1/external-hours/imports/${report.batchId}`)).json().status).toBe('dry_run');
      expect((await commit(w.secretary, report.batchId, 'valid_rows')).json().written.credited).toBe(1);
    });

    it('a retried commit returns the same outcome and credits nothing twice, even when two arrive at once', async () => {
      const w = await world();
      const report = await dryRun(w.secretary, w.branch.id, [record(w.a), record(w.a2, { 是否集中培训: '是' })]);
      const [one, two] = await Promise.all([commit(w.secretary, report.batchId), commit(w.secretary, report.batchId)]);
      expect([one.statusCode, two.statusCode]).toEqual([200, 200]);
      expect(one.json()).toEqual(two.json());
      const retry = await commit(w.secretary, report.batchId, 'all_or_nothing');
      expect(retry.statusCode).toBe(200);
      expect(retry.json()).toEqual(one.json());
      expect((await creditsOf(w.a.id)).length).toBe(1);
      expect((await completionsOf(w.a2.id)).length).toBe(1);
      const audits = await env().ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', report.batchId).execute();
      expect(audits.map((a) => a.action)).toEqual(['external_hours.import']);
    });

    it('a person moved out of the subtree between the dry run and the commit is not credited', async () => {
      const w = await world();
      const moved = await makePerson(env().ctx, { orgId: w.branch.id, name: '调出人' });
      const report = await dryRun(w.secretary, w.branch.id, [record(moved), record(w.a)]);
      expect(report.counts.accepted).toBe(2);
      const other = await env().ctx.db.selectFrom('organizations').select('path').where('id', '=', w.otherBranch.id).executeTakeFirstOrThrow();
      await env().ctx.db.updateTable('people').set({ org_id: w.otherBranch.id, org_path: other.path }).where('id', '=', moved.id).execute();
      const res = await commit(w.secretary, report.batchId);
      expect(res.json().counts).toEqual({ accepted: 1, duplicate: 0, error: 1 });
      expect(res.json().problems[0]).toMatchObject({ row: 2, code: 'EXT_PERSON_NOT_FOUND' });
      expect(await creditsOf(moved.id)).toEqual([]);
    });

    it('keeps ID numbers out of the audit log, which records the file, the mode and the counts', async () => {
      const w = await world();
      const report = await dryRun(w.secretary, w.branch.id, [record(w.a), record(w.b)]);
      await commit(w.secretary, report.batchId);
      const entry = await env().ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', report.batchId).executeTakeFirstOrThrow();
      expect(entry).toMatchObject({ action: 'external_hours.import', entity_type: 'external_hour_batch', org_id: w.branch.id });
      expect(entry.detail).toMatchObject({ fileName: '外部学时.xlsx', mode: 'valid_rows', counts: { accepted: 1, duplicate: 0, error: 1 }, written: { credited: 1, hours: 2, completions: 0 } });
      const text = JSON.stringify(entry);
      for (const id of [w.a.idNumber, w.b.idNumber]) expect(text).not.toContain(id);
    });
  });

  describe('reversal', () => {
    it('reverses every credit and completion of a batch, after which the same rows can be imported again', async () => {
      const w = await world();
      const report = await dryRun(w.secretary, w.branch.id, [record(w.a, { 是否集中培训: '是', 学时: 8 }), record(w.a2)]);
      await commit(w.secretary, report.batchId);
      expect(await total(w.a.id, 2026)).toBe(8);

      // The committee officer above the branch corrects it.
      const res = await reverse(w.officer, report.batchId);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'reversed', reversalReason: '平台数据有误' });
      expect(res.json().reversedAt).not.toBeNull();
      expect(await total(w.a.id, 2026)).toBe(0);
      expect(await total(w.a2.id, 2026)).toBe(0);
      const credits = await creditsOf(w.a.id);
      expect(credits.map((c) => Number(c.hours))).toEqual([8, -8]);
      expect(credits[1]!.reverses_id).toBe(credits[0]!.id);
      expect(credits[1]!.description).toBe('冲销：外部学时：学习强国《学习贯彻党的二十届三中全会精神》');
      expect((await completionsOf(w.a.id))[0]!.revoked_at).not.toBeNull();
      expect((await w.secretary.get(`/api/v1/people/${w.a.id}/study-hours?year=2026`)).json().total).toBe(0);

      // Reversing again changes nothing.
      expect((await reverse(w.secretary, report.batchId)).statusCode).toBe(200);
      expect((await creditsOf(w.a.id)).length).toBe(2);
      const audits = await env().ctx.db.selectFrom('audit_log').select(['action', 'detail']).where('entity_id', '=', report.batchId).orderBy('id').execute();
      expect(audits.map((a) => a.action)).toEqual(['external_hours.import', 'external_hours.reverse']);
      expect(audits[1]!.detail).toMatchObject({ reason: '平台数据有误', reversedCredits: 2, revokedCompletions: 1, hours: 10 });

      // The records no longer count as imported.
      const again = await dryRun(w.secretary, w.branch.id, [record(w.a, { 是否集中培训: '是', 学时: 8 })]);
      expect(again.counts).toEqual({ accepted: 1, duplicate: 0, error: 0 });
      await commit(w.secretary, again.batchId);
      expect(await total(w.a.id, 2026)).toBe(8);
    });

    it('refuses to reverse a dry run, and needs a reason', async () => {
      const w = await world();
      const report = await dryRun(w.secretary, w.branch.id, [record(w.a)]);
      const res = await reverse(w.secretary, report.batchId);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('EXT_BATCH_NOT_COMMITTED');
      await commit(w.secretary, report.batchId);
      const noReason = await w.secretary.post(`/api/v1/external-hours/imports/${report.batchId}/reverse`, { reason: '  ' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('history and permissions', () => {
    it("lists a subtree's committed and reversed batches and the caller's own dry runs, newest first", async () => {
      const w = await world();
      const committed = await dryRun(w.secretary, w.branch.id, [record(w.a)]);
      await commit(w.secretary, committed.batchId);
      const ownDryRun = await dryRun(w.secretary, w.branch.id, [record(w.a2)]);
      const officersDryRun = await dryRun(w.officer, w.branch.id, [record(w.a2)]);
      const list = await w.secretary.get(`/api/v1/external-hours/imports?orgId=${w.branch.id}`);
      expect(list.statusCode).toBe(200);
      const ids = list.json().map((b: { batchId: string }) => b.batchId);
      expect(ids).toContain(committed.batchId);
      expect(ids).toContain(ownDryRun.batchId);
      expect(ids).not.toContain(officersDryRun.batchId);
      expect(ids.indexOf(ownDryRun.batchId)).toBeLessThan(ids.indexOf(committed.batchId));
      expect(list.json().find((b: { batchId: string }) => b.batchId === committed.batchId)).toMatchObject({ status: 'committed', orgName: w.branch.name, written: { credited: 1, hours: 2, completions: 0 }, counts: { accepted: 1 } });
      // The officer above sees the branch's committed batch from the unit.
      const unitList = await w.officer.get(`/api/v1/external-hours/imports?orgId=${w.unit.id}`);
      expect(unitList.json().map((b: { batchId: string }) => b.batchId)).toContain(committed.batchId);
    });

    it('keeps each manager to their subtree and each dry run to its uploader; members and administrators get nothing', async () => {
      const w = await world();
      const outside = await upload(w.secretary, w.otherBranch.id, await hoursFile([record(w.b)]));
      expect(outside.statusCode).toBe(404);
      expect(outside.json().error.code).toBe('ORG_NOT_FOUND');
      const officersBatch = await dryRun(w.officer, w.otherBranch.id, [record(w.b)]);
      expect((await w.secretary.get(`/api/v1/external-hours/imports/${officersBatch.batchId}`)).json().error.code).toBe('EXT_BATCH_NOT_FOUND');
      const inBranch = await dryRun(w.officer, w.branch.id, [record(w.a)]);
      const notYours = await commit(w.secretary, inBranch.batchId);
      expect(notYours.statusCode).toBe(403);
      expect(notYours.json().error.code).toBe('EXT_BATCH_NOT_YOURS');
      expect(await creditsOf(w.a.id)).toEqual([]);

      const memberUser = await makeUser(env().ctx, { roles: [{ role: 'member', orgId: w.branch.id }], personId: w.a.id });
      const member = await loginClient(env().app, memberUser.username, TEST_PASSWORD);
      expect((await upload(member, w.branch.id, await hoursFile([record(w.a)]))).statusCode).toBe(403);
      expect((await member.get('/api/v1/external-hours/template')).statusCode).toBe(403);
      for (const role of ['system_admin', 'security_admin', 'audit_admin'] as const) {
        const u = await makeUser(env().ctx, { roles: [{ role }] });
        const admin = await loginClient(env().app, u.username, TEST_PASSWORD);
        expect((await admin.get(`/api/v1/external-hours/imports?orgId=${w.branch.id}`)).statusCode).toBe(403);
      }
      expect((await client(env().app).get('/api/v1/external-hours/template')).statusCode).toBe(401);
    });
  });

  it('has a zh-CN and an English text for every error code and row problem', () => {
    for (const [code, entry] of Object.entries(externalHoursErrors)) {
      expect(errorCatalog[code as keyof typeof errorCatalog]).toBe(entry);
      expect(entry['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(entry.en).toMatch(/^[\x20-\x7e]+$/);
      expect(entry.status).toBeGreaterThanOrEqual(400);
    }
    for (const entry of Object.values(externalHoursMessages)) {
      expect(entry['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(entry.en).toMatch(/^[\x20-\x7e]+$/);
      // Placeholders are the same in both languages.
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(entry.en)).toEqual(names(entry['zh-CN']));
    }
  });
});
