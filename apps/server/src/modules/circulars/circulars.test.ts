/**
 * Circulars over HTTP on a real database: a committee officer generates a quarter's circular for
 * a subtree (figures stored beside the .docx and .pdf), regenerates it as a new version, downloads
 * both documents, re-renders a stored version identically after the facts have changed, and
 * publishes it — which notifies the secretaries of that subtree and no one else.
 */
import { circularFigures, type CircularFigures } from '@pioneer/domain';
import { afterEach, expect, it } from 'vitest';
import type { Role } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { makeOrg, makePerson, makeRoot, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient, type TestEnv } from '../../test/harness.ts';
import { circularText } from './circulars.render.ts';
import { rerender } from './circulars.service.ts';
import { defaultCircularSources } from './circulars.sources.ts';
import { docxText, pdfFonts } from './circulars.testkit.ts';

const GENERATED_AT = '2026-10-08T02:00:00Z'; // 10:00 on 8 October in Asia/Shanghai

describeEachDatabase('circulars', (getEnv) => {
  // Tests move the clock; a failed one must not leave the next one in another quarter.
  afterEach(() => getEnv().setNow(new Date()));

  async function account(env: TestEnv, role: Role, orgId: string, personId: string | null = null) {
    const user = await makeUser(env.ctx, { roles: [{ role, orgId }], personId });
    return { ...user, client: await loginClient(env.app, user.username, TEST_PASSWORD) };
  }

  /** A unit with two branches and its officer and secretaries; a far unit outside it. */
  async function world() {
    const env = getEnv();
    const { ctx } = env;
    const root = await makeRoot(ctx);
    const unit = await makeOrg(ctx, { parentId: root.id, kind: 'party_committee', name: `县水利局机关党委${newId().slice(-4)}` });
    const branch1 = await makeOrg(ctx, { parentId: unit.id, kind: 'branch', name: '水利局第一党支部' });
    const branch2 = await makeOrg(ctx, { parentId: unit.id, kind: 'branch', name: '水利局第二党支部' });
    const farUnit = await makeOrg(ctx, { parentId: root.id, kind: 'party_committee' });
    const farBranch = await makeOrg(ctx, { parentId: farUnit.id, kind: 'branch' });
    const memberPerson = await makePerson(ctx, { orgId: branch1.id, name: '党员甲' });
    return {
      root,
      unit,
      branch1,
      branch2,
      farUnit,
      farBranch,
      officer: await account(env, 'committee_officer', unit.id),
      farOfficer: await account(env, 'committee_officer', farUnit.id),
      sec1: await account(env, 'secretary', branch1.id),
      sec2: await account(env, 'secretary', branch2.id),
      secUnit: await account(env, 'secretary', unit.id),
      secFar: await account(env, 'secretary', farBranch.id),
      member: await account(env, 'member', branch1.id, memberPerson.id),
    };
  }

  async function orgRow(env: TestEnv, id: string) {
    return env.ctx.db.selectFrom('organizations').select(['id', 'path']).where('id', '=', id).executeTakeFirstOrThrow();
  }

  /** A held activity and make-up assignments of people of its organisation. */
  async function heldWithMakeup(env: TestEnv, orgId: string, heldOn: string, makeups: Array<{ completed?: boolean }>) {
    const org = await orgRow(env, orgId);
    const id = newId();
    await env.ctx.db
      .insertInto('activities')
      .values({ id, org_id: org.id, org_path: org.path, kind: 'member_assembly', status: 'held', topic: '学习党章', planned_start: `${heldOn}T01:00:00Z`, actual_start: `${heldOn}T01:00:00Z`, held_on: heldOn })
      .execute();
    const assignments: string[] = [];
    for (const m of makeups) {
      const person = await makePerson(env.ctx, { orgId, name: '补学人' });
      const assignment = newId();
      await env.ctx.db
        .insertInto('makeup_assignments')
        .values({ id: assignment, activity_id: id, person_id: person.id, org_id: org.id, org_path: org.path, completed_at: m.completed ? `${heldOn}T08:00:00Z` : null })
        .execute();
      assignments.push(assignment);
    }
    return { activityId: id, assignments };
  }

  async function generate(env: TestEnv, w: Awaited<ReturnType<typeof world>>, orgId = w.unit.id, period = '2026-Q3') {
    env.setNow(GENERATED_AT);
    const res = await w.officer.client.post('/api/v1/circulars', { orgId, period });
    env.setNow(new Date());
    return res;
  }

  it('generates the circular of a subtree with every figure it was rendered from, and audits it', async () => {
    const env = getEnv();
    const w = await world();
    await heldWithMakeup(env, w.branch1.id, '2026-08-10', [{}, {}, { completed: true }]); // in Q3: 2 open
    await heldWithMakeup(env, w.branch1.id, '2026-05-10', [{}]); // before Q3, still open: counts
    await heldWithMakeup(env, w.branch2.id, '2026-10-02', [{}]); // after Q3's end: not this circular's
    await heldWithMakeup(env, w.farBranch.id, '2026-08-10', [{}]); // another subtree

    const res = await generate(env, w);
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ orgId: w.unit.id, orgName: w.unit.name, period: '2026-Q3', version: 1, title: '关于2026年第三季度组织生活开展情况的通报', publishedAt: null });
    const figures: CircularFigures = c.figures;
    expect(figures).toMatchObject({
      renderer: 'circular-v1',
      periodStart: '2026-07-01',
      periodEnd: '2026-09-30',
      issuer: { orgId: w.unit.id, name: w.unit.name },
      issuedOn: '2026-10-08',
      makeup: [{ orgId: w.branch1.id, name: '水利局第一党支部', open: 3 }],
    });
    // The compliance and audit parts are what their modules said at that moment.
    env.setNow(GENERATED_AT);
    const compliance = await defaultCircularSources.compliance(env.ctx, { orgId: w.unit.id, period: '2026-Q3' });
    const audits = await defaultCircularSources.audits(env.ctx, { orgId: w.unit.id, period: '2026-Q3' });
    env.setNow(new Date());
    expect(figures.totals).toEqual({ orgsJudged: compliance.orgsJudged, orgsAllMet: compliance.allMet.length, attendanceExpected: compliance.attendanceExpected, attendancePresent: compliance.attendancePresent });
    expect(figures.allMet).toEqual(compliance.allMet);
    expect(figures.shortfalls).toEqual(compliance.shortfalls);
    expect(figures.audits).toEqual(audits);
    // Real verdicts: the second branch held no assembly in Q3 and is listed with the reason.
    expect(figures.totals.orgsJudged).toBeGreaterThan(0);
    expect(figures.shortfalls.find((s) => s.orgId === w.branch2.id)?.reasons).toContain('2026年第三季度 支部党员大会 0/1 次');
    expect(c.docxBytes).toBeGreaterThan(1000);
    expect(c.pdfBytes).toBeGreaterThan(1000);

    const stored = await env.ctx.db.selectFrom('circulars').select(['figures', 'generated_by', 'org_path']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(circularFigures.parse(stored.figures)).toEqual(figures);
    expect(stored.generated_by).toBe(w.officer.id);
    const audit = await env.ctx.db.selectFrom('audit_log').select(['action', 'org_id', 'detail']).where('entity_id', '=', c.id).execute();
    expect(audit).toEqual([{ action: 'circular.generate', org_id: w.unit.id, detail: { period: '2026-Q3', version: 1 } }]);
  });

  it('serves the .docx and the .pdf with their types and a UTF-8 file name, both saying what the figures say', async () => {
    const env = getEnv();
    const w = await world();
    await heldWithMakeup(env, w.branch2.id, '2026-09-01', [{}]);
    const c = (await generate(env, w)).json();

    const docx = await w.officer.client.get(`/api/v1/circulars/${c.id}/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers['content-disposition']).toBe(`attachment; filename="circular-2026-Q3-v1.docx"; filename*=UTF-8''${encodeURIComponent('关于2026年第三季度组织生活开展情况的通报.docx')}`);
    const text = docxText(docx.rawPayload);
    expect(text).toBe(circularText(c.figures));
    expect(text).toContain(`${w.unit.name}依据系统中如实记录的会议、出勤和补学情况`);
    expect(text).toContain('尚有1人次补学未完成，涉及1个党组织：水利局第二党支部1人次。');

    const pdf = await w.officer.client.get(`/api/v1/circulars/${c.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('关于2026年第三季度组织生活开展情况的通报.pdf')}`);
    const fonts = pdfFonts(pdf.rawPayload);
    expect(fonts.fontNames.some((n) => n.endsWith('+NotoSerifCJKsc-Regular'))).toBe(true);
    expect([...new Set(text.replace(/\s/g, ''))].filter((ch) => !fonts.characters.has(ch))).toEqual([]);
  });

  it('adds a version on regeneration and re-renders an old version from its own figures after the facts changed', async () => {
    const env = getEnv();
    const w = await world();
    const { assignments } = await heldWithMakeup(env, w.branch1.id, '2026-07-20', [{}, {}]);
    const v1 = (await generate(env, w)).json();
    await env.ctx.db.updateTable('makeup_assignments').set({ completed_at: new Date('2026-10-09T00:00:00Z') }).where('id', '=', assignments[0]!).execute();
    const v2res = await generate(env, w);
    expect(v2res.statusCode).toBe(201);
    const v2 = v2res.json();
    expect(v2.version).toBe(2);
    expect(v1.figures.makeup).toEqual([{ orgId: w.branch1.id, name: '水利局第一党支部', open: 2 }]);
    expect(v2.figures.makeup).toEqual([{ orgId: w.branch1.id, name: '水利局第一党支部', open: 1 }]);

    // Version 1 renders from its stored figures exactly as it was generated.
    const storedDocx = (await w.officer.client.get(`/api/v1/circulars/${v1.id}/docx`)).rawPayload;
    const row = await env.ctx.db.selectFrom('circulars').select('figures').where('id', '=', v1.id).executeTakeFirstOrThrow();
    const again = await rerender(env.ctx, row.figures);
    expect(docxText(again.docx)).toBe(docxText(storedDocx));
    expect(docxText(again.docx)).not.toBe(docxText((await w.officer.client.get(`/api/v1/circulars/${v2.id}/docx`)).rawPayload));
    const v2name = (await w.officer.client.get(`/api/v1/circulars/${v2.id}/pdf`)).headers['content-disposition'];
    expect(v2name).toContain(encodeURIComponent('（第2版）.pdf'));

    const list = await w.officer.client.get(`/api/v1/circulars?orgId=${w.unit.id}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((x: { version: number }) => x.version)).toEqual([2, 1]);
    expect((await w.officer.client.get(`/api/v1/circulars?orgId=${w.unit.id}&period=2026-Q2`)).json()).toEqual([]);
  });

  it('publishes once and notifies the secretaries of the subtree only; they may then read it, drafts stay hidden', async () => {
    const env = getEnv();
    const w = await world();
    const c = (await generate(env, w)).json();
    const draft = (await generate(env, w)).json();

    // Before publication a secretary of the subtree does not see it.
    expect((await w.sec1.client.get(`/api/v1/circulars/${c.id}`)).statusCode).toBe(404);
    expect((await w.sec1.client.get(`/api/v1/circulars?orgId=${w.unit.id}`)).json()).toEqual([]);

    env.setNow('2026-10-09T01:00:00Z');
    const published = await w.officer.client.post(`/api/v1/circulars/${c.id}/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ id: c.id, publishedAt: '2026-10-09T01:00:00.000Z', notified: 3 });
    const again = await w.officer.client.post(`/api/v1/circulars/${c.id}/publish`);
    expect(again.json()).toMatchObject({ publishedAt: '2026-10-09T01:00:00.000Z', notified: 0 });
    env.setNow(new Date());

    const inbox = async (who: { client: typeof w.sec1.client }) => (await who.client.get('/api/v1/me/notifications')).json().items.filter((n: { kind: string }) => n.kind === 'circular_published');
    for (const sec of [w.sec1, w.sec2, w.secUnit]) {
      const items = await inbox(sec);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ title: '新通报：关于2026年第三季度组织生活开展情况的通报', link: `/circulars?id=${c.id}` });
      expect(items[0].body).toContain(w.unit.name);
    }
    for (const other of [w.secFar, w.member, w.officer, w.farOfficer]) expect(await inbox(other)).toEqual([]);

    // Published: secretaries whose subtree overlaps read it and its documents; the draft stays hidden.
    expect((await w.sec1.client.get(`/api/v1/circulars/${c.id}`)).statusCode).toBe(200);
    expect((await w.sec1.client.get(`/api/v1/circulars/${c.id}/pdf`)).statusCode).toBe(200);
    expect((await w.sec1.client.get(`/api/v1/circulars/${draft.id}`)).statusCode).toBe(404);
    expect((await w.sec1.client.get(`/api/v1/circulars/${draft.id}/docx`)).statusCode).toBe(404);
    expect((await w.sec1.client.get('/api/v1/circulars')).json().map((x: { id: string }) => x.id)).toEqual([c.id]);
    expect((await w.secFar.client.get(`/api/v1/circulars/${c.id}`)).statusCode).toBe(404);
    expect((await w.secFar.client.get('/api/v1/circulars')).json()).toEqual([]);
    expect((await w.farOfficer.client.get(`/api/v1/circulars/${c.id}`)).statusCode).toBe(404);
    const audit = await env.ctx.db.selectFrom('audit_log').select(['action', 'detail']).where('entity_id', '=', c.id).where('action', '=', 'circular.publish').execute();
    expect(audit).toEqual([{ action: 'circular.publish', detail: { period: '2026-Q3', version: 1, notified: 3 } }]);
  });

  it('lets only a committee officer of the organisation generate and publish', async () => {
    const env = getEnv();
    const w = await world();
    env.setNow(GENERATED_AT);
    const bySecretary = await w.sec1.client.post('/api/v1/circulars', { orgId: w.branch1.id, period: '2026-Q3' });
    expect(bySecretary.statusCode).toBe(403);
    expect(bySecretary.json().error.code).toBe('CIRCULAR_ONLY_COMMITTEE_OFFICERS');
    expect((await w.member.client.post('/api/v1/circulars', { orgId: w.branch1.id, period: '2026-Q3' })).json().error.code).toBe('ORG_NOT_FOUND');
    expect((await w.farOfficer.client.post('/api/v1/circulars', { orgId: w.unit.id, period: '2026-Q3' })).json().error.code).toBe('ORG_NOT_FOUND');
    env.setNow(new Date());
    const c = (await generate(env, w)).json();
    await w.officer.client.post(`/api/v1/circulars/${c.id}/publish`);
    const secPublish = await w.secUnit.client.post(`/api/v1/circulars/${c.id}/publish`);
    expect(secPublish.statusCode).toBe(403);
    expect((await w.farOfficer.client.post(`/api/v1/circulars/${c.id}/publish`)).statusCode).toBe(404);
    expect((await w.member.client.get('/api/v1/circulars')).statusCode).toBe(403);
  });

  it('refuses a quarter that has not started, a malformed one, and says which', async () => {
    const env = getEnv();
    const w = await world();
    env.setNow('2026-09-30T16:30:00Z'); // 00:30 on 1 October local: Q4 has started
    expect((await w.officer.client.post('/api/v1/circulars', { orgId: w.unit.id, period: '2026-Q4' })).statusCode).toBe(201);
    env.setNow('2026-09-30T15:30:00Z'); // 23:30 on 30 September local: Q4 has not
    const future = await w.officer.client.post('/api/v1/circulars', { orgId: w.unit.id, period: '2026-Q4' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({ code: 'CIRCULAR_PERIOD_IN_FUTURE', message: '2026-Q4尚未开始，不能生成通报；请选择本季度或以前的季度。' });
    const interim = (await w.officer.client.post('/api/v1/circulars', { orgId: w.unit.id, period: '2026-Q3' })).json();
    expect(interim.figures.issuedOn).toBe('2026-09-30');
    expect(circularText(interim.figures)).toContain('本季度尚未结束，数据统计截至2026年9月30日');
    env.setNow(new Date());
    const malformed = await w.officer.client.post('/api/v1/circulars', { orgId: w.unit.id, period: '2026-Q5' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('VALIDATION_FAILED');
    expect(malformed.json().error.details).toEqual([{ path: 'period', code: 'PERIOD_QUARTER_INVALID', message: '季度应写作“2026-Q3”的形式（年份-Q季度号 1–4）。' }]);
  });

  it('refuses to generate without the PDF font, with advice for the administrator, and stores nothing', async () => {
    const env = getEnv();
    const w = await world();
    const original = env.ctx.config.pdfFontPath;
    env.ctx.config.pdfFontPath = '/nonexistent/NotoSerifCJK-Regular.ttc';
    try {
      const res = await generate(env, w);
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('CIRCULAR_PDF_FONT_MISSING');
      expect(res.json().error.message).toContain('fonts-noto-cjk');
    } finally {
      env.ctx.config.pdfFontPath = original;
    }
    expect(await env.ctx.db.selectFrom('circulars').select('id').where('org_id', '=', w.unit.id).execute()).toEqual([]);
  });
});
