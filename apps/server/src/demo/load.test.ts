/**
 * Loading the demo county into a real database: what is stored matches the generator, the demo
 * accounts work with their documented password and see what their grants allow, a second load
 * changes nothing, and the subtree-count rollup stays exact as people and organisations change.
 */
import { orgKinds, personCategories, type OrgCounts } from '@pioneer/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationRow } from '../db/schema.ts';
import { todayIn } from '../lib/time.ts';
import { countsForPath } from '../modules/orgs/orgs.service.ts';
import { pathSegment } from '../modules/orgs/orgs.repo.ts';
import { createTestEnv, describeEachDatabase, loginClient, testDialects, type TestEnv } from '../test/harness.ts';
import { makeRoot, makeUser } from '../test/factories.ts';
import { DEMO_PASSWORD, DEMO_ROOT_CODE, generateCounty, type DemoCounty } from './generate.ts';
import { DemoLoadError, loadDemo, type LoadDemoResult } from './load.ts';

const SIZE = 0.05;
const SEED = 'load-test';

/** Counts straight from the people table, to hold the API's rollup-based figures against. */
async function directCounts(env: TestEnv, path: string): Promise<Omit<OrgCounts, 'organizations'>> {
  const rows = await env.ctx.db
    .selectFrom('people')
    .select(['category', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('org_path', 'like', `${path}%`)
    .groupBy(['category', 'status'])
    .execute();
  const counts = { total: 0, byCategory: { full: 0, probationary: 0, applicant: 0, activist: 0, candidate: 0 }, members: 0, lostContact: 0, flowingOut: 0 };
  for (const r of rows) {
    counts.total += r.n;
    counts.byCategory[r.category as keyof typeof counts.byCategory] += r.n;
    if (r.category === 'full' || r.category === 'probationary') counts.members += r.n;
    if (r.status === 'lost_contact') counts.lostContact += r.n;
    if (r.status === 'flowing_out') counts.flowingOut += r.n;
  }
  return counts;
}

/** The generator's own figures for the subtree of one organisation code. */
function expectedCounts(county: DemoCounty, code: string): OrgCounts {
  const parent = new Map(county.orgs.map((o) => [o.code, o.parentCode]));
  const under = (c: string | null): boolean => c !== null && (c === code || under(parent.get(c) ?? null));
  const people = county.people.filter((p) => under(p.orgCode));
  const byCategory = Object.fromEntries(personCategories.map((c) => [c, people.filter((p) => p.category === c).length])) as OrgCounts['byCategory'];
  return {
    total: people.length,
    byCategory,
    members: byCategory.full + byCategory.probationary,
    lostContact: people.filter((p) => p.status === 'lost_contact').length,
    flowingOut: people.filter((p) => p.status === 'flowing_out').length,
    organizations: county.orgs.filter((o) => under(o.code)).length,
  };
}

describeEachDatabase('demo county load', (getEnv) => {
  let county: DemoCounty;
  let result: LoadDemoResult;
  let orgByCode: Map<string, OrganizationRow>;
  const accountOrg = (username: string) => orgByCode.get(county.accounts.find((a) => a.username === username)!.orgCode)!;

  beforeAll(async () => {
    const env = getEnv();
    const today = todayIn(env.ctx);
    county = generateCounty({ size: SIZE, seed: SEED, today });
    result = await loadDemo(env.ctx, { size: SIZE, seed: SEED });
    orgByCode = new Map((await env.ctx.db.selectFrom('organizations').selectAll().execute()).map((o) => [o.code, o]));
  });

  it('loads exactly the generated organisations and people, and creates the missing administrators', async () => {
    const { ctx } = getEnv();
    expect(result).toMatchObject({ status: 'loaded', organizations: county.orgs.length, people: county.people.length });
    expect(result.root.code).toBe(DEMO_ROOT_CODE);
    expect(result.bootstrapPasswords.map((a) => a.username)).toEqual(['admin', 'secadmin', 'auditadmin']);
    for (const kind of orgKinds) expect([...orgByCode.values()].filter((o) => o.kind === kind).length, kind).toBe(county.orgs.filter((o) => o.kind === kind).length);
    const people = await ctx.db.selectFrom('people').select(['category', 'status', 'study_exempt', 'is_leading_cadre', 'is_secretary']).execute();
    expect(people).toHaveLength(county.people.length);
    for (const category of personCategories) expect(people.filter((p) => p.category === category).length, category).toBe(county.people.filter((p) => p.category === category).length);
    expect(people.filter((p) => p.status === 'lost_contact').length).toBe(county.people.filter((p) => p.status === 'lost_contact').length);
    expect(people.filter((p) => p.status === 'flowing_out').length).toBe(county.people.filter((p) => p.status === 'flowing_out').length);
    expect(people.filter((p) => p.study_exempt).length).toBe(county.people.filter((p) => p.studyExempt).length);
    expect(people.filter((p) => p.is_leading_cadre).length).toBe(county.people.filter((p) => p.isLeadingCadre).length);
    expect(people.filter((p) => p.is_secretary).length).toBe(county.people.filter((p) => p.isSecretary).length);
  });

  it('gives every organisation the materialised path insertOrg would, and every person the path of their organisation', async () => {
    const { ctx } = getEnv();
    const byId = new Map([...orgByCode.values()].map((o) => [o.id, o]));
    for (const org of orgByCode.values()) {
      const parent = org.parent_id ? byId.get(org.parent_id)! : null;
      expect(org.path).toBe(`${parent?.path ?? '/'}${pathSegment(org.seq)}/`);
      expect(org.depth).toBe(parent ? parent.depth + 1 : 0);
      const planned = county.orgs.find((o) => o.code === org.code)!;
      expect({ name: org.name, kind: org.kind, established_on: org.established_on, has_committee: org.has_committee, parent: parent?.code ?? null }).toEqual({
        name: planned.name,
        kind: planned.kind,
        established_on: planned.establishedOn,
        has_committee: planned.hasCommittee,
        parent: planned.parentCode,
      });
    }
    const mismatched = await ctx.db
      .selectFrom('people as p')
      .innerJoin('organizations as o', 'o.id', 'p.org_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .whereRef('p.org_path', '!=', 'o.path')
      .executeTakeFirstOrThrow();
    expect(mismatched.n).toBe(0);
  });

  it('stores people as the API does: ID and phone encrypted, with hashes, tails and pinyin keys', async () => {
    const { ctx } = getEnv();
    const sample = [county.people[0]!, county.people[Math.floor(county.people.length / 2)]!, county.people[county.people.length - 1]!];
    for (const planned of sample) {
      const row = await ctx.db.selectFrom('people').selectAll().where('id_number_hash', '=', ctx.pii.hash('id', planned.idNumber)).executeTakeFirstOrThrow();
      expect(row.id_number_enc).not.toContain(planned.idNumber);
      expect(ctx.pii.decrypt(row.id_number_enc)).toBe(planned.idNumber);
      expect(row.id_number_tail).toBe(planned.idNumber.slice(-4));
      expect(row.phone_enc ? ctx.pii.decrypt(row.phone_enc) : null).toBe(planned.phone);
      expect({ name: row.name, birth: row.birth_date, category: row.category, joined: row.joined_on, confirmed: row.confirmed_on, org: row.org_id }).toEqual({
        name: planned.name,
        birth: planned.birthDate,
        category: planned.category,
        joined: planned.joinedOn,
        confirmed: planned.confirmedOn,
        org: orgByCode.get(planned.orgCode)!.id,
      });
      expect(row.name_pinyin).toMatch(/^[a-z]+$/);
      expect(row.name_initials).toHaveLength(Array.from(row.name).length);
    }
  });

  it('creates the README accounts with the documented password, no forced change, linked to their person records and granted on their organisations', async () => {
    const { ctx } = getEnv();
    const users = await ctx.db
      .selectFrom('users as u')
      .innerJoin('role_grants as g', 'g.user_id', 'u.id')
      .innerJoin('people as p', 'p.id', 'u.person_id')
      .select(['u.username', 'u.must_change_password', 'u.display_name', 'g.role', 'g.org_id', 'p.id_number_hash'])
      .where('u.username', 'in', county.accounts.map((a) => a.username))
      .execute();
    expect(users).toHaveLength(6);
    for (const account of county.accounts) {
      const user = users.find((u) => u.username === account.username)!;
      const person = county.people.find((p) => p.key === account.personKey)!;
      expect(user).toMatchObject({ must_change_password: false, display_name: account.displayName, role: account.role, org_id: orgByCode.get(account.orgCode)!.id, id_number_hash: ctx.pii.hash('id', person.idNumber) });
    }
  });

  it('lets the committee officer read subtree counts for the root, a unit and a branch that match the generator', async () => {
    const { app } = getEnv();
    const officer = await loginClient(app, 'wc_officer', DEMO_PASSWORD);
    for (const code of [DEMO_ROOT_CODE, accountOrg('unit_secretary').code, accountOrg('branch_secretary').code, accountOrg('branch2_secretary').code]) {
      const res = await officer.get(`/api/v1/orgs/${orgByCode.get(code)!.id}/counts`);
      expect(res.statusCode, code).toBe(200);
      expect(res.json(), code).toEqual(expectedCounts(county, code));
    }
    const root = (await officer.get(`/api/v1/orgs/${result.root.id}/counts`)).json();
    expect(root.total).toBe(county.people.length);
    expect(root.lostContact).toBeGreaterThanOrEqual(3);
    expect(root.flowingOut).toBeGreaterThanOrEqual(2);
  });

  it('limits the secretaries to their own subtrees', async () => {
    const { app } = getEnv();
    const unitSecretary = await loginClient(app, 'unit_secretary', DEMO_PASSWORD);
    expect((await unitSecretary.get(`/api/v1/orgs/${accountOrg('unit_secretary').id}/counts`)).json()).toEqual(expectedCounts(county, accountOrg('unit_secretary').code));
    expect((await unitSecretary.get(`/api/v1/orgs/${accountOrg('branch_secretary').id}/counts`)).statusCode).toBe(200);
    expect((await unitSecretary.get(`/api/v1/orgs/${result.root.id}/counts`)).statusCode).toBe(404);
    expect((await unitSecretary.get(`/api/v1/orgs/${accountOrg('branch2_secretary').id}/counts`)).statusCode).toBe(404);

    const branchSecretary = await loginClient(app, 'branch_secretary', DEMO_PASSWORD);
    expect((await branchSecretary.get(`/api/v1/orgs/${accountOrg('branch_secretary').id}/counts`)).json()).toEqual(expectedCounts(county, accountOrg('branch_secretary').code));
    expect((await branchSecretary.get(`/api/v1/orgs/${accountOrg('branch2_secretary').id}/counts`)).statusCode).toBe(404);
    const branch2Secretary = await loginClient(app, 'branch2_secretary', DEMO_PASSWORD);
    expect((await branch2Secretary.get(`/api/v1/orgs/${accountOrg('branch_secretary').id}/counts`)).statusCode).toBe(404);
  });

  it('lets the members log in by username or by their phone number, without seeing counts', async () => {
    const { app } = getEnv();
    const member1 = await loginClient(app, 'member1', DEMO_PASSWORD);
    expect((await member1.get(`/api/v1/orgs/${accountOrg('member1').id}/counts`)).statusCode).toBe(404);
    const phone = county.people.find((p) => p.key === county.accounts.find((a) => a.username === 'member2')!.personKey)!.phone!;
    const member2 = await loginClient(app, phone, DEMO_PASSWORD);
    expect((await member2.get('/api/v1/auth/me')).json()).toMatchObject({ username: 'member2' });
  });

  it('records one demo.load audit entry', async () => {
    const { ctx } = getEnv();
    const entries = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'demo.load').execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ entity_type: 'organization', entity_id: result.root.id, org_id: result.root.id, actor_id: null });
    expect(entries[0]!.detail).toMatchObject({ seed: SEED, size: SIZE, organizations: county.orgs.length, people: county.people.length });
  });

  it('writes the organisational life through the record path: held meetings marked, hours credited, make-up assigned', async () => {
    const { ctx } = getEnv();
    const today = todayIn(ctx);
    const activities = await ctx.db.selectFrom('activities').select(['id', 'status', 'held_on', 'planned_start', 'credit_hours']).execute();
    const held = activities.filter((a) => a.status === 'held');
    expect(held.length).toBe(result.orgLife!.held);
    expect(activities.length - held.length).toBe(result.orgLife!.planned);
    expect(held.every((a) => a.held_on! < today)).toBe(true);
    expect(activities.filter((a) => a.status === 'planned').every((a) => new Date(a.planned_start) > new Date(`${today}T00:00:00+08:00`))).toBe(true);

    const attendees = await ctx.db
      .selectFrom('activity_attendees as t')
      .innerJoin('activities as a', 'a.id', 't.activity_id')
      .select(['t.activity_id', 't.person_id', 't.status', 'a.status as activity_status', 'a.credit_hours'])
      .execute();
    const ofHeld = attendees.filter((t) => t.activity_status === 'held');
    expect(ofHeld.length).toBeGreaterThan(0);
    expect(ofHeld.filter((t) => t.status === 'pending')).toEqual([]);
    const missing = ofHeld.filter((t) => t.status === 'absent' || t.status === 'leave');
    expect(missing.length).toBeGreaterThan(0);

    // Every absentee has a make-up assignment, and nobody else has one.
    const makeup = await ctx.db.selectFrom('makeup_assignments').select(['activity_id', 'person_id']).execute();
    const key = (r: { activity_id: string; person_id: string }) => `${r.activity_id}:${r.person_id}`;
    expect(new Set(makeup.map(key))).toEqual(new Set(missing.map(key)));

    // Credits come only from present attendees of meetings that earn hours.
    const credits = await ctx.db.selectFrom('study_credits').select(['source_id', 'person_id', 'hours']).where('source_type', '=', 'activity').execute();
    const earning = new Set(ofHeld.filter((t) => t.status === 'present' && Number(t.credit_hours ?? 0) > 0).map(key));
    expect(credits.length).toBeGreaterThan(0);
    expect(credits.every((c) => earning.has(`${c.source_id}:${c.person_id}`))).toBe(true);
  });

  it('leaves the sequence of organisation numbers where the API can go on from it', async () => {
    const { app, ctx } = getEnv();
    const officer = await loginClient(app, 'wc_officer', DEMO_PASSWORD);
    const created = await officer.post('/api/v1/orgs', { code: 'NEW-BRANCH', name: '新建党支部', kind: 'branch', parentId: result.root.id });
    expect(created.statusCode).toBe(201);
    const row = await ctx.db.selectFrom('organizations').selectAll().where('id', '=', created.json().id).executeTakeFirstOrThrow();
    expect(row.seq).toBeGreaterThan(Math.max(...[...orgByCode.values()].map((o) => o.seq)));
    expect(row.path).toBe(`${result.root.path}${pathSegment(row.seq)}/`);
  });

  it('changes nothing when loaded a second time', async () => {
    const { ctx } = getEnv();
    const again = await loadDemo(ctx, { size: SIZE, seed: SEED });
    expect(again).toMatchObject({ status: 'exists', bootstrapPasswords: [] });
    expect(again.root.id).toBe(result.root.id);
    const count = async (table: 'organizations' | 'people' | 'users' | 'role_grants') => (await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    expect(await count('organizations')).toBe(county.orgs.length + 1); // the one the API created above
    expect(await count('people')).toBe(county.people.length);
    expect(await count('users')).toBe(6 + 3);
    expect(await count('role_grants')).toBe(6 + 3);
    expect((await ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'demo.load').execute()).length).toBe(1);
  });

  it('keeps the subtree-count rollup equal to a direct count as people and organisations change', async () => {
    const env = getEnv();
    const { ctx, app } = env;
    const check = async () => {
      for (const code of [DEMO_ROOT_CODE, accountOrg('unit_secretary').code, accountOrg('branch_secretary').code, accountOrg('branch2_secretary').code]) {
        const org = (await ctx.db.selectFrom('organizations').selectAll().where('code', '=', code).executeTakeFirstOrThrow())!;
        const { organizations: _organizations, ...counts } = await countsForPath(ctx, org.path);
        expect(counts, code).toEqual(await directCounts(env, org.path));
      }
    };
    await check();
    const branch = accountOrg('branch_secretary');
    const branch2 = accountOrg('branch2_secretary');
    // People without an account, so that one can be deleted.
    const inBranch = await ctx.db
      .selectFrom('people as p')
      .select(['p.id'])
      .where('p.org_id', '=', branch.id)
      .where('p.category', '=', 'full')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('users as u').select('u.id').whereRef('u.person_id', '=', 'p.id'))))
      .orderBy('p.id')
      .limit(3)
      .execute();
    expect(inBranch).toHaveLength(3);
    // A category and status change, a move to a branch in another unit, an edit that changes no count.
    await ctx.db.updateTable('people').set({ category: 'probationary', confirmed_on: null }).where('id', '=', inBranch[0]!.id).execute();
    await ctx.db.updateTable('people').set({ status: 'lost_contact', lost_contact_since: '2025-01-01' }).where('id', '=', inBranch[1]!.id).execute();
    await ctx.db.updateTable('people').set({ org_id: branch2.id, org_path: branch2.path }).where('id', '=', inBranch[2]!.id).execute();
    await ctx.db.updateTable('people').set({ post: '科员' }).where('org_id', '=', branch.id).execute();
    await check();
    // A deletion (a record entered by mistake): an applicant, who takes part in no meeting, so
    // no attendance or study-hour row holds on to the record.
    const applicant = await ctx.db
      .selectFrom('people as p')
      .select('p.id')
      .where('p.org_path', 'like', `${result.root.path}%`)
      .where('p.category', '=', 'applicant')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('users as u').select('u.id').whereRef('u.person_id', '=', 'p.id'))))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('activity_attendees as t').select('t.person_id').whereRef('t.person_id', '=', 'p.id'))))
      .orderBy('p.id')
      .limit(1)
      .executeTakeFirstOrThrow();
    await ctx.db.deleteFrom('people').where('id', '=', applicant.id).execute();
    await check();
    // Moving the whole branch under another unit rewrites every path below it.
    const officer = await loginClient(app, 'wc_officer', DEMO_PASSWORD);
    const otherUnit = [...orgByCode.values()].find((o) => o.kind === 'party_committee' && o.id !== accountOrg('unit_secretary').id) ?? result.root;
    const moved = await officer.post(`/api/v1/orgs/${branch.id}/move`, { parentId: otherUnit.id });
    expect(moved.statusCode).toBe(200);
    await check();
    const rollup = await ctx.db.selectFrom('org_people_counts').select('org_path').where('org_id', '=', branch.id).executeTakeFirstOrThrow();
    const movedBranch = await ctx.db.selectFrom('organizations').select('path').where('id', '=', branch.id).executeTakeFirstOrThrow();
    expect(rollup.org_path).toBe(movedBranch.path);
    expect(movedBranch.path.startsWith(otherUnit.path)).toBe(true);
  });
});

describe('demo county load into a deployment that is not empty', () => {
  for (const dialect of testDialects()) {
    it(`refuses another working committee's database, and usernames that are taken [${dialect}]`, async () => {
      const env = await createTestEnv(dialect);
      try {
        const other = await makeRoot(env.ctx, { name: '另一个机关工委' });
        const refused = loadDemo(env.ctx, { size: 0.01 });
        await expect(refused).rejects.toBeInstanceOf(DemoLoadError);
        await expect(refused).rejects.toMatchObject({ code: 'DEMO_OTHER_ROOT_EXISTS', message: expect.stringContaining(other.code) });
        expect((await env.ctx.db.selectFrom('people').select('id').execute()).length).toBe(0);
        // With no root but an account called member1, nothing is written either.
        await env.ctx.db.deleteFrom('organizations').where('id', '=', other.id).execute();
        await makeUser(env.ctx, { username: 'member1' });
        await expect(loadDemo(env.ctx, { size: 0.01 })).rejects.toMatchObject({ code: 'DEMO_USERNAMES_TAKEN', message: expect.stringContaining('member1') });
        expect((await env.ctx.db.selectFrom('organizations').select('id').execute()).length).toBe(0);
      } finally {
        await env.close();
      }
    });
  }
});
