/**
 * Central-group study over HTTP: one group per party committee with exactly one leader, the annual
 * plan approved only by the leader or the secretary, the one-study-one-report assembled from the
 * record (the same record the same report, a changed record a new version), auditors and their
 * overview (and the circular's figures), writings against the 1–2 research reports practice, and
 * study notes called in, handed in, returned and overdue.
 */
import { beforeEach, expect, it } from 'vitest';
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
  let users: Record<'officer' | 'unitSecretary' | 'branchSecretary' | 'leader', { username: string }>;

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

  /** Plans and records a central-group study session held at `instant`. */
  async function study(instant: string, extra: Record<string, unknown> = {}) {
    const planned = await officer.post('/api/v1/activities', { orgId: tree.unit.id, kind: 'central_group_study', centralGroupId: groupId, topic: '学习党的二十届四中全会精神', plannedStart: instant, studyForm: 'collective_study', ...extra });
    expect(planned.statusCode, planned.body).toBe(201);
    return planned.json() as { id: string; version: number };
  }
  async function record(a: { id: string; version: number }, instant: string, extra: Record<string, unknown> = {}) {
    const res = await officer.post(`/api/v1/activities/${a.id}/record`, { version: a.version, actualStart: instant, place: '第一会议室', ...extra });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: string; version: number };
  }

  it('sets up one group per party committee with exactly one leader; members keep their own branch', async () => {
    const again = await officer.post('/api/v1/central-groups', { orgId: tree.unit.id, name: '重复' });
    expect(again.statusCode).toBe(409);
    expect(code(again)).toBe('CENTRAL_GROUP_EXISTS');
    expect(again.json().error.message).toContain('局党委理论学习中心组');
    const branch = await officer.post('/api/v1/central-groups', { orgId: tree.branch.id, name: '支部' });
    expect(code(branch)).toBe('CENTRAL_GROUP_ORG_KIND');
    const twoLeaders = await officer.put(`/api/v1/central-groups/${groupId}/members`, { members: [{ personId: leaderPerson.id, role: 'leader' }, { personId: memberPerson.id, role: 'leader' }] });
    expect(twoLeaders.statusCode).toBe(400);
    const noLeader = await officer.put(`/api/v1/central-groups/${groupId}/members`, { members: [{ personId: leaderPerson.id, role: 'member' }] });
    expect(noLeader.statusCode).toBe(400);

    const detail = (await officer.get(`/api/v1/central-groups/${groupId}`)).json();
    expect(detail.members).toEqual([
      expect.objectContaining({ personId: leaderPerson.id, name: '王组长', role: 'leader', branchId: tree.branch.id, branchName: tree.branch.name }),
      expect.objectContaining({ personId: memberPerson.id, role: 'member', branchName: tree.otherBranch.name }),
    ]);
    const list = (await officer.get(`/api/v1/central-groups?orgId=${tree.root.id}`)).json();
    expect(list).toEqual([expect.objectContaining({ id: groupId, memberCount: 2, orgName: tree.unit.name })]);
    // The leader (a member of the group) may read it; a branch secretary who does not manage it may not.
    expect((await leader.get(`/api/v1/central-groups/${groupId}`)).statusCode).toBe(200);
    expect((await branchSecretary.get(`/api/v1/central-groups/${groupId}`)).statusCode).toBe(404);
    expect((await branchSecretary.post('/api/v1/central-groups', { orgId: tree.unit.id, name: 'x' })).statusCode).toBe(404);
    // A member left out leaves the group (and is no longer listed).
    await officer.put(`/api/v1/central-groups/${groupId}/members`, { members: [{ personId: leaderPerson.id, role: 'leader' }] });
    expect((await officer.get(`/api/v1/central-groups/${groupId}`)).json().members).toHaveLength(1);
    const audit = await env.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', groupId).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['central_group.create', 'central_group.members.set']));
  });

  it('has the annual plan approved only by the leader or the secretary, and keeps an approved plan read-only', async () => {
    const items = [{ month: 3, topic: '学习新修订的党章', studyForm: 'collective_study', speaker: '王组长' }];
    const saved = await unitSecretary.post(`/api/v1/central-groups/${groupId}/plans`, { year: 2026, items });
    expect(saved.statusCode, saved.body).toBe(201);
    const planId = saved.json().id;
    expect((await unitSecretary.post(`/api/v1/central-groups/${groupId}/plans`, { year: 2026, items: [{ month: 13, topic: 'x', studyForm: 'collective_study' }] })).statusCode).toBe(400);
    expect(code(await leader.post(`/api/v1/central-groups/plans/${planId}/approve`))).toBe('CENTRAL_GROUP_PLAN_STATE');
    expect((await unitSecretary.post(`/api/v1/central-groups/plans/${planId}/submit`)).json().status).toBe('submitted');
    // The working committee does not approve it; nor does a secretary who does not manage the group.
    expect((await officer.post(`/api/v1/central-groups/plans/${planId}/approve`)).statusCode).toBe(403);
    expect((await branchSecretary.post(`/api/v1/central-groups/plans/${planId}/approve`)).statusCode).toBe(404);
    const approved = await leader.post(`/api/v1/central-groups/plans/${planId}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', items });
    const edit = await unitSecretary.post(`/api/v1/central-groups/${groupId}/plans`, { year: 2026, items });
    expect(edit.statusCode).toBe(409);
    expect(code(edit)).toBe('CENTRAL_GROUP_PLAN_APPROVED');
    expect(code(await unitSecretary.post(`/api/v1/central-groups/plans/${planId}/submit`))).toBe('CENTRAL_GROUP_PLAN_APPROVED');

    // Returned with a comment by the secretary, then edited (a draft again) and resubmitted.
    const next = (await unitSecretary.post(`/api/v1/central-groups/${groupId}/plans`, { year: 2027, items })).json();
    await unitSecretary.post(`/api/v1/central-groups/plans/${next.id}/submit`);
    expect((await unitSecretary.post(`/api/v1/central-groups/plans/${next.id}/return`, {})).statusCode).toBe(400);
    const returned = await unitSecretary.post(`/api/v1/central-groups/plans/${next.id}/return`, { comment: '请补充专题研讨安排' });
    expect(returned.json()).toMatchObject({ status: 'returned', comment: '请补充专题研讨安排' });
    const redrafted = await unitSecretary.post(`/api/v1/central-groups/${groupId}/plans`, { year: 2027, items: [...items, { month: 6, topic: '专题研讨', studyForm: 'discussion' }] });
    expect(redrafted.statusCode).toBe(200);
    expect(redrafted.json()).toMatchObject({ id: next.id, status: 'draft' });
    const listed = (await leader.get(`/api/v1/central-groups/${groupId}/plans?year=2027`)).json();
    expect(listed).toHaveLength(1);
    expect(listed[0].items).toHaveLength(2);
  });

  it('assembles the one-study-one-report from the record: same record same report, a changed record a new version', async () => {
    const planned = await study('2026-03-10T01:00:00Z');
    const early = await officer.post(`/api/v1/activities/${planned.id}/study-report`);
    expect(early.statusCode).toBe(409);
    expect(code(early)).toBe('CENTRAL_GROUP_STUDY_NOT_HELD');
    await moveTo('2026-03-10T06:00:00Z');
    const held = await record(planned, '2026-03-10T01:00:00Z', { minutes: '会议学习了全会精神。', speakerName: '张教授' });
    const marked = await officer.put(`/api/v1/activities/${held.id}/attendance`, {
      entries: [
        { personId: leaderPerson.id, status: 'present' },
        { personId: memberPerson.id, status: 'leave', leaveReason: '外出开会' },
      ],
    });
    expect(marked.statusCode, marked.body).toBe(200);

    const first = await unitSecretary.post(`/api/v1/activities/${held.id}/study-report`);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      version: 1,
      status: 'submitted',
      groupId,
      snapshot: {
        topic: '学习党的二十届四中全会精神',
        heldOn: '2026-03-10',
        place: '第一会议室',
        studyForm: 'collective_study',
        speaker: '张教授',
        expected: 2,
        present: ['王组长'],
        leave: [{ name: '李成员', reason: '外出开会' }],
        absent: [],
        minutes: '会议学习了全会精神。',
        attachments: [],
      },
    });
    const same = await unitSecretary.post(`/api/v1/activities/${held.id}/study-report`);
    expect(same.statusCode).toBe(200);
    expect(same.json().id).toBe(first.json().id);

    const current = (await officer.get(`/api/v1/activities/${held.id}`)).json();
    await record(current, '2026-03-10T01:00:00Z', { minutes: '会议学习了全会精神，并作交流发言。', speakerName: '张教授' });
    const second = await unitSecretary.post(`/api/v1/activities/${held.id}/study-report`);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ version: 2, snapshot: { minutes: '会议学习了全会精神，并作交流发言。' } });

    // Only central-group study of a group the caller manages.
    const lesson = (await officer.post('/api/v1/activities', { orgId: tree.unit.id, kind: 'party_lesson', topic: '党课', plannedStart: '2026-03-12T01:00:00Z' })).json();
    expect(code(await officer.post(`/api/v1/activities/${lesson.id}/study-report`))).toBe('CENTRAL_GROUP_NOT_STUDY');
    expect((await branchSecretary.post(`/api/v1/activities/${held.id}/study-report`)).statusCode).toBe(404);

    const reports = (await officer.get(`/api/v1/central-groups/study-reports?orgId=${tree.unit.id}&year=2026`)).json();
    expect(reports.map((r: { version: number }) => r.version)).toEqual([1, 2]);
    expect((await officer.get(`/api/v1/central-groups/study-reports?orgId=${tree.unit.id}&year=2025`)).json()).toEqual([]);
    // The working committee acknowledges; the committee's own secretary may not.
    expect((await unitSecretary.post(`/api/v1/central-groups/study-reports/${second.json().id}/acknowledge`, {})).statusCode).toBe(403);
    const ack = await officer.post(`/api/v1/central-groups/study-reports/${second.json().id}/acknowledge`, { comment: '已阅' });
    expect(ack.json()).toMatchObject({ status: 'acknowledged', acknowledgeComment: '已阅' });
    expect(code(await officer.post(`/api/v1/central-groups/study-reports/${second.json().id}/acknowledge`, {}))).toBe('CENTRAL_GROUP_REPORT_ACKNOWLEDGED');
  });

  it('lets the working committee assign auditors and see which groups had no audited session', async () => {
    const other = await makeOrg(env.ctx, { parentId: tree.unit.id, kind: 'party_committee', name: '下属单位党委' });
    expect((await officer.post('/api/v1/central-groups', { orgId: other.id, name: '下属单位党委理论学习中心组' })).statusCode).toBe(201);
    const auditorUser = await makeUser(env.ctx, { roles: [{ role: 'committee_officer', orgId: tree.root.id }] });
    let auditor = await loginClient(env.app, auditorUser.username, TEST_PASSWORD);

    const planned = await study('2026-03-10T01:00:00Z');
    expect((await unitSecretary.post(`/api/v1/activities/${planned.id}/auditors`, { auditorUserId: auditorUser.id })).statusCode).toBe(403);
    const assigned = await officer.post(`/api/v1/activities/${planned.id}/auditors`, { auditorUserId: auditorUser.id });
    expect(assigned.statusCode, assigned.body).toBe(201);
    expect(code(await officer.post(`/api/v1/activities/${planned.id}/auditors`, { auditorUserId: auditorUser.id }))).toBe('CENTRAL_GROUP_AUDITOR_ASSIGNED');
    expect(code(await officer.post(`/api/v1/activities/${planned.id}/auditors`, { auditorUserId: tree.root.id }))).toBe('CENTRAL_GROUP_AUDITOR_NOT_FOUND');
    const lesson = (await officer.post('/api/v1/activities', { orgId: tree.unit.id, kind: 'party_lesson', topic: '党课', plannedStart: '2026-03-12T01:00:00Z' })).json();
    expect(code(await officer.post(`/api/v1/activities/${lesson.id}/auditors`, { auditorUserId: auditorUser.id }))).toBe('CENTRAL_GROUP_NOT_STUDY');

    const auditId = assigned.json().id;
    expect(code(await auditor.post(`/api/v1/central-groups/audits/${auditId}/complete`, { notes: '学习认真' }))).toBe('CENTRAL_GROUP_STUDY_NOT_HELD');
    await moveTo('2026-03-10T06:00:00Z');
    auditor = await loginClient(env.app, auditorUser.username, TEST_PASSWORD);
    await record(planned, '2026-03-10T01:00:00Z');
    await record(await study('2026-03-20T01:00:00Z'), '2026-03-10T02:00:00Z'); // a second session, not audited
    expect((await officer.post(`/api/v1/central-groups/audits/${auditId}/complete`, { notes: '冒名' })).statusCode).toBe(404);
    const done = await auditor.post(`/api/v1/central-groups/audits/${auditId}/complete`, { notes: '学习认真，发言充分' });
    expect(done.json()).toMatchObject({ status: 'completed', notes: '学习认真，发言充分' });
    expect(code(await auditor.post(`/api/v1/central-groups/audits/${auditId}/complete`, { notes: '再次' }))).toBe('CENTRAL_GROUP_AUDIT_COMPLETED');

    const overview = await officer.get(`/api/v1/central-groups/audit-overview?orgId=${tree.unit.id}&year=2026`);
    expect(overview.statusCode).toBe(200);
    const groups = overview.json().groups as Array<{ groupId: string; sessionsHeld: number; sessionsAudited: number; lastAuditedOn: string | null }>;
    expect(groups.find((g) => g.groupId === groupId)).toMatchObject({ sessionsHeld: 2, sessionsAudited: 1, lastAuditedOn: '2026-03-10' });
    expect(overview.json().neverAudited.map((g: { name: string }) => g.name)).toEqual(['下属单位党委理论学习中心组']);
    expect((await unitSecretary.get(`/api/v1/central-groups/audit-overview?orgId=${tree.unit.id}&year=2026`)).statusCode).toBe(403);

    expect(await auditFigures(env.ctx, { orgId: tree.unit.id, period: '2026-Q1' })).toEqual({ groups: 2, sessionsHeld: 2, sessionsAudited: 1, groupsAudited: 1, groupsNotAudited: ['下属单位党委理论学习中心组'] });
    expect(await auditFigures(env.ctx, { orgId: tree.unit.id, period: '2026-Q2' })).toMatchObject({ sessionsHeld: 0, groupsAudited: 0 });
    await expect(auditFigures(env.ctx, { orgId: tree.unit.id, period: '2026' })).rejects.toMatchObject({ code: 'CENTRAL_GROUP_PERIOD_INVALID' });
  });

  it("tracks members' writings against one to two research reports a year", async () => {
    const add = (body: Record<string, unknown>) => unitSecretary.post(`/api/v1/central-groups/${groupId}/writings`, { year: 2026, submittedOn: '2026-02-20', ...body });
    expect((await add({ personId: leaderPerson.id, kind: 'research_report', title: '关于机关党建的调研报告' })).statusCode).toBe(201);
    expect((await add({ personId: leaderPerson.id, kind: 'statement', title: '研讨发言' })).statusCode).toBe(201);
    expect((await add({ personId: memberPerson.id, kind: 'statement', title: '交流发言' })).statusCode).toBe(201);
    const outsider = await makePerson(env.ctx, { orgId: tree.branch.id, name: '赵外人' });
    const refused = await add({ personId: outsider.id, kind: 'statement', title: 'x' });
    expect(code(refused)).toBe('CENTRAL_GROUP_NOT_MEMBER');
    expect(refused.json().error.message).toContain('赵外人');
    const summary = (await unitSecretary.get(`/api/v1/central-groups/${groupId}/writings?year=2026`)).json();
    expect(summary).toMatchObject({ researchReportsMin: 1, researchReportsMax: 2 });
    const of = (id: string) => summary.members.find((m: { personId: string }) => m.personId === id);
    expect(of(leaderPerson.id)).toMatchObject({ researchReportsShort: false, statements: [expect.objectContaining({ title: '研讨发言' })] });
    expect(of(memberPerson.id)).toMatchObject({ researchReportsShort: true, researchReports: [] });
    expect((await unitSecretary.get(`/api/v1/central-groups/${groupId}/writings?year=2025`)).json().members.every((m: { researchReportsShort: boolean }) => m.researchReportsShort)).toBe(true);
  });

  it('calls in study notes, which the member hands in and the reviewer returns; unsubmitted ones become overdue', async () => {
    const requested = await unitSecretary.post(`/api/v1/central-groups/${groupId}/note-reviews`, { personIds: [leaderPerson.id, memberPerson.id], dueOn: '2026-03-05' });
    expect(requested.statusCode, requested.body).toBe(201);
    expect(requested.json().map((r: { status: string; overdue: boolean }) => [r.status, r.overdue])).toEqual([
      ['requested', false],
      ['requested', false],
    ]);
    const outsider = await makePerson(env.ctx, { orgId: tree.branch.id, name: '赵外人' });
    expect(code(await unitSecretary.post(`/api/v1/central-groups/${groupId}/note-reviews`, { personIds: [outsider.id], dueOn: '2026-03-05' }))).toBe('CENTRAL_GROUP_NOT_MEMBER');

    const mine = (await leader.get('/api/v1/me/note-reviews')).json();
    expect(mine).toHaveLength(1);
    const others = requested.json().find((r: { personId: string }) => r.personId === memberPerson.id);
    expect((await leader.post(`/api/v1/me/note-reviews/${others.id}/submit`, { text: '代交' })).statusCode).toBe(404);
    expect(code(await unitSecretary.post(`/api/v1/central-groups/note-reviews/${mine[0].id}/return`, { comments: '尚未提交' }))).toBe('CENTRAL_GROUP_NOTE_REVIEW_STATE');
    const submitted = await leader.post(`/api/v1/me/note-reviews/${mine[0].id}/submit`, { text: '学习笔记：……' });
    expect(submitted.json()).toMatchObject({ status: 'submitted', text: '学习笔记：……' });
    expect(code(await leader.post(`/api/v1/me/note-reviews/${mine[0].id}/submit`, { text: '再交' }))).toBe('CENTRAL_GROUP_NOTE_REVIEW_STATE');
    expect((await branchSecretary.post(`/api/v1/central-groups/note-reviews/${mine[0].id}/return`, { comments: '越权' })).statusCode).toBe(404);
    const returned = await unitSecretary.post(`/api/v1/central-groups/note-reviews/${mine[0].id}/return`, { comments: '记录详实，请结合工作实际' });
    expect(returned.json()).toMatchObject({ status: 'returned', comments: '记录详实，请结合工作实际' });

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
