/**
 * The training exports over HTTP on a real database, reading the produced files back: the
 * subtree's hours ledger (.xlsx: one row per member with hours by source, the centralised
 * trainings and the status with its reason; a subtree larger than one page streams every member
 * exactly once), the year's statistics per organisation, and the annual study record PDF (its text
 * read through the embedded CJK font) for the member and their managers; audit entries, refusals
 * and the error catalogue.
 */
import { trainingStatusLabels, XLSX_MIME } from '@pioneer/domain';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCatalog } from '../../errors.ts';
import { newId } from '../../lib/ids.ts';
import { makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient } from '../../test/harness.ts';
import { pdfFonts } from '../circulars/circulars.testkit.ts';
import { multipartBody } from '../imports/imports.testkit.ts';
import { insertCredits } from '../ledger/ledger.repo.ts';
import { hoursFile } from '../external-hours/external-hours.testkit.ts';
import { makeClass } from '../classes/classes.testkit.ts';
import { trainingReportErrors } from './training-reports.errors.ts';
import { CLASSES_HEADERS, LEDGER_HEADERS } from './training-reports.render.ts';
import { pdfText, sheetRows } from './training-reports.testkit.ts';

const TODAY = '2026-06-01';

describeEachDatabase('training reports', (env) => {
  beforeAll(() => env().setNow(`${TODAY}T04:00:00Z`));

  /**
   * A unit with branches A and B. In A: an ordinary member with 30 of 32 hours, a secretary with
   * 60 hours and a county-level centralised training, an exempt (infirm) member, a probationary
   * member without centralised training, an applicant (not listed: no hours requirement). In B:
   * one member who met 32 hours.
   */
  async function world() {
    const ctx = env().ctx;
    const tree = await makeTree(ctx);
    const ordinary = await makePerson(ctx, { orgId: tree.branch.id, name: '李建国' });
    const secretary = await makePerson(ctx, { orgId: tree.branch.id, name: '陈书记' });
    const infirm = await makePerson(ctx, { orgId: tree.branch.id, name: '王老' });
    const probationary = await makePerson(ctx, { orgId: tree.branch.id, name: '赵新', category: 'probationary' });
    await makePerson(ctx, { orgId: tree.branch.id, name: '申请人', category: 'applicant' });
    const inB = await makePerson(ctx, { orgId: tree.otherBranch.id, name: '王芳', sex: 'female' });
    await ctx.db.updateTable('people').set({ is_secretary: true }).where('id', '=', secretary.id).execute();
    await ctx.db.updateTable('people').set({ is_infirm: true, study_exempt: true, study_exempt_reason: '年老体弱，送学上门' }).where('id', '=', infirm.id).execute();

    const officerUser = await makeUser(ctx, { roles: [{ role: 'committee_officer', orgId: tree.unit.id }] });
    const officer = await loginClient(env().app, officerUser.username, TEST_PASSWORD);
    const secretaryUser = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.branch.id }] });
    const sec = await loginClient(env().app, secretaryUser.username, TEST_PASSWORD);
    const memberUser = await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: ordinary.id });
    const member = await loginClient(env().app, memberUser.username, TEST_PASSWORD);

    // External hours through the real import: the secretary's county-level centralised training.
    const file = await hoursFile([
      { 姓名: '陈书记', 公民身份号码: secretary.idNumber, 平台: '干部网络学院', '课程/培训名称': '县委党校书记轮训班', 完成日期: '2026-04-10', 学时: 40, 是否集中培训: '是', 培训层级: '县级' },
      { 姓名: '李建国', 公民身份号码: ordinary.idNumber, 平台: '学习强国', '课程/培训名称': '党史专题', 完成日期: '2026-03-15', 学时: 6 },
    ]);
    const body = multipartBody({ orgId: tree.unit.id }, { name: 'hours.xlsx', data: file });
    const dry = await officer.post('/api/v1/external-hours/imports', body.payload, { 'content-type': body.contentType });
    expect(dry.json().counts, dry.body).toMatchObject({ accepted: 2, error: 0 });
    expect((await officer.post(`/api/v1/external-hours/imports/${dry.json().batchId}/commit`, { mode: 'all_or_nothing' })).statusCode).toBe(200);

    // Other sources written through the ledger's own insert; one credit reversed, one of last year.
    const now = new Date(`${TODAY}T04:00:00Z`);
    const credit = (p: { id: string }, orgId: string, orgPath: string, day: string, hours: number, sourceType: 'activity' | 'manual', reversesId: string | null = null) => ({
      id: newId(),
      personId: p.id,
      orgId,
      orgPath,
      year: Number(day.slice(0, 4)),
      creditedOn: day,
      hours,
      sourceType,
      sourceId: null,
      description: `${day} 支部党员大会：专题学习`,
      reversesId,
      createdBy: null,
      createdAt: now,
    });
    const paths = await ctx.db.selectFrom('organizations').select(['id', 'path']).where('id', 'in', [tree.branch.id, tree.otherBranch.id]).execute();
    const pathOf = (id: string) => paths.find((p) => p.id === id)!.path;
    const A = [tree.branch.id, pathOf(tree.branch.id)] as const;
    const B = [tree.otherBranch.id, pathOf(tree.otherBranch.id)] as const;
    const wrong = credit(ordinary, ...A, '2026-02-01', 4, 'activity');
    await ctx.db.transaction().execute(async (trx) => {
      await insertCredits(trx, [
        credit(ordinary, ...A, '2026-01-10', 24, 'activity'),
        wrong,
        credit(secretary, ...A, '2026-05-01', 20, 'manual'),
        credit(probationary, ...A, '2026-05-20', 33, 'activity'),
        credit(inB, ...B, '2026-02-02', 32, 'activity'),
        credit(ordinary, ...A, '2025-12-31', 8, 'activity'),
      ]);
      await insertCredits(trx, [{ ...credit(ordinary, ...A, '2026-02-01', -4, 'activity', wrong.id), description: '冲销' }]);
    });
    return { ...tree, ordinary, secretary, infirm, probationary, inB, officer, sec, member, officerId: officerUser.id };
  }

  describe('hours ledger (.xlsx)', () => {
    it('lists every member of the subtree with hours by source, total, centralised trainings and status with its reason', async () => {
      const w = await world();
      const res = await w.officer.get(`/api/v1/training-reports/ledger.xlsx?orgId=${w.unit.id}&year=2026`);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX_MIME);
      expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`2026年度学时台账-${w.unit.name}.xlsx`)}`);
      const rows = await sheetRows(res.rawPayload, '学时台账');
      expect(rows[0]![0]).toBe(`${w.unit.name} 2026年度党员学时台账（统计截至${TODAY}）`);
      expect(rows[1]).toEqual(LEDGER_HEADERS);
      expect(LEDGER_HEADERS).toEqual(['所在组织', '姓名', '人员类别', '要求学时', '组织生活', '培训班', '网络课程', '测试', '外部培训', '补录', '合计学时', '集中培训（次）', '状态', '说明']);
      const byName = new Map(rows.slice(2).map((r) => [r[1], r]));
      // Branch A's members in pinyin order, then branch B's; the applicant is not listed.
      expect(rows.slice(2).map((r) => r[1])).toEqual(['陈书记', '李建国', '王老', '赵新', '王芳']);
      expect(byName.get('李建国')).toEqual([w.branch.name, '李建国', '正式党员', 32, 24, 0, 0, 0, 6, 0, 30, 0, '未达标', '差 2 学时']);
      expect(byName.get('陈书记')).toEqual([w.branch.name, '陈书记', '正式党员', 56, 0, 0, 0, 0, 40, 20, 60, 1, '已达标', null]);
      expect(byName.get('王老')).toEqual([w.branch.name, '王老', '正式党员', null, 0, 0, 0, 0, 0, 0, 0, 0, '免除要求', '免除硬性要求：年老体弱，送学上门']);
      expect(byName.get('赵新')).toEqual([w.branch.name, '赵新', '预备党员', 32, 33, 0, 0, 0, 0, 0, 33, 0, '未达标', '尚未参加集中培训（应于 2026-12-31 前参加）']);
      expect(byName.get('王芳')).toEqual([w.otherBranch.name, '王芳', '正式党员', 32, 32, 0, 0, 0, 0, 0, 32, 0, '已达标', null]);

      // Last year's ledger has last year's credit only.
      const last = await sheetRows((await w.officer.get(`/api/v1/training-reports/ledger.xlsx?orgId=${w.branch.id}&year=2025`)).rawPayload, '学时台账');
      expect(last.slice(2).find((r) => r[1] === '李建国')!.slice(4, 11)).toEqual([8, 0, 0, 0, 0, 0, 8]);

      const audit = await env().ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'training.ledger_export').where('entity_id', '=', w.unit.id).executeTakeFirstOrThrow();
      expect(audit.detail).toMatchObject({ year: 2026, orgName: w.unit.name });
    });

    it('streams a subtree larger than one page, every member exactly once', async () => {
      const w = await world();
      const ctx = env().ctx;
      const org = await ctx.db.selectFrom('organizations').select(['id', 'path']).where('id', '=', w.otherBranch.id).executeTakeFirstOrThrow();
      // 2,300 members written in one statement; half share one name, so the page boundary falls among equal names.
      const ids = Array.from({ length: 2300 }, () => newId());
      await sql`
        insert into people (id, org_id, org_path, name, name_pinyin, name_initials, sex, birth_date, id_number_enc, id_number_hash, id_number_tail, category)
        select id, ${org.id}::uuid, ${org.path}, case when n % 2 = 0 then '张三' else '李' || n end, case when n % 2 = 0 then 'zhangsan' else 'li' || n end, 'x', 'male', date '1980-01-01',
               'enc', 'bulk-' || id::text, '0000', 'full'
          from unnest(${ids}::uuid[]) with ordinality as t(id, n)
      `.execute(ctx.db);
      const res = await w.sec.get(`/api/v1/training-reports/ledger.xlsx?orgId=${w.unit.id}&year=2026`);
      expect(res.statusCode).toBe(404);
      const full = await w.officer.get(`/api/v1/training-reports/ledger.xlsx?orgId=${w.otherBranch.id}&year=2026`);
      expect(full.statusCode).toBe(200);
      const rows = (await sheetRows(full.rawPayload, '学时台账')).slice(2);
      expect(rows.length).toBe(2301);
      expect(rows.filter((r) => r[1] === '张三').length).toBe(1150);
      expect(new Set(rows.map((r) => r[1])).size).toBe(1152);
    }, 120_000);
  });

  describe('statistics (.xlsx)', () => {
    it('counts each organisation’s members, met, short and exempt with the rate and average hours, and totals', async () => {
      const w = await world();
      const res = await w.officer.get(`/api/v1/training-reports/statistics.xlsx?orgId=${w.unit.id}&year=2026`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain(encodeURIComponent(`2026年度培训统计-${w.unit.name}.xlsx`));
      const rows = await sheetRows(res.rawPayload, '培训统计');
      expect(rows[1]).toEqual(['组织', '党员人数', '应达标人数', '已达标', '未达标', '免除要求', '达标率', '人均学时']);
      const line = (name: string) => rows.find((r) => String(r[0]).trim() === name);
      expect(line(w.unit.name)).toEqual([w.unit.name, 0, 0, 0, 0, 0, '—', 0]);
      expect(line(w.branch.name)).toEqual([`\u3000${w.branch.name}`, 4, 3, 1, 2, 1, '33.3%', 30.8]);
      expect(line(w.otherBranch.name)).toEqual([`\u3000${w.otherBranch.name}`, 1, 1, 1, 0, 0, '100.0%', 32]);
      expect(line('合计')).toEqual(['合计', 5, 4, 2, 2, 1, '50.0%', 31]);
      const classes = await sheetRows(res.rawPayload, '培训班次');
      expect(classes[0]).toEqual(CLASSES_HEADERS);
      expect(classes.at(-1)).toEqual(['合计', 0, 0, 0]);
      const audit = await env().ctx.db.selectFrom('audit_log').select('detail').where('action', '=', 'training.statistics_export').where('entity_id', '=', w.unit.id).executeTakeFirst();
      expect(audit?.detail).toMatchObject({ year: 2026 });
    });

    it('fills the classes sheet (班次, 人次, completed) by class type from the classes module: the figures of its statistics endpoint, the subtree and year only', async () => {
      const w = await world();
      const ctx = env().ctx;
      const sessions = (d: string) => [{ startsAt: `${d}T01:00:00Z`, hours: 4 }];
      // Completed in 2026 under the unit: a thematic class of two (one completes) and a secretaries' class of one.
      const thematic = await makeClass(ctx, { orgId: w.branch.id, sessions: sessions('2026-03-10'), title: '专题班' });
      const secretaries = await makeClass(ctx, { orgId: w.unit.id, sessions: sessions('2026-04-10'), title: '书记班', targetGroup: 'secretaries' });
      await ctx.db.updateTable('training_classes').set({ type: 'secretaries' }).where('id', '=', secretaries.id).execute();
      // Not counted: a class still open, a class of another year, a class outside the subtree.
      await makeClass(ctx, { orgId: w.branch.id, sessions: sessions('2026-05-10'), title: '未结业' });
      const lastYear = await makeClass(ctx, { orgId: w.branch.id, year: 2025, sessions: sessions('2025-05-10'), title: '去年' });
      const outside = await makeClass(ctx, { orgId: w.root.id, sessions: sessions('2026-03-10'), title: '县级班' });
      const run = async (cls: { id: string; sessions: Array<{ id: string }> }, present: string[], absent: string[] = []) => {
        expect((await w.officer.post(`/api/v1/classes/${cls.id}/nominations`, { personIds: [...present, ...absent] })).statusCode).toBe(200);
        const entries = [...present.map((personId) => ({ personId, status: 'present' })), ...absent.map((personId) => ({ personId, status: 'absent' }))];
        expect((await w.officer.put(`/api/v1/class-sessions/${cls.sessions[0]!.id}/roster`, { entries })).statusCode).toBe(200);
        expect((await w.officer.post(`/api/v1/classes/${cls.id}/complete`)).statusCode).toBe(200);
      };
      await run(thematic, [w.ordinary.id], [w.probationary.id]);
      await run(secretaries, [w.secretary.id]);
      await run(lastYear, [w.ordinary.id]);
      const rootOfficer = await loginClient(env().app, (await makeUser(ctx, { roles: [{ role: 'committee_officer', orgId: w.root.id }] })).username, TEST_PASSWORD);
      expect((await rootOfficer.post(`/api/v1/classes/${outside.id}/nominations`, { personIds: [w.inB.id] })).statusCode).toBe(200);
      await rootOfficer.put(`/api/v1/class-sessions/${outside.sessions[0]!.id}/roster`, { entries: [{ personId: w.inB.id, status: 'present' }] });
      expect((await rootOfficer.post(`/api/v1/classes/${outside.id}/complete`)).statusCode).toBe(200);

      const rows = await sheetRows((await w.officer.get(`/api/v1/training-reports/statistics.xlsx?orgId=${w.unit.id}&year=2026`)).rawPayload, '培训班次');
      expect(rows).toEqual([
        CLASSES_HEADERS,
        ['书记培训班', 1, 1, 1],
        ['党务干部培训班', 0, 0, 0],
        ['发展对象和预备党员培训班', 0, 0, 0],
        ['专题培训班', 1, 2, 1],
        ['合计', 2, 3, 2],
      ]);
      // The same figures as the classes module's own statistics of the subtree and year.
      const endpoint = (await w.officer.get(`/api/v1/classes/statistics?orgId=${w.unit.id}&year=2026`)).json();
      expect(rows.slice(1, -1).map((r) => r.slice(1))).toEqual(endpoint.byType.map((t: { classes: number; personTimes: number; completedPersons: number }) => [t.classes, t.personTimes, t.completedPersons]));
      expect(rows.at(-1)!.slice(1)).toEqual([endpoint.total.classes, endpoint.total.personTimes, endpoint.total.completedPersons]);
      // A branch sees its own class only; last year's sheet has last year's class.
      expect((await sheetRows((await w.officer.get(`/api/v1/training-reports/statistics.xlsx?orgId=${w.branch.id}&year=2026`)).rawPayload, '培训班次')).at(-1)).toEqual(['合计', 1, 2, 1]);
      expect((await sheetRows((await w.officer.get(`/api/v1/training-reports/statistics.xlsx?orgId=${w.unit.id}&year=2025`)).rawPayload, '培训班次')).at(-1)).toEqual(['合计', 1, 1, 1]);
    });

    it('refuses a subtree outside the caller’s, a year not begun, and callers without a manager role', async () => {
      const w = await world();
      const outside = await w.sec.get(`/api/v1/training-reports/statistics.xlsx?orgId=${w.otherBranch.id}&year=2026`);
      expect(outside.statusCode).toBe(404);
      expect(outside.json().error.code).toBe('ORG_NOT_FOUND');
      const future = await w.officer.get(`/api/v1/training-reports/statistics.xlsx?orgId=${w.unit.id}&year=2027`, { 'accept-language': 'en' });
      expect(future.statusCode).toBe(400);
      expect(future.json().error).toMatchObject({ code: 'TRAINING_REPORT_YEAR_IN_FUTURE', message: '2027 has not started yet, so there are no hours to export; choose this year or an earlier one.' });
      expect((await w.member.get(`/api/v1/training-reports/ledger.xlsx?orgId=${w.branch.id}&year=2026`)).statusCode).toBe(404);
    });
  });

  describe('annual study record (PDF)', () => {
    it('gives the member their own record with sources, total against the requirement and centralised trainings, in an embedded CJK font', async () => {
      const w = await world();
      const res = await w.member.get('/api/v1/me/annual-study-record.pdf?year=2026');
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('2026年度学习档案-李建国.pdf'));
      const text = pdfText(res.rawPayload);
      expect(text.split('\n')).toEqual([
        '2026年度党员学习档案',
        `姓名：李建国\u3000所在组织：${w.branch.name}\u3000人员类别：正式党员`,
        '年度要求：32 学时',
        '已完成：30 学时，集中培训 0 次\u3000状态：未达标（差 2 学时）',
        '一、学时来源汇总',
        '组织生活：24 学时',
        '外部培训：6 学时',
        '二、学时明细',
        '2026-01-10\u3000组织生活\u30002026-01-10 支部党员大会：专题学习\u300024 学时',
        '2026-03-15\u3000外部培训\u3000外部学时：学习强国《党史专题》\u30006 学时',
        '三、集中培训',
        '无。',
        '本档案根据系统中的学习记录生成，生成日期：2026年6月1日。',
      ]);
      const fonts = pdfFonts(res.rawPayload);
      expect(fonts.embeddedFontFiles).toBeGreaterThan(0);
      expect(fonts.fontNames.some((n) => n.includes('NotoSerifCJK') || n.includes('CJK'))).toBe(true);
      // Without a year: the current year.
      expect(pdfText((await w.member.get('/api/v1/me/annual-study-record.pdf')).rawPayload)).toContain('2026年度党员学习档案');
    });

    it('gives managers a member’s record (audited), listing the centralised training', async () => {
      const w = await world();
      const res = await w.sec.get(`/api/v1/people/${w.secretary.id}/annual-study-record.pdf?year=2026`);
      expect(res.statusCode).toBe(200);
      const text = pdfText(res.rawPayload);
      expect(text).toContain('年度要求：56 学时，集中培训 1 次');
      expect(text).toContain(`已完成：60 学时，集中培训 1 次\u3000状态：${trainingStatusLabels.met['zh-CN']}`);
      expect(text).toContain('2026-04-10\u3000干部网络学院：县委党校书记轮训班（县级）\u300040 学时');
      const exempt = pdfText((await w.officer.get(`/api/v1/people/${w.infirm.id}/annual-study-record.pdf?year=2026`)).rawPayload);
      expect(exempt).toContain('年度要求：免除硬性学习要求（年老体弱，送学上门）');
      const audits = await env().ctx.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'training.record_export').where('entity_id', '=', w.secretary.id).execute();
      expect(audits.length).toBe(1);
      const outside = await w.sec.get(`/api/v1/people/${w.inB.id}/annual-study-record.pdf?year=2026`);
      expect(outside.statusCode).toBe(404);
      expect(outside.json().error.code).toBe('PERSON_NOT_FOUND');
    });

    it('answers an account without a member record, and a server without the font, with what to do', async () => {
      const w = await world();
      const notLinked = await w.officer.get('/api/v1/me/annual-study-record.pdf?year=2026');
      expect(notLinked.statusCode).toBe(404);
      expect(notLinked.json().error.code).toBe('PROFILE_NOT_LINKED');
      const original = env().ctx.config.pdfFontPath;
      env().ctx.config.pdfFontPath = '/nonexistent/NotoSerifCJK-Regular.ttc';
      try {
        const res = await w.member.get('/api/v1/me/annual-study-record.pdf?year=2026');
        expect(res.statusCode).toBe(503);
        expect(res.json().error).toMatchObject({ code: 'TRAINING_REPORT_PDF_FONT_MISSING', message: trainingReportErrors.TRAINING_REPORT_PDF_FONT_MISSING['zh-CN'] });
      } finally {
        env().ctx.config.pdfFontPath = original;
      }
    });
  });

  it('has a zh-CN and an English text for every error code', () => {
    for (const [code, entry] of Object.entries(trainingReportErrors)) {
      expect(errorCatalog[code as keyof typeof errorCatalog]).toBe(entry);
      expect(entry['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(entry.en).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});
