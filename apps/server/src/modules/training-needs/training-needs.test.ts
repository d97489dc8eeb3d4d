/**
 * Training needs on a real database: the rollup kept by triggers (raw credits, completions and
 * their revocation, a person moving) equal to a from-scratch rebuild; progress with reasons for the
 * member and managers; coverage of a subtree changing with the facts; missed/weak lists that never
 * list exempt members; delivered study; manual entries approved into the ledger; rule sets; and
 * every error path.
 */
import { afterEach, expect, it } from 'vitest';
import { defaultTrainingRuleSet } from '@pioneer/domain';
import { sql } from 'kysely';
import type { ServerContext } from '../../context.ts';
import { newId } from '../../lib/ids.ts';
import { makeOrg, makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient } from '../../test/harness.ts';
import { runJobOnce } from '../../jobs/job.ts';
import { trainingVerdictsRefresh } from '../../jobs/training-verdicts-refresh.ts';
import { insertCredits } from '../ledger/ledger.repo.ts';

describeEachDatabase('training needs', (getEnv) => {
  afterEach(() => getEnv().setNow(new Date()));

  async function world(now = '2026-07-02T02:00:00Z') {
    const env = getEnv();
    env.setNow(now);
    const { ctx } = env;
    const tree = await makeTree(ctx);
    const alice = await makePerson(ctx, { orgId: tree.branch.id, name: '王小明' });
    const bob = await makePerson(ctx, { orgId: tree.branch.id, name: '李小红' });
    const elder = await makePerson(ctx, { orgId: tree.branch.id, name: '赵老' });
    await ctx.db.updateTable('people').set({ is_infirm: true, study_exempt_reason: '年老体弱' }).where('id', '=', elder.id).execute();
    const far = await makePerson(ctx, { orgId: tree.otherBranch.id, name: '孙远' });
    const aliceUser = await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: alice.id });
    const secretaryUser = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.branch.id }] });
    const otherSecretaryUser = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.otherBranch.id }] });
    const officerUser = await makeUser(ctx, { roles: [{ role: 'committee_officer', orgId: tree.root.id }] });
    const login = (u: { username: string }) => loginClient(env.app, u.username, TEST_PASSWORD);
    const pathOf = async (id: string) => (await ctx.db.selectFrom('organizations').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
    const branchPath = await pathOf(tree.branch.id);
    const otherPath = await pathOf(tree.otherBranch.id);
    const unitPath = await pathOf(tree.unit.id);
    return { env, ctx, tree, branchPath, otherPath, unitPath, alice, bob, elder, far, aliceUser, secretaryUser, otherSecretaryUser, officerUser, login };
  }

  const credit = (ctx: ServerContext, personId: string, day: string, hours: number, extra: { direction?: string } = {}) =>
    ctx.db.transaction().execute(async (trx) => {
      const p = await trx.selectFrom('people').select(['org_id', 'org_path']).where('id', '=', personId).executeTakeFirstOrThrow();
      const id = newId();
      await insertCredits(trx, [{ id, personId, orgId: p.org_id, orgPath: p.org_path, year: Number(day.slice(0, 4)), creditedOn: day, hours, sourceType: 'course', sourceId: null, description: `${day} 课程`, reversesId: null, createdBy: null, createdAt: new Date(), direction: extra.direction ?? null }]);
      return id;
    });
  const complete = async (ctx: ServerContext, personId: string, day: string) => {
    const id = newId();
    await ctx.db.insertInto('training_completions').values({ id, person_id: personId, year: Number(day.slice(0, 4)), completed_on: day, kind: 'external', level: 'county', source_type: 'test', source_id: newId(), title: '县级集中轮训', hours: 8 }).execute();
    return id;
  };
  const rollup = (ctx: ServerContext) => ctx.db.selectFrom('person_year_training').select(['person_id', 'year', 'org_id', 'org_path', 'hours', 'centralised', 'first_centralised_on']).orderBy('person_id').orderBy('year').execute();

  it('keeps the per-person-year rollup exact through raw credits, reversals, completions, revocation and a move, equal to a rebuild from scratch', async () => {
    const w = await world();
    const c1 = await credit(w.ctx, w.alice.id, '2026-03-01', 4);
    await credit(w.ctx, w.alice.id, '2026-12-31', 2);
    await credit(w.ctx, w.alice.id, '2025-05-01', 3);
    await w.ctx.db.transaction().execute((trx) =>
      insertCredits(trx, [{ id: newId(), personId: w.alice.id, orgId: w.tree.branch.id, orgPath: w.branchPath, year: 2026, creditedOn: '2026-03-01', hours: -4, sourceType: 'course', sourceId: null, description: '冲销', reversesId: c1, createdBy: null, createdAt: new Date() }]),
    );
    const done = await complete(w.ctx, w.alice.id, '2026-05-10');
    await complete(w.ctx, w.alice.id, '2026-04-01');
    await w.ctx.db.updateTable('training_completions').set({ revoked_at: new Date() }).where('id', '=', done).execute();
    let rows = await rollup(w.ctx);
    expect(rows.filter((r) => r.person_id === w.alice.id).map((r) => [r.year, Number(r.hours), r.centralised, r.first_centralised_on])).toEqual([
      [2025, 3, 0, null],
      [2026, 2, 1, '2026-04-01'],
    ]);
    // Alice moves to the other branch: her rows follow her organisation.
    await w.ctx.db.updateTable('people').set({ org_id: w.tree.otherBranch.id, org_path: w.otherPath }).where('id', '=', w.alice.id).execute();
    rows = await rollup(w.ctx);
    expect(rows.filter((r) => r.person_id === w.alice.id).every((r) => r.org_id === w.tree.otherBranch.id && r.org_path === w.otherPath)).toBe(true);
    const maintained = rows.map((r) => ({ ...r, hours: Number(r.hours) }));
    await sql`select training_rollup_rebuild()`.execute(w.ctx.db);
    expect((await rollup(w.ctx)).map((r) => ({ ...r, hours: Number(r.hours) }))).toEqual(maintained);
  });

  it('shows a member their progress with reasons, completions and recommendations from their own gaps, and refuses a future year or an unlinked account', async () => {
    const w = await world();
    await credit(w.ctx, w.alice.id, '2026-03-01', 10, { direction: 'political_theory' });
    await credit(w.ctx, w.alice.id, '2026-12-31', 8);
    const lecturer = newId();
    await w.ctx.db.insertInto('lecturers').values({ id: lecturer, kind: 'external', name: '讲师', unit: '党校', updated_at: new Date() }).execute();
    await w.ctx.db.insertInto('lecturer_courses').values({ id: newId(), lecturer_id: lecturer, title: '数字经济', direction: 'modern_economy', minutes: 90, format: 'lecture', updated_at: new Date() }).execute();
    const alice = await w.login(w.aliceUser);
    const res = await alice.get('/api/v1/me/training-progress?year=2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ personName: '王小明', year: 2026, status: 'short', hoursDone: 18, hoursRequired: 32, missed: null, requirement: { hours: 32, hoursBasis: 'member', exempt: false } });
    expect(body.reasons[0].text).toBe('2026年 学时 18/32');
    // Behind the pace of two quarters (16 expected by 30 June)? 18 ≥ 16: not weak.
    expect(body.weak).toBeNull();
    expect(body.recommendations.map((r: { kind: string }) => r.kind)).toEqual(['hours', 'direction', 'direction', 'direction', 'direction']);
    expect(body.recommendations[0].courses.map((c: { title: string }) => c.title)).toEqual(['数字经济']);
    expect(body.recommendations.some((r: { direction: string | null }) => r.direction === 'political_theory')).toBe(false);
    expect((await alice.get('/api/v1/me/training-progress?year=2027')).json().error.code).toBe('TRAINING_YEAR_IN_FUTURE');
    const secretary = await w.login(w.secretaryUser);
    expect((await secretary.get('/api/v1/me/training-progress')).json().error.code).toBe('PROFILE_NOT_LINKED');
    expect((await secretary.get(`/api/v1/people/${w.alice.id}/training-progress`)).json()).toMatchObject({ personName: '王小明', hoursDone: 18 });
    expect((await (await w.login(w.otherSecretaryUser)).get(`/api/v1/people/${w.alice.id}/training-progress`)).json().error.code).toBe('PERSON_NOT_FOUND');
    expect((await alice.get(`/api/v1/people/${w.bob.id}/training-progress`)).statusCode).toBe(404);
  });

  it('gives a secretary appointed in July the member’s hours and a training deadline in January, and lists them missed only after it', async () => {
    const w = await world('2026-07-20T02:00:00Z');
    await w.ctx.db.updateTable('people').set({ is_secretary: true, secretary_since: '2026-07-15' }).where('id', '=', w.bob.id).execute();
    const secretary = await w.login(w.secretaryUser);
    const july = (await secretary.get(`/api/v1/people/${w.bob.id}/training-progress?year=2026`)).json();
    expect(july.requirement).toMatchObject({ hours: 32, hoursBasis: 'appointment_year', newSecretary: { since: '2026-07-15', deadline: '2027-01-15' } });
    expect(july.reasons.map((r: { text: string }) => r.text)).toContain('新任书记 2026-07-15 到任，应于 2027-01-15 前参加培训');
    w.env.setNow('2027-01-16T02:00:00Z');
    const res = await (await w.login(w.secretaryUser)).get(`/api/v1/orgs/${w.tree.branch.id}/training-exceptions?year=2027&kind=missed`);
    expect(res.statusCode, res.body).toBe(200);
    const missed = res.json();
    expect(missed.items.map((i: { name: string; reasons: Array<{ text: string }>; action: { text: string } }) => [i.name, i.reasons[0]!.text, i.action.text])).toEqual([['李小红', '漏训：新任书记 2026-07-15 到任，2027-01-15 前未参加培训', '安排参加书记培训班']]);
  });

  it('lists a July secretary whose year was met once the training deadline has passed, though nothing was written since the year was counted', async () => {
    const w = await world('2027-01-16T02:00:00Z');
    await w.ctx.db.updateTable('people').set({ is_secretary: true, secretary_since: '2026-07-15' }).where('id', '=', w.far.id).execute();
    await credit(w.ctx, w.far.id, '2026-06-01', 32);
    const officer = await w.login(w.officerUser);
    // The other branch's 2026 counts are fresh and nobody there is short (32 h; the training falls due in 2027).
    expect((await officer.get(`/api/v1/orgs/${w.tree.otherBranch.id}/training-coverage?year=2026`)).json()).toMatchObject({ required: 1, met: 1, short: 0 });
    const list = async (kind: string) => (await officer.get(`/api/v1/orgs/${w.tree.unit.id}/training-exceptions?year=2026&kind=${kind}`)).json();
    const missed = await list('missed');
    expect(missed.items.map((i: { name: string; reasons: Array<{ text: string }> }) => [i.name, i.reasons[0]!.text])).toEqual([['孙远', '漏训：新任书记 2026-07-15 到任，2027-01-15 前未参加培训']]);
    expect((await officer.get(`/api/v1/orgs/${w.tree.unit.id}/training-coverage?year=2026`)).json()).toMatchObject({ missed: 1, weak: 2 });
    // Weak at the year end: the two short members of the first branch, not the secretary who met the hours.
    expect((await list('weak')).items.map((i: { name: string }) => i.name).sort()).toEqual(['李小红', '王小明']);
  });

  it('sums the coverage of a subtree from per-organisation rows that follow new credits, completions, exemptions and rotations', async () => {
    const w = await world();
    const officer = await w.login(w.officerUser);
    // Each test has its own unit under the shared root: the unit's subtree is this test's world.
    const url = `/api/v1/orgs/${w.tree.unit.id}/training-coverage?year=2026`;
    let cov = (await officer.get(url)).json();
    expect(cov).toMatchObject({ considered: 4, required: 3, met: 0, short: 3, exempt: 1, centralisedRequired: 0, trained: 0 });
    expect(cov.hoursBuckets[0]).toEqual({ label: '0', count: 3 });
    await credit(w.ctx, w.alice.id, '2026-06-01', 32);
    await credit(w.ctx, w.far.id, '2026-06-01', 10);
    cov = (await officer.get(url)).json();
    expect(cov).toMatchObject({ met: 1, short: 2, hoursTotal: 42 });
    expect(cov.hoursBuckets.map((b: { count: number }) => b.count)).toEqual([1, 0, 1, 0, 0, 1, 0]);
    // A rotation for all members: Alice now needs a centralised training too.
    await w.ctx.db.insertInto('training_rotations').values({ id: newId(), org_id: w.tree.unit.id, org_path: w.unitPath, year: 2026, title: '全县轮训', target_groups: ['all_members'], deadline: '2026-10-31', updated_at: new Date() }).execute();
    cov = (await officer.get(url)).json();
    expect(cov).toMatchObject({ met: 0, centralisedRequired: 3, centralisedMet: 0 });
    await complete(w.ctx, w.alice.id, '2026-06-20');
    cov = (await officer.get(url)).json();
    expect(cov).toMatchObject({ met: 1, centralisedMet: 1, trained: 1 });
    // Bob becomes exempt.
    await w.ctx.db.updateTable('people').set({ study_exempt: true, study_exempt_reason: '长期病休' }).where('id', '=', w.bob.id).execute();
    cov = (await officer.get(url)).json();
    expect(cov).toMatchObject({ considered: 4, required: 2, exempt: 2 });
    expect(cov.children.map((c: { orgId: string; considered: number; exempt: number }) => [c.orgId, c.considered, c.exempt])).toEqual([
      [w.tree.branch.id, 3, 2],
      [w.tree.otherBranch.id, 1, 0],
    ]);
    // The secretary reads their branch, not the root.
    const secretary = await w.login(w.secretaryUser);
    expect((await secretary.get(`/api/v1/orgs/${w.tree.branch.id}/training-coverage?year=2026`)).json()).toMatchObject({ considered: 3, required: 1, met: 1, exempt: 2 });
    expect((await secretary.get(url)).json().error.code).toBe('ORG_NOT_FOUND');
    expect((await (await w.login(w.aliceUser)).get(url)).statusCode).toBe(404);
    expect((await secretary.get(`/api/v1/orgs/${w.tree.branch.id}/training-coverage?year=2030`)).json().error.code).toBe('TRAINING_YEAR_IN_FUTURE');
    // A new organisation and person appear without a recompute of everything.
    const newBranch = await makeOrg(w.ctx, { parentId: w.tree.unit.id, kind: 'branch' });
    await makePerson(w.ctx, { orgId: newBranch.id, name: '新人' });
    expect((await officer.get(url)).json().considered).toBe(5);
  });

  it('keeps every subtree total equal to a sum over the subtree through recomputation, a moved branch, a new organisation and concurrent requests', async () => {
    const w = await world();
    const officer = await w.login(w.officerUser);
    const coverage = async (orgId: string) => (await officer.get(`/api/v1/orgs/${orgId}/training-coverage?year=2026`)).json();
    const drift = async () => (await sql<{ org_id: string }>`select * from org_year_training_subtree_check()`.execute(w.ctx.db)).rows;
    await credit(w.ctx, w.alice.id, '2026-06-01', 32);
    await credit(w.ctx, w.far.id, '2026-06-01', 10);
    const before = await coverage(w.tree.root.id);
    expect(await drift()).toEqual([]);
    expect(await coverage(w.tree.unit.id)).toMatchObject({ considered: 4, met: 1, hoursTotal: 42 });

    // The other branch (孙远, 10 h) moves to a second unit: the totals follow it, in the move.
    const unit2 = await makeOrg(w.ctx, { parentId: w.tree.root.id, kind: 'party_committee' });
    const moved = await officer.post(`/api/v1/orgs/${w.tree.otherBranch.id}/move`, { parentId: unit2.id });
    expect(moved.statusCode).toBe(200);
    expect(await drift()).toEqual([]);
    expect(await coverage(w.tree.unit.id)).toMatchObject({ considered: 3, met: 1, hoursTotal: 32 });
    expect(await coverage(unit2.id)).toMatchObject({ considered: 1, met: 0, hoursTotal: 10, children: [{ orgId: w.tree.otherBranch.id, considered: 1 }] });
    // The root's figures are unchanged by a move inside it.
    expect(await coverage(w.tree.root.id)).toMatchObject({ considered: before.considered, met: before.met, hoursTotal: before.hoursTotal });

    // Credits and requests at once: every request stores what it computed, the totals stay exact.
    const people = [w.alice, w.bob, w.far];
    await Promise.all([
      ...people.map((p, i) => credit(w.ctx, p.id, `2026-0${i + 3}-10`, 1 + i)),
      coverage(w.tree.root.id),
      coverage(w.tree.unit.id),
      coverage(unit2.id),
      ...people.map((p) => credit(w.ctx, p.id, '2026-09-01', 0.5)),
      coverage(w.tree.root.id),
    ]);
    const after = await coverage(w.tree.root.id);
    expect(await drift()).toEqual([]);
    expect(after.hoursTotal).toBe(before.hoursTotal + 1 + 2 + 3 + 1.5);
    // Equal to a computation from scratch of this test's rows (other tests' rows were judged on other days).
    const unit2Path = (await w.ctx.db.selectFrom('organizations').select('path').where('id', '=', unit2.id).executeTakeFirstOrThrow()).path;
    await sql`update org_year_training set stale = true where org_path like ${`${w.unitPath}%`} or org_path like ${`${unit2Path}%`}`.execute(w.ctx.db);
    expect(await coverage(w.tree.root.id)).toEqual(after);
    expect(await drift()).toEqual([]);
  });

  it('lists weak people with the hours to make up, never an exempt member, paged', async () => {
    const w = await world('2027-01-05T02:00:00Z');
    await credit(w.ctx, w.alice.id, '2026-06-01', 31.5);
    await credit(w.ctx, w.bob.id, '2026-06-01', 10);
    const secretary = await w.login(w.secretaryUser);
    const res = (await secretary.get(`/api/v1/orgs/${w.tree.branch.id}/training-exceptions?year=2026&kind=weak&pageSize=1`)).json();
    expect(res).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(res.items).toHaveLength(1);
    const all = (await secretary.get(`/api/v1/orgs/${w.tree.branch.id}/training-exceptions?year=2026&kind=weak`)).json();
    expect(all.items.map((i: { name: string }) => i.name).sort()).toEqual(['李小红', '王小明']);
    const alice = all.items.find((i: { name: string }) => i.name === '王小明');
    expect(alice.reasons[0].text).toBe('弱训：2026年 学时 31.5/32，差 0.5 学时');
    expect(alice.action.text).toBe('参加组织生活或学习课程，补足 0.5 学时');
    expect(all.items.some((i: { name: string }) => i.name === '赵老')).toBe(false);
    expect((await secretary.get(`/api/v1/orgs/${w.tree.branch.id}/training-exceptions?year=2026&kind=lazy`)).json().error.code).toBe('VALIDATION_FAILED');
  });

  it('judges stored verdicts again when a quarter end has passed without any write, and the refresh job does it before a reader must', async () => {
    const w = await world('2026-03-31T15:00:00Z'); // 23:00 on 31 March, Beijing time
    await credit(w.ctx, w.alice.id, '2026-03-01', 5);
    await credit(w.ctx, w.far.id, '2026-03-01', 10);
    // A new session each time: the clock jumps further than a session lives.
    const weak = async (orgId = w.tree.unit.id) => (await (await w.login(w.officerUser)).get(`/api/v1/orgs/${orgId}/training-exceptions?year=2026&kind=weak`)).json();
    expect(await weak()).toMatchObject({ total: 0, items: [] });
    // The first quarter has ended: 8 hours were due by then.
    w.env.setNow('2026-03-31T16:00:00Z');
    const april = await weak();
    expect(april.total).toBe(2);
    expect(april.items.map((i: { name: string; reasons: Array<{ text: string }> }) => [i.name, i.reasons[0]!.text]).sort()).toEqual([
      ['李小红', '弱训：截至第1季度末应达 8 学时，已完成 0 学时'],
      ['王小明', '弱训：截至第1季度末应达 8 学时，已完成 5 学时'],
    ]);
    // The coverage counts them too, per sub-organisation.
    const cov = (await (await w.login(w.officerUser)).get(`/api/v1/orgs/${w.tree.unit.id}/training-coverage?year=2026`)).json();
    expect(cov).toMatchObject({ missed: 0, weak: 2 });
    expect(cov.children.map((c: { orgId: string; weak: number }) => [c.orgId, c.weak])).toEqual([
      [w.tree.branch.id, 2],
      [w.tree.otherBranch.id, 0],
    ]);
    // The second quarter ends; the job judges the rows again before anybody asks.
    w.env.setNow('2026-07-01T02:00:00Z');
    const stored = () =>
      w.ctx.db.selectFrom('training_flags').innerJoin('people', 'people.id', 'training_flags.person_id').select('people.name').where('training_flags.year', '=', 2026).where('training_flags.kind', '=', 'weak').where('training_flags.org_path', 'like', `${w.unitPath}%`).orderBy('people.name').execute();
    expect((await stored()).map((r) => r.name)).toEqual(['李小红', '王小明']);
    const result = await runJobOnce(w.ctx, trainingVerdictsRefresh);
    expect(result.organisations).toBeGreaterThanOrEqual(2);
    expect((await stored()).map((r) => r.name)).toEqual(['孙远', '李小红', '王小明']);
    const due = await sql<{ n: number }>`select count(*)::int as n from org_year_training where year = 2026 and org_path like ${`${w.unitPath}%`} and (stale or flags_until < '2026-07-01')`.execute(w.ctx.db);
    expect(due.rows[0]!.n).toBe(0);
    expect((await weak()).items.find((i: { name: string }) => i.name === '孙远').reasons[0].text).toBe('弱训：截至第2季度末应达 16 学时，已完成 10 学时');
    // A second run finds nothing to do under this unit.
    await runJobOnce(w.ctx, trainingVerdictsRefresh);
    expect((await stored()).map((r) => r.name)).toEqual(['孙远', '李小红', '王小明']);

    // A member moving to the other branch is listed there, once; a moved branch takes its people's flags with it.
    await w.ctx.db.updateTable('people').set({ org_id: w.tree.otherBranch.id, org_path: w.otherPath }).where('id', '=', w.bob.id).execute();
    expect((await weak(w.tree.otherBranch.id)).items.map((i: { name: string }) => i.name).sort()).toEqual(['孙远', '李小红']);
    expect((await weak(w.tree.branch.id)).items.map((i: { name: string }) => i.name)).toEqual(['王小明']);
    const unit2 = await makeOrg(w.ctx, { parentId: w.tree.root.id, kind: 'party_committee' });
    expect((await (await w.login(w.officerUser)).post(`/api/v1/orgs/${w.tree.otherBranch.id}/move`, { parentId: unit2.id })).statusCode).toBe(200);
    expect(await weak(unit2.id)).toMatchObject({ total: 2, items: [{ orgId: w.tree.otherBranch.id }, { orgId: w.tree.otherBranch.id }] });
    expect(await weak()).toMatchObject({ total: 1, items: [{ name: '王小明' }] });
    expect((await sql`select * from org_year_training_subtree_check()`.execute(w.ctx.db)).rows).toEqual([]);
  });

  it('gives claimed rows back stale when their recomputation fails, so the next request computes them', async () => {
    const w = await world();
    const officer = await w.login(w.officerUser);
    await officer.get(`/api/v1/orgs/${w.tree.unit.id}/training-coverage?year=2026`);
    await credit(w.ctx, w.alice.id, '2026-03-01', 5);
    const staleRows = async () => (await sql<{ n: number }>`select count(*)::int as n from org_year_training where year = 2026 and org_path like ${`${w.unitPath}%`} and stale`.execute(w.ctx.db)).rows[0]!.n;
    expect(await staleRows()).toBeGreaterThan(0);
    // A rule set the rules cannot read makes every recomputation fail.
    const bad = newId();
    await w.ctx.db.insertInto('training_rule_sets').values({ id: bad, version: 'broken', effective_from: '1999-01-01', rules: JSON.stringify({ version: 'broken' }), note: null, created_by: null }).execute();
    try {
      expect((await officer.get(`/api/v1/orgs/${w.tree.unit.id}/training-exceptions?year=2026&kind=weak`)).statusCode).toBe(500);
      expect(await staleRows()).toBeGreaterThan(0);
    } finally {
      await w.ctx.db.deleteFrom('training_rule_sets').where('id', '=', bad).execute();
    }
    expect((await officer.get(`/api/v1/orgs/${w.tree.unit.id}/training-exceptions?year=2026&kind=weak`)).json()).toMatchObject({ total: 3 });
    expect(await staleRows()).toBe(0);
  });

  it('records study delivered to an exempt member, refuses it for others or in the future, and lists it for the subtree', async () => {
    const w = await world();
    const secretary = await w.login(w.secretaryUser);
    const body = { deliveredOn: '2026-06-30', material: '《党章》学习辅导材料', deliveredBy: '张书记', note: '上门讲解一小时' };
    const res = await secretary.post(`/api/v1/people/${w.elder.id}/delivered-study`, body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ personName: '赵老', material: '《党章》学习辅导材料', deliveredBy: '张书记' });
    expect((await secretary.post(`/api/v1/people/${w.alice.id}/delivered-study`, body)).json().error.code).toBe('TRAINING_DELIVERED_NOT_EXEMPT');
    expect((await secretary.post(`/api/v1/people/${w.elder.id}/delivered-study`, { ...body, deliveredOn: '2026-07-03' })).json().error.code).toBe('TRAINING_DATE_IN_FUTURE');
    expect((await secretary.post(`/api/v1/people/${w.far.id}/delivered-study`, body)).json().error.code).toBe('PERSON_NOT_FOUND');
    expect((await secretary.post(`/api/v1/people/${w.elder.id}/delivered-study`, { ...body, material: '' })).json().error.code).toBe('VALIDATION_FAILED');
    const list = (await secretary.get(`/api/v1/orgs/${w.tree.branch.id}/delivered-study?year=2026`)).json();
    expect(list.items.map((i: { personName: string }) => i.personName)).toEqual(['赵老']);
    expect((await secretary.get(`/api/v1/orgs/${w.tree.otherBranch.id}/delivered-study`)).json().error.code).toBe('ORG_NOT_FOUND');
  });

  it('credits a manual entry only when a manager approves it, within the daily cap, once', async () => {
    const w = await world();
    const alice = await w.login(w.aliceUser);
    const secretary = await w.login(w.secretaryUser);
    const asked = await alice.post('/api/v1/me/manual-credits', { studiedOn: '2026-06-15', hours: 3, description: '参加县委宣讲会' });
    expect(asked.statusCode).toBe(201);
    const id = asked.json().id;
    expect(asked.json()).toMatchObject({ status: 'pending', creditId: null, hours: 3 });
    expect((await alice.get('/api/v1/me/study-hours?year=2026')).json().total).toBe(0);
    expect((await alice.post(`/api/v1/manual-credits/${id}/approve`, {})).statusCode).toBe(404);
    expect((await (await w.login(w.otherSecretaryUser)).post(`/api/v1/manual-credits/${id}/approve`, {})).json().error.code).toBe('MANUAL_CREDIT_NOT_FOUND');
    expect((await secretary.get(`/api/v1/orgs/${w.tree.branch.id}/manual-credits?status=pending`)).json().items.map((i: { id: string }) => i.id)).toEqual([id]);
    const approved = await secretary.post(`/api/v1/manual-credits/${id}/approve`, { note: '有签到表' });
    expect(approved.json()).toMatchObject({ status: 'approved', decisionNote: '有签到表' });
    const hours = (await alice.get('/api/v1/me/study-hours?year=2026')).json();
    expect(hours.total).toBe(3);
    expect(hours.entries[0]).toMatchObject({ sourceType: 'manual', sourceId: id, description: '2026-06-15 补录：参加县委宣讲会' });
    expect((await secretary.post(`/api/v1/manual-credits/${id}/approve`, {})).json().error.code).toBe('MANUAL_CREDIT_ALREADY_DECIDED');
    expect((await alice.get('/api/v1/me/manual-credits')).json().items[0]).toMatchObject({ id, status: 'approved' });

    // The day already has 6 hours: a 3-hour request is refused on approval, then rejected with a reason.
    await credit(w.ctx, w.bob.id, '2026-06-16', 6);
    const forBob = (await secretary.post(`/api/v1/people/${w.bob.id}/manual-credits`, { studiedOn: '2026-06-16', hours: 3, description: '自学' })).json();
    const capped = (await secretary.post(`/api/v1/manual-credits/${forBob.id}/approve`, {})).json();
    expect(capped.error).toMatchObject({ code: 'MANUAL_CREDIT_DAY_CAP' });
    expect(capped.error.message).toContain('2');
    expect((await secretary.post(`/api/v1/manual-credits/${forBob.id}/reject`, {})).json().error.code).toBe('VALIDATION_FAILED');
    expect((await secretary.post(`/api/v1/manual-credits/${forBob.id}/reject`, { note: '超过当日上限' })).json()).toMatchObject({ status: 'rejected', creditId: null });
    expect((await alice.post('/api/v1/me/manual-credits', { studiedOn: '2026-07-03', hours: 1, description: '未来' })).json().error.code).toBe('TRAINING_DATE_IN_FUTURE');
    expect((await alice.post('/api/v1/me/manual-credits', { studiedOn: '2026-07-01', hours: 1.3, description: '半小时步长' })).json().error.code).toBe('VALIDATION_FAILED');
    expect((await secretary.post(`/api/v1/people/${w.far.id}/manual-credits`, { studiedOn: '2026-06-16', hours: 1, description: 'x' })).json().error.code).toBe('PERSON_NOT_FOUND');
    expect((await secretary.get('/api/v1/me/manual-credits')).json().error.code).toBe('PROFILE_NOT_LINKED');
    expect((await secretary.post('/api/v1/me/manual-credits', { studiedOn: '2026-06-16', hours: 1, description: 'x' })).json().error.code).toBe('PROFILE_NOT_LINKED');
    expect((await secretary.get(`/api/v1/orgs/${w.tree.otherBranch.id}/manual-credits`)).json().error.code).toBe('ORG_NOT_FOUND');
    expect((await secretary.post(`/api/v1/manual-credits/${newId()}/reject`, { note: 'x' })).json().error.code).toBe('MANUAL_CREDIT_NOT_FOUND');
  });

  it('publishes a training rule set from 1 January of a later year only, by the working committee', async () => {
    const w = await world();
    const officer = await w.login(w.officerUser);
    expect((await officer.get('/api/v1/training-rule-sets')).json().items.map((i: { ruleSet: { version: string } }) => i.ruleSet.version)).toEqual(['training-2019.1']);
    const next = { ...defaultTrainingRuleSet, version: 'training-2027.1', effectiveFrom: '2027-01-01', memberHours: 40 };
    expect((await officer.post('/api/v1/training-rule-sets', { ruleSet: next, note: '县委新规定' })).statusCode).toBe(201);
    const refused = (await officer.post('/api/v1/training-rule-sets', { ruleSet: { ...next, version: 'x', effectiveFrom: '2026-01-01' } })).json().error;
    expect(refused.code).toBe('TRAINING_RULE_SET_REFUSED');
    expect(refused.details.map((d: { code: string }) => d.code)).toEqual(['TRAINING_RULE_SET_EFFECTIVE_NOT_FUTURE']);
    expect((await officer.post('/api/v1/training-rule-sets', { ruleSet: next })).json().error.details.map((d: { code: string }) => d.code)).toEqual(['TRAINING_RULE_SET_VERSION_DUPLICATE', 'TRAINING_RULE_SET_EFFECTIVE_DATE_DUPLICATE']);
    expect((await officer.post('/api/v1/training-rule-sets', { ruleSet: { ...next, version: 'y', effectiveFrom: '2028-03-01' } })).json().error.details[0].code).toBe('TRAINING_RULE_SET_NOT_YEAR_START');
    const secretary = await w.login(w.secretaryUser);
    expect((await secretary.post('/api/v1/training-rule-sets', { ruleSet: { ...next, version: 'z', effectiveFrom: '2029-01-01' } })).json().error.code).toBe('TRAINING_RULE_SET_OFFICERS_ONLY');
    // 2026 is still judged by the default set.
    expect((await secretary.get(`/api/v1/people/${w.alice.id}/training-progress?year=2026`)).json().requirement).toMatchObject({ hours: 32, ruleSetVersion: 'training-2019.1' });
  });

  it('keeps a person’s secretary_since and business line through the people API, which the requirement then reads', async () => {
    const w = await world();
    const secretary = await w.login(w.secretaryUser);
    const before = (await secretary.get(`/api/v1/people/${w.bob.id}`)).json();
    expect(before).toMatchObject({ secretarySince: null, businessLine: null });
    const res = await secretary.patch(`/api/v1/people/${w.bob.id}`, { version: before.version, isSecretary: true, secretarySince: '2026-03-01', businessLine: 'petitions' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ isSecretary: true, secretarySince: '2026-03-01', businessLine: 'petitions' });
    expect((await secretary.patch(`/api/v1/people/${w.bob.id}`, { version: res.json().version, businessLine: 'astrology' })).json().error.code).toBe('VALIDATION_FAILED');
    expect((await secretary.get(`/api/v1/people/${w.bob.id}/training-progress?year=2026`)).json().requirement.newSecretary).toEqual({ since: '2026-03-01', deadline: '2026-09-01' });
  });
});
