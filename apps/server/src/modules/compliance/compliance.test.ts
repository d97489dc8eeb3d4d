/**
 * Compliance over HTTP on a real database: verdicts derived from recorded activities, quarter
 * edges in the deployment's time zone, an organisation founded mid-quarter, a rule-set change that
 * leaves earlier periods alone, incremental rollups equal to a computation from scratch (through
 * records, concurrent records, every kind of change to the tree and new rule sets), the bulk
 * computation against a plain per-organisation evaluation, shortfall pages and their count, the
 * trend and the drill-down, and who may see what.
 */
import { defaultRuleSet, evaluateCompliance, localDateOf, parsePeriodKey, periodBounds, type ActivityKind, type OrgKind, type RuleSet, type StudyForm } from '@pioneer/domain';
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { makeOrg, makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient, type Client, type TestEnv } from '../../test/harness.ts';
import { computePeriods } from './compliance.compute.ts';
import { computePeriod } from './compliance.service.ts';

describeEachDatabase('compliance', (getEnv) => {
  let env: TestEnv;
  let tree: Awaited<ReturnType<typeof makeTree>>;
  let officer: Client;
  let officerName: string;

  beforeEach(async () => {
    env = getEnv();
    env.setNow('2026-11-23T04:00:00Z');
    tree = await makeTree(env.ctx);
    await makePerson(env.ctx, { orgId: tree.branch.id, name: '甲' });
    await makePerson(env.ctx, { orgId: tree.branch.id, name: '乙' });
    await makePerson(env.ctx, { orgId: tree.otherBranch.id, name: '丙' });
    const user = await makeUser(env.ctx, { roles: [{ role: 'committee_officer', orgId: tree.root.id }] });
    officerName = user.username;
    officer = await loginClient(env.app, user.username, TEST_PASSWORD);
  });

  /** Plans and records an activity held at `instant`, everyone present. */
  async function hold(orgId: string, kind: string, instant: string, extra: Record<string, unknown> = {}) {
    const planned = await officer.post('/api/v1/activities', { orgId, kind, topic: '测试', plannedStart: instant, ...extra });
    expect(planned.statusCode, planned.body).toBe(201);
    // The attendance goes with the record (a record leaving anyone unmarked is refused).
    const attendance = (planned.json().attendees as Array<{ personId: string }>).map((a) => ({ personId: a.personId, status: 'present' }));
    const recorded = await officer.post(`/api/v1/activities/${planned.json().id}/record`, { version: planned.json().version, actualStart: instant, attendance });
    expect(recorded.statusCode, recorded.body).toBe(200);
    return recorded.json() as { id: string; version: number };
  }

  const summary = async (orgId: string, period: string) => {
    const res = await officer.get(`/api/v1/compliance/summary?orgId=${orgId}&period=${period}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const requirement = (s: { requirements: Array<{ requirementId: string; judged: number; met: number }> }, id: string) => s.requirements.find((r) => r.requirementId === id);

  it('judges each branch by what it recorded: an assembly in Q3 meets the quarterly requirement, none does not', async () => {
    await hold(tree.branch.id, 'member_assembly', '2026-08-20T06:00:00Z');
    const s = await summary(tree.unit.id, '2026-Q3');
    expect(requirement(s, 'member_assembly.quarterly')).toMatchObject({ judged: 2, met: 1 });
    expect(s.periodLabel).toBe('2026年第三季度');
    expect(s.orgsJudged).toBe(2);
    const shortfalls = (await officer.get(`/api/v1/compliance/shortfalls?orgId=${tree.unit.id}&period=2026-Q3`)).json();
    const other = shortfalls.items.find((i: { orgId: string }) => i.orgId === tree.otherBranch.id);
    expect(other.reasons.map((r: { text: string }) => r.text)).toContain('2026年第三季度 支部党员大会 0/1 次');
    const english = await officer.get(`/api/v1/compliance/shortfalls?orgId=${tree.unit.id}&period=2026-Q3`, { 'accept-language': 'en' });
    expect(JSON.stringify(english.json())).toContain('0/1');
  });

  it('counts an activity held at 00:30 Beijing time on 1 October in Q4, not Q3', async () => {
    await hold(tree.branch.id, 'member_assembly', '2026-09-30T16:30:00Z');
    expect(requirement(await summary(tree.branch.id, '2026-Q3'), 'member_assembly.quarterly')).toMatchObject({ judged: 1, met: 0 });
    expect(requirement(await summary(tree.branch.id, '2026-Q4'), 'member_assembly.quarterly')).toMatchObject({ judged: 1, met: 1 });
  });

  it('judges an organisation founded late in a quarter pro rata: no assembly owed for its last days', async () => {
    const late = await makeOrg(env.ctx, { parentId: tree.unit.id, kind: 'branch', establishedOn: '2026-09-20' });
    const s = await officer.get(`/api/v1/compliance/orgs/${late.id}?period=2026-Q3`);
    expect(s.statusCode).toBe(200);
    const assembly = s.json().verdicts.find((v: { requirementId: string }) => v.requirementId === 'member_assembly.quarterly');
    expect(assembly).toMatchObject({ required: 0, met: true });
    const full = (await officer.get(`/api/v1/compliance/orgs/${tree.branch.id}?period=2026-Q3`)).json();
    expect(full.verdicts.find((v: { requirementId: string }) => v.requirementId === 'member_assembly.quarterly')).toMatchObject({ required: 1, met: false });
  });

  it('keeps the computed rollups equal to a computation from scratch through records, corrections and cancellations', async () => {
    const periods = ['2026-08', '2026-09', '2026-Q3', '2026'];
    for (const p of periods) await summary(tree.root.id, p); // computed before the changes: kept incrementally
    const a = await hold(tree.branch.id, 'member_assembly', '2026-08-20T06:00:00Z');
    await hold(tree.otherBranch.id, 'theme_party_day', '2026-09-15T02:00:00Z');
    // Correct the assembly into September, then mark one attendee absent.
    const moved = await officer.post(`/api/v1/activities/${a.id}/record`, { version: a.version, actualStart: '2026-09-02T06:00:00Z' });
    expect(moved.statusCode, moved.body).toBe(200);
    const sheet = (await officer.get(`/api/v1/activities/${a.id}/attendance`)).json();
    await officer.put(`/api/v1/activities/${a.id}/attendance`, { entries: [{ personId: sheet.attendees[0].personId, status: 'absent' }] });

    const incremental = [];
    for (const p of periods) incremental.push(await summary(tree.root.id, p), await summary(tree.unit.id, p), await summary(tree.branch.id, p));
    for (const p of periods) await computePeriod(env.ctx, p);
    const scratch = [];
    for (const p of periods) scratch.push(await summary(tree.root.id, p), await summary(tree.unit.id, p), await summary(tree.branch.id, p));
    expect(incremental).toEqual(scratch);
    const sep = await summary(tree.branch.id, '2026-09');
    expect(sep.attendance).toMatchObject({ expected: 2, present: 1 });
  });

  it('applies a new rule set only from its effective date: earlier periods keep their verdicts', async () => {
    await hold(tree.branch.id, 'theme_party_day', '2026-11-10T02:00:00Z');
    const before = await summary(tree.branch.id, '2026-11');
    expect(requirement(before, 'theme_party_day.monthly')).toMatchObject({ judged: 1, met: 1 });
    const sets = (await officer.get('/api/v1/compliance/rule-sets')).json();
    expect(sets.map((s: { version: string }) => s.version)).toEqual([defaultRuleSet.version]);
    const stricter: RuleSet = {
      ...defaultRuleSet,
      version: '2026.12',
      effectiveFrom: '2026-12-01',
      requirements: defaultRuleSet.requirements.map((r) => (r.id === 'theme_party_day.monthly' ? { ...r, min: 2 } : r)),
    };
    // A requirement id cannot change meaning… but its number can: the same kind, form and period.
    const created = await officer.post('/api/v1/compliance/rule-sets', { ruleSet: stricter, note: '测试' });
    expect(created.statusCode, created.body).toBe(201);
    expect(requirement(await summary(tree.branch.id, '2026-11'), 'theme_party_day.monthly')).toMatchObject({ met: 1 });
    await hold(tree.branch.id, 'theme_party_day', '2026-11-20T02:00:00Z');
    env.setNow('2026-12-20T04:00:00Z');
    officer = await loginClient(env.app, officerName, TEST_PASSWORD); // a month later the session has expired
    await hold(tree.branch.id, 'theme_party_day', '2026-12-10T02:00:00Z');
    expect(requirement(await summary(tree.branch.id, '2026-12'), 'theme_party_day.monthly')).toMatchObject({ judged: 1, met: 0 });
    const q4 = (await officer.get(`/api/v1/compliance/orgs/${tree.branch.id}?period=2026-Q4`)).json();
    const themeDays = q4.verdicts.find((v: { requirementId: string }) => v.requirementId === 'theme_party_day.monthly');
    // October (none, old rule 1) + November (2, old rule 1) + December (1, new rule 2): required 4.
    expect(themeDays).toMatchObject({ required: 4, done: 3, met: false });
  });

  it('refuses a rule set that takes effect today or earlier, and one from a secretary', async () => {
    const past = await officer.post('/api/v1/compliance/rule-sets', { ruleSet: { ...defaultRuleSet, version: 'x', effectiveFrom: '2026-11-23' } });
    expect(past.statusCode).toBe(409);
    expect(past.json().error.code).toBe('COMPLIANCE_RULE_SET_REFUSED');
    expect(past.json().error.details.map((d: { code: string }) => d.code)).toContain('RULE_SET_EFFECTIVE_NOT_FUTURE');
    const secretaryUser = await makeUser(env.ctx, { roles: [{ role: 'secretary', orgId: tree.branch.id }] });
    const secretary = await loginClient(env.app, secretaryUser.username, TEST_PASSWORD);
    const res = await secretary.post('/api/v1/compliance/rule-sets', { ruleSet: { ...defaultRuleSet, version: 'y', effectiveFrom: '2027-01-01' } });
    expect(res.statusCode).toBe(403);
  });

  it('gives a 12-month trend and the drill-down to the activities counted', async () => {
    const a = await hold(tree.branch.id, 'theme_party_day', '2026-10-15T02:00:00Z');
    const trend = (await officer.get(`/api/v1/compliance/trend?orgId=${tree.branch.id}&month=2026-11`)).json();
    expect(trend.points).toHaveLength(12);
    expect(trend.points[0].period).toBe('2025-12');
    expect(trend.points.find((p: { period: string }) => p.period === '2026-10')).toMatchObject({ orgsJudged: 1, attendanceRate: 1 });
    const drill = (await officer.get(`/api/v1/compliance/orgs/${tree.branch.id}?period=2026-10`)).json();
    expect(drill.activities).toEqual([expect.objectContaining({ id: a.id, kind: 'theme_party_day', heldOn: '2026-10-15', expected: 2, present: 2 })]);
  });

  it('still judges an organisation for the periods it existed after it is deactivated, and keeps computed periods on a rename', async () => {
    const closing = await makeOrg(env.ctx, { parentId: tree.unit.id, kind: 'branch', establishedOn: '2020-01-01' });
    await summary(tree.unit.id, '2026-Q1');
    const renamed = await officer.patch(`/api/v1/orgs/${tree.otherBranch.id}`, { name: '改名后的支部' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await env.ctx.db.selectFrom('compliance_periods').select('period').where('period', '=', '2026-Q1').executeTakeFirst()).toBeDefined();
    const deactivated = await officer.post(`/api/v1/orgs/${closing.id}/deactivate`);
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    // Recomputed after the tree changed: the closed branch is still judged for Q1 and Q4, when it existed.
    expect((await summary(tree.unit.id, '2026-Q1')).orgsJudged).toBe(3);
    const q4 = (await officer.get(`/api/v1/compliance/orgs/${closing.id}?period=2026-Q4`)).json();
    expect(q4.judged).toBe(true);
  });

  it('shows a secretary their own subtree only, and members nothing', async () => {
    const secretaryUser = await makeUser(env.ctx, { roles: [{ role: 'secretary', orgId: tree.branch.id }] });
    const secretary = await loginClient(env.app, secretaryUser.username, TEST_PASSWORD);
    expect((await secretary.get(`/api/v1/compliance/summary?orgId=${tree.branch.id}&period=2026-Q3`)).statusCode).toBe(200);
    expect((await secretary.get(`/api/v1/compliance/summary?orgId=${tree.otherBranch.id}&period=2026-Q3`)).statusCode).toBe(404);
    const person = await makePerson(env.ctx, { orgId: tree.branch.id });
    const memberUser = await makeUser(env.ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: person.id });
    const member = await loginClient(env.app, memberUser.username, TEST_PASSWORD);
    expect((await member.get(`/api/v1/compliance/summary?orgId=${tree.branch.id}&period=2026-Q3`)).statusCode).toBe(404);
    expect((await member.get('/api/v1/compliance/rule-sets')).statusCode).toBe(403);
    const bad = await officer.get(`/api/v1/compliance/summary?orgId=${tree.branch.id}&period=2026-13`);
    expect(bad.statusCode).toBe(400);
  });

  // --- exactness against a computation from scratch ---------------------------------------------

  /** Every stored status and totals row of these periods, in a stable order. */
  async function storedRows(periods: string[]) {
    const statuses = await env.ctx.db.selectFrom('org_period_status').selectAll().where('period', 'in', periods).orderBy('org_id').orderBy('period').execute();
    const totals = await env.ctx.db.selectFrom('subtree_period_totals').selectAll().where('period', 'in', periods).orderBy('org_id').orderBy('period').execute();
    return { statuses, totals };
  }

  /** The stored rows equal those of a computation from scratch, and every period stayed computed. */
  async function expectSameAsFromScratch(periods: string[]) {
    const computed = await env.ctx.db.selectFrom('compliance_periods').select('period').where('period', 'in', periods).execute();
    expect(computed.map((c) => c.period).sort()).toEqual([...periods].sort());
    const incremental = await storedRows(periods);
    expect(incremental.statuses.length).toBeGreaterThan(0);
    await computePeriods(env.ctx, periods, { onlyMissing: false });
    const scratch = await storedRows(periods);
    expect(incremental.statuses).toEqual(scratch.statuses);
    expect(incremental.totals).toEqual(scratch.totals);
  }

  const ok = async (res: Promise<{ statusCode: number; body: string; json: () => { id: string } }>, code = 200) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(code);
    return r.json();
  };

  it('keeps every computed period exact through changes to the tree: create, move, committee, founding day, central group, deactivation', async () => {
    const periods = ['2026-08', '2026-10', '2026-11', '2026-Q3', '2026-Q4', '2026', '2027-01'];
    await hold(tree.branch.id, 'member_assembly', '2026-08-20T06:00:00Z');
    await hold(tree.otherBranch.id, 'theme_party_day', '2026-11-05T02:00:00Z');
    for (const p of periods) await summary(tree.root.id, p);

    // A branch founded mid-quarter (judged pro rata), and a new unit: its first branch gives it a totals row.
    const late = await ok(officer.post('/api/v1/orgs', { code: `L-${Date.now()}`, name: '新成立的党支部', kind: 'branch', parentId: tree.unit.id, establishedOn: '2026-10-15' }), 201);
    const unit2 = await ok(officer.post('/api/v1/orgs', { code: `U2-${Date.now()}`, name: '第二测试局党委', kind: 'party_committee', parentId: tree.root.id, establishedOn: '2015-03-01' }), 201);
    expect(await env.ctx.db.selectFrom('subtree_period_totals').select('period').where('org_id', '=', unit2.id).execute()).toEqual([]);
    const b2 = await ok(officer.post('/api/v1/orgs', { code: `B2-${Date.now()}`, name: '第二局第一党支部', kind: 'branch', parentId: unit2.id, establishedOn: '2016-01-01' }), 201);
    await hold(b2.id, 'theme_party_day', '2026-10-09T02:00:00Z');
    // The unit is judged on the year (its secretary's party lesson), its branch on every period.
    expect((await summary(unit2.id, '2026')).orgsJudged).toBe(2);
    expect((await summary(unit2.id, '2026-10')).orgsJudged).toBe(1);
    await expectSameAsFromScratch(periods);

    // The new unit loses its only branch (its totals rows go), then a branch with people and records moves in.
    await ok(officer.post(`/api/v1/orgs/${b2.id}/move`, { parentId: tree.unit.id }));
    expect(await env.ctx.db.selectFrom('subtree_period_totals').select('period').where('org_id', '=', unit2.id).execute()).toEqual([]);
    await ok(officer.post(`/api/v1/orgs/${tree.branch.id}/move`, { parentId: unit2.id }));
    expect((await summary(unit2.id, '2026')).orgsJudged).toBe(2);
    expect(requirement(await summary(unit2.id, '2026-Q3'), 'member_assembly.quarterly')).toMatchObject({ judged: 1, met: 1 });
    await expectSameAsFromScratch(periods);

    // What the rules read about an organisation: a committee, a corrected founding day, a central group.
    await ok(officer.patch(`/api/v1/orgs/${tree.otherBranch.id}`, { hasCommittee: true }));
    await ok(officer.patch(`/api/v1/orgs/${late.id}`, { establishedOn: '2026-08-10' }));
    await ok(officer.post('/api/v1/central-groups', { orgId: unit2.id, name: '第二测试局党委理论学习中心组' }), 201);
    const q4 = (await officer.get(`/api/v1/compliance/orgs/${unit2.id}?period=2026-Q4`)).json();
    expect(q4.verdicts.map((v: { requirementId: string }) => v.requirementId)).toContain('central_group_study.monthly');
    await expectSameAsFromScratch(periods);

    // Deactivated today: judged pro rata up to today, gone from January, and its parent keeps its other branches.
    await ok(officer.post(`/api/v1/orgs/${late.id}/deactivate`));
    expect((await officer.get(`/api/v1/compliance/orgs/${late.id}?period=2026-11`)).json().judged).toBe(true);
    expect(await env.ctx.db.selectFrom('org_period_status').select('period').where('org_id', '=', late.id).where('period', '=', '2027-01').execute()).toEqual([]);
    await expectSameAsFromScratch(periods);
  });

  it('keeps the rollups exact when activities of several branches are recorded at the same time', async () => {
    const periods = ['2026-09', '2026-Q3', '2026'];
    const unit = await makeOrg(env.ctx, { parentId: tree.root.id, kind: 'party_committee' });
    const branches = [];
    for (let i = 0; i < 4; i++) {
      const b = await makeOrg(env.ctx, { parentId: unit.id, kind: 'branch' });
      await makePerson(env.ctx, { orgId: b.id });
      branches.push(b);
    }
    for (const p of periods) await summary(tree.root.id, p);
    const before = await summary(unit.id, '2026-09');
    await Promise.all(branches.map((b, i) => hold(b.id, 'theme_party_day', `2026-09-1${i}T02:00:00Z`)));
    const after = await summary(unit.id, '2026-09');
    expect(requirement(after, 'theme_party_day.monthly')!.met - requirement(before, 'theme_party_day.monthly')!.met).toBe(4);
    expect(after.attendance.present - before.attendance.present).toBe(4);
    await expectSameAsFromScratch(periods);
  });

  it('re-judges only the computed periods a new rule set reaches, and they equal a computation from scratch', async () => {
    const periods = ['2027-01', '2027-02', '2027-03', '2027-Q1', '2027'];
    for (const p of periods) await summary(tree.root.id, p);
    const computedAt = async () => new Map((await env.ctx.db.selectFrom('compliance_periods').selectAll().where('period', 'in', periods).execute()).map((r) => [r.period, new Date(r.computed_at).getTime()]));
    const stricter = (version: string, effectiveFrom: string, min: number): RuleSet => ({
      ...defaultRuleSet,
      version,
      effectiveFrom,
      requirements: defaultRuleSet.requirements.map((r) => (r.id === 'theme_party_day.monthly' ? { ...r, min } : r)),
    });

    // From 1 February: February, March, Q1 and the year; January keeps its verdicts and its rows.
    const themeDays = async (period: string) =>
      (await officer.get(`/api/v1/compliance/orgs/${tree.branch.id}?period=${period}`)).json().verdicts.find((v: { requirementId: string }) => v.requirementId === 'theme_party_day.monthly');
    const january = await themeDays('2027-01');
    let before = await computedAt();
    await ok(officer.post('/api/v1/compliance/rule-sets', { ruleSet: stricter('test-2027.02', '2027-02-01', 3) }), 201);
    let after = await computedAt();
    expect(periods.filter((p) => after.get(p) !== before.get(p)).sort()).toEqual(['2027', '2027-02', '2027-03', '2027-Q1']);
    expect(await themeDays('2027-02')).toMatchObject({ required: 3 });
    expect(await themeDays('2027-01')).toEqual(january);
    expect(january.required).not.toBe(3);
    await expectSameAsFromScratch(periods);

    // From 15 March: its first whole month is April, so only the year.
    before = await computedAt();
    await ok(officer.post('/api/v1/compliance/rule-sets', { ruleSet: stricter('test-2027.03', '2027-03-15', 2) }), 201);
    after = await computedAt();
    expect(periods.filter((p) => after.get(p) !== before.get(p))).toEqual(['2027']);
    await expectSameAsFromScratch(periods);
  });

  it('computes periods in one pass equal to judging every organisation on its own', async () => {
    const unit = await makeOrg(env.ctx, { parentId: tree.root.id, kind: 'party_committee' });
    const withCommittee = await makeOrg(env.ctx, { parentId: unit.id, kind: 'branch', hasCommittee: true });
    await makePerson(env.ctx, { orgId: withCommittee.id });
    await hold(withCommittee.id, 'committee_meeting', '2026-07-03T02:00:00Z');
    await hold(withCommittee.id, 'theme_party_day', '2026-07-10T02:00:00Z');
    await hold(tree.branch.id, 'member_assembly', '2026-09-20T06:00:00Z');
    await hold(tree.otherBranch.id, 'member_assembly', '2026-08-20T06:00:00Z');
    const keys = ['2026-07', '2026-Q3', '2026'];
    const result = await computePeriods(env.ctx, keys, { onlyMissing: false });
    expect(result.periods).toEqual(keys.slice().sort());

    const sets = (await env.ctx.db.selectFrom('compliance_rule_sets').select('rules').execute()).map((r) => r.rules as RuleSet);
    const orgs = await env.ctx.db.selectFrom('organizations').selectAll().execute();
    const groups = new Set((await env.ctx.db.selectFrom('central_groups').select('org_id').execute()).map((g) => g.org_id));
    for (const key of keys) {
      const period = parsePeriodKey(key)!;
      const { first, last } = periodBounds(period);
      const counts = await sql<{ org_id: string; month: string; kind: string; study_form: string | null; n: number }>`
        select org_id, to_char(held_on, 'YYYY-MM') as month, kind, study_form, count(*)::int as n from activities
        where status = 'held' and held_on between ${first} and ${last} group by 1, 2, 3, 4`.execute(env.ctx.db);
      const attendance = await sql<{ org_id: string; expected: number; present: number }>`
        select a.org_id, count(*)::int as expected, (count(*) filter (where t.status = 'present'))::int as present
        from activities a join activity_attendees t on t.activity_id = a.id and t.role = 'expected'
        where a.status = 'held' and a.held_on between ${first} and ${last} group by 1`.execute(env.ctx.db);
      const stored = new Map(
        (
          await env.ctx.db
            .selectFrom('org_period_status as s')
            .innerJoin('compliance_verdict_sets as v', 'v.hash', 's.verdict_set')
            .select(['s.org_id', 's.org_path', 's.judged', 's.all_met', 'v.verdicts', 's.expected', 's.present'])
            .where('s.period', '=', key)
            .execute()
        ).map((s) => [s.org_id, s]),
      );
      const since = new Date(`${first}T00:00:00+08:00`);
      const existing = orgs.filter((o) => o.active || (o.deactivated_at !== null && new Date(o.deactivated_at) >= since));
      expect(stored.size).toBe(existing.length);
      for (const o of existing) {
        const verdicts = evaluateCompliance({
          org: { kind: o.kind as OrgKind, hasCommittee: o.has_committee, ownsCentralGroup: groups.has(o.id), establishedOn: o.established_on, deactivatedOn: o.deactivated_at ? localDateOf(new Date(o.deactivated_at), 'Asia/Shanghai') : null },
          period,
          ruleSets: sets,
          counts: counts.rows.filter((c) => c.org_id === o.id).map((c) => ({ month: c.month, activityKind: c.kind as ActivityKind, studyForm: c.study_form as StudyForm | null, count: c.n })),
        });
        const a = attendance.rows.find((r) => r.org_id === o.id);
        expect(stored.get(o.id)).toMatchObject({ org_path: o.path, judged: verdicts.length > 0, all_met: verdicts.length > 0 && verdicts.every((v) => v.met), verdicts, expected: a?.expected ?? 0, present: a?.present ?? 0 });
      }
      // The root's totals are the sum over every organisation that existed.
      const root = await summary(tree.root.id, key);
      const rows = [...stored.values()];
      expect(root.orgsJudged).toBe(rows.filter((r) => r.judged).length);
      expect(root.orgsAllMet).toBe(rows.filter((r) => r.all_met).length);
      expect(root.attendance.expected).toBe(rows.reduce((n, r) => n + r.expected, 0));
    }
  });

  it('pages the shortfalls of a subtree in path order, counted from the subtree totals', async () => {
    const unit = await makeOrg(env.ctx, { parentId: tree.root.id, kind: 'party_committee' });
    const branches = [];
    for (let i = 0; i < 5; i++) branches.push(await makeOrg(env.ctx, { parentId: unit.id, kind: 'branch', name: `短缺支部${i}` }));
    await hold(branches[2]!.id, 'member_assembly', '2026-04-20T06:00:00Z');
    await hold(branches[2]!.id, 'theme_party_day', '2026-04-21T06:00:00Z');
    await hold(branches[2]!.id, 'theme_party_day', '2026-05-21T06:00:00Z');
    await hold(branches[2]!.id, 'theme_party_day', '2026-06-21T06:00:00Z');
    const page = async (n: number, size: number) => {
      const res = await officer.get(`/api/v1/compliance/shortfalls?orgId=${unit.id}&period=2026-Q2&page=${n}&pageSize=${size}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: Array<{ orgId: string }>; total: number };
    };
    // Four branches fall short of Q2 (the unit itself is judged on years only).
    const first = await page(1, 3);
    expect(first.total).toBe(4);
    const all = [...first.items, ...(await page(2, 3)).items];
    expect(all).toHaveLength(4);
    expect(all.map((i) => i.orgId)).not.toContain(branches[2]!.id);
    const paths = await env.ctx.db.selectFrom('organizations').select(['id', 'path']).where('id', 'in', all.map((i) => i.orgId)).execute();
    const pathOf = new Map(paths.map((p) => [p.id, p.path]));
    const inOrder = all.map((i) => pathOf.get(i.orgId)!);
    expect(inOrder).toEqual([...inOrder].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1)));
    expect(await page(3, 3)).toMatchObject({ items: [], total: 4 });
    expect((await page(1, 20)).items.map((i) => i.orgId)).toEqual(all.map((i) => i.orgId));
    // A leaf's count is its own status.
    const leaf = await officer.get(`/api/v1/compliance/shortfalls?orgId=${branches[0]!.id}&period=2026-Q2`);
    expect(leaf.json()).toMatchObject({ total: 1, items: [{ orgId: branches[0]!.id }] });
    const met = await officer.get(`/api/v1/compliance/shortfalls?orgId=${branches[2]!.id}&period=2026-Q2`);
    expect(met.json()).toMatchObject({ total: 0, items: [] });
  });
});
