/**
 * What central-group study writes beyond its own tables, over HTTP: an assigned auditor on the
 * session's record (apart from those expected, off again when withdrawn unless the record says
 * they came); notifications to the auditor, to the member whose notes are called in and returned,
 * and to the working committee when a report arrives; and members' own files — study notes and
 * writings uploaded by the member for their own record only.
 */
import { beforeEach, expect, it } from 'vitest';
import { newId } from '../../lib/ids.ts';
import { makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient, type Client, type TestEnv } from '../../test/harness.ts';
import { multipartBody } from '../imports/imports.testkit.ts';

type Guest = { kind: string; personId: string | null; name: string; unit: string | null };

describeEachDatabase('central-groups effects', (getEnv) => {
  let env: TestEnv;
  let tree: Awaited<ReturnType<typeof makeTree>>;
  let officer: Client;
  let unitSecretary: Client;
  let branchSecretary: Client;
  let leader: Client;
  let member: Client;
  let leaderPerson: { id: string };
  let memberPerson: { id: string };
  let groupId: string;
  let users: Record<'officer' | 'unitSecretary' | 'branchSecretary' | 'leader' | 'member', { id: string; username: string }>;

  async function loginAll() {
    const login = async (u: { username: string }) => loginClient(env.app, u.username, TEST_PASSWORD);
    [officer, unitSecretary, branchSecretary, leader, member] = await Promise.all([
      login(users.officer),
      login(users.unitSecretary),
      login(users.branchSecretary),
      login(users.leader),
      login(users.member),
    ]);
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
      member: await makeUser(env.ctx, { roles: [{ role: 'member', orgId: tree.otherBranch.id }], personId: memberPerson.id }),
    };
    await loginAll();
    groupId = (await unitSecretary.post('/api/v1/central-groups', { orgId: tree.unit.id, name: '局党委理论学习中心组' })).json().id;
    const members = await unitSecretary.put(`/api/v1/central-groups/${groupId}/members`, {
      members: [
        { personId: leaderPerson.id, role: 'leader' },
        { personId: memberPerson.id, role: 'member' },
      ],
    });
    expect(members.statusCode, members.body).toBe(200);
  });

  const code = (res: { json: () => { error: { code: string } } }) => res.json().error.code;

  async function study(instant: string) {
    const planned = await officer.post('/api/v1/activities', {
      orgId: tree.unit.id,
      kind: 'central_group_study',
      centralGroupId: groupId,
      topic: '学习党的二十届四中全会精神',
      plannedStart: instant,
      studyForm: 'collective_study',
    });
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
  /** The session's record as its managers see it. */
  async function recordOf(activityId: string) {
    const res = await officer.get(`/api/v1/activities/${activityId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { counts: { expected: number }; guests: Guest[]; attendees: Array<{ personId: string; role: string; status: string }> };
  }
  const auditors = async (activityId: string) => (await recordOf(activityId)).guests.filter((g) => g.kind === 'auditor');
  async function inbox(c: Client, lang = 'zh-CN') {
    const res = await c.get('/api/v1/me/notifications', { 'accept-language': lang });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as Array<{ kind: string; title: string; body: string; link: string; params: Record<string, string | number> }>;
  }
  const upload = (name: string, data: string | Buffer) => multipartBody({}, { name, data: typeof data === 'string' ? Buffer.from(data) : data });
  const postFile = (c: Client, url: string, body: ReturnType<typeof upload>) => c.post(url, body.payload, { 'content-type': body.contentType });
  const auditActions = async (entityId: string) =>
    (await env.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', entityId).orderBy('id').execute()).map((a) => a.action);

  it('puts each assigned auditor on the record as an auditor, never as expected, and takes them off when withdrawn', async () => {
    const auditorPerson = await makePerson(env.ctx, { orgId: tree.root.id, name: '赵旁听' });
    const withPerson = await makeUser(env.ctx, { roles: [{ role: 'committee_officer', orgId: tree.root.id }], personId: auditorPerson.id });
    const noPerson = await makeUser(env.ctx, { roles: [{ role: 'committee_officer', orgId: tree.root.id }] });
    const planned = await study('2026-03-10T01:00:00Z');
    const before = await recordOf(planned.id);
    expect(before.counts.expected).toBe(2);

    const a1 = await officer.post(`/api/v1/activities/${planned.id}/auditors`, { auditorUserId: withPerson.id });
    expect(a1.statusCode, a1.body).toBe(201);
    const a2 = (await officer.post(`/api/v1/activities/${planned.id}/auditors`, { auditorUserId: noPerson.id })).json();
    const a3 = (await officer.post(`/api/v1/activities/${planned.id}/auditors`, { name: '刘老同志', unit: '县委老干部局' })).json();
    const after = await recordOf(planned.id);
    // Expected attendees (and so quorum and make-up study) are the group's members only.
    expect(after.counts.expected).toBe(2);
    expect(
      after.attendees
        .filter((a) => a.role === 'expected')
        .map((a) => a.personId)
        .sort(),
    ).toEqual([leaderPerson.id, memberPerson.id].sort());
    expect(after.attendees.find((a) => a.personId === auditorPerson.id)).toMatchObject({ role: 'auditor', status: 'pending' });
    expect(await auditors(planned.id)).toEqual([
      expect.objectContaining({ kind: 'auditor', personId: auditorPerson.id, name: '赵旁听' }),
      // An officer's account with no member record: its name and the working committee it is granted on.
      expect.objectContaining({ kind: 'auditor', personId: null, name: noPerson.username, unit: tree.root.name }),
      expect.objectContaining({ kind: 'auditor', personId: null, name: '刘老同志', unit: '县委老干部局' }),
    ]);

    // Withdrawing: only the working committee, only assignments not written up.
    expect((await unitSecretary.delete(`/api/v1/central-groups/audits/${a3.id}`)).statusCode).toBe(403);
    expect(code(await branchSecretary.delete(`/api/v1/central-groups/audits/${a3.id}`))).toBe('CENTRAL_GROUP_AUDIT_NOT_FOUND');
    expect(code(await officer.delete(`/api/v1/central-groups/audits/${newId()}`))).toBe('CENTRAL_GROUP_AUDIT_NOT_FOUND');
    const removed = await officer.delete(`/api/v1/central-groups/audits/${a3.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().map((a: { id: string }) => a.id)).toEqual([a1.json().id, a2.id]);
    expect(await auditActions(a3.id)).toEqual(['central_group.audit.assign', 'central_group.audit.remove']);
    expect((await officer.delete(`/api/v1/central-groups/audits/${a2.id}`)).statusCode).toBe(200);
    expect((await auditors(planned.id)).map((g) => g.name)).toEqual(['赵旁听']);
    expect((await officer.delete(`/api/v1/central-groups/audits/${a1.json().id}`)).statusCode).toBe(200);
    expect(await auditors(planned.id)).toEqual([]);
    expect((await recordOf(planned.id)).counts.expected).toBe(2);
    // Assigned again after withdrawal: on the record again.
    expect((await officer.post(`/api/v1/activities/${planned.id}/auditors`, { auditorUserId: withPerson.id })).statusCode).toBe(201);
    expect((await auditors(planned.id)).map((g) => g.personId)).toEqual([auditorPerson.id]);
  });

  it('keeps on the record an auditor the record says came, and refuses to withdraw a completed audit', async () => {
    const auditorPerson = await makePerson(env.ctx, { orgId: tree.root.id, name: '赵旁听' });
    const withPerson = await makeUser(env.ctx, { roles: [{ role: 'committee_officer', orgId: tree.root.id }], personId: auditorPerson.id });
    const planned = await study('2026-03-10T01:00:00Z');
    const personAudit = (await officer.post(`/api/v1/activities/${planned.id}/auditors`, { auditorUserId: withPerson.id })).json();
    const namedAudit = (await officer.post(`/api/v1/activities/${planned.id}/auditors`, { name: '刘老同志', unit: '县委老干部局' })).json();
    const doneAudit = (await officer.post(`/api/v1/activities/${planned.id}/auditors`, { name: '孙老同志', unit: '县委老干部局' })).json();
    env.setNow('2026-03-10T04:00:00Z');
    await loginAll();
    await record(planned, '2026-03-10T01:00:00Z');
    const marked = await officer.put(`/api/v1/activities/${planned.id}/attendance`, {
      entries: [
        { personId: auditorPerson.id, status: 'present' },
        { personId: leaderPerson.id, status: 'present' },
      ],
    });
    expect(marked.statusCode, marked.body).toBe(200);
    // The auditor's presence counts for no quorum: present 1 of 2 expected.
    expect((await officer.get(`/api/v1/activities/${planned.id}`)).json().counts).toMatchObject({ expected: 2, present: 1 });

    expect((await officer.post(`/api/v1/central-groups/audits/${doneAudit.id}/complete`, { notes: '学习认真' })).statusCode).toBe(200);
    const refused = await officer.delete(`/api/v1/central-groups/audits/${doneAudit.id}`);
    expect(refused.statusCode).toBe(409);
    expect(code(refused)).toBe('CENTRAL_GROUP_AUDIT_KEEP_COMPLETED');
    expect(refused.json().error.message).toContain('孙老同志');

    // Withdrawn after the session: the marked person and the named guest of a held record stay.
    expect((await officer.delete(`/api/v1/central-groups/audits/${personAudit.id}`)).statusCode).toBe(200);
    expect((await officer.delete(`/api/v1/central-groups/audits/${namedAudit.id}`)).statusCode).toBe(200);
    expect((await auditors(planned.id)).map((g) => g.name)).toEqual(['赵旁听', '刘老同志', '孙老同志']);
    expect((await officer.get(`/api/v1/activities/${planned.id}/auditors`)).json().map((a: { id: string }) => a.id)).toEqual([doneAudit.id]);

    // A member already expected at the session keeps their place when also assigned to audit it.
    const cadre = await makePerson(env.ctx, { orgId: tree.branch.id, name: '钱处长' });
    const cadreOfficer = await makeUser(env.ctx, { roles: [{ role: 'committee_officer', orgId: tree.root.id }], personId: cadre.id });
    const members = [leaderPerson.id, memberPerson.id, cadre.id].map((personId, i) => ({ personId, role: i === 0 ? 'leader' : 'member' }));
    expect((await unitSecretary.put(`/api/v1/central-groups/${groupId}/members`, { members })).statusCode).toBe(200);
    const other = await study('2026-03-20T01:00:00Z');
    const both = await officer.post(`/api/v1/activities/${other.id}/auditors`, { auditorUserId: cadreOfficer.id });
    expect(both.statusCode, both.body).toBe(201);
    expect((await recordOf(other.id)).attendees.find((a) => a.personId === cadre.id)).toMatchObject({ role: 'expected' });
    expect((await officer.delete(`/api/v1/central-groups/audits/${both.json().id}`)).statusCode).toBe(200);
    expect((await recordOf(other.id)).attendees.find((a) => a.personId === cadre.id)).toMatchObject({ role: 'expected' });
  });

  it("notifies the assigned auditor once, in the reader's language, and nobody for an auditor without an account", async () => {
    const auditorUser = await makeUser(env.ctx, { roles: [{ role: 'committee_officer', orgId: tree.root.id }] });
    const auditor = await loginClient(env.app, auditorUser.username, TEST_PASSWORD);
    const planned = await study('2026-03-10T01:00:00Z');
    const audit = (await officer.post(`/api/v1/activities/${planned.id}/auditors`, { auditorUserId: auditorUser.id })).json();
    await officer.post(`/api/v1/activities/${planned.id}/auditors`, { name: '刘老同志', unit: '县委老干部局' });
    const zh = await inbox(auditor);
    expect(zh).toEqual([
      expect.objectContaining({
        kind: 'central_group_audit_assigned',
        title: '请列席旁听：局党委理论学习中心组',
        body: '机关工委安排您列席旁听局党委理论学习中心组 2026-03-10 的集体学习“学习党的二十届四中全会精神”，旁听后请填写旁听意见。',
        link: `/central-groups?tab=myAudits&audit=${audit.id}`,
      }),
    ]);
    expect((await inbox(auditor, 'en'))[0]!.title).toBe('Audit assigned: 局党委理论学习中心组');
    // The officer who assigned it and the members hear nothing of it.
    expect((await inbox(officer)).filter((n) => n.kind === 'central_group_audit_assigned')).toEqual([]);
    expect(await inbox(leader)).toEqual([]);
  });

  it('notifies the member when their notes are called in and when they come back with comments', async () => {
    const called = await unitSecretary.post(`/api/v1/central-groups/${groupId}/note-reviews`, { personIds: [leaderPerson.id], dueOn: '2026-03-31' });
    expect(called.statusCode, called.body).toBe(201);
    const reviewId = called.json()[0].id;
    expect(await inbox(leader)).toEqual([
      expect.objectContaining({
        kind: 'central_group_notes_requested',
        title: '请提交学习笔记',
        body: '局党委理论学习中心组调阅您的学习笔记，请于 2026-03-31 前提交。',
        link: `/my-central-group?tab=notes&review=${reviewId}`,
      }),
    ]);
    expect(await inbox(member)).toEqual([]);
    expect((await leader.post(`/api/v1/me/note-reviews/${reviewId}/submit`, { text: '学习体会……' })).statusCode).toBe(200);
    expect((await unitSecretary.post(`/api/v1/central-groups/note-reviews/${reviewId}/return`, { comments: '联系实际不够' })).statusCode).toBe(200);
    const after = await inbox(leader, 'en');
    expect(after.map((n) => n.kind)).toEqual(['central_group_notes_returned', 'central_group_notes_requested']);
    expect(after[0]).toMatchObject({ title: 'Study notes returned', body: '局党委理论学习中心组 returned your study notes with comments: read them.' });
  });

  it('notifies the working committee over the group of a newly submitted report, once per version', async () => {
    const secondOfficer = await makeUser(env.ctx, { roles: [{ role: 'committee_officer', orgId: tree.unit.id }] });
    const narrowOfficer = await makeUser(env.ctx, { roles: [{ role: 'committee_officer', orgId: tree.otherBranch.id }] });
    const planned = await study('2026-03-10T01:00:00Z');
    env.setNow('2026-03-10T04:00:00Z');
    await loginAll();
    const [second, narrow] = await Promise.all([
      loginClient(env.app, secondOfficer.username, TEST_PASSWORD),
      loginClient(env.app, narrowOfficer.username, TEST_PASSWORD),
    ]);
    const held = await record(planned, '2026-03-10T01:00:00Z');
    const first = await unitSecretary.post(`/api/v1/activities/${planned.id}/study-report`);
    expect(first.statusCode, first.body).toBe(201);
    const expected = expect.objectContaining({
      kind: 'central_group_report_submitted',
      title: '一学一报待签收：局党委理论学习中心组',
      body: '局党委理论学习中心组报送了 2026-03-10 集体学习“学习党的二十届四中全会精神”的一学一报（第 1 版），请审阅签收。',
      link: `/central-groups?tab=reports&period=2026&orgId=${tree.unit.id}`,
    });
    expect(await inbox(officer)).toEqual([expected]);
    expect(await inbox(second)).toEqual([expected]);
    // An officer over another branch only is not the working committee of this group.
    expect(await inbox(narrow)).toEqual([]);
    // The same record again is the same report: no second message.
    expect((await unitSecretary.post(`/api/v1/activities/${planned.id}/study-report`)).statusCode).toBe(200);
    expect(await inbox(officer)).toHaveLength(1);
    // A new version submitted by an officer reaches the other officers, not the one who sent it.
    await record(held, '2026-03-10T01:00:00Z', { minutes: '会议记录补充' });
    const v2 = await officer.post(`/api/v1/activities/${planned.id}/study-report`);
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json().version).toBe(2);
    expect(await inbox(officer)).toHaveLength(1);
    expect((await inbox(second)).map((n) => n.params.version)).toEqual([2, 1]);
  });

  it('lets a member upload the file of their own notes, read it, and hand it in; nobody else uploads for them', async () => {
    const reviews = (
      await unitSecretary.post(`/api/v1/central-groups/${groupId}/note-reviews`, { personIds: [leaderPerson.id, memberPerson.id], dueOn: '2026-03-31' })
    ).json() as Array<{ id: string; personId: string }>;
    const mine = reviews.find((r) => r.personId === leaderPerson.id)!.id;
    const theirs = reviews.find((r) => r.personId === memberPerson.id)!.id;

    expect(code(await postFile(leader, `/api/v1/me/note-reviews/${theirs}/attachment`, upload('笔记.txt', '别人的笔记')))).toBe(
      'CENTRAL_GROUP_NOTE_REVIEW_NOT_FOUND',
    );
    expect(code(await postFile(officer, `/api/v1/me/note-reviews/${mine}/attachment`, upload('笔记.txt', '代传')))).toBe('CENTRAL_GROUP_NOTE_REVIEW_NOT_FOUND');
    expect(code(await postFile(leader, `/api/v1/me/note-reviews/${mine}/attachment`, multipartBody({}, null)))).toBe('ATTACHMENT_FILE_REQUIRED');
    expect(code(await postFile(leader, `/api/v1/me/note-reviews/${mine}/attachment`, upload('笔记.exe', 'MZ')))).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    // The member may not upload into the organisation's files otherwise.
    const plain = multipartBody({ orgId: tree.unit.id }, { name: '笔记.txt', data: Buffer.from('x') });
    expect((await leader.post('/api/v1/attachments', plain.payload, { 'content-type': plain.contentType })).statusCode).toBe(404);

    const uploaded = await postFile(leader, `/api/v1/me/note-reviews/${mine}/attachment`, upload('第一季度学习笔记.txt', '学习笔记：第一季度\n'));
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const file = uploaded.json();
    expect(file).toMatchObject({ fileName: '第一季度学习笔记.txt', downloadUrl: `/api/v1/attachments/${file.id}/download` });
    const stored = await env.ctx.db.selectFrom('attachments').select(['org_id', 'uploaded_by']).where('id', '=', file.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ org_id: tree.unit.id, uploaded_by: users.leader.id });
    // Readable by its member and the group's managers, not by another member or an outside secretary.
    expect((await leader.get(`/api/v1/attachments/${file.id}/download`)).body).toBe('学习笔记：第一季度\n');
    expect((await unitSecretary.get(`/api/v1/attachments/${file.id}/download`)).statusCode).toBe(200);
    expect((await member.get(`/api/v1/attachments/${file.id}/download`)).statusCode).toBe(404);
    expect((await branchSecretary.get(`/api/v1/attachments/${file.id}/download`)).statusCode).toBe(404);
    // Another member cannot hand in someone else's file as theirs.
    expect(code(await member.post(`/api/v1/me/note-reviews/${theirs}/submit`, { attachmentId: file.id }))).toBe('ATTACHMENT_NOT_FOUND');

    const submitted = await leader.post(`/api/v1/me/note-reviews/${mine}/submit`, { attachmentId: file.id });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', text: null, attachment: { id: file.id, fileName: '第一季度学习笔记.txt' } });
    expect((await unitSecretary.get(`/api/v1/central-groups/${groupId}/note-reviews`)).json().find((r: { id: string }) => r.id === mine).attachment.id).toBe(
      file.id,
    );
    expect(code(await postFile(leader, `/api/v1/me/note-reviews/${mine}/attachment`, upload('补充.txt', '补充')))).toBe(
      'CENTRAL_GROUP_NOTES_ALREADY_SUBMITTED',
    );
    expect(await auditActions(mine)).toEqual(['attachment.link', 'central_group.notes.submit']);
    // Refused uploads leave no file behind.
    expect(
      Number(
        (
          await env.ctx.db
            .selectFrom('attachments')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(1);
  });

  it("lets a member record their own writings in their group, attach and replace the file, and see the year's practice", async () => {
    expect((await leader.get('/api/v1/me/central-groups')).json()).toEqual([
      { id: groupId, orgId: tree.unit.id, orgName: tree.unit.name, name: '局党委理论学习中心组', memberCount: 2, role: 'leader' },
    ]);
    expect((await officer.get('/api/v1/me/central-groups')).statusCode).toBe(403);

    const outsider = await makePerson(env.ctx, { orgId: tree.branch.id, name: '周其他' });
    const outsiderUser = await makeUser(env.ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: outsider.id });
    const stranger = await loginClient(env.app, outsiderUser.username, TEST_PASSWORD);
    const body = { groupId, year: 2026, kind: 'research_report', title: '关于基层减负的调研报告', submittedOn: '2026-02-20' };
    expect(code(await stranger.post('/api/v1/me/writings', body))).toBe('CENTRAL_GROUP_NOT_FOUND');
    expect(code(await leader.post('/api/v1/me/writings', { ...body, groupId: newId() }))).toBe('CENTRAL_GROUP_NOT_FOUND');
    expect((await leader.post('/api/v1/me/writings', { ...body, personId: memberPerson.id })).statusCode).toBe(201);
    const otherSession = await officer.post('/api/v1/activities', {
      orgId: tree.unit.id,
      kind: 'party_lesson',
      topic: '党课',
      plannedStart: '2026-03-12T01:00:00Z',
    });
    expect(code(await leader.post('/api/v1/me/writings', { ...body, activityId: otherSession.json().id }))).toBe('CENTRAL_GROUP_WRITING_ACTIVITY');

    const mineList = (await leader.get('/api/v1/me/writings?year=2026')).json();
    expect(mineList).toMatchObject({
      year: 2026,
      researchReportsMin: 1,
      researchReportsMax: 2,
      yearEnded: false,
      groups: [{ groupId, groupName: '局党委理论学习中心组', statements: [] }],
    });
    const writing = mineList.groups[0].researchReports[0];
    // The extra personId was ignored: the writing is the caller's own.
    expect(writing).toMatchObject({ personId: leaderPerson.id, title: '关于基层减负的调研报告', attachment: null });
    expect(mineList.groups[0].researchReportsShort).toBe(false);
    expect((await member.get('/api/v1/me/writings?year=2026')).json().groups[0]).toMatchObject({ researchReports: [], researchReportsShort: true });

    const url = `/api/v1/me/writings/${writing.id}/attachment`;
    expect(code(await postFile(member, url, upload('报告.txt', '冒名')))).toBe('CENTRAL_GROUP_WRITING_NOT_FOUND');
    expect(code(await postFile(unitSecretary, url, upload('报告.txt', '代传')))).toBe('CENTRAL_GROUP_WRITING_NOT_FOUND');
    const first = await postFile(leader, url, upload('调研报告初稿.txt', '初稿'));
    expect(first.statusCode, first.body).toBe(200);
    const firstFile = first.json().attachment;
    expect(firstFile).toMatchObject({ fileName: '调研报告初稿.txt' });
    const second = await postFile(leader, url, upload('调研报告定稿.txt', '定稿'));
    const secondFile = second.json().attachment;
    expect(secondFile.fileName).toBe('调研报告定稿.txt');
    // The earlier file is no longer the writing's: its member cannot read it through the writing any more.
    expect((await leader.get(`/api/v1/attachments/${firstFile.id}/download`)).statusCode).toBe(404);
    expect((await leader.get(`/api/v1/attachments/${secondFile.id}/download`)).body).toBe('定稿');
    expect(await auditActions(writing.id)).toEqual([
      'central_group.writing.add',
      'attachment.link',
      'central_group.writing.file',
      'attachment.link',
      'attachment.unlink',
      'central_group.writing.file',
    ]);
    // The managers see the member's writing and its file in the group's list.
    const summary = (await unitSecretary.get(`/api/v1/central-groups/${groupId}/writings?year=2026`)).json();
    expect(summary.members.find((m: { personId: string }) => m.personId === leaderPerson.id)).toMatchObject({
      researchReportCount: 1,
      researchReports: [{ id: writing.id, attachment: { id: secondFile.id } }],
    });
    expect(summary.yearEnded).toBe(false);

    // Once the year is over, the member still short of the practice has fallen short.
    env.setNow('2027-01-05T04:00:00Z');
    await loginAll();
    expect((await member.get('/api/v1/me/writings?year=2026')).json()).toMatchObject({ yearEnded: true, groups: [{ researchReportsShort: true }] });
  });
});
