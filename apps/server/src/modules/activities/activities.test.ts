/**
 * Activities over HTTP on a real database: who should attend for each kind (dual organisational
 * life included), recording and correcting, the quorum and majority rules at their boundaries,
 * guests and auditors, the attendee's limited view, audits and optimistic versions.
 */
import { expect, it } from 'vitest';
import type { ServerContext } from '../../context.ts';
import { newId } from '../../lib/ids.ts';
import { makeOrg, makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient, type Client } from '../../test/harness.ts';

type Attendee = { personId: string; role: string; voting: boolean; status: string; leaveReason: string | null };

describeEachDatabase('activities', (env) => {
  async function clientFor(
    roles: Array<{ role: 'committee_officer' | 'secretary' | 'member'; orgId: string }>,
    personId: string | null = null,
  ): Promise<Client> {
    const user = await makeUser(env().ctx, { roles, personId });
    return loginClient(env().app, user.username, TEST_PASSWORD);
  }

  /** A party committee with a branch that has a committee and a party group, and a sibling branch. */
  async function branchWorld() {
    const { ctx } = env();
    const tree = await makeTree(ctx);
    const branch = await makeOrg(ctx, { parentId: tree.unit.id, kind: 'branch', name: '机关第三党支部', hasCommittee: true });
    const group = await makeOrg(ctx, { parentId: branch.id, kind: 'party_group', name: '第一党小组' });
    const secretary = await clientFor([{ role: 'secretary', orgId: branch.id }]);
    return { tree, branch, group, secretary };
  }

  const setFlags = (ctx: ServerContext, personId: string, flags: { is_secretary?: boolean; is_committee_member?: boolean }) =>
    ctx.db.updateTable('people').set(flags).where('id', '=', personId).execute();

  const mark = (ctx: ServerContext, activityId: string, personIds: string[], status: 'present' | 'absent' | 'leave', leaveReason: string | null = null) =>
    ctx.db
      .updateTable('activity_attendees')
      .set({ status, leave_reason: leaveReason, marked_via: 'secretary' })
      .where('activity_id', '=', activityId)
      .where('person_id', 'in', personIds)
      .execute();

  const pathOf = async (ctx: ServerContext, orgId: string) =>
    (await ctx.db.selectFrom('organizations').select('path').where('id', '=', orgId).executeTakeFirstOrThrow()).path;

  const attendeesOf = (body: { attendees: Attendee[] }) => new Map(body.attendees.map((a) => [a.personId, a]));

  /** The record request's `attendance`: every expected attendee of a planned activity with one status. */
  const everyone = (body: { attendees: Attendee[] }, status: 'present' | 'absent') =>
    body.attendees.filter((a) => a.role === 'expected').map((a) => ({ personId: a.personId, status }));

  /** This module's audit entries of an activity (derived modules add their own, e.g. make-up study). */
  const auditActions = async (ctx: ServerContext, activityId: string) =>
    (
      await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', activityId).where('action', 'like', 'activity.%').orderBy('id').execute()
    ).map((r) => r.action);

  it('derives an assembly’s attendees from the whole branch, party groups included, with votes for full members only', async () => {
    const { ctx } = env();
    env().setNow('2026-07-10T02:00:00Z');
    const { tree, branch, group, secretary } = await branchWorld();
    const full = await makePerson(ctx, { orgId: branch.id, name: '正式党员' });
    const probationary = await makePerson(ctx, { orgId: branch.id, name: '预备党员', category: 'probationary' });
    const inGroup = await makePerson(ctx, { orgId: group.id, name: '小组党员' });
    const lost = await makePerson(ctx, { orgId: branch.id, name: '失联党员', status: 'lost_contact' });
    const flowing = await makePerson(ctx, { orgId: branch.id, name: '流出党员', status: 'flowing_out' });
    const activist = await makePerson(ctx, { orgId: branch.id, name: '积极分子', category: 'activist' });
    const elsewhere = await makePerson(ctx, { orgId: tree.otherBranch.id, name: '别的支部' });

    const res = await secretary.post('/api/v1/activities', {
      orgId: branch.id,
      kind: 'member_assembly',
      topic: '第三季度党员大会',
      plannedStart: '2026-07-20T09:00:00+08:00',
      place: '三楼会议室',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ status: 'planned', kind: 'member_assembly', orgId: branch.id, canManage: true, counts: { expected: 3, pending: 3 } });
    const attendees = attendeesOf(body);
    expect([...attendees.keys()].sort()).toEqual([full.id, probationary.id, inGroup.id].sort());
    expect(attendees.get(full.id)).toMatchObject({ role: 'expected', voting: true, status: 'pending' });
    expect(attendees.get(probationary.id)?.voting).toBe(false);
    for (const p of [lost, flowing, activist, elsewhere]) expect(attendees.has(p.id)).toBe(false);
    expect(await auditActions(ctx, body.id)).toEqual(['activity.create']);

    // The calendar and the list: the branch's activities with counts, nothing of the sibling branch.
    const list = await secretary.get(`/api/v1/activities?orgId=${branch.id}&from=2026-07-01&to=2026-07-31`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([expect.objectContaining({ id: body.id, counts: { expected: 3, present: 0, absent: 0, leave: 0, pending: 3 } })]);
    expect((await secretary.get(`/api/v1/activities?orgId=${branch.id}&from=2026-08-01&to=2026-08-31`)).json().total).toBe(0);
    expect((await secretary.get(`/api/v1/activities?orgId=${tree.otherBranch.id}`)).statusCode).toBe(404);
  });

  it('expects only the committee at a committee meeting, and refuses one where there is no committee', async () => {
    const { ctx } = env();
    env().setNow('2026-07-10T02:00:00Z');
    const { tree, branch, group, secretary } = await branchWorld();
    const sec = await makePerson(ctx, { orgId: branch.id, name: '书记' });
    const committeeMember = await makePerson(ctx, { orgId: branch.id, name: '组织委员' });
    const ordinary = await makePerson(ctx, { orgId: branch.id, name: '普通党员' });
    const groupLeader = await makePerson(ctx, { orgId: group.id, name: '小组长' });
    await setFlags(ctx, sec.id, { is_secretary: true });
    await setFlags(ctx, committeeMember.id, { is_committee_member: true });
    // A committee member of a party group below is not on the branch committee.
    await setFlags(ctx, groupLeader.id, { is_committee_member: true });

    const res = await secretary.post('/api/v1/activities', {
      orgId: branch.id,
      kind: 'committee_meeting',
      topic: '研究发展党员',
      plannedStart: '2026-07-15T15:00:00+08:00',
    });
    expect(res.statusCode).toBe(201);
    expect([...attendeesOf(res.json()).keys()].sort()).toEqual([sec.id, committeeMember.id].sort());
    expect(attendeesOf(res.json()).has(ordinary.id)).toBe(false);

    const officer = await clientFor([{ role: 'committee_officer', orgId: tree.root.id }]);
    const refused = await officer.post('/api/v1/activities', {
      orgId: tree.otherBranch.id,
      kind: 'committee_meeting',
      topic: '支委会',
      plannedStart: '2026-07-15T15:00:00+08:00',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('ACTIVITY_NEEDS_COMMITTEE');
    expect(refused.json().error.message).toContain(tree.otherBranch.name);
  });

  it('holds a party-group meeting in the group with its own members, and places each kind in the right organisation', async () => {
    const { ctx } = env();
    env().setNow('2026-07-10T02:00:00Z');
    const { tree, branch, group, secretary } = await branchWorld();
    const inGroup = await makePerson(ctx, { orgId: group.id, name: '组员' });
    await makePerson(ctx, { orgId: branch.id, name: '支部直属党员' });
    const ok = await secretary.post('/api/v1/activities', {
      orgId: group.id,
      kind: 'party_group_meeting',
      topic: '小组学习',
      plannedStart: '2026-07-16T15:00:00+08:00',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().attendees.map((a: Attendee) => a.personId)).toEqual([inGroup.id]);

    const onBranch = await secretary.post('/api/v1/activities', {
      orgId: branch.id,
      kind: 'party_group_meeting',
      topic: '小组学习',
      plannedStart: '2026-07-16T15:00:00+08:00',
    });
    expect(onBranch.statusCode).toBe(400);
    expect(onBranch.json().error).toMatchObject({ code: 'ACTIVITY_KIND_NEEDS_PARTY_GROUP' });
    expect(onBranch.json().error.message).toContain('党小组');

    const officer = await clientFor([{ role: 'committee_officer', orgId: tree.root.id }]);
    const assemblyOnCommittee = await officer.post('/api/v1/activities', {
      orgId: tree.unit.id,
      kind: 'member_assembly',
      topic: '大会',
      plannedStart: '2026-07-16T15:00:00+08:00',
    });
    expect(assemblyOnCommittee.json().error.code).toBe('ACTIVITY_KIND_NEEDS_BRANCH');
    expect(assemblyOnCommittee.json().error.message).toContain('支部党员大会');
    const themeDayInEnglish = await officer.post(
      '/api/v1/activities',
      { orgId: group.id, kind: 'theme_party_day', topic: 'x', plannedStart: '2026-07-16T15:00:00+08:00' },
      { 'accept-language': 'en' },
    );
    expect(themeDayInEnglish.json().error.message).toContain('theme party day');
    const studyOnBranch = await officer.post('/api/v1/activities', {
      orgId: branch.id,
      kind: 'central_group_study',
      topic: 'x',
      plannedStart: '2026-07-16T15:00:00+08:00',
      centralGroupId: newId(),
    });
    expect(studyOnBranch.json().error.code).toBe('ACTIVITY_KIND_NEEDS_CENTRAL_GROUP_ORG');
  });

  it('expects the central group’s current members at its study, who are also expected in their own branches', async () => {
    const { ctx } = env();
    env().setNow('2026-07-10T02:00:00Z');
    const { tree, branch } = await branchWorld();
    const leader = await makePerson(ctx, { orgId: branch.id, name: '局长' });
    const deputy = await makePerson(ctx, { orgId: tree.otherBranch.id, name: '副局长' });
    const former = await makePerson(ctx, { orgId: tree.otherBranch.id, name: '原副局长' });
    const groupId = newId();
    await ctx.db
      .insertInto('central_groups')
      .values({ id: groupId, org_id: tree.unit.id, org_path: await pathOf(ctx, tree.unit.id), name: '局党委理论学习中心组' })
      .execute();
    await ctx.db
      .insertInto('central_group_members')
      .values([
        { group_id: groupId, person_id: leader.id, role: 'leader', joined_on: '2025-01-01' },
        { group_id: groupId, person_id: deputy.id, role: 'member', joined_on: null },
        { group_id: groupId, person_id: former.id, role: 'member', joined_on: '2024-01-01', left_on: '2026-03-01' },
      ])
      .execute();
    const officer = await clientFor([{ role: 'committee_officer', orgId: tree.unit.id }]);

    const missingGroup = await officer.post('/api/v1/activities', {
      orgId: tree.unit.id,
      kind: 'central_group_study',
      topic: '专题学习',
      plannedStart: '2026-07-18T09:00:00+08:00',
    });
    expect(missingGroup.statusCode).toBe(400);
    expect(missingGroup.json().error.details[0]).toMatchObject({ path: 'centralGroupId', code: 'ACTIVITY_CENTRAL_GROUP_REQUIRED' });

    const res = await officer.post('/api/v1/activities', {
      orgId: tree.unit.id,
      kind: 'central_group_study',
      topic: '专题学习',
      plannedStart: '2026-07-18T09:00:00+08:00',
      centralGroupId: groupId,
      studyForm: 'discussion',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().centralGroup).toEqual({ id: groupId, name: '局党委理论学习中心组' });
    expect([...attendeesOf(res.json()).keys()].sort()).toEqual([leader.id, deputy.id].sort());

    // Dual organisational life: the leader is expected at the branch's own assembly too.
    const secretary = await clientFor([{ role: 'secretary', orgId: branch.id }]);
    const assembly = await secretary.post('/api/v1/activities', {
      orgId: branch.id,
      kind: 'member_assembly',
      topic: '党员大会',
      plannedStart: '2026-07-19T09:00:00+08:00',
    });
    expect(attendeesOf(assembly.json()).has(leader.id)).toBe(true);

    // Another organisation's central group cannot run this one's study.
    const otherUnit = await makeOrg(ctx, { parentId: tree.root.id, kind: 'leading_party_group', name: '某局党组' });
    const foreignGroup = newId();
    await ctx.db
      .insertInto('central_groups')
      .values({ id: foreignGroup, org_id: otherUnit.id, org_path: await pathOf(ctx, otherUnit.id), name: '某局党组中心组' })
      .execute();
    const mismatch = await officer.post('/api/v1/activities', {
      orgId: tree.unit.id,
      kind: 'democratic_life_meeting',
      topic: '民主生活会',
      plannedStart: '2026-07-18T09:00:00+08:00',
      centralGroupId: foreignGroup,
    });
    expect(mismatch.json().error.code).toBe('ACTIVITY_CENTRAL_GROUP_MISMATCH');
  });

  it('names the participants of a heart-to-heart talk, and only of a talk', async () => {
    const { ctx } = env();
    env().setNow('2026-07-10T02:00:00Z');
    const { branch, secretary } = await branchWorld();
    const a = await makePerson(ctx, { orgId: branch.id, name: '谈话人' });
    const b = await makePerson(ctx, { orgId: branch.id, name: '谈话对象', category: 'probationary' });
    await makePerson(ctx, { orgId: branch.id, name: '旁人' });
    const none = await secretary.post('/api/v1/activities', {
      orgId: branch.id,
      kind: 'heart_to_heart_talk',
      topic: '谈心',
      plannedStart: '2026-07-12T10:00:00+08:00',
    });
    expect(none.json().error.details[0]).toMatchObject({ path: 'participantIds', code: 'ACTIVITY_PARTICIPANTS_REQUIRED' });
    const onAssembly = await secretary.post('/api/v1/activities', {
      orgId: branch.id,
      kind: 'member_assembly',
      topic: '大会',
      plannedStart: '2026-07-12T10:00:00+08:00',
      participantIds: [a.id, b.id],
    });
    expect(onAssembly.json().error.details[0].code).toBe('ACTIVITY_PARTICIPANTS_ONLY_TALKS');
    const talk = await secretary.post('/api/v1/activities', {
      orgId: branch.id,
      kind: 'heart_to_heart_talk',
      topic: '谈心',
      plannedStart: '2026-07-12T10:00:00+08:00',
      participantIds: [a.id, b.id],
    });
    expect(talk.statusCode).toBe(201);
    const att = attendeesOf(talk.json());
    expect([...att.keys()].sort()).toEqual([a.id, b.id].sort());
    expect(att.get(b.id)?.voting).toBe(false);
    // Recording keeps the participants: a talk has no organisation rule to derive them from.
    const recorded = await secretary.post(`/api/v1/activities/${talk.json().id}/record`, {
      version: talk.json().version,
      actualStart: '2026-07-10T09:00:00+08:00',
      attendance: everyone(talk.json(), 'present'),
    });
    expect(recorded.statusCode).toBe(200);
    expect([...attendeesOf(recorded.json()).keys()].sort()).toEqual([a.id, b.id].sort());
    expect(recorded.json().creditHours).toBe(0);
  });

  it('records an activity as held on its local day, re-derives attendees, refuses a future start, and takes corrections', async () => {
    const { ctx } = env();
    env().setNow('2026-07-01T03:00:00Z');
    const { tree, branch, secretary } = await branchWorld();
    const stays = await makePerson(ctx, { orgId: branch.id, name: '留下的' });
    const leavesUnmarked = await makePerson(ctx, { orgId: branch.id, name: '调走未标记' });
    const leavesMarked = await makePerson(ctx, { orgId: branch.id, name: '调走已请假' });
    const planned = (
      await secretary.post('/api/v1/activities', {
        orgId: branch.id,
        kind: 'party_lesson',
        topic: '七一党课',
        plannedStart: '2026-07-01T00:30:00+08:00',
        speakerName: '王书记',
      })
    ).json();
    expect(planned.counts.expected).toBe(3);

    // Since planning: one member joins, two leave (one had asked for leave: that record stays).
    const joined = await makePerson(ctx, { orgId: branch.id, name: '新转入' });
    await mark(ctx, planned.id, [leavesMarked.id], 'leave', '出差');
    await ctx.db
      .updateTable('people')
      .set({ org_id: tree.otherBranch.id, org_path: await pathOf(ctx, tree.otherBranch.id) })
      .where('id', 'in', [leavesUnmarked.id, leavesMarked.id])
      .execute();

    const future = await secretary.post(`/api/v1/activities/${planned.id}/record`, { version: planned.version, actualStart: '2026-07-01T12:00:00+08:00' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.code).toBe('ACTIVITY_START_IN_FUTURE');
    expect(future.json().error.message).toContain('2026-07-01 12:00');

    const stale = await secretary.post(`/api/v1/activities/${planned.id}/record`, { version: planned.version + 1, actualStart: '2026-06-30T16:30:00Z' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT_VERSION');

    // Nobody marked the two expected members, one of whom only the recording makes expected: refused, naming both.
    const unmarked = await secretary.post(`/api/v1/activities/${planned.id}/record`, { version: planned.version, actualStart: '2026-06-30T16:30:00Z' });
    expect(unmarked.statusCode).toBe(409);
    expect(unmarked.json().error.code).toBe('ACTIVITY_ATTENDANCE_PENDING');
    expect(unmarked.json().error.message).toContain('还有 2 名应到人员未登记出席情况');
    expect(unmarked.json().error.message).toContain('新转入');
    expect(unmarked.json().error.message).toContain('留下的');
    expect(unmarked.json().error.message).toContain('全部出席');
    expect(unmarked.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual([`attendance.${joined.id}`, `attendance.${stays.id}`].sort());
    const english = await secretary.post(
      `/api/v1/activities/${planned.id}/record`,
      { version: planned.version, actualStart: '2026-06-30T16:30:00Z', attendance: [{ personId: stays.id, status: 'present' }] },
      { 'accept-language': 'en' },
    );
    expect(english.json().error.message).toMatch(/^1 expected attendee is not marked yet: 新转入\. Mark each of them present, absent or on leave/);
    // Nothing of the refused requests stayed: still planned, the newcomer not yet expected, the mark not written.
    const untouched = (await secretary.get(`/api/v1/activities/${planned.id}`)).json();
    expect(untouched).toMatchObject({ status: 'planned', version: planned.version, heldOn: null });
    expect(attendeesOf(untouched).has(joined.id)).toBe(false);
    expect(attendeesOf(untouched).get(stays.id)?.status).toBe('pending');

    // 00:30 on 1 July in Beijing is still 30 June in UTC: the day held is the local one. 90 minutes earn 1.5.
    // The newcomer is marked in the same request that makes them expected.
    const held = await secretary.post(`/api/v1/activities/${planned.id}/record`, {
      version: planned.version,
      actualStart: '2026-06-30T16:30:00Z',
      actualEnd: '2026-06-30T18:00:00Z',
      minutes: '学习了党章',
      studyForm: 'tutorial',
      attendance: [
        { personId: stays.id, status: 'present' },
        { personId: joined.id, status: 'absent' },
      ],
    });
    expect(held.statusCode).toBe(200);
    expect(held.json()).toMatchObject({
      status: 'held',
      heldOn: '2026-07-01',
      creditHours: 1.5,
      minutes: '学习了党章',
      speakerName: '王书记',
      studyForm: 'tutorial',
    });
    const att = attendeesOf(held.json());
    expect([...att.keys()].sort()).toEqual([stays.id, joined.id, leavesMarked.id].sort());
    expect(att.get(joined.id)?.status).toBe('absent');
    expect(att.get(stays.id)?.status).toBe('present');
    expect(att.get(leavesMarked.id)).toMatchObject({ status: 'leave', leaveReason: '出差' });

    // A correction: a longer lesson (half a day earns 4), recorded again.
    const corrected = await secretary.post(`/api/v1/activities/${planned.id}/record`, {
      version: held.json().version,
      actualStart: '2026-06-30T16:30:00Z',
      actualEnd: '2026-06-30T20:30:00Z',
    });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json()).toMatchObject({ status: 'held', heldOn: '2026-07-01', creditHours: 4, minutes: '学习了党章' });
    const endBeforeStart = await secretary.post(`/api/v1/activities/${planned.id}/record`, {
      version: corrected.json().version,
      actualStart: '2026-06-30T16:30:00Z',
      actualEnd: '2026-06-30T16:00:00Z',
    });
    expect(endBeforeStart.json().error.details[0]).toMatchObject({ path: 'actualEnd', code: 'ACTIVITY_END_BEFORE_START' });
    // Fixing the held record's topic does not make someone who joined after the meeting expected at it.
    const latecomer = await makePerson(ctx, { orgId: branch.id, name: '会后转入' });
    const retitled = await secretary.patch(`/api/v1/activities/${planned.id}`, { version: corrected.json().version, topic: '七一专题党课' });
    expect(retitled.statusCode).toBe(200);
    expect(attendeesOf(retitled.json()).has(latecomer.id)).toBe(false);
    expect(await auditActions(ctx, planned.id)).toEqual(['activity.create', 'activity.record', 'activity.record.correct', 'activity.update']);
    const recordAudit = await ctx.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('entity_id', '=', planned.id)
      .where('action', '=', 'activity.record')
      .executeTakeFirstOrThrow();
    expect(recordAudit.before).toMatchObject({ status: 'planned', held_on: null });
    expect(recordAudit.after).toMatchObject({ status: 'held', held_on: '2026-07-01', credit_hours: 1.5 });
  });

  it('writes the record and its attendance in one transaction: hours and make-up study follow, a refused mark leaves nothing behind', async () => {
    const { ctx } = env();
    env().setNow('2026-07-10T02:00:00Z');
    const { tree, branch, secretary } = await branchWorld();
    const came = await makePerson(ctx, { orgId: branch.id, name: '出席者' });
    const missed = await makePerson(ctx, { orgId: branch.id, name: '缺席者' });
    const away = await makePerson(ctx, { orgId: branch.id, name: '请假者' });
    const stranger = await makePerson(ctx, { orgId: tree.otherBranch.id, name: '外支部' });
    const planned = (
      await secretary.post('/api/v1/activities', { orgId: branch.id, kind: 'party_lesson', topic: '党课', plannedStart: '2026-07-09T09:00:00+08:00' })
    ).json();
    const url = `/api/v1/activities/${planned.id}/record`;
    const record = { version: planned.version, actualStart: '2026-07-09T09:00:00+08:00', actualEnd: '2026-07-09T11:00:00+08:00' };
    const marks = [
      { personId: came.id, status: 'present' },
      { personId: missed.id, status: 'absent' },
    ];
    const creditsOf = (personId: string) => ctx.db.selectFrom('study_credits').select(['hours', 'source_id']).where('person_id', '=', personId).execute();
    const makeupOf = (personId: string) => ctx.db.selectFrom('makeup_assignments').select('activity_id').where('person_id', '=', personId).execute();

    // Each refused mark refuses the whole record, and says who.
    const noReason = await secretary.post(url, { ...record, attendance: [...marks, { personId: away.id, status: 'leave' }] });
    expect(noReason.json().error).toMatchObject({ code: 'ATTENDANCE_LEAVE_REASON_REQUIRED', message: '请填写 请假者 的请假原因。' });
    const notHis = await secretary.post(url, { ...record, attendance: [...marks, { personId: away.id, status: 'leave', leaveReason: '出差' }, { personId: stranger.id, status: 'present' }] });
    expect(notHis.json().error.code).toBe('ATTENDANCE_NOT_ATTENDEE');
    expect(notHis.json().error.message).toContain('外支部');
    const twice = await secretary.post(url, { ...record, attendance: [...marks, { personId: came.id, status: 'absent' }] });
    expect(twice.json().error.code).toBe('ATTENDANCE_DUPLICATE_ENTRY');
    const sheet = (await secretary.get(`/api/v1/activities/${planned.id}/attendance`)).json();
    expect(sheet).toMatchObject({ activityStatus: 'planned', counts: { expected: 3, pending: 3 } });
    expect(await creditsOf(came.id)).toEqual([]);
    expect(await auditActions(ctx, planned.id)).toEqual(['activity.create']);

    const held = await secretary.post(url, { ...record, attendance: [...marks, { personId: away.id, status: 'leave', leaveReason: '出差' }] });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json()).toMatchObject({ status: 'held', creditHours: 2, counts: { expected: 3, present: 1, absent: 1, leave: 1, pending: 0 } });
    expect(attendeesOf(held.json()).get(away.id)).toMatchObject({ status: 'leave', leaveReason: '出差' });
    // What the record derives saw the marks: the one present earns the lesson's hours, the absent and the excused get make-up study.
    expect(await creditsOf(came.id)).toEqual([{ hours: 2, source_id: planned.id }]);
    expect(await creditsOf(missed.id)).toEqual([]);
    expect((await makeupOf(missed.id)).map((m) => m.activity_id)).toEqual([planned.id]);
    expect(await makeupOf(came.id)).toEqual([]);
    const audits = await ctx.db.selectFrom('audit_log').select(['action', 'detail']).where('entity_id', '=', planned.id).where('action', 'in', ['activity.record', 'attendance.mark']).orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['attendance.mark', 'activity.record']);
    expect(audits[0]!.detail).toMatchObject({ via: 'record' });

    // A correction may change marks in the same request; the marking endpoint still corrects them later.
    const corrected = await secretary.post(url, { version: held.json().version, actualStart: record.actualStart, attendance: [{ personId: missed.id, status: 'present' }] });
    expect(corrected.json().counts).toMatchObject({ present: 2, absent: 0, leave: 1 });
    expect(await creditsOf(missed.id)).toEqual([{ hours: 2, source_id: planned.id }]);
    const later = await secretary.put(`/api/v1/activities/${planned.id}/attendance`, { entries: [{ personId: came.id, status: 'absent' }] });
    expect(later.json().counts).toMatchObject({ present: 1, absent: 1 });
    expect((await creditsOf(came.id)).reduce((sum, c) => sum + Number(c.hours), 0)).toBe(0);
  });

  it('edits with an optimistic version, cancels only planned activities, and keeps cancelled ones closed', async () => {
    const { ctx } = env();
    env().setNow('2026-07-10T02:00:00Z');
    const { branch, secretary } = await branchWorld();
    await makePerson(ctx, { orgId: branch.id });
    const a = (
      await secretary.post('/api/v1/activities', { orgId: branch.id, kind: 'theme_party_day', topic: '主题党日', plannedStart: '2026-07-25T09:00:00+08:00' })
    ).json();
    const moved = await secretary.patch(`/api/v1/activities/${a.id}`, {
      version: a.version,
      plannedStart: '2026-07-26T09:00:00+08:00',
      place: '红色教育基地',
      studyForm: 'on_site',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ plannedStart: '2026-07-26T01:00:00.000Z', place: '红色教育基地', studyForm: 'on_site', version: a.version + 1 });
    const stale = await secretary.patch(`/api/v1/activities/${a.id}`, { version: a.version, topic: '旧版本' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT_VERSION');
    const badEnd = await secretary.patch(`/api/v1/activities/${a.id}`, { version: moved.json().version, plannedEnd: '2026-07-26T08:00:00+08:00' });
    expect(badEnd.json().error.details[0].code).toBe('ACTIVITY_END_BEFORE_START');
    const committeeHere = await secretary.patch(`/api/v1/activities/${a.id}`, { version: moved.json().version, kind: 'party_group_meeting' });
    expect(committeeHere.json().error.code).toBe('ACTIVITY_KIND_NEEDS_PARTY_GROUP');

    const cancelled = await secretary.post(`/api/v1/activities/${a.id}/cancel`, { reason: '与上级会议冲突' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: '与上级会议冲突' });
    const again = await secretary.post(`/api/v1/activities/${a.id}/cancel`, { reason: '再次取消' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ACTIVITY_CANCEL_NOT_PLANNED');
    expect(again.json().error.message).toContain('已取消');
    const editCancelled = await secretary.patch(`/api/v1/activities/${a.id}`, { version: cancelled.json().version, topic: '复活' });
    expect(editCancelled.json().error.code).toBe('ACTIVITY_CANCELLED');
    const recordCancelled = await secretary.post(`/api/v1/activities/${a.id}/record`, {
      version: cancelled.json().version,
      actualStart: '2026-07-09T09:00:00+08:00',
    });
    expect(recordCancelled.json().error.code).toBe('ACTIVITY_CANCELLED');

    const b = (
      await secretary.post('/api/v1/activities', { orgId: branch.id, kind: 'theme_party_day', topic: '主题党日', plannedStart: '2026-07-09T09:00:00+08:00' })
    ).json();
    const heldB = (
      await secretary.post(`/api/v1/activities/${b.id}/record`, { version: b.version, actualStart: '2026-07-09T09:00:00+08:00', attendance: everyone(b, 'present') })
    ).json();
    expect(heldB.creditHours).toBe(2); // the rule set's default for a theme day without a recorded length
    const cancelHeld = await secretary.post(`/api/v1/activities/${b.id}/cancel`, { reason: '误操作' });
    expect(cancelHeld.json().error.code).toBe('ACTIVITY_CANCEL_NOT_PLANNED');
    expect(await auditActions(ctx, a.id)).toEqual(['activity.create', 'activity.update', 'activity.cancel']);
  });

  it('checks the quorum and the majority of an assembly against the attendance: exactly half is never enough', async () => {
    const { ctx } = env();
    env().setNow('2026-07-10T02:00:00Z');
    const { branch, secretary } = await branchWorld();
    const full = await Promise.all(Array.from({ length: 8 }, (_, i) => makePerson(ctx, { orgId: branch.id, name: `正式${i}` })));
    const probationary = await makePerson(ctx, { orgId: branch.id, name: '预备', category: 'probationary' });
    const planned = (
      await secretary.post('/api/v1/activities', {
        orgId: branch.id,
        kind: 'member_assembly',
        topic: '接收预备党员',
        plannedStart: '2026-07-09T09:00:00+08:00',
      })
    ).json();

    const early = await secretary.post(`/api/v1/activities/${planned.id}/resolutions`, { title: '接收张三为预备党员', ayes: 5, nays: 0, abstentions: 0 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('RESOLUTION_NOT_HELD');

    const held = (
      await secretary.post(`/api/v1/activities/${planned.id}/record`, {
        version: planned.version,
        actualStart: '2026-07-09T09:00:00+08:00',
        attendance: everyone(planned, 'absent'),
      })
    ).json();
    // Four of eight voting members present, plus the probationary member who does not count.
    await mark(ctx, planned.id, [...full.slice(0, 4).map((p) => p.id), probationary.id], 'present');
    const half = await secretary.post(`/api/v1/activities/${planned.id}/resolutions`, { title: '接收张三为预备党员', ayes: 4, nays: 0, abstentions: 0 });
    expect(half.statusCode).toBe(409);
    expect(half.json().error).toMatchObject({ code: 'RESOLUTION_QUORUM_NOT_MET', message: '应到有表决权党员 8 人，实到 4 人，不足半数，不能表决。' });

    await mark(ctx, planned.id, [full[4]!.id], 'present');
    const tooMany = await secretary.post(`/api/v1/activities/${planned.id}/resolutions`, { title: '接收张三为预备党员', ayes: 4, nays: 1, abstentions: 1 });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.code).toBe('RESOLUTION_VOTES_EXCEED_PRESENT');
    expect(tooMany.json().error.message).toContain('超过实到有表决权人数 5 人');

    // Ayes exactly half of those who should attend (4 of 8): recorded, not passed, and it says why.
    const failed = await secretary.post(`/api/v1/activities/${planned.id}/resolutions`, { title: '接收张三为预备党员', ayes: 4, nays: 1, abstentions: 0 });
    expect(failed.statusCode).toBe(201);
    expect(failed.json().resolution).toMatchObject({ votingMembers: 8, presentVoting: 5, ayes: 4, ayesNeeded: 5, passed: false });
    expect(failed.json().resolution.verdict['zh-CN']).toContain('未通过');
    expect(failed.json().resolution.verdict.en).toContain('not passed');

    const passed = await secretary.post(`/api/v1/activities/${planned.id}/resolutions`, { title: '接收李四为预备党员', ayes: 5, nays: 0, abstentions: 0 });
    expect(passed.json().resolution).toMatchObject({ passed: true, ayesNeeded: 5 });
    expect(passed.json().activity.resolutions.map((r: { passed: boolean }) => r.passed)).toEqual([false, true]);
    expect(held.id).toBe(planned.id);
    expect(await auditActions(ctx, planned.id)).toEqual(['activity.create', 'activity.record', 'activity.resolution', 'activity.resolution']);

    const lesson = (
      await secretary.post('/api/v1/activities', { orgId: branch.id, kind: 'party_lesson', topic: '党课', plannedStart: '2026-07-09T09:00:00+08:00' })
    ).json();
    const noVote = await secretary.post(`/api/v1/activities/${lesson.id}/resolutions`, { title: 'x', ayes: 1, nays: 0, abstentions: 0 });
    expect(noVote.json().error.code).toBe('RESOLUTION_KIND');
  });

  it('counts the committee for a committee meeting’s quorum', async () => {
    const { ctx } = env();
    env().setNow('2026-07-10T02:00:00Z');
    const { branch, secretary } = await branchWorld();
    const committee = await Promise.all(Array.from({ length: 4 }, (_, i) => makePerson(ctx, { orgId: branch.id, name: `支委${i}` })));
    for (const p of committee) await setFlags(ctx, p.id, { is_committee_member: true });
    const planned = (
      await secretary.post('/api/v1/activities', { orgId: branch.id, kind: 'committee_meeting', topic: '支委会', plannedStart: '2026-07-09T15:00:00+08:00' })
    ).json();
    await secretary.post(`/api/v1/activities/${planned.id}/record`, { version: planned.version, actualStart: '2026-07-09T15:00:00+08:00', attendance: everyone(planned, 'absent') });
    await mark(
      ctx,
      planned.id,
      committee.slice(0, 2).map((p) => p.id),
      'present',
    );
    const refused = await secretary.post(`/api/v1/activities/${planned.id}/resolutions`, { title: '确定发展对象', ayes: 2, nays: 0, abstentions: 0 });
    expect(refused.json().error).toMatchObject({ code: 'RESOLUTION_COMMITTEE_QUORUM_NOT_MET', message: '应到支委 4 人，实到 2 人，不足半数，不能表决。' });
    await mark(ctx, planned.id, [committee[2]!.id], 'present');
    const ok = await secretary.post(`/api/v1/activities/${planned.id}/resolutions`, { title: '确定发展对象', ayes: 3, nays: 0, abstentions: 0 });
    expect(ok.json().resolution).toMatchObject({ votingMembers: 4, presentVoting: 3, passed: true });
  });

  it('records guests and auditors apart from those who should attend, and re-derivation leaves them alone', async () => {
    const { ctx } = env();
    env().setNow('2026-07-10T02:00:00Z');
    const { tree, branch, secretary } = await branchWorld();
    const member = await makePerson(ctx, { orgId: branch.id, name: '本支部党员' });
    const auditorPerson = await makePerson(ctx, { orgId: tree.otherBranch.id, name: '工委督导员' });
    const a = (
      await secretary.post('/api/v1/activities', { orgId: branch.id, kind: 'org_life_meeting', topic: '组织生活会', plannedStart: '2026-07-09T09:00:00+08:00' })
    ).json();

    const named = await secretary.post(`/api/v1/activities/${a.id}/guests`, { kind: 'guest', name: '上级党委联系人', unit: '县委组织部' });
    expect(named.statusCode).toBe(200);
    const auditor = await secretary.post(`/api/v1/activities/${a.id}/guests`, { kind: 'auditor', personId: auditorPerson.id });
    expect(auditor.statusCode).toBe(200);
    const body = auditor.json();
    expect(body.counts.expected).toBe(1);
    expect(attendeesOf(body).get(auditorPerson.id)).toMatchObject({ role: 'auditor', voting: false });
    expect(body.guests).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'guest', name: '上级党委联系人', unit: '县委组织部', personId: null }),
        expect.objectContaining({ id: auditorPerson.id, kind: 'auditor', personId: auditorPerson.id, name: '工委督导员' }),
      ]),
    );
    const twice = await secretary.post(`/api/v1/activities/${a.id}/guests`, { kind: 'guest', personId: member.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('本支部党员');

    // The auditor is not among those who should attend: recording does not wait for their mark.
    const held = await secretary.post(`/api/v1/activities/${a.id}/record`, {
      version: body.version,
      actualStart: '2026-07-09T09:00:00+08:00',
      attendance: [{ personId: member.id, status: 'present' }],
    });
    expect(held.statusCode).toBe(200);
    expect(attendeesOf(held.json()).get(auditorPerson.id)).toMatchObject({ role: 'auditor', status: 'pending' });

    const namedId = body.guests.find((g: { personId: string | null }) => g.personId === null).id;
    expect((await secretary.delete(`/api/v1/activities/${a.id}/guests/${namedId}`)).statusCode).toBe(200);
    const removed = await secretary.delete(`/api/v1/activities/${a.id}/guests/${auditorPerson.id}`);
    expect(removed.json().guests).toEqual([]);
    const notAGuest = await secretary.delete(`/api/v1/activities/${a.id}/guests/${member.id}`);
    expect(notAGuest.json().error.code).toBe('ACTIVITY_GUEST_NOT_FOUND');
    expect(await auditActions(ctx, a.id)).toEqual([
      'activity.create',
      'activity.guest.add',
      'activity.guest.add',
      'activity.record',
      'activity.guest.remove',
      'activity.guest.remove',
    ]);
  });

  it('counts a month per local day by kind and status, without the list’s cap, for the managers of the subtree only', async () => {
    const { ctx } = env();
    env().setNow('2026-09-15T02:00:00Z');
    const { tree, branch, secretary } = await branchWorld();
    const branchPath = await pathOf(ctx, branch.id);
    const otherPath = await pathOf(ctx, tree.otherBranch.id);
    // 250 planned theme days on 10 September (more than one page of any list), written directly.
    const row = (orgId: string, orgPath: string, plannedStart: string, extra: Record<string, unknown> = {}) => ({
      id: newId(),
      org_id: orgId,
      org_path: orgPath,
      kind: 'theme_party_day',
      status: 'planned',
      topic: '主题党日',
      planned_start: plannedStart,
      ...extra,
    });
    await ctx.db
      .insertInto('activities')
      .values(Array.from({ length: 250 }, () => row(branch.id, branchPath, '2026-09-10T01:00:00Z')))
      .execute();
    await ctx.db
      .insertInto('activities')
      .values([
        // Held at 00:30 on 1 September in Beijing (31 August in UTC): the local day counts.
        row(branch.id, branchPath, '2026-08-31T16:30:00Z', { kind: 'member_assembly', status: 'held', actual_start: '2026-08-31T16:30:00Z', held_on: '2026-09-01' }),
        // Planned for 23:30 on 30 September in Beijing, but held on 2 October: counted in October only.
        row(branch.id, branchPath, '2026-09-30T15:30:00Z', { kind: 'party_lesson', status: 'held', actual_start: '2026-10-02T01:00:00Z', held_on: '2026-10-02' }),
        // 00:30 on 1 October in Beijing is 30 September in UTC: October.
        row(branch.id, branchPath, '2026-09-30T16:30:00Z', { kind: 'party_lesson' }),
        row(branch.id, branchPath, '2026-09-10T06:00:00Z', { kind: 'party_lesson', status: 'cancelled', cancel_reason: '冲突' }),
        // Another branch's: not the secretary's.
        row(tree.otherBranch.id, otherPath, '2026-09-10T01:00:00Z'),
      ])
      .execute();

    const res = await secretary.get(`/api/v1/activities/calendar?orgId=${branch.id}&month=2026-09`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      month: '2026-09',
      total: 252,
      days: [
        { day: '2026-09-01', total: 1, byKind: { member_assembly: 1 }, byStatus: { held: 1 } },
        { day: '2026-09-10', total: 251, byKind: { theme_party_day: 250, party_lesson: 1 }, byStatus: { planned: 250, cancelled: 1 } },
      ],
    });
    const onlyHeld = (await secretary.get(`/api/v1/activities/calendar?orgId=${branch.id}&month=2026-09&status=held`)).json();
    expect(onlyHeld.days).toEqual([{ day: '2026-09-01', total: 1, byKind: { member_assembly: 1 }, byStatus: { held: 1 } }]);
    expect((await secretary.get(`/api/v1/activities/calendar?orgId=${branch.id}&month=2026-09&kind=party_lesson`)).json().total).toBe(1);
    // The day's own list is loaded on demand and pages through all of them.
    const list = (await secretary.get(`/api/v1/activities?orgId=${branch.id}&from=2026-09-10&to=2026-09-10&pageSize=100`)).json();
    expect(list.total).toBe(251);
    const october = (await secretary.get(`/api/v1/activities/calendar?orgId=${branch.id}&month=2026-10`)).json();
    expect(october.days).toEqual([
      { day: '2026-10-01', total: 1, byKind: { party_lesson: 1 }, byStatus: { planned: 1 } },
      { day: '2026-10-02', total: 1, byKind: { party_lesson: 1 }, byStatus: { held: 1 } },
    ]);
    // Without an organisation: every subtree the caller manages (an officer sees both branches).
    const officer = await clientFor([{ role: 'committee_officer', orgId: tree.root.id }]);
    expect((await officer.get('/api/v1/activities/calendar?month=2026-09')).json().total).toBe(253);

    const bad = await secretary.get(`/api/v1/activities/calendar?orgId=${branch.id}&month=2026-13`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const notMine = await secretary.get(`/api/v1/activities/calendar?orgId=${tree.otherBranch.id}&month=2026-09`);
    expect(notMine.statusCode).toBe(404);
    const member = await clientFor([{ role: 'member', orgId: branch.id }]);
    expect((await member.get(`/api/v1/activities/calendar?orgId=${branch.id}&month=2026-09`)).statusCode).toBe(403);
  });

  it('shows an attendee a limited view and hides the activity from everyone else', async () => {
    const { ctx } = env();
    env().setNow('2026-07-10T02:00:00Z');
    const { tree, branch, secretary } = await branchWorld();
    const me = await makePerson(ctx, { orgId: branch.id, name: '我' });
    const other = await makePerson(ctx, { orgId: branch.id, name: '他' });
    const outsider = await makePerson(ctx, { orgId: tree.otherBranch.id, name: '外人' });
    const a = (
      await secretary.post('/api/v1/activities', { orgId: branch.id, kind: 'party_lesson', topic: '党课', plannedStart: '2026-07-20T09:00:00+08:00' })
    ).json();
    await mark(ctx, a.id, [me.id], 'leave', '陪护家人');
    await mark(ctx, a.id, [other.id], 'leave', '住院治疗');

    const mine = await clientFor([{ role: 'member', orgId: branch.id }], me.id);
    const view = await mine.get(`/api/v1/activities/${a.id}`);
    expect(view.statusCode).toBe(200);
    expect(view.json().canManage).toBe(false);
    const att = attendeesOf(view.json());
    expect(att.get(me.id)?.leaveReason).toBe('陪护家人');
    expect(att.get(other.id)?.leaveReason).toBeNull();
    expect((await secretary.get(`/api/v1/activities/${a.id}`)).json().attendees.find((x: Attendee) => x.personId === other.id).leaveReason).toBe('住院治疗');
    // An attendee cannot change the record.
    expect((await mine.patch(`/api/v1/activities/${a.id}`, { version: a.version, topic: '改' })).statusCode).toBe(403);
    expect((await mine.get('/api/v1/activities')).statusCode).toBe(403);

    const stranger = await clientFor([{ role: 'member', orgId: tree.otherBranch.id }], outsider.id);
    expect((await stranger.get(`/api/v1/activities/${a.id}`)).statusCode).toBe(404);
    const otherSecretary = await clientFor([{ role: 'secretary', orgId: tree.otherBranch.id }]);
    expect((await otherSecretary.get(`/api/v1/activities/${a.id}`)).json().error.code).toBe('ACTIVITY_NOT_FOUND');
    expect((await otherSecretary.post(`/api/v1/activities/${a.id}/cancel`, { reason: 'x' })).statusCode).toBe(404);
  });
});
