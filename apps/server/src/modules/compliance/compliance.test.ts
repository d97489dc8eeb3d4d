/**
 * Compliance over HTTP on a real database: verdicts derived from recorded activities, quarter
 * edges in the deployment's time zone, an organisation founded mid-quarter, a rule-set change that
 * leaves earlier periods alone, incremental rollups equal to a computation from scratch, the
 * shortfall reasons, the trend and the drill-down, and who may see what.
 */
import { defaultRuleSet, type RuleSet } from '@pioneer/domain';
import { beforeEach, expect, it } from 'vitest';
import { makeOrg, makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient, type Client, type TestEnv } from '../../test/harness.ts';
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
});
