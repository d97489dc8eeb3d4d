/**
 * Central-group study over HTTP: one group per party committee with exactly one leader and party
 * members from anywhere in the deployment; the annual plan approved only by the leader or the
 * secretary, never changed once approved (a new version supersedes it); the one-study-one-report
 * assembled from the record (the same record the same report, a changed record a new version);
 * auditors (committee officers' accounts or named with their unit), their private ratings and the
 * yearly overview (and the circular's figures); writings against the 1–2 research reports practice;
 * study notes called in, handed in, returned and overdue.
 */
import { beforeEach, expect, it } from 'vitest';
import { newId } from '../../lib/ids.ts';
import { makeOrg, makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient, type Client, type TestEnv } from '../../test/harness.ts';
import { auditFigures } from './central-groups.service.ts';

describeEachDatabase('central-groups', (getEnv) => {
  let env: TestEnv;
  let tree: Awaited<ReturnType<typeof makeTree>>;
  let officer: Client;
  let unitSecretary: Client;
  let branchSecretary: Client;
  let leader: Client;
  let leaderPerson: { id: string };
  let memberPerson: { id: string };
  let groupId: string;
  let users: Record<'officer' | 'unitSecretary' | 'branchSecretary' | 'leader', { id: string; username: string }>;

  /** Sessions expire after 30 idle minutes: log in again after moving the clock. */
  async function loginAll() {
    const login = async (u: { username: string }) => loginClient(env.app, u.username, TEST_PASSWORD);
    [officer, unitSecretary, branchSecretary, leader] = await Promise.all([login(users.officer), login(users.unitSecretary), login(users.branchSecretary), login(users.leader)]);
  }
  async function moveTo(instant: string) {
    env.setNow(instant);
    await loginAll();
  }

  beforeEach(async () => {
    env = getEnv();
    env.setNow('2026-03-01T04:00:00Z');
    tree = await makeTree(env.ctx);
    leaderPerson = await makePerson(env.ctx, { orgId: tree.branch.id, name: '王组长' });
    memberPerson = await makePerson(env.ctx, { orgId: tree.otherBranch.id, name: '李成员' });
    users = {
      officer: await makeUser(env.ctx, { roles: [{ role: 'committee_officer', orgId: tree.root.id }] }),
      unitSecretary: await makeUser(env.ctx, { roles: [{ role: 'secretary', orgId: tree.unit.id }] }),
      branchSecretary: await makeUser(env.ctx, { roles: [{ role: 'secretary', orgId: tree.branch.id }] }),
      leader: await makeUser(env.ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: leaderPerson.id }),
    };
    await loginAll();
    const created = await unitSecretary.post('/api/v1/central-groups', { orgId: tree.unit.id, name: '局党委理论学习中心组' });
    expect(created.statusCode, created.body).toBe(201);
    groupId = created.json().id;
    const members = await unitSecretary.put(`/api/v1/central-groups/${groupId}/members`, {
      members: [
        { personId: leaderPerson.id, role: 'leader' },
        { personId: memberPerson.id, role: 'member' },
      ],
    });
    expect(members.statusCode, members.body).toBe(200);
  });

  const code = (res: { json: () => { error: { code: string } } }) => res.json().error.code;

  /** Plans a central-group study session of `group` starting at `instant`. */
  async function study(instant: string, extra: Record<string, unknown> = {}, group = groupId, orgId = tree.unit.id) {
    const planned = await officer.post('/api/v1/activities', { orgId, kind: 'central_group_study', centralGroupId: group, topic: '学习党的二十届四中全会精神', plannedStart: instant, studyForm: 'collective_study', ...extra });
    expect(planned.statusCode, planned.body).toBe(201);
    return planned.json() as { id: string; version: number };
  }
  async function record(a: { id: string; version: number }, instant: string, extra: Record<string, unknown> = {}) {
    const body = { version: a.version, actualStart: instant, place: '第一会议室', ...extra };
    let res = await officer.post(`/api/v1/activities/${a.id}/record`, body);
    // A record may not leave anyone unmarked. These tests mark only who came; the rest did not
    // come, so the secretary marks them absent, as the recording page offers.
    if (res.statusCode === 409 && res.json().error.code === 'ACTIVITY_ATTENDANCE_PENDING' && !('attendance' in extra)) {
      const unmarked = (res.json().error.details as Array<{ path: string }>).map((d) => d.path.replace('attendance.', ''));
      res = await officer.post(`/api/v1/activities/${a.id}/record`, { ...body, attendance: unmarked.map((personId) => ({ personId, status: 'absent' })) });
    }
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: string; version: number };
  }
  /** A file row as an upload leaves it (the bytes are not needed: these tests never download). */
  async function fileOf(orgId: string, fileName: string) {
    const id = newId();
    const org = await env.ctx.db.selectFrom('organizations').select('path').where('id', '=', orgId).executeTakeFirstOrThrow();
    await env.ctx.db
      .insertInto('attachments')
      .values({ id, org_id: orgId, org_path: org.path, file_name: fileName, media_type: 'application/pdf', size_bytes: 2048, sha256: 'a'.repeat(64), storage_key: `test/${id}` })
      .execute();
    return id;
  }
  const auditActions = async (entityId: string) => (await env.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', entityId).orderBy('id').execute()).map((a) => a.action);

  it('sets up one group per party committee with exactly one leader; members are party members of any branch and keep it', async () => {
    const again = await officer.post('/api/v1/central-groups', { orgId: tree.unit.id, name: '重复' });
    expect(again.statusCode).toBe(409);
    expect(code(again)).toBe('CENTRAL_GROUP_EXISTS');
    expect(again.json().error.message).toContain('局党委理论学习中心组');
    const branch = await officer.post('/api/v1/central-groups', { orgId: tree.branch.id, name: '支部' });
    expect(code(branch)).toBe('CENTRAL_GROUP_ORG_KIND');
    const group = await makeOrg(env.ctx, { parentId: tree.root.id, kind: 'leading_party_group', name: '某局党组' });
    expect((await officer.post('/api/v1/central-groups', { orgId: group.id, name: '某局党组理论学习中心组' })).statusCode).toBe(201);

    const twoLeaders = await officer.put(`/api/v1/central-groups/${groupId}/members`, { members: [{ personId: leaderPerson.id, role: 'leader' }, { personId: memberPerson.id, role: 'leader' }] });
    expect(twoLeaders.statusCode).toBe(400);
    expect(twoLeaders.json().error.details).toEqual([expect.objectContaining({ code: 'CENTRAL_GROUP_ONE_LEADER', message: expect.stringContaining('组长') })]);
    const noLeader = await officer.put(`/api/v1/central-groups/${groupId}/members`, { members: [{ personId: leaderPerson.id, role: 'member' }] });
    expect(noLeader.json().error.details.map((d: { code: string }) => d.code)).toEqual(['CENTRAL_GROUP_ONE_LEADER']);
    const twice = await officer.put(`/api/v1/central-groups/${groupId}/members`, { members: [{ personId: leaderPerson.id, role: 'leader' }, { personId: leaderPerson.id, role: 'member' }] });
    expect(twice.json().error.details.map((d: { code: string }) => d.code)).toContain('CENTRAL_GROUP_MEMBER_TWICE');
    expect(code(await officer.put(`/api/v1/central-groups/${groupId}/members`, { members: [{ personId: newId(), role: 'leader' }] }))).toBe('PERSON_NOT_FOUND');
    const applicant = await makePerson(env.ctx, { orgId: tree.branch.id, name: '赵申请', category: 'applicant' });
    const refused = await officer.put(`/api/v1/central-groups/${groupId}/members`, { members: [{ personId: leaderPerson.id, role: 'leader' }, { personId: applicant.id, role: 'member' }] });
    expect(refused.statusCode).toBe(409);
    expect(code(refused)).toBe('CENTRAL_GROUP_MEMBER_NOT_PARTY');
    expect(refused.json().error.message).toContain('赵申请');

    // A leading cadre whose own branch lies outside the committee's subtree may join (dual organisational life).
    const farUnit = await makeOrg(env.ctx, { parentId: tree.root.id, kind: 'party_committee' });
    const farBranch = await makeOrg(env.ctx, { parentId: farUnit.id, kind: 'branch', name: '远方支部' });
    const cadre = await makePerson(env.ctx, { orgId: farBranch.id, name: '陈处长', category: 'probationary' });
    await env.ctx.db.updateTable('people').set({ is_leading_cadre: true }).where('id', '=', cadre.id).execute();
    const set = await unitSecretary.put(`/api/v1/central-groups/${groupId}/members`, {
      members: [
        { personId: leaderPerson.id, role: 'leader' },
        { personId: memberPerson.id, role: 'study_secretary' },
        { personId: cadre.id, role: 'deputy_leader' },
      ],
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().members).toEqual([
      { personId: leaderPerson.id, name: '王组长', role: 'leader', branchId: tree.branch.id, branchName: tree.branch.name, leadingCadre: false },
      { personId: cadre.id, name: '陈处长', role: 'deputy_leader', branchId: farBranch.id, branchName: '远方支部', leadingCadre: true },
      { personId: memberPerson.id, name: '李成员', role: 'study_secretary', branchId: tree.otherBranch.id, branchName: tree.otherBranch.name, leadingCadre: false },
    ]);

    const list = (await officer.get(`/api/v1/central-groups?orgId=${tree.root.id}`)).json();
    expect(list).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: groupId, memberCount: 3, orgName: tree.unit.name }), expect.objectContaining({ name: '某局党组理论学习中心组', memberCount: 0 })]),
    );
    expect((await unitSecretary.get(`/api/v1/central-groups?orgId=${tree.unit.id}`)).json().map((g: { id: string }) => g.id)).toEqual([groupId]);
    expect((await unitSecretary.get(`/api/v1/central-groups?orgId=${tree.root.id}`)).statusCode).toBe(404);
    // The leader (a member of the group) may read it; a branch secretary who does not manage it may not.
    expect((await leader.get(`/api/v1/central-groups/${groupId}`)).statusCode).toBe(200);
    expect((await leader.put(`/api/v1/central-groups/${groupId}/members`, { members: [{ personId: leaderPerson.id, role: 'leader' }] })).statusCode).toBe(404);
    expect((await branchSecretary.get(`/api/v1/central-groups/${groupId}`)).statusCode).toBe(404);
    expect((await branchSecretary.post('/api/v1/central-groups', { orgId: tree.unit.id, name: 'x' })).statusCode).toBe(404);
    // Members left out leave the group (and are no longer listed).
    await officer.put(`/api/v1/central-groups/${groupId}/members`, { members: [{ personId: leaderPerson.id, role: 'leader' }] });
    expect((await officer.get(`/api/v1/central-groups/${groupId}`)).json().members).toHaveLength(1);
    const left = await env.ctx.db.selectFrom('central_group_members').select(['person_id', 'left_on']).where('group_id', '=', groupId).where('left_on', 'is not', null).execute();
    expect(left.map((l) => [l.person_id, l.left_on]).sort()).toEqual([[cadre.id, '2026-03-01'], [memberPerson.id, '2026-03-01']].sort());
    expect(await auditActions(groupId)).toEqual(expect.arrayContaining(['central_group.create', 'central_group.members.set']));
  });

  it('has the annual plan approved only by the leader or the secretary, and returned with a comment', async () => {
    const items = [{ month: 3, topic: '学习新修订的党章', studyForm: 'collective_study', speaker: '王组长', materials: '《中国共产党章程》' }];
    const saved = await unitSecretary.post(`/api/v1/central-groups/${groupId}/plans`, { year: 2026, items });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({ year: 2026, version: 1, status: 'draft', superseded: false, items });
    const planId = saved.json().id;
    expect((await unitSecretary.post(`/api/v1/central-groups/${groupId}/plans`, { year: 2026, items: [{ month: 13, topic: 'x', studyForm: 'collective_study' }] })).statusCode).toBe(400);
    expect((await leader.post(`/api/v1/central-groups/${groupId}/plans`, { year: 2026, items })).statusCode).toBe(404);
    expect(code(await leader.post(`/api/v1/central-groups/plans/${planId}/approve`))).toBe('CENTRAL_GROUP_PLAN_STATE');
    // Only managers submit.
    expect((await leader.post(`/api/v1/central-groups/plans/${planId}/submit`)).statusCode).toBe(404);
    expect((await unitSecretary.post(`/api/v1/central-groups/plans/${planId}/submit`)).json()).toMatchObject({ status: 'submitted', submittedAt: '2026-03-01T04:00:00.000Z' });
    expect(code(await unitSecretary.post(`/api/v1/central-groups/plans/${planId}/submit`))).toBe('CENTRAL_GROUP_PLAN_PENDING');
    // The working committee does not approve it; nor does a secretary who does not manage the group; nor a plain member.
    expect((await officer.post(`/api/v1/central-groups/plans/${planId}/approve`)).statusCode).toBe(403);
    expect((await officer.post(`/api/v1/central-groups/plans/${planId}/return`, { comment: '工委退回' })).statusCode).toBe(403);
    expect((await branchSecretary.post(`/api/v1/central-groups/plans/${planId}/approve`)).statusCode).toBe(404);
    const memberUser = await makeUser(env.ctx, { roles: [{ role: 'member', orgId: tree.otherBranch.id }], personId: memberPerson.id });
    const plainMember = await loginClient(env.app, memberUser.username, TEST_PASSWORD);
    expect((await plainMember.post(`/api/v1/central-groups/plans/${planId}/approve`)).statusCode).toBe(404);
    const approved = await leader.post(`/api/v1/central-groups/plans/${planId}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', items, decidedBy: users.leader.username, decidedAt: '2026-03-01T04:00:00.000Z' });
    expect(code(await leader.post(`/api/v1/central-groups/plans/${planId}/return`, { comment: '迟了' }))).toBe('CENTRAL_GROUP_PLAN_STATE');
    expect(code(await unitSecretary.post(`/api/v1/central-groups/plans/${planId}/submit`))).toBe('CENTRAL_GROUP_PLAN_APPROVED');

    // The next year: returned with a comment by the unit's secretary, edited (a draft again) and resubmitted.
    const next = (await unitSecretary.post(`/api/v1/central-groups/${groupId}/plans`, { year: 2027, items })).json();
    await unitSecretary.post(`/api/v1/central-groups/plans/${next.id}/submit`);
    expect((await unitSecretary.post(`/api/v1/central-groups/plans/${next.id}/return`, {})).statusCode).toBe(400);
    const returned = await unitSecretary.post(`/api/v1/central-groups/plans/${next.id}/return`, { comment: '请补充专题研讨安排' });
    expect(returned.json()).toMatchObject({ status: 'returned', comment: '请补充专题研讨安排' });
    const redrafted = await unitSecretary.post(`/api/v1/central-groups/${groupId}/plans`, { year: 2027, items: [...items, { month: 6, topic: '专题研讨', studyForm: 'discussion' }] });
    expect(redrafted.statusCode).toBe(200);
    expect(redrafted.json()).toMatchObject({ id: next.id, version: 1, status: 'draft' });
    expect((await unitSecretary.post(`/api/v1/central-groups/plans/${next.id}/submit`)).json().status).toBe('submitted');
    const listed = (await leader.get(`/api/v1/central-groups/${groupId}/plans?year=2027`)).json();
    expect(listed).toHaveLength(1);
    expect(listed[0].items).toHaveLength(2);
    expect((await leader.get(`/api/v1/central-groups/${groupId}/plans`)).json().map((p: { year: number }) => p.year)).toEqual([2027, 2026]);
    expect(await auditActions(next.id)).toEqual(expect.arrayContaining(['central_group.plan.save', 'central_group.plan.submit', 'central_group.plan.return']));
  });

  it('never changes an approved plan: PATCH only a draft or returned one, and a new version supersedes the approved', async () => {
    const items = [{ month: 1, topic: '学习全会精神', studyForm: 'collective_study' }];
    const v1 = (await unitSecretary.post(`/api/v1/central-groups/${groupId}/plans`, { year: 2026, items })).json();
    const patched = await unitSecretary.patch(`/api/v1/central-groups/plans/${v1.id}`, { items: [...items, { month: 2, topic: '专题辅导', studyForm: 'tutorial', speaker: '党校教授' }] });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().items).toHaveLength(2);
    expect((await leader.patch(`/api/v1/central-groups/plans/${v1.id}`, { items })).statusCode).toBe(404);
    expect((await branchSecretary.patch(`/api/v1/central-groups/plans/${v1.id}`, { items })).statusCode).toBe(404);
    expect((await unitSecretary.patch(`/api/v1/central-groups/plans/${newId()}`, { items })).statusCode).toBe(404);
    await unitSecretary.post(`/api/v1/central-groups/plans/${v1.id}/submit`);
    expect(code(await unitSecretary.patch(`/api/v1/central-groups/plans/${v1.id}`, { items }))).toBe('CENTRAL_GROUP_PLAN_PENDING');
    expect(code(await unitSecretary.post(`/api/v1/central-groups/${groupId}/plans`, { year: 2026, items }))).toBe('CENTRAL_GROUP_PLAN_PENDING');
    await unitSecretary.post(`/api/v1/central-groups/plans/${v1.id}/return`, { comment: '请细化' });
    const fixed = await unitSecretary.patch(`/api/v1/central-groups/plans/${v1.id}`, { items });
    expect(fixed.json()).toMatchObject({ status: 'draft', items });
    await unitSecretary.post(`/api/v1/central-groups/plans/${v1.id}/submit`);
    await unitSecretary.post(`/api/v1/central-groups/plans/${v1.id}/approve`);

    const edit = await unitSecretary.patch(`/api/v1/central-groups/plans/${v1.id}`, { items: [] });
    expect(edit.statusCode).toBe(400);
    const locked = await unitSecretary.patch(`/api/v1/central-groups/plans/${v1.id}`, { items });
    expect(locked.statusCode).toBe(409);
    expect(code(locked)).toBe('CENTRAL_GROUP_PLAN_APPROVED');
    expect(locked.json().error.message).toContain('2026年度学习计划（第1版）');

    // Saving the year again starts version 2; version 1 stays approved and in force until 2 is approved.
    const v2 = await unitSecretary.post(`/api/v1/central-groups/${groupId}/plans`, { year: 2026, items: [{ month: 7, topic: '学习“七一”重要讲话', studyForm: 'discussion' }] });
    expect(v2.statusCode).toBe(201);
    expect(v2.json()).toMatchObject({ version: 2, status: 'draft', superseded: false });
    expect((await unitSecretary.post(`/api/v1/central-groups/${groupId}/plans`, { year: 2026, items })).json()).toMatchObject({ id: v2.json().id, version: 2 });
    let versions = (await unitSecretary.get(`/api/v1/central-groups/${groupId}/plans?year=2026`)).json();
    expect(versions.map((p: { version: number; status: string; superseded: boolean }) => [p.version, p.status, p.superseded])).toEqual([
      [2, 'draft', false],
      [1, 'approved', false],
    ]);
    expect(versions[1].items).toEqual(items);
    await unitSecretary.post(`/api/v1/central-groups/plans/${v2.json().id}/submit`);
    expect((await leader.post(`/api/v1/central-groups/plans/${v2.json().id}/approve`)).statusCode).toBe(200);
    versions = (await unitSecretary.get(`/api/v1/central-groups/${groupId}/plans?year=2026`)).json();
    expect(versions.map((p: { version: number; superseded: boolean }) => [p.version, p.superseded])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect(await auditActions(v1.id)).toEqual(expect.arrayContaining(['central_group.plan.update', 'central_group.plan.approve']));
  });

  it('assembles the one-study-one-report from the record: same record same report, a changed record a new version', async () => {
    // A third member, in the group before the session and never marked: absent from a held session.
    const unmarked = await makePerson(env.ctx, { orgId: tree.branch.id, name: '周未到' });
    await unitSecretary.put(`/api/v1/central-groups/${groupId}/members`, {
      members: [
        { personId: leaderPerson.id, role: 'leader' },
        { personId: memberPerson.id, role: 'member' },
        { personId: unmarked.id, role: 'member' },
      ],
    });
    const planned = await study('2026-03-10T01:00:00Z', { materials: '《习近平谈治国理政》第五卷' });
    const early = await officer.post(`/api/v1/activities/${planned.id}/study-report`);
    expect(early.statusCode).toBe(409);
    expect(code(early)).toBe('CENTRAL_GROUP_STUDY_NOT_HELD');
    await moveTo('2026-03-10T06:00:00Z');
    const held = await record(planned, '2026-03-10T01:00:00Z', { actualEnd: '2026-03-10T03:00:00Z', minutes: '会议学习了全会精神。', speakerName: '张教授' });
    const marked = await officer.put(`/api/v1/activities/${held.id}/attendance`, {
      entries: [
        { personId: leaderPerson.id, status: 'present' },
        { personId: memberPerson.id, status: 'leave', leaveReason: '外出开会' },
      ],
    });
    expect(marked.statusCode, marked.body).toBe(200);

    const first = await unitSecretary.post(`/api/v1/activities/${held.id}/study-report`);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({
      id: expect.any(String),
      activityId: held.id,
      groupId,
      groupName: '局党委理论学习中心组',
      version: 1,
      status: 'submitted',
      submittedAt: '2026-03-10T06:00:00.000Z',
      submittedBy: users.unitSecretary.username,
      acknowledgedAt: null,
      acknowledgeComment: null,
      snapshot: {
        activityId: held.id,
        groupName: '局党委理论学习中心组',
        orgName: tree.unit.name,
        topic: '学习党的二十届四中全会精神',
        heldOn: '2026-03-10',
        startedAt: '2026-03-10T01:00:00.000Z',
        endedAt: '2026-03-10T03:00:00.000Z',
        place: '第一会议室',
        studyForm: 'collective_study',
        speaker: '张教授',
        expected: 3,
        present: ['王组长'],
        leave: [{ name: '李成员', reason: '外出开会' }],
        absent: ['周未到'],
        materials: '《习近平谈治国理政》第五卷',
        minutes: '会议学习了全会精神。',
        attachments: [],
        resolutions: [],
      },
    });
    const same = await unitSecretary.post(`/api/v1/activities/${held.id}/study-report`);
    expect(same.statusCode).toBe(200);
    expect(same.json()).toEqual(first.json());
    expect(await auditActions(first.json().id)).toEqual(['central_group.report.submit']);

    // A changed record (the leave turned into an absence, a file linked, the minutes corrected) gives
    // version 2; a member who joined after the session is not expected at it.
    await moveTo('2026-03-11T06:00:00Z');
    const newcomer = await makePerson(env.ctx, { orgId: tree.branch.id, name: '吴新人' });
    await unitSecretary.put(`/api/v1/central-groups/${groupId}/members`, {
      members: [
        { personId: leaderPerson.id, role: 'leader' },
        { personId: memberPerson.id, role: 'member' },
        { personId: unmarked.id, role: 'member' },
        { personId: newcomer.id, role: 'member' },
      ],
    });
    await officer.put(`/api/v1/activities/${held.id}/attendance`, { entries: [{ personId: memberPerson.id, status: 'absent' }] });
    const fileId = await fileOf(tree.unit.id, '学习材料.pdf');
    expect((await officer.post(`/api/v1/activities/${held.id}/attachments`, { attachmentId: fileId })).statusCode).toBe(200);
    const current = (await officer.get(`/api/v1/activities/${held.id}`)).json();
    await record(current, '2026-03-10T01:00:00Z', { minutes: '会议学习了全会精神，并作交流发言。' });
    const second = await unitSecretary.post(`/api/v1/activities/${held.id}/study-report`);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ version: 2, snapshot: { minutes: '会议学习了全会精神，并作交流发言。', expected: 3, present: ['王组长'], leave: [], absent: ['周未到', '李成员'], attachments: ['学习材料.pdf'] } });
    // The first version stays as it was sent.
    const reports = (await officer.get(`/api/v1/central-groups/study-reports?orgId=${tree.unit.id}&year=2026`)).json();
    expect(reports.map((r: { version: number; snapshot: { absent: string[] } }) => [r.version, r.snapshot.absent])).toEqual([
      [1, ['周未到']],
      [2, ['周未到', '李成员']],
    ]);
  });

  it('refuses a report of a session not held, cancelled, of another kind, or of a group the caller does not manage', async () => {
    const planned = await study('2026-03-20T01:00:00Z');
    const cancelled = await study('2026-03-21T01:00:00Z');
    expect((await officer.post(`/api/v1/activities/${cancelled.id}/cancel`, { reason: '改期' })).statusCode).toBe(200);
    const lesson = (await officer.post('/api/v1/activities', { orgId: tree.unit.id, kind: 'party_lesson', topic: '党课', plannedStart: '2026-03-12T01:00:00Z' })).json();
    const lifeMeeting = await officer.post('/api/v1/activities', { orgId: tree.unit.id, kind: 'democratic_life_meeting', centralGroupId: groupId, topic: '民主生活会', plannedStart: '2026-03-13T01:00:00Z' });
    expect(lifeMeeting.statusCode, lifeMeeting.body).toBe(201);
    await moveTo('2026-03-25T06:00:00Z');
    await record(lesson, '2026-03-12T01:00:00Z');
    await record(lifeMeeting.json(), '2026-03-13T01:00:00Z');

    expect(code(await unitSecretary.post(`/api/v1/activities/${planned.id}/study-report`))).toBe('CENTRAL_GROUP_STUDY_NOT_HELD');
    expect(code(await unitSecretary.post(`/api/v1/activities/${cancelled.id}/study-report`))).toBe('CENTRAL_GROUP_STUDY_NOT_HELD');
    expect(code(await unitSecretary.post(`/api/v1/activities/${lesson.id}/study-report`))).toBe('CENTRAL_GROUP_NOT_STUDY');
    expect(code(await unitSecretary.post(`/api/v1/activities/${lifeMeeting.json().id}/study-report`))).toBe('CENTRAL_GROUP_NOT_STUDY');
    expect(code(await unitSecretary.post(`/api/v1/activities/${newId()}/study-report`))).toBe('ACTIVITY_NOT_FOUND');
    const held = await record(planned, '2026-03-20T01:00:00Z');
    expect((await branchSecretary.post(`/api/v1/activities/${held.id}/study-report`)).statusCode).toBe(404);
    expect((await leader.post(`/api/v1/activities/${held.id}/study-report`)).statusCode).toBe(404);
    const sessions = [planned.id, cancelled.id, lesson.id, lifeMeeting.json().id];
    expect(await env.ctx.db.selectFrom('central_group_reports').select('id').where('activity_id', 'in', sessions).execute()).toEqual([]);
  });

  it('lists reports to the working committee and the secretaries over them, and lets only the committee acknowledge', async () => {
    const other = await makeOrg(env.ctx, { parentId: tree.unit.id, kind: 'party_committee', name: '另一单位党委' });
    const otherGroup = (await officer.post('/api/v1/central-groups', { orgId: other.id, name: '另一单位中心组' })).json();
    const otherSecretaryUser = await makeUser(env.ctx, { roles: [{ role: 'secretary', orgId: other.id }] });
    const otherLeader = await makePerson(env.ctx, { orgId: other.id, name: '钱组长' });
    await officer.put(`/api/v1/central-groups/${otherGroup.id}/members`, { members: [{ personId: otherLeader.id, role: 'leader' }] });
    const mine = await study('2026-04-02T01:00:00Z');
    const theirs = await study('2026-04-03T01:00:00Z', {}, otherGroup.id, other.id);
    const lastYear = await study('2025-12-30T01:00:00Z');
    await moveTo('2026-04-05T06:00:00Z');
    for (const [a, at] of [
      [mine, '2026-04-02T01:00:00Z'],
      [theirs, '2026-04-03T01:00:00Z'],
      [lastYear, '2025-12-30T01:00:00Z'],
    ] as const) {
      await record(a, at);
      expect((await officer.post(`/api/v1/activities/${a.id}/study-report`)).statusCode).toBe(201);
    }
    const groupsOf = (res: { json: () => Array<{ groupName: string; snapshot: { heldOn: string } }> }) => res.json().map((r) => r.groupName);
    const otherSecretary = await loginClient(env.app, otherSecretaryUser.username, TEST_PASSWORD);
    // The officer and the committee's secretary see every report under the committee; the lower committee's secretary only its own.
    expect(groupsOf(await officer.get(`/api/v1/central-groups/study-reports?orgId=${tree.unit.id}&year=2026`))).toEqual(['局党委理论学习中心组', '另一单位中心组']);
    expect(groupsOf(await officer.get(`/api/v1/central-groups/study-reports?orgId=${tree.unit.id}&year=2025`))).toEqual(['局党委理论学习中心组']);
    expect(groupsOf(await unitSecretary.get(`/api/v1/central-groups/study-reports?orgId=${tree.unit.id}&year=2026`))).toEqual(['局党委理论学习中心组', '另一单位中心组']);
    expect(groupsOf(await otherSecretary.get(`/api/v1/central-groups/study-reports?orgId=${other.id}&year=2026`))).toEqual(['另一单位中心组']);
    expect((await otherSecretary.get(`/api/v1/central-groups/study-reports?orgId=${tree.unit.id}&year=2026`)).statusCode).toBe(404);
    expect((await branchSecretary.get(`/api/v1/central-groups/study-reports?orgId=${tree.unit.id}&year=2026`)).statusCode).toBe(404);

    const reportId = (await unitSecretary.get(`/api/v1/central-groups/study-reports?orgId=${tree.unit.id}&year=2026`)).json()[0].id as string;
    // The working committee acknowledges; the committee's own secretary may not.
    expect((await unitSecretary.post(`/api/v1/central-groups/study-reports/${reportId}/acknowledge`, {})).statusCode).toBe(403);
    expect((await branchSecretary.post(`/api/v1/central-groups/study-reports/${reportId}/acknowledge`, {})).statusCode).toBe(404);
    const ack = await officer.post(`/api/v1/central-groups/study-reports/${reportId}/acknowledge`, { comment: '已阅' });
    expect(ack.json()).toMatchObject({ status: 'acknowledged', acknowledgeComment: '已阅', acknowledgedAt: '2026-04-05T06:00:00.000Z' });
    expect(code(await officer.post(`/api/v1/central-groups/study-reports/${reportId}/acknowledge`, {}))).toBe('CENTRAL_GROUP_REPORT_ACKNOWLEDGED');
    expect(code(await officer.post(`/api/v1/central-groups/study-reports/${newId()}/acknowledge`, {}))).toBe('CENTRAL_GROUP_REPORT_NOT_FOUND');
    expect(await auditActions(reportId)).toEqual(expect.arrayContaining(['central_group.report.acknowledge']));
  });

  it('assigns as auditors only committee officers over the group, or people named with their unit', async () => {
    const auditorUser = await makeUser(env.ctx, { roles: [{ role: 'committee_officer', orgId: tree.root.id }] });
    const narrowOfficer = await makeUser(env.ctx, { roles: [{ role: 'committee_officer', orgId: tree.otherBranch.id }] });
    const planned = await study('2026-03-10T01:00:00Z');
    const assign = (body: Record<string, unknown>, as = officer, activityId = planned.id) => as.post(`/api/v1/activities/${activityId}/auditors`, body);

    expect((await assign({ auditorUserId: auditorUser.id }, unitSecretary)).statusCode).toBe(403);
    expect((await assign({ auditorUserId: auditorUser.id }, branchSecretary)).statusCode).toBe(404);
    const assigned = await assign({ auditorUserId: auditorUser.id });
    expect(assigned.statusCode, assigned.body).toBe(201);
    expect(assigned.json()).toMatchObject({
      activityId: planned.id,
      groupId,
      groupName: '局党委理论学习中心组',
      topic: '学习党的二十届四中全会精神',
      sessionOn: '2026-03-10',
      sessionStatus: 'planned',
      auditorUserId: auditorUser.id,
      auditorName: auditorUser.username,
      auditorUnit: null,
      status: 'assigned',
      rating: null,
    });
    expect(code(await assign({ auditorUserId: auditorUser.id }))).toBe('CENTRAL_GROUP_AUDITOR_ASSIGNED');
    expect(code(await assign({ auditorUserId: newId() }))).toBe('CENTRAL_GROUP_AUDITOR_NOT_FOUND');
    const notOfficer = await assign({ auditorUserId: users.leader.id });
    expect(code(notOfficer)).toBe('CENTRAL_GROUP_AUDITOR_NOT_OFFICER');
    expect(notOfficer.json().error.message).toContain(users.leader.username);
    expect(code(await assign({ auditorUserId: narrowOfficer.id }))).toBe('CENTRAL_GROUP_AUDITOR_NOT_OFFICER');
    const retired = await makeUser(env.ctx, { roles: [{ role: 'committee_officer', orgId: tree.root.id }] });
    await env.ctx.db.updateTable('users').set({ active: false }).where('id', '=', retired.id).execute();
    expect(code(await assign({ auditorUserId: retired.id }))).toBe('CENTRAL_GROUP_AUDITOR_NOT_FOUND');

    const named = await assign({ name: '刘老同志', unit: '县委老干部局' });
    expect(named.statusCode).toBe(201);
    expect(named.json()).toMatchObject({ auditorUserId: null, auditorName: '刘老同志', auditorUnit: '县委老干部局' });
    expect(code(await assign({ name: '刘老同志', unit: '县委老干部局' }))).toBe('CENTRAL_GROUP_AUDITOR_ASSIGNED');
    expect((await assign({ name: '只有姓名' })).statusCode).toBe(400);

    const lesson = (await officer.post('/api/v1/activities', { orgId: tree.unit.id, kind: 'party_lesson', topic: '党课', plannedStart: '2026-03-12T01:00:00Z' })).json();
    expect(code(await assign({ auditorUserId: auditorUser.id }, officer, lesson.id))).toBe('CENTRAL_GROUP_NOT_STUDY');
    const cancelled = await study('2026-03-11T01:00:00Z');
    await officer.post(`/api/v1/activities/${cancelled.id}/cancel`, { reason: '改期' });
    expect(code(await assign({ auditorUserId: auditorUser.id }, officer, cancelled.id))).toBe('CENTRAL_GROUP_STUDY_CANCELLED');

    // The group's managers see the session's auditors; outsiders do not.
    expect((await unitSecretary.get(`/api/v1/activities/${planned.id}/auditors`)).json().map((a: { auditorName: string }) => a.auditorName)).toEqual([auditorUser.username, '刘老同志']);
    expect((await branchSecretary.get(`/api/v1/activities/${planned.id}/auditors`)).statusCode).toBe(404);
    expect(await auditActions(assigned.json().id)).toEqual(['central_group.audit.assign']);
  });

  it('has auditors write up held sessions with a private rating, and shows per group which were audited this year', async () => {
    const other = await makeOrg(env.ctx, { parentId: tree.unit.id, kind: 'party_committee', name: '下属单位党委' });
    const otherGroup = (await officer.post('/api/v1/central-groups', { orgId: other.id, name: '下属单位党委理论学习中心组' })).json();
    const otherLeader = await makePerson(env.ctx, { orgId: other.id, name: '钱组长' });
    await officer.put(`/api/v1/central-groups/${otherGroup.id}/members`, { members: [{ personId: otherLeader.id, role: 'leader' }] });
    const idle = await makeOrg(env.ctx, { parentId: tree.unit.id, kind: 'party_committee', name: '某委员会党委' });
    expect((await officer.post('/api/v1/central-groups', { orgId: idle.id, name: '某党组中心组' })).statusCode).toBe(201);
    const auditorUser = await makeUser(env.ctx, { roles: [{ role: 'committee_officer', orgId: tree.root.id }] });
    let auditor = await loginClient(env.app, auditorUser.username, TEST_PASSWORD);

    const planned = await study('2026-03-10T01:00:00Z');
    const auditId = (await officer.post(`/api/v1/activities/${planned.id}/auditors`, { auditorUserId: auditorUser.id })).json().id;
    const namedId = (await officer.post(`/api/v1/activities/${planned.id}/auditors`, { name: '刘老同志', unit: '县委老干部局' })).json().id;
    expect((await auditor.get('/api/v1/me/audits')).json()).toEqual([expect.objectContaining({ id: auditId, sessionStatus: 'planned', status: 'assigned' })]);
    expect((await leader.get('/api/v1/me/audits')).statusCode).toBe(403);
    expect(code(await auditor.post(`/api/v1/central-groups/audits/${auditId}/complete`, { notes: '学习认真' }))).toBe('CENTRAL_GROUP_STUDY_NOT_HELD');

    await moveTo('2026-03-10T06:00:00Z');
    auditor = await loginClient(env.app, auditorUser.username, TEST_PASSWORD);
    await record(planned, '2026-03-10T01:00:00Z');
    await record(await study('2026-03-20T01:00:00Z'), '2026-03-10T02:00:00Z'); // a second session, not audited
    await record(await study('2026-03-05T01:00:00Z', {}, otherGroup.id, other.id), '2026-03-05T01:00:00Z'); // the other group's, not audited

    // Someone else's account audit: the officer over it is refused, others do not find it.
    expect((await officer.post(`/api/v1/central-groups/audits/${auditId}/complete`, { notes: '冒名' })).statusCode).toBe(403);
    expect((await unitSecretary.post(`/api/v1/central-groups/audits/${auditId}/complete`, { notes: '冒名' })).statusCode).toBe(404);
    expect((await leader.post(`/api/v1/central-groups/audits/${namedId}/complete`, { notes: '冒名' })).statusCode).toBe(404);
    expect((await auditor.post(`/api/v1/central-groups/audits/${auditId}/complete`, { notes: '好', rating: 'excellent' })).statusCode).toBe(400);
    const done = await auditor.post(`/api/v1/central-groups/audits/${auditId}/complete`, { notes: '学习认真，发言充分', rating: 'good' });
    expect(done.json()).toMatchObject({ status: 'completed', notes: '学习认真，发言充分', rating: 'good', completedAt: '2026-03-10T06:00:00.000Z', sessionStatus: 'held' });
    expect(code(await auditor.post(`/api/v1/central-groups/audits/${auditId}/complete`, { notes: '再次' }))).toBe('CENTRAL_GROUP_AUDIT_COMPLETED');
    // A named auditor's notes are written by an officer over the group on their behalf.
    expect((await officer.post(`/api/v1/central-groups/audits/${namedId}/complete`, { notes: '形式较单一', rating: 'fair' })).json()).toMatchObject({ status: 'completed', rating: 'fair' });
    expect(code(await officer.post(`/api/v1/central-groups/audits/${newId()}/complete`, { notes: 'x' }))).toBe('CENTRAL_GROUP_AUDIT_NOT_FOUND');

    // Ratings are the working committee's: the group's secretary sees the notes but not the ratings.
    const bySecretary = (await unitSecretary.get(`/api/v1/activities/${planned.id}/auditors`)).json();
    expect(bySecretary.map((a: { notes: string; rating: string | null }) => [a.notes, a.rating])).toEqual([
      ['学习认真，发言充分', null],
      ['形式较单一', null],
    ]);
    expect((await officer.get(`/api/v1/activities/${planned.id}/auditors`)).json().map((a: { rating: string }) => a.rating)).toEqual(['good', 'fair']);
    expect((await auditor.get('/api/v1/me/audits')).json()).toEqual([expect.objectContaining({ id: auditId, status: 'completed', rating: 'good' })]);
    expect(await auditActions(auditId)).toEqual(['central_group.audit.assign', 'central_group.audit.complete']);

    const overview = await officer.get(`/api/v1/central-groups/audit-overview?orgId=${tree.unit.id}&year=2026`);
    expect(overview.statusCode).toBe(200);
    const byName = Object.fromEntries(overview.json().groups.map((g: { name: string }) => [g.name, g]));
    expect(byName['局党委理论学习中心组']).toMatchObject({ groupId, sessionsHeld: 2, sessionsAudited: 1, lastAuditedOn: '2026-03-10' });
    expect(byName['下属单位党委理论学习中心组']).toMatchObject({ sessionsHeld: 1, sessionsAudited: 0, lastAuditedOn: null });
    expect(byName['某党组中心组']).toMatchObject({ sessionsHeld: 0, sessionsAudited: 0, lastAuditedOn: null });
    expect(overview.json().neverAudited.map((g: { name: string }) => g.name).sort()).toEqual(['下属单位党委理论学习中心组', '某党组中心组'].sort());
    expect((await officer.get(`/api/v1/central-groups/audit-overview?orgId=${tree.unit.id}&year=2025`)).json().neverAudited).toHaveLength(3);
    expect((await unitSecretary.get(`/api/v1/central-groups/audit-overview?orgId=${tree.unit.id}&year=2026`)).statusCode).toBe(403);
    expect((await branchSecretary.get(`/api/v1/central-groups/audit-overview?orgId=${tree.unit.id}&year=2026`)).statusCode).toBe(404);

    const figures = await auditFigures(env.ctx, { orgId: tree.unit.id, period: '2026-Q1' });
    expect({ ...figures, groupsNotAudited: [...figures.groupsNotAudited].sort() }).toEqual({
      groups: 3,
      sessionsHeld: 3,
      sessionsAudited: 1,
      groupsAudited: 1,
      groupsNotAudited: ['下属单位党委理论学习中心组', '某党组中心组'].sort(),
    });
    expect(await auditFigures(env.ctx, { orgId: tree.unit.id, period: '2026-Q2' })).toMatchObject({ sessionsHeld: 0, groupsAudited: 0 });
    expect(await auditFigures(env.ctx, { orgId: other.id, period: '2026-03' })).toEqual({ groups: 1, sessionsHeld: 1, sessionsAudited: 0, groupsAudited: 0, groupsNotAudited: ['下属单位党委理论学习中心组'] });
    expect(await auditFigures(env.ctx, { orgId: tree.unit.id, period: '2026' })).toMatchObject({ sessionsAudited: 1, groupsAudited: 1 });
    await expect(auditFigures(env.ctx, { orgId: tree.unit.id, period: '2026-Q5' })).rejects.toMatchObject({ code: 'CENTRAL_GROUP_PERIOD_INVALID' });
    await expect(auditFigures(env.ctx, { orgId: newId(), period: '2026-Q1' })).rejects.toMatchObject({ code: 'ORG_NOT_FOUND' });
  });

  it("tracks members' writings against one to two research reports a year, linked to a session and a file", async () => {
    const add = (body: Record<string, unknown>, as = unitSecretary) => as.post(`/api/v1/central-groups/${groupId}/writings`, { year: 2026, submittedOn: '2026-02-20', ...body });
    const session = await study('2026-03-10T01:00:00Z');
    const fileId = await fileOf(tree.unit.id, '调研报告.pdf');
    const report = await add({ personId: leaderPerson.id, kind: 'research_report', title: '关于机关党建的调研报告', attachmentId: fileId });
    expect(report.statusCode, report.body).toBe(201);
    expect(report.json()).toMatchObject({ personId: leaderPerson.id, activityId: null, attachment: { id: fileId, fileName: '调研报告.pdf', downloadUrl: `/api/v1/attachments/${fileId}/download` } });
    expect((await add({ personId: leaderPerson.id, kind: 'statement', title: '研讨发言', activityId: session.id })).json()).toMatchObject({ activityId: session.id, attachment: null });
    expect((await add({ personId: memberPerson.id, kind: 'statement', title: '交流发言' })).statusCode).toBe(201);
    expect((await add({ personId: memberPerson.id, kind: 'statement', title: '第二次发言' })).statusCode).toBe(201);

    const lesson = (await officer.post('/api/v1/activities', { orgId: tree.unit.id, kind: 'party_lesson', topic: '党课', plannedStart: '2026-03-12T01:00:00Z' })).json();
    expect(code(await add({ personId: leaderPerson.id, kind: 'statement', title: 'x', activityId: lesson.id }))).toBe('CENTRAL_GROUP_WRITING_ACTIVITY');
    expect(code(await add({ personId: leaderPerson.id, kind: 'statement', title: 'x', activityId: newId() }))).toBe('CENTRAL_GROUP_WRITING_ACTIVITY');
    // A file the caller may not read cannot be linked in, and nothing is recorded.
    const outsideFile = await fileOf((await makeOrg(env.ctx, { parentId: tree.root.id, kind: 'party_committee' })).id, '外单位.pdf');
    expect(code(await add({ personId: leaderPerson.id, kind: 'statement', title: '带外单位文件', attachmentId: outsideFile }))).toBe('ATTACHMENT_NOT_FOUND');
    expect(await env.ctx.db.selectFrom('central_group_writings').select('id').where('title', '=', '带外单位文件').execute()).toEqual([]);

    const outsider = await makePerson(env.ctx, { orgId: tree.branch.id, name: '赵外人' });
    const refused = await add({ personId: outsider.id, kind: 'statement', title: 'x' });
    expect(code(refused)).toBe('CENTRAL_GROUP_NOT_MEMBER');
    expect(refused.json().error.message).toContain('赵外人');
    expect((await add({ personId: leaderPerson.id, kind: 'statement', title: 'x' }, branchSecretary)).statusCode).toBe(404);
    expect((await add({ personId: leaderPerson.id, kind: 'statement', title: 'x' }, leader)).statusCode).toBe(404);

    // The member whose writing it is may read its file; a secretary who does not manage the group may not.
    expect((await leader.get(`/api/v1/attachments/${fileId}`)).statusCode).toBe(200);
    expect((await branchSecretary.get(`/api/v1/attachments/${fileId}`)).statusCode).toBe(404);

    const summary = (await unitSecretary.get(`/api/v1/central-groups/${groupId}/writings?year=2026`)).json();
    expect(summary).toMatchObject({ groupId, year: 2026, researchReportsMin: 1, researchReportsMax: 2, yearEnded: false });
    const of = (s: { members: Array<{ personId: string }> }, id: string) => s.members.find((m) => m.personId === id);
    expect(of(summary, leaderPerson.id)).toMatchObject({ role: 'leader', researchReportCount: 1, researchReportsShort: false, researchReports: [expect.objectContaining({ title: '关于机关党建的调研报告' })] });
    expect(of(summary, leaderPerson.id)).toMatchObject({ statementCount: 1, statements: [expect.objectContaining({ title: '研讨发言', activityId: session.id })] });
    expect(of(summary, memberPerson.id)).toMatchObject({ statementCount: 2, researchReportCount: 0, researchReportsShort: true, researchReports: [] });
    const empty = (await unitSecretary.get(`/api/v1/central-groups/${groupId}/writings?year=2025`)).json();
    expect(empty.yearEnded).toBe(true);
    expect(empty.members.every((m: { researchReportsShort: boolean; statementCount: number }) => m.researchReportsShort && m.statementCount === 0)).toBe(true);
    expect((await branchSecretary.get(`/api/v1/central-groups/${groupId}/writings?year=2026`)).statusCode).toBe(404);

    // The year ends at local midnight: on 31 December (Beijing) the member is still due, on 1 January short.
    await moveTo('2026-12-31T15:30:00Z');
    expect((await unitSecretary.get(`/api/v1/central-groups/${groupId}/writings?year=2026`)).json().yearEnded).toBe(false);
    await moveTo('2026-12-31T16:30:00Z');
    const closed = (await unitSecretary.get(`/api/v1/central-groups/${groupId}/writings?year=2026`)).json();
    expect(closed.yearEnded).toBe(true);
    expect(of(closed, memberPerson.id)).toMatchObject({ researchReportsShort: true });
    expect(await auditActions(report.json().id)).toEqual(expect.arrayContaining(['central_group.writing.add', 'attachment.link']));
  });

  it('calls in study notes, which the member hands in and the reviewer returns; unsubmitted ones become overdue', async () => {
    const requested = await unitSecretary.post(`/api/v1/central-groups/${groupId}/note-reviews`, { personIds: [leaderPerson.id, memberPerson.id, leaderPerson.id], dueOn: '2026-03-05', note: '请提交第一季度学习笔记' });
    expect(requested.statusCode, requested.body).toBe(201);
    expect(requested.json().map((r: { personName: string; status: string; overdue: boolean; note: string }) => [r.personName, r.status, r.overdue, r.note]).sort()).toEqual(
      [
        ['王组长', 'requested', false, '请提交第一季度学习笔记'],
        ['李成员', 'requested', false, '请提交第一季度学习笔记'],
      ].sort(),
    );
    const outsider = await makePerson(env.ctx, { orgId: tree.branch.id, name: '赵外人' });
    expect(code(await unitSecretary.post(`/api/v1/central-groups/${groupId}/note-reviews`, { personIds: [outsider.id], dueOn: '2026-03-05' }))).toBe('CENTRAL_GROUP_NOT_MEMBER');
    expect((await branchSecretary.post(`/api/v1/central-groups/${groupId}/note-reviews`, { personIds: [leaderPerson.id], dueOn: '2026-03-05' })).statusCode).toBe(404);
    expect((await branchSecretary.get(`/api/v1/central-groups/${groupId}/note-reviews`)).statusCode).toBe(404);

    const mine = (await leader.get('/api/v1/me/note-reviews')).json();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ groupName: '局党委理论学习中心组', dueOn: '2026-03-05', text: null, attachment: null });
    const others = requested.json().find((r: { personId: string }) => r.personId === memberPerson.id);
    expect((await leader.post(`/api/v1/me/note-reviews/${others.id}/submit`, { text: '代交' })).statusCode).toBe(404);
    expect(code(await unitSecretary.post(`/api/v1/central-groups/note-reviews/${mine[0].id}/return`, { comments: '尚未提交' }))).toBe('CENTRAL_GROUP_NOTES_NOT_RETURNABLE');
    const empty = await leader.post(`/api/v1/me/note-reviews/${mine[0].id}/submit`, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details).toEqual([expect.objectContaining({ code: 'CENTRAL_GROUP_NOTES_EMPTY', message: '请填写学习笔记内容或选择笔记附件。' })]);
    // A file the member may not read cannot be handed in; one from a session they attend can.
    const hidden = await fileOf(tree.unit.id, '内部文件.pdf');
    expect(code(await leader.post(`/api/v1/me/note-reviews/${mine[0].id}/submit`, { attachmentId: hidden }))).toBe('ATTACHMENT_NOT_FOUND');
    const session = await study('2026-03-02T01:00:00Z');
    const notesFile = await fileOf(tree.unit.id, '学习笔记.pdf');
    await officer.post(`/api/v1/activities/${session.id}/attachments`, { attachmentId: notesFile });
    const submitted = await leader.post(`/api/v1/me/note-reviews/${mine[0].id}/submit`, { text: '学习笔记：……', attachmentId: notesFile });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', text: '学习笔记：……', attachment: { id: notesFile, fileName: '学习笔记.pdf' }, submittedAt: '2026-03-01T04:00:00.000Z' });
    expect(code(await leader.post(`/api/v1/me/note-reviews/${mine[0].id}/submit`, { text: '再交' }))).toBe('CENTRAL_GROUP_NOTES_ALREADY_SUBMITTED');
    expect((await branchSecretary.post(`/api/v1/central-groups/note-reviews/${mine[0].id}/return`, { comments: '越权' })).statusCode).toBe(404);
    expect((await unitSecretary.post(`/api/v1/central-groups/note-reviews/${mine[0].id}/return`, {})).statusCode).toBe(400);
    const returned = await unitSecretary.post(`/api/v1/central-groups/note-reviews/${mine[0].id}/return`, { comments: '记录详实，请结合工作实际' });
    expect(returned.json()).toMatchObject({ status: 'returned', comments: '记录详实，请结合工作实际', attachment: { id: notesFile } });
    expect(code(await unitSecretary.post(`/api/v1/central-groups/note-reviews/${mine[0].id}/return`, { comments: '再退' }))).toBe('CENTRAL_GROUP_NOTES_NOT_RETURNABLE');
    expect(await auditActions(mine[0].id)).toEqual(expect.arrayContaining(['attachment.link', 'central_group.notes.submit', 'central_group.notes.return']));

    // 5 March is still due at 23:30 Beijing time; the next local day the unsubmitted one is overdue.
    await moveTo('2026-03-05T15:30:00Z');
    expect((await unitSecretary.get(`/api/v1/central-groups/${groupId}/note-reviews`)).json().some((r: { overdue: boolean }) => r.overdue)).toBe(false);
    await moveTo('2026-03-05T16:30:00Z');
    const later = (await unitSecretary.get(`/api/v1/central-groups/${groupId}/note-reviews`)).json();
    expect(later.map((r: { personId: string; overdue: boolean }) => [r.personId, r.overdue]).sort()).toEqual(
      [
        [leaderPerson.id, false],
        [memberPerson.id, true],
      ].sort(),
    );
    expect((await officer.get('/api/v1/me/note-reviews')).statusCode).toBe(403);
  });
});
