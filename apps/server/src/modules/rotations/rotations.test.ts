/**
 * Rotation training over HTTP on a real database: declaring (officers only), editing with the
 * version, closing, who sees which rotation, and coverage over a subtree — trained by a batch or by
 * any centralised training up to the deadline, in progress, exempt, not yet, only the target groups —
 * with the drill-down to sub-organisations and people.
 */
import { afterEach, expect, it } from 'vitest';
import { newId } from '../../lib/ids.ts';
import { makeOrg, makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient } from '../../test/harness.ts';
import { makeClass, officerActor } from '../classes/classes.testkit.ts';
import * as classes from '../classes/classes.service.ts';

describeEachDatabase('rotations', (getEnv) => {
  afterEach(() => getEnv().setNow(new Date()));

  async function world() {
    const env = getEnv();
    env.setNow('2026-03-02T00:00:00Z');
    const { ctx } = env;
    const tree = await makeTree(ctx);
    const officerUser = await makeUser(ctx, { roles: [{ role: 'committee_officer', orgId: tree.root.id }] });
    const unitOfficerUser = await makeUser(ctx, { roles: [{ role: 'committee_officer', orgId: tree.unit.id }] });
    const secretaryUser = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.branch.id }] });
    const login = (u: { username: string }) => loginClient(env.app, u.username, TEST_PASSWORD);
    return { env, ctx, tree, officerUser, unitOfficerUser, secretaryUser, login };
  }

  const declare = (officer: Awaited<ReturnType<typeof loginClient>>, orgId: string, body: object = {}) =>
    officer.post('/api/v1/rotations', { orgId, year: 2026, title: '2026年度党员集中轮训', targetGroups: ['all_members'], deadline: '2026-06-30', requiredHours: 24, ...body });

  it('officers declare, edit with the version and close; secretaries cannot; stale versions and closed rotations are refused', async () => {
    const w = await world();
    const officer = await w.login(w.officerUser);
    const res = await declare(officer, w.tree.unit.id);
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ status: 'open', version: 1, targetGroups: ['all_members'], deadline: '2026-06-30', requiredHours: 24, canEdit: true, batches: [] });
    expect((await declare(officer, w.tree.unit.id, { deadline: '2025-12-31' })).json().error.code).toBe('ROTATION_DEADLINE_BEFORE_YEAR');
    const secretary = await w.login(w.secretaryUser);
    expect((await declare(secretary, w.tree.branch.id)).json().error.code).toBe('ROTATION_OFFICERS_ONLY');
    // The secretary of a branch below sees it, cannot edit it.
    const seen = await secretary.get(`/api/v1/rotations/${r.id}`);
    expect(seen.json().canEdit).toBe(false);
    expect((await secretary.patch(`/api/v1/rotations/${r.id}`, { version: 1, title: '改名' })).json().error.code).toBe('ROTATION_OFFICERS_ONLY');
    expect((await secretary.get('/api/v1/rotations?year=2026')).json().items.map((x: { id: string }) => x.id)).toContain(r.id);
    const edited = await officer.patch(`/api/v1/rotations/${r.id}`, { version: 1, targetGroups: ['secretaries', 'party_affairs_workers'], deadline: '2026-09-30' });
    expect(edited.json()).toMatchObject({ version: 2, targetGroups: ['secretaries', 'party_affairs_workers'], deadline: '2026-09-30' });
    expect((await officer.patch(`/api/v1/rotations/${r.id}`, { version: 1, title: '旧版' })).json().error.code).toBe('CONFLICT_VERSION');
    const audit = await w.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', r.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['rotation.declare', 'rotation.update']);
    expect((await officer.post(`/api/v1/rotations/${r.id}/close`)).json().status).toBe('closed');
    expect((await officer.patch(`/api/v1/rotations/${r.id}`, { version: 3, title: '再改' })).json().error.code).toBe('ROTATION_CLOSED');
    // A unit outside does not see it.
    const far = await makeOrg(w.ctx, { parentId: w.tree.root.id, kind: 'party_committee' });
    const farSecretary = await w.login(await makeUser(w.ctx, { roles: [{ role: 'secretary', orgId: far.id }] }));
    expect((await farSecretary.get(`/api/v1/rotations/${r.id}`)).json().error.code).toBe('ROTATION_NOT_FOUND');
  });

  it('coverage: trained by a batch or any centralised training by the deadline, in progress, exempt, not yet — only the target groups', async () => {
    const w = await world();
    const { ctx, tree } = w;
    const branch2 = tree.otherBranch;
    const people = {
      batch: await makePerson(ctx, { orgId: tree.branch.id, name: '甲批次' }),
      external: await makePerson(ctx, { orgId: tree.branch.id, name: '乙外训' }),
      late: await makePerson(ctx, { orgId: tree.branch.id, name: '丙逾期' }),
      enrolled: await makePerson(ctx, { orgId: branch2.id, name: '丁在训' }),
      exempt: await makePerson(ctx, { orgId: branch2.id, name: '戊免训' }),
      none: await makePerson(ctx, { orgId: branch2.id, name: '己未训' }),
      candidate: await makePerson(ctx, { orgId: branch2.id, name: '庚发展', category: 'candidate' }),
      revoked: await makePerson(ctx, { orgId: tree.branch.id, name: '辛撤销' }),
      direct: await makePerson(ctx, { orgId: tree.unit.id, name: '壬机关' }),
    };
    await ctx.db.updateTable('people').set({ is_infirm: true, study_exempt: true, study_exempt_reason: '年老体弱，送学上门' }).where('id', '=', people.exempt.id).execute();
    let officer = await w.login(w.officerUser);
    const rotation = (await declare(officer, tree.unit.id)).json();
    // A completed batch of the rotation (Alice-like "甲批次" via a class completion).
    const batch = await makeClass(ctx, { orgId: tree.unit.id, rotationId: rotation.id, sessions: [{ startsAt: '2026-03-02T00:00:00Z', hours: 4 }] });
    const actor = await officerActor(ctx, tree.unit.id);
    await classes.nominate(ctx, { actor, ip: null, classId: batch.id, personIds: [people.batch.id] });
    await classes.markRoster(ctx, { actor, ip: null, sessionId: batch.sessions[0]!.id, input: { entries: [{ personId: people.batch.id, status: 'present' }] } });
    w.env.setNow('2026-03-03T00:00:00Z');
    await classes.completeClass(ctx, { actor, ip: null, classId: batch.id });
    // Other centralised training: an external one before the deadline, one after it, a revoked one.
    const completion = (personId: string, completedOn: string, revoked = false) =>
      ctx.db
        .insertInto('training_completions')
        .values({ id: newId(), person_id: personId, year: Number(completedOn.slice(0, 4)), completed_on: completedOn, kind: 'external', level: 'unit', source_type: 'external_hours', source_id: newId(), title: '网络培训班', revoked_at: revoked ? new Date() : null })
        .execute();
    await completion(people.external.id, '2026-05-10');
    await completion(people.late.id, '2026-07-01');
    await completion(people.revoked.id, '2026-04-01', true);
    // An unfinished class of the year.
    const open = await makeClass(ctx, { orgId: tree.unit.id, title: '第二期' });
    await classes.nominate(ctx, { actor, ip: null, classId: open.id, personIds: [people.enrolled.id] });

    officer = await w.login(w.officerUser);
    const cov = await officer.get(`/api/v1/rotations/${rotation.id}/coverage?orgId=${tree.unit.id}`);
    expect(cov.statusCode).toBe(200);
    const c = cov.json();
    expect(c.totals).toEqual({ targeted: 8, trained: 2, inProgress: 1, notYet: 4, exempt: 1, rate: 0.286 });
    expect(c.direct).toMatchObject({ targeted: 1, notYet: 1 });
    const row = (id: string) => c.children.find((x: { orgId: string }) => x.orgId === id);
    expect(row(tree.branch.id)).toMatchObject({ targeted: 4, trained: 2, notYet: 2, inProgress: 0, exempt: 0 });
    expect(row(branch2.id)).toMatchObject({ targeted: 3, trained: 0, inProgress: 1, exempt: 1, notYet: 1 });

    const list = await officer.get(`/api/v1/rotations/${rotation.id}/coverage/people?orgId=${tree.unit.id}&pageSize=50`);
    const byName = Object.fromEntries(list.json().items.map((p: { name: string }) => [p.name, p]));
    expect(list.json().total).toBe(8);
    expect(byName['甲批次']).toMatchObject({ status: 'trained', detail: '2026年党务干部培训班', detailOn: '2026-03-02' });
    expect(byName['乙外训']).toMatchObject({ status: 'trained', detail: '网络培训班', detailOn: '2026-05-10' });
    expect(byName['丙逾期'].status).toBe('not_yet');
    expect(byName['辛撤销'].status).toBe('not_yet');
    expect(byName['丁在训']).toMatchObject({ status: 'in_progress', detail: '第二期' });
    expect(byName['戊免训']).toMatchObject({ status: 'exempt', detail: '年老体弱，送学上门' });
    expect(byName['庚发展']).toBeUndefined();
    const onlyNotYet = await officer.get(`/api/v1/rotations/${rotation.id}/coverage/people?orgId=${tree.unit.id}&status=not_yet`);
    expect(onlyNotYet.json().items.map((p: { name: string }) => p.name).sort()).toEqual(['丙逾期', '壬机关', '己未训', '辛撤销'].sort());

    // The batch appears on the rotation; candidates count once the groups include them.
    expect((await officer.get(`/api/v1/rotations/${rotation.id}`)).json().batches).toEqual([expect.objectContaining({ classId: batch.id, status: 'completed', enrolled: 1 })]);
    await officer.patch(`/api/v1/rotations/${rotation.id}`, { version: 1, targetGroups: ['candidates_probationary'] });
    expect((await officer.get(`/api/v1/rotations/${rotation.id}/coverage?orgId=${tree.unit.id}`)).json().totals).toMatchObject({ targeted: 1, notYet: 1 });

    // A secretary reads their branch by default, not the unit or a sibling.
    const secretary = await w.login(w.secretaryUser);
    const mine = await secretary.get(`/api/v1/rotations/${rotation.id}/coverage`);
    expect(mine.json().orgId).toBe(tree.branch.id);
    expect((await secretary.get(`/api/v1/rotations/${rotation.id}/coverage?orgId=${tree.unit.id}`)).json().error.code).toBe('ROTATION_ORG_OUTSIDE');
    expect((await secretary.get(`/api/v1/rotations/${rotation.id}/coverage/people?orgId=${branch2.id}`)).json().error.code).toBe('ROTATION_ORG_OUTSIDE');
  });
});
