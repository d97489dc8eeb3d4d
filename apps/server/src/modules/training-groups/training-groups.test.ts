/**
 * Differentiated training groups over HTTP: members derived from the records (and the SQL agreeing
 * with the pure rule), named members of custom groups, plans with linked courses and versions, who
 * sees what, and a person's own plans.
 */
import { belongsToGroup, trainingGroupKinds, type TrainingGroupKind } from '@pioneer/domain';
import { beforeAll, expect, it } from 'vitest';
import { makeOrg, makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient, type Client } from '../../test/harness.ts';

const code = (res: { json: () => { error?: { code: string } } }) => res.json().error?.code;

describeEachDatabase('training groups', (getEnv) => {
  let officer: Client;
  let secretary: Client;
  let otherSecretary: Client;
  let member: Client;
  let auditAdmin: Client;
  let tree: Awaited<ReturnType<typeof makeTree>>;
  const people: Record<string, { id: string }> = {};
  let courseId: string;
  let retiredCourseId: string;

  beforeAll(async () => {
    const { ctx, app } = getEnv();
    tree = await makeTree(ctx);
    env2026(getEnv);
    const mk = async (key: string, orgId: string, o: Parameters<typeof makePerson>[1] extends infer P ? Partial<P> : never, flags: Record<string, unknown> = {}) => {
      const p = await makePerson(ctx, { orgId, name: key, ...o });
      if (Object.keys(flags).length) await ctx.db.updateTable('people').set(flags).where('id', '=', p.id).execute();
      people[key] = p;
    };
    await mk('领导甲', tree.branch.id, { birthDate: '1970-02-01' }, { is_leading_cadre: true, business_line: 'economy' });
    await mk('青年乙', tree.branch.id, { birthDate: '1991-01-02' });
    await mk('满三十五', tree.branch.id, { birthDate: '1991-01-01' });
    await mk('党务丙', tree.otherBranch.id, { birthDate: '1980-05-05' }, { is_party_affairs_worker: true, business_line: 'party_affairs' });
    await mk('预备丁', tree.branch.id, { birthDate: '1998-03-03', category: 'probationary' });
    await mk('发展戊', tree.otherBranch.id, { birthDate: '2000-03-03', category: 'candidate' });
    await mk('青年申请人', tree.branch.id, { birthDate: '2001-03-03', category: 'applicant' }, { is_leading_cadre: true });
    const o = await makeUser(ctx, { roles: [{ role: 'committee_officer', orgId: tree.root.id }] });
    const s = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.branch.id }] });
    const s2 = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.otherBranch.id }] });
    const m = await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: people['青年乙']!.id });
    const a = await makeUser(ctx, { roles: [{ role: 'audit_admin' }] });
    officer = await loginClient(app, o.username, TEST_PASSWORD);
    secretary = await loginClient(app, s.username, TEST_PASSWORD);
    otherSecretary = await loginClient(app, s2.username, TEST_PASSWORD);
    member = await loginClient(app, m.username, TEST_PASSWORD);
    auditAdmin = await loginClient(app, a.username, TEST_PASSWORD);
    const lecturer = (await officer.post('/api/v1/lecturers', { kind: 'external', name: '周讲师', unit: '县委党校', directions: ['political_theory'] })).json();
    courseId = (await officer.post(`/api/v1/lecturers/${lecturer.id}/courses`, { title: '新时代党的建设总要求', direction: 'political_theory', minutes: 120, format: 'lecture' })).json().id;
    const retired = (await officer.post(`/api/v1/lecturers/${lecturer.id}/courses`, { title: '旧课', direction: 'political_theory', minutes: 60, format: 'lecture' })).json();
    retiredCourseId = retired.id;
    await officer.patch(`/api/v1/lecturer-courses/${retired.id}`, { version: retired.version, status: 'retired' });
  });

  const create = (c: Client, body: Record<string, unknown>) => c.post('/api/v1/training-groups', body);
  const memberNames = async (c: Client, id: string, year = 2026) => ((await c.get(`/api/v1/training-groups/${id}/members?year=${year}&pageSize=200`)).json().items as Array<{ name: string }>).map((m) => m.name).sort();

  it('derives each rule group from the records, the SQL agreeing with the pure rule', async () => {
    const { ctx } = getEnv();
    const expected: Record<Exclude<TrainingGroupKind, 'custom'>, string[]> = {
      leading_cadres: ['领导甲'],
      young_members: ['预备丁', '青年乙'],
      party_affairs_workers: ['党务丙'],
      candidates_probationary: ['发展戊', '预备丁'],
      business_line: ['领导甲'],
    };
    const unitPath = (await ctx.db.selectFrom('organizations').select('path').where('id', '=', tree.unit.id).executeTakeFirstOrThrow()).path;
    const rows = await ctx.db.selectFrom('people').select(['id', 'name', 'category', 'birth_date', 'is_leading_cadre', 'is_party_affairs_worker', 'business_line']).where('org_path', 'like', `${unitPath}%`).execute();
    for (const kind of trainingGroupKinds.filter((k) => k !== 'custom')) {
      const res = await create(officer, { orgId: tree.unit.id, name: `分组-${kind}`, kind, ...(kind === 'business_line' ? { businessLine: 'economy' } : {}) });
      expect(res.statusCode, kind).toBe(201);
      const names = await memberNames(officer, res.json().id);
      expect(names, kind).toEqual([...expected[kind as keyof typeof expected]].sort());
      const pure = rows
        .filter((p) => belongsToGroup({ kind, businessLine: kind === 'business_line' ? 'economy' : null }, { category: p.category, birthDate: p.birth_date, isLeadingCadre: p.is_leading_cadre, isPartyAffairsWorker: p.is_party_affairs_worker, businessLine: p.business_line }, 2026))
        .map((p) => p.name)
        .sort();
      expect(names, `${kind}: SQL and rule`).toEqual(pure);
    }
  });

  it('counts a member as young until the year in which they are 35 on 1 January', async () => {
    const groups = (await officer.get(`/api/v1/training-groups?orgId=${tree.unit.id}`)).json() as Array<{ id: string; kind: string }>;
    const young = groups.find((g) => g.kind === 'young_members')!;
    expect(await memberNames(officer, young.id, 2026)).toContain('青年乙');
    expect(await memberNames(officer, young.id, 2026)).not.toContain('满三十五');
    expect(await memberNames(officer, young.id, 2025)).toContain('满三十五');
    expect(await memberNames(officer, young.id, 2027)).not.toContain('青年乙');
  });

  it('follows a changed record without anyone touching the group', async () => {
    const { ctx } = getEnv();
    const groups = (await officer.get(`/api/v1/training-groups?orgId=${tree.unit.id}`)).json() as Array<{ id: string; kind: string }>;
    const cadres = groups.find((g) => g.kind === 'leading_cadres')!;
    await ctx.db.updateTable('people').set({ is_leading_cadre: true }).where('id', '=', people['党务丙']!.id).execute();
    expect(await memberNames(officer, cadres.id)).toEqual(['党务丙', '领导甲'].sort());
    await ctx.db.updateTable('people').set({ is_leading_cadre: false }).where('id', '=', people['党务丙']!.id).execute();
  });

  it('refuses a second group of the same kind on an organisation, and a business line without its line', async () => {
    expect(code(await create(officer, { orgId: tree.unit.id, name: '又一个', kind: 'leading_cadres' }))).toBe('TRAINING_GROUP_EXISTS');
    expect((await create(officer, { orgId: tree.unit.id, name: '纪检条线', kind: 'business_line', businessLine: 'discipline_inspection' })).statusCode).toBe(201);
    const bad = await create(officer, { orgId: tree.unit.id, name: '条线', kind: 'business_line' });
    expect(bad.json().error.details[0].code).toBe('TRAINING_GROUP_LINE_REQUIRED');
    expect(code(await create(secretary, { orgId: tree.unit.id, name: '越权', kind: 'custom' }))).toBe('ORG_NOT_FOUND');
    expect(code(await create(auditAdmin, { orgId: tree.unit.id, name: '越权', kind: 'custom' }))).toBe('ORG_NOT_FOUND');
  });

  it("shows a secretary the unit's groups with members of their own branch only, read-only", async () => {
    const groups = (await secretary.get(`/api/v1/training-groups?orgId=${tree.branch.id}`)).json() as Array<{ id: string; kind: string; editable: boolean; memberCount: number }>;
    const cadres = groups.find((g) => g.kind === 'candidates_probationary')!;
    expect(cadres.editable).toBe(false);
    expect(cadres.memberCount).toBe(1);
    expect(await memberNames(secretary, cadres.id)).toEqual(['预备丁']);
    expect(await memberNames(otherSecretary, cadres.id)).toEqual(['发展戊']);
    expect(code(await secretary.patch(`/api/v1/training-groups/${cadres.id}`, { version: 1, name: '改名' }))).toBe('TRAINING_GROUP_NOT_FOUND');
    expect(code(await secretary.put(`/api/v1/training-groups/${cadres.id}/plans/2026`, { topics: [], directions: [], targetHours: 10, courseIds: [] }))).toBe('TRAINING_GROUP_NOT_FOUND');
    // A group of the branch's own is theirs to edit, and invisible to the sibling branch.
    const own = (await create(secretary, { orgId: tree.branch.id, name: '支部青年理论学习小组', kind: 'custom' })).json();
    expect(own.editable).toBe(true);
    expect(code(await otherSecretary.get(`/api/v1/training-groups/${own.id}`))).toBe('TRAINING_GROUP_NOT_FOUND');
    expect(code(await member.get(`/api/v1/training-groups/${own.id}`))).toBe('TRAINING_GROUP_NOT_FOUND');
  });

  it('names the members of a custom group, only from its subtree, and never of a rule group', async () => {
    const g = (await create(officer, { orgId: tree.branch.id, name: '宣讲骨干', kind: 'custom' })).json();
    const res = await officer.put(`/api/v1/training-groups/${g.id}/members`, { personIds: [people['青年乙']!.id, people['领导甲']!.id] });
    expect(res.json().memberCount).toBe(2);
    expect(await memberNames(officer, g.id)).toEqual(['领导甲', '青年乙'].sort());
    expect(code(await officer.put(`/api/v1/training-groups/${g.id}/members`, { personIds: [people['党务丙']!.id] }))).toBe('TRAINING_GROUP_MEMBER_OUTSIDE');
    expect(code(await officer.put(`/api/v1/training-groups/${g.id}/members`, { personIds: ['0190a000-0000-7000-8000-0000000000ff'] }))).toBe('PERSON_NOT_FOUND');
    const rule = ((await officer.get(`/api/v1/training-groups?orgId=${tree.unit.id}`)).json() as Array<{ id: string; kind: string }>).find((x) => x.kind === 'leading_cadres')!;
    expect(code(await officer.put(`/api/v1/training-groups/${rule.id}/members`, { personIds: [] }))).toBe('TRAINING_GROUP_NOT_CUSTOM');
  });

  it('saves a plan with linked courses, replaces it only with its version, and refuses unknown directions and retired courses', async () => {
    const groups = (await officer.get(`/api/v1/training-groups?orgId=${tree.unit.id}`)).json() as Array<{ id: string; kind: string }>;
    const young = groups.find((g) => g.kind === 'young_members')!;
    const body = { topics: [{ title: '青年理论学习', direction: 'political_theory', month: 5, hours: 4 }], directions: ['political_theory'], targetHours: 40, courseIds: [courseId], notes: '结合五四开展' };
    const created = await officer.put(`/api/v1/training-groups/${young.id}/plans/2026`, body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ year: 2026, targetHours: 40, courses: [expect.objectContaining({ id: courseId, lecturerName: '周讲师' })] });
    expect(code(await officer.put(`/api/v1/training-groups/${young.id}/plans/2026`, body))).toBe('TRAINING_GROUP_PLAN_EXISTS');
    const updated = await officer.put(`/api/v1/training-groups/${young.id}/plans/2026`, { ...body, version: created.json().version, targetHours: 48 });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().targetHours).toBe(48);
    expect(code(await officer.put(`/api/v1/training-groups/${young.id}/plans/2026`, { ...body, version: created.json().version }))).toBe('CONFLICT_VERSION');
    expect(code(await officer.put(`/api/v1/training-groups/${young.id}/plans/2027`, { ...body, directions: ['astrology'] }))).toBe('TRAINING_GROUP_PLAN_DIRECTION');
    expect(code(await officer.put(`/api/v1/training-groups/${young.id}/plans/2027`, { ...body, courseIds: [retiredCourseId] }))).toBe('TRAINING_GROUP_PLAN_COURSE');
    expect((await secretary.get(`/api/v1/training-groups/${young.id}/plans`)).json().map((p: { year: number }) => p.year)).toEqual([2026]);
    expect((await officer.get(`/api/v1/training-groups/${young.id}`)).json().planYears).toEqual([2026]);
  });

  it('shows a person the plans of the groups they belong to', async () => {
    const mine = (await member.get('/api/v1/me/training-plans?year=2026')).json();
    const names = mine.groups.map((g: { groupName: string }) => g.groupName).sort();
    expect(names).toEqual(['分组-young_members', '宣讲骨干'].sort());
    const young = mine.groups.find((g: { kind: string }) => g.kind === 'young_members');
    expect(young.plan).toMatchObject({ targetHours: 48 });
    expect(mine.groups.find((g: { kind: string }) => g.kind === 'custom').plan).toBeNull();
    expect(code(await officer.get('/api/v1/me/training-plans'))).toBe('PROFILE_NOT_LINKED');
  });

  it('renames with the version and removes a group with its plans', async () => {
    const g = (await create(officer, { orgId: tree.unit.id, name: '临时分组', kind: 'custom' })).json();
    const renamed = await officer.patch(`/api/v1/training-groups/${g.id}`, { version: g.version, name: '正式分组' });
    expect(renamed.json().name).toBe('正式分组');
    expect(code(await officer.patch(`/api/v1/training-groups/${g.id}`, { version: g.version, name: 'x' }))).toBe('CONFLICT_VERSION');
    await officer.put(`/api/v1/training-groups/${g.id}/plans/2026`, { topics: [], directions: [], targetHours: 8, courseIds: [] });
    expect((await officer.delete(`/api/v1/training-groups/${g.id}`)).statusCode).toBe(200);
    expect(code(await officer.get(`/api/v1/training-groups/${g.id}`))).toBe('TRAINING_GROUP_NOT_FOUND');
  });

  it('a group follows its organisation when the subtree moves', async () => {
    const { ctx } = getEnv();
    const unit = await makeOrg(ctx, { parentId: tree.root.id, kind: 'party_committee' });
    const g = (await create(officer, { orgId: unit.id, name: '随迁分组', kind: 'leading_cadres' })).json();
    expect((await officer.post(`/api/v1/orgs/${unit.id}/move`, { parentId: tree.unit.id })).statusCode).toBe(200);
    const path = (await ctx.db.selectFrom('organizations').select('path').where('id', '=', unit.id).executeTakeFirstOrThrow()).path;
    expect((await ctx.db.selectFrom('training_groups').select('org_path').where('id', '=', g.id).executeTakeFirstOrThrow()).org_path).toBe(path);
  });
});

/** Plans and the young-member rule are about 2026 here: the clock is set inside it. */
function env2026(getEnv: () => { setNow: (d: string) => void }) {
  getEnv().setNow('2026-06-15T02:00:00Z');
}
