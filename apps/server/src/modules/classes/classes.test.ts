/**
 * Training classes over HTTP on a real database: creating classes and sessions (lecturer of the
 * pool or a name, the course's direction), nominations and self-enrolment with capacity enforced
 * under concurrency, the roster and QR sign-in, leave, completion by the 1/7 rule with its credits
 * and centralised-training completions (idempotent, corrected), statistics, and the member's views.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.ts';
import { makeOrg, makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient } from '../../test/harness.ts';
import { makeClass } from './classes.testkit.ts';

const NOW = '2026-03-02T00:00:00Z'; // 08:00 on 2 March in Beijing
const day = (d: string, hour = 9) => new Date(`${d}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();

describeEachDatabase('classes', (getEnv) => {
  afterEach(() => getEnv().setNow(new Date()));

  async function world() {
    const env = getEnv();
    env.setNow(NOW);
    const { ctx } = env;
    const tree = await makeTree(ctx);
    const alice = await makePerson(ctx, { orgId: tree.branch.id, name: '王小明' });
    const bob = await makePerson(ctx, { orgId: tree.branch.id, name: '李小红' });
    const carol = await makePerson(ctx, { orgId: tree.branch.id, name: '赵小兰', category: 'probationary' });
    const dan = await makePerson(ctx, { orgId: tree.branch.id, name: '孙发展', category: 'candidate' });
    const outsider = await makePerson(ctx, { orgId: tree.otherBranch.id, name: '钱外人' });
    const unitOfficerUser = await makeUser(ctx, { roles: [{ role: 'committee_officer', orgId: tree.unit.id }] });
    const secretaryUser = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.branch.id }] });
    const otherSecretaryUser = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.otherBranch.id }] });
    const aliceUser = await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: alice.id });
    const bobUser = await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: bob.id });
    const carolUser = await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: carol.id });
    const danUser = await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: dan.id });
    const login = (u: { username: string }) => loginClient(env.app, u.username, TEST_PASSWORD);
    return { env, ctx, tree, alice, bob, carol, dan, outsider, unitOfficerUser, secretaryUser, otherSecretaryUser, aliceUser, bobUser, carolUser, danUser, login };
  }

  const credits = (w: Awaited<ReturnType<typeof world>>, personId: string) =>
    w.ctx.db.selectFrom('study_credits').selectAll().where('person_id', '=', personId).where('source_type', '=', 'class_session').orderBy('created_at').orderBy('id').execute();
  const standingHours = async (w: Awaited<ReturnType<typeof world>>, personId: string) => (await credits(w, personId)).reduce((s, c) => s + Number(c.hours), 0);
  const completion = (w: Awaited<ReturnType<typeof world>>, personId: string, classId: string) =>
    w.ctx.db.selectFrom('training_completions').selectAll().where('person_id', '=', personId).where('source_id', '=', classId).executeTakeFirst();

  describe('creating classes and sessions', () => {
    it('creates a unit-level class for the organisers and audits it; a county class is county level', async () => {
      const w = await world();
      const officer = await w.login(w.unitOfficerUser);
      const res = await officer.post('/api/v1/classes', { orgId: w.tree.unit.id, year: 2026, title: '2026年第一期党员轮训班', type: 'thematic', targetGroup: 'all_members', capacity: 30 });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ level: 'unit', status: 'open', enrolled: 0, capacity: 30, canManage: true, sessions: [] });
      const audit = await w.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', res.json().id).execute();
      expect(audit.map((a) => a.action)).toEqual(['class.create']);
      const county = await makeClass(w.ctx, { orgId: w.tree.root.id });
      expect(county.level).toBe('county');
    });

    it('refuses an organisation the caller does not manage and a secretary below it sees but does not manage the class', async () => {
      const w = await world();
      const secretary = await w.login(w.secretaryUser);
      const res = await secretary.post('/api/v1/classes', { orgId: w.tree.unit.id, year: 2026, title: '越权创建', type: 'thematic', targetGroup: 'all_members', capacity: 30 });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('ORG_NOT_FOUND');
      const cls = await makeClass(w.ctx, { orgId: w.tree.unit.id });
      const seen = await secretary.get(`/api/v1/classes/${cls.id}`);
      expect(seen.statusCode).toBe(200);
      expect(seen.json().canManage).toBe(false);
      const edit = await secretary.patch(`/api/v1/classes/${cls.id}`, { version: 1, title: '改名' });
      expect(edit.json().error.code).toBe('CLASS_NOT_FOUND');
    });

    it('takes a lecturer of the pool with one of their courses and copies its direction; refuses a mismatch and a missing lecturer', async () => {
      const w = await world();
      const lecturerId = newId();
      const otherLecturerId = newId();
      await w.ctx.db.insertInto('lecturers').values([
        { id: lecturerId, kind: 'external', name: '刘讲师', unit: '县委党校', updated_at: new Date() },
        { id: otherLecturerId, kind: 'external', name: '陈讲师', unit: '县委党校', updated_at: new Date() },
      ]).execute();
      const courseId = newId();
      await w.ctx.db.insertInto('lecturer_courses').values({ id: courseId, lecturer_id: lecturerId, title: '新发展理念', direction: 'modern_economy', minutes: 120, format: 'lecture', updated_at: new Date() }).execute();
      const cls = await makeClass(w.ctx, { orgId: w.tree.unit.id });
      const officer = await w.login(w.unitOfficerUser);
      const add = (body: object) => officer.post(`/api/v1/classes/${cls.id}/sessions`, { startsAt: day('2026-03-10'), endsAt: day('2026-03-10', 12), hours: 3, topic: '经济形势', ...body });
      const ok = await add({ lecturerId, courseId });
      expect(ok.statusCode).toBe(201);
      expect(ok.json().sessions[0]).toMatchObject({ lecturerId, lecturerName: '刘讲师', courseId, courseTitle: '新发展理念', direction: 'modern_economy', heldOn: '2026-03-10', hours: 3 });
      expect((await add({ lecturerId: otherLecturerId, courseId })).json().error.code).toBe('CLASS_SESSION_COURSE_MISMATCH');
      expect((await add({})).json().error.code).toBe('CLASS_SESSION_LECTURER_REQUIRED');
      expect((await add({ lecturerName: '王老师', endsAt: day('2026-03-10', 8) })).json().error.code).toBe('CLASS_SESSION_TIMES');
      expect((await add({ lecturerName: '王老师', startsAt: day('2027-01-05'), endsAt: day('2027-01-05', 12) })).json().error.code).toBe('CLASS_SESSION_TIMES');
      // The local day decides: 23:30 on 31 December in Beijing is still 2026.
      const late = await add({ lecturerName: '王老师', startsAt: '2026-12-31T15:30:00Z', endsAt: '2026-12-31T15:59:00Z', hours: 0.5 });
      expect(late.statusCode).toBe(201);
      expect(late.json().sessions.at(-1).heldOn).toBe('2026-12-31');
    });

    it('edits with the version read, refuses a stale version and a capacity below the enrolled', async () => {
      const w = await world();
      const cls = await makeClass(w.ctx, { orgId: w.tree.unit.id, capacity: 5 });
      const officer = await w.login(w.unitOfficerUser);
      await officer.post(`/api/v1/classes/${cls.id}/nominations`, { personIds: [w.alice.id, w.bob.id] });
      const current = (await officer.get(`/api/v1/classes/${cls.id}`)).json();
      expect((await officer.patch(`/api/v1/classes/${cls.id}`, { version: current.version, capacity: 1 })).json().error.code).toBe('CLASS_CAPACITY_BELOW_ENROLLED');
      const ok = await officer.patch(`/api/v1/classes/${cls.id}`, { version: current.version, capacity: 2, title: '改期后的培训班' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ capacity: 2, title: '改期后的培训班', version: current.version + 1 });
      expect((await officer.patch(`/api/v1/classes/${cls.id}`, { version: current.version, title: '旧版本' })).json().error.code).toBe('CONFLICT_VERSION');
    });
  });

  describe('enrolment', () => {
    it('a unit nominates people of its subtree; refuses outsiders, people outside the target group, the already enrolled, and more than the places', async () => {
      const w = await world();
      const cls = await makeClass(w.ctx, { orgId: w.tree.unit.id, capacity: 3 });
      const secretary = await w.login(w.secretaryUser);
      const ok = await secretary.post(`/api/v1/classes/${cls.id}/nominations`, { personIds: [w.alice.id, w.bob.id] });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().items.map((e: { name: string; status: string; via: string }) => [e.name, e.status, e.via])).toEqual(expect.arrayContaining([['王小明', 'enrolled', 'nomination'], ['李小红', 'enrolled', 'nomination']]));
      const outside = await secretary.post(`/api/v1/classes/${cls.id}/nominations`, { personIds: [w.outsider.id] });
      expect(outside.statusCode).toBe(403);
      expect(outside.json().error).toMatchObject({ code: 'CLASS_PERSON_OUTSIDE', message: expect.stringContaining('钱外人') });
      const candidate = await secretary.post(`/api/v1/classes/${cls.id}/nominations`, { personIds: [w.dan.id] });
      expect(candidate.json().error).toMatchObject({ code: 'CLASS_PERSON_NOT_IN_TARGET_GROUP', message: expect.stringContaining('全体党员') });
      expect((await secretary.post(`/api/v1/classes/${cls.id}/nominations`, { personIds: [w.alice.id] })).json().error.code).toBe('CLASS_ALREADY_ENROLLED');
      const extra = await makePerson(w.ctx, { orgId: w.tree.branch.id, name: '周多余' });
      const full = await secretary.post(`/api/v1/classes/${cls.id}/nominations`, { personIds: [w.carol.id, extra.id] });
      expect(full.statusCode).toBe(409);
      expect(full.json().error).toMatchObject({ code: 'CLASS_FULL', message: expect.stringContaining('共 3 人，已报名 2 人，本次 2 人') });
      // All or nothing: Carol was not enrolled either.
      const list = await secretary.get(`/api/v1/classes/${cls.id}/enrolments`);
      expect(list.json().enrolled).toBe(2);
      // Another unit sees only its own people.
      const other = await w.login(w.otherSecretaryUser);
      expect((await other.get(`/api/v1/classes/${cls.id}/enrolments`)).json().items).toEqual([]);
    });

    it('never overbooks under concurrent nominations: exactly the places are taken', async () => {
      const w = await world();
      const cls = await makeClass(w.ctx, { orgId: w.tree.unit.id, capacity: 4 });
      const people = await Promise.all(Array.from({ length: 8 }, (_, i) => makePerson(w.ctx, { orgId: w.tree.branch.id, name: `并发${i}` })));
      const secretaries = await Promise.all(Array.from({ length: 8 }, () => w.login(w.secretaryUser)));
      const results = await Promise.all(people.map((p, i) => secretaries[i]!.post(`/api/v1/classes/${cls.id}/nominations`, { personIds: [p.id] })));
      expect(results.filter((r) => r.statusCode === 200)).toHaveLength(4);
      expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'CLASS_FULL')).toBe(true);
      const enrolled = await w.ctx.db.selectFrom('class_enrolments').select('person_id').where('class_id', '=', cls.id).where('status', '=', 'enrolled').execute();
      expect(enrolled).toHaveLength(4);
    });

    it('self-enrolment: asks, is approved within the places or rejected with a reason; a class without it refuses', async () => {
      const w = await world();
      const closed = await makeClass(w.ctx, { orgId: w.tree.unit.id });
      const alice = await w.login(w.aliceUser);
      expect((await alice.post(`/api/v1/me/classes/${closed.id}/enrol`)).json().error.code).toBe('CLASS_SELF_ENROLMENT_CLOSED');
      const cls = await makeClass(w.ctx, { orgId: w.tree.unit.id, selfEnrolment: true, capacity: 1 });
      const open = (await alice.get('/api/v1/me/classes')).json();
      expect(open.open.map((c: { id: string }) => c.id)).toContain(cls.id);
      const asked = await alice.post(`/api/v1/me/classes/${cls.id}/enrol`);
      expect(asked.json()).toMatchObject({ myStatus: 'requested', canEnrol: false });
      expect((await alice.post(`/api/v1/me/classes/${cls.id}/enrol`)).json().error.code).toBe('CLASS_ALREADY_ENROLLED');
      const dan = await w.login(w.danUser);
      expect((await dan.post(`/api/v1/me/classes/${cls.id}/enrol`)).json().error.code).toBe('CLASS_PERSON_NOT_IN_TARGET_GROUP');
      const bob = await w.login(w.bobUser);
      await bob.post(`/api/v1/me/classes/${cls.id}/enrol`);
      const officer = await w.login(w.unitOfficerUser);
      expect((await officer.post(`/api/v1/classes/${cls.id}/enrolments/${w.alice.id}/approve`)).statusCode).toBe(200);
      expect((await officer.post(`/api/v1/classes/${cls.id}/enrolments/${w.bob.id}/approve`)).json().error.code).toBe('CLASS_FULL');
      expect((await officer.post(`/api/v1/classes/${cls.id}/enrolments/${w.carol.id}/approve`)).json().error.code).toBe('CLASS_NO_REQUEST');
      const rejected = await officer.post(`/api/v1/classes/${cls.id}/enrolments/${w.bob.id}/reject`, { reason: '名额已满，请参加下一期' });
      expect(rejected.json().items.find((e: { personId: string }) => e.personId === w.bob.id)).toMatchObject({ status: 'rejected', reason: '名额已满，请参加下一期' });
      // The secretary of the branch cannot approve: approval is the organisers'.
      const secretary = await w.login(w.secretaryUser);
      expect((await secretary.post(`/api/v1/classes/${cls.id}/enrolments/${w.bob.id}/approve`)).json().error.code).toBe('CLASS_NOT_FOUND');
      // The member withdraws; withdrawing twice has nothing to withdraw.
      expect((await alice.delete(`/api/v1/me/classes/${cls.id}/enrolment`)).json().myStatus).toBe('withdrawn');
      expect((await alice.delete(`/api/v1/me/classes/${cls.id}/enrolment`)).json().error.code).toBe('CLASS_NOT_ENROLLED');
    });
  });

  describe('attendance', () => {
    it('QR sign-in: enrolled people sign in once (idempotent), others are refused, the window and a reopened code close it', async () => {
      const w = await world();
      const cls = await makeClass(w.ctx, { orgId: w.tree.unit.id, sessions: [{ startsAt: day('2026-03-02', 8), hours: 4 }] });
      const officer = await w.login(w.unitOfficerUser);
      await officer.post(`/api/v1/classes/${cls.id}/nominations`, { personIds: [w.alice.id, w.bob.id] });
      const sessionId = cls.sessions[0]!.id;
      const opened = await officer.post(`/api/v1/class-sessions/${sessionId}/signin`, { minutes: 10 });
      expect(opened.json().path).toBe(`/cs/${opened.json().token}`);
      const stored = await w.ctx.db.selectFrom('class_sessions').select('signin_token_hash').where('id', '=', sessionId).executeTakeFirstOrThrow();
      expect(stored.signin_token_hash).not.toContain(opened.json().token);
      const alice = await w.login(w.aliceUser);
      const url = `/api/v1/class-signin/${opened.json().token}`;
      expect((await alice.get(url)).json()).toMatchObject({ enrolled: true, myStatus: null, signin: { open: true } });
      const first = await alice.post(url);
      expect(first.json()).toMatchObject({ myStatus: 'present' });
      const again = await alice.post(url);
      expect(again.json().signedInAt).toBe(first.json().signedInAt);
      const carol = await w.login(w.carolUser);
      expect((await carol.post(url)).json().error.code).toBe('CLASS_SIGNIN_NOT_ENROLLED');
      w.env.advance(11 * 60_000);
      const bob = await w.login(w.bobUser);
      expect((await bob.post(url)).json().error.code).toBe('CLASS_SIGNIN_CLOSED');
      expect((await alice.post(url)).json().myStatus).toBe('present');
      const reopened = await officer.post(`/api/v1/class-sessions/${sessionId}/signin`, { minutes: 30 });
      expect((await bob.post(url)).json().error.code).toBe('CLASS_SIGNIN_CLOSED');
      expect((await bob.post(`/api/v1/class-signin/${reopened.json().token}`)).json().myStatus).toBe('present');
      const roster = (await officer.get(`/api/v1/class-sessions/${sessionId}/roster`)).json();
      expect(roster.counts).toEqual({ enrolled: 2, present: 2, absent: 0, leave: 0, unmarked: 0 });
      expect(roster.entries.every((e: { via: string }) => e.via === 'qr')).toBe(true);
      const closed = await officer.post(`/api/v1/class-sessions/${sessionId}/signin/close`);
      expect(closed.json().signin.open).toBe(false);
      const unlinked = await makeUser(w.ctx, { roles: [{ role: 'member', orgId: w.tree.branch.id }] });
      expect((await (await w.login(unlinked)).get(url)).json().error.code).toBe('PROFILE_NOT_LINKED');
    });

    it('roster marking: enrolled people only, once each, a reason for leave; keeps a QR time when confirming present', async () => {
      const w = await world();
      const cls = await makeClass(w.ctx, { orgId: w.tree.unit.id, sessions: [{ startsAt: day('2026-03-02', 8), hours: 4 }] });
      const officer = await w.login(w.unitOfficerUser);
      await officer.post(`/api/v1/classes/${cls.id}/nominations`, { personIds: [w.alice.id, w.bob.id] });
      const sessionId = cls.sessions[0]!.id;
      const put = (entries: object[]) => officer.put(`/api/v1/class-sessions/${sessionId}/roster`, { entries });
      expect((await put([{ personId: w.carol.id, status: 'present' }])).json().error.code).toBe('CLASS_NOT_ENROLLED_PERSON');
      expect((await put([{ personId: w.alice.id, status: 'present' }, { personId: w.alice.id, status: 'absent' }])).json().error.code).toBe('CLASS_DUPLICATE_ENTRY');
      expect((await put([{ personId: w.bob.id, status: 'leave' }])).json().error.code).toBe('CLASS_LEAVE_REASON_REQUIRED');
      const ok = await put([{ personId: w.alice.id, status: 'present' }, { personId: w.bob.id, status: 'leave', leaveReason: '出差' }]);
      expect(ok.json().counts).toEqual({ enrolled: 2, present: 1, absent: 0, leave: 1, unmarked: 0 });
    });

    it('leave requests: before the session starts, not once present, withdrawn only if the member asked', async () => {
      const w = await world();
      const cls = await makeClass(w.ctx, { orgId: w.tree.unit.id, sessions: [{ startsAt: day('2026-03-05'), hours: 4 }, { startsAt: day('2026-03-01'), hours: 4 }] });
      const officer = await w.login(w.unitOfficerUser);
      await officer.post(`/api/v1/classes/${cls.id}/nominations`, { personIds: [w.alice.id] });
      const [past, future] = cls.sessions; // ordered by start
      const alice = await w.login(w.aliceUser);
      const asked = await alice.post(`/api/v1/me/class-sessions/${future!.id}/leave`, { reason: '参加省里会议' });
      expect(asked.statusCode).toBe(200);
      expect(asked.json().sessions.find((s: { id: string }) => s.id === future!.id)).toMatchObject({ myStatus: 'leave', leaveReason: '参加省里会议' });
      expect((await alice.post(`/api/v1/me/class-sessions/${past!.id}/leave`, { reason: '补请假' })).json().error.code).toBe('CLASS_LEAVE_TOO_LATE');
      expect((await alice.delete(`/api/v1/me/class-sessions/${future!.id}/leave`)).json().sessions.find((s: { id: string }) => s.id === future!.id).myStatus).toBeNull();
      expect((await alice.delete(`/api/v1/me/class-sessions/${future!.id}/leave`)).json().error.code).toBe('CLASS_LEAVE_NOT_REQUESTED');
      await officer.put(`/api/v1/class-sessions/${future!.id}/roster`, { entries: [{ personId: w.alice.id, status: 'present' }] });
      expect((await alice.post(`/api/v1/me/class-sessions/${future!.id}/leave`, { reason: '临时有事' })).json().error.code).toBe('CLASS_LEAVE_ALREADY_PRESENT');
      const bob = await w.login(w.bobUser);
      expect((await bob.post(`/api/v1/me/class-sessions/${future!.id}/leave`, { reason: '临时有事' })).json().error.code).toBe('CLASS_SESSION_NOT_FOUND');
    });
  });

  describe('completion', () => {
    /** 7 sessions of 4 hours (28 h) on 2–8 March; Alice on leave for one (exactly 1/7), Bob on leave for one and absent from another. */
    async function heldClass() {
      const w = await world();
      const courseLecturer = newId();
      await w.ctx.db.insertInto('lecturers').values({ id: courseLecturer, kind: 'external', name: '党校讲师', unit: '县委党校', updated_at: new Date() }).execute();
      const courseId = newId();
      await w.ctx.db.insertInto('lecturer_courses').values({ id: courseId, lecturer_id: courseLecturer, title: '党的创新理论', direction: 'political_theory', minutes: 240, format: 'lecture', updated_at: new Date() }).execute();
      const rotationId = newId();
      const rootPath = (await w.ctx.db.selectFrom('organizations').select('path').where('id', '=', w.tree.root.id).executeTakeFirstOrThrow()).path;
      await w.ctx.db.insertInto('training_rotations').values({ id: rotationId, org_id: w.tree.root.id, org_path: rootPath, year: 2026, title: '2026年集中轮训', target_groups: ['all_members'], deadline: '2026-06-30', updated_at: new Date() }).execute();
      const sessions = Array.from({ length: 7 }, (_, i) => ({ startsAt: day(`2026-03-0${i + 2}`, 8), hours: 4, ...(i === 0 ? { courseId } : {}) }));
      const cls = await makeClass(w.ctx, { orgId: w.tree.unit.id, rotationId, sessions, title: '第一期党员轮训班' });
      const officer = await w.login(w.unitOfficerUser);
      await officer.post(`/api/v1/classes/${cls.id}/nominations`, { personIds: [w.alice.id, w.bob.id] });
      for (const [i, s] of cls.sessions.entries()) {
        const entries = [
          { personId: w.alice.id, ...(i === 1 ? { status: 'leave', leaveReason: '出差' } : { status: 'present' }) },
          { personId: w.bob.id, ...(i === 1 ? { status: 'leave', leaveReason: '出差' } : i === 2 ? { status: 'absent' } : { status: 'present' }) },
        ];
        expect((await officer.put(`/api/v1/class-sessions/${s.id}/roster`, { entries })).statusCode).toBe(200);
      }
      return { ...w, cls, officer, rotationId };
    }

    /** After the last session (sessions expire with the clock: log in again). */
    async function afterTheClass(w: Awaited<ReturnType<typeof heldClass>>) {
      w.env.setNow('2026-03-09T00:00:00Z');
      w.officer = await w.login(w.unitOfficerUser);
    }

    it('waits until every session has ended', async () => {
      const w = await heldClass();
      const res = await w.officer.post(`/api/v1/classes/${w.cls.id}/complete`);
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'CLASS_SESSIONS_NOT_OVER', message: expect.stringContaining('2026-03-08 12:00') });
      const empty = await makeClass(w.ctx, { orgId: w.tree.unit.id });
      expect((await w.officer.post(`/api/v1/classes/${empty.id}/complete`)).json().error.code).toBe('CLASS_NO_SESSIONS');
    });

    it('completes by the 1/7 rule, credits attended sessions with the course direction, writes completions; re-running changes nothing', async () => {
      const w = await heldClass();
      await afterTheClass(w);
      const res = await w.officer.post(`/api/v1/classes/${w.cls.id}/complete`);
      expect(res.statusCode).toBe(200);
      const report = res.json();
      expect(report).toMatchObject({ status: 'completed', totalHours: 28, allowedMissHours: 4, completed: 1, notCompleted: 1, creditedHours: 44 });
      const byName = Object.fromEntries(report.rows.map((r: { name: string }) => [r.name, r]));
      expect(byName['王小明']).toMatchObject({ completed: true, reason: 'attended', attendedHours: 24, leaveHours: 4 });
      expect(byName['李小红']).toMatchObject({ completed: false, reason: 'missed_over_limit', attendedHours: 20, leaveHours: 4, absentHours: 4 });

      const aliceCredits = await credits(w, w.alice.id);
      expect(aliceCredits).toHaveLength(6);
      expect(aliceCredits.find((c) => c.credited_on === '2026-03-02')).toMatchObject({ hours: 4, year: 2026, direction: 'political_theory', org_id: w.tree.branch.id });
      expect(aliceCredits.find((c) => c.credited_on === '2026-03-04')!.direction).toBeNull();
      expect(await standingHours(w, w.bob.id)).toBe(20);
      expect(await completion(w, w.alice.id, w.cls.id)).toMatchObject({ kind: 'class', level: 'unit', rotation_id: w.rotationId, source_type: 'class', completed_on: '2026-03-08', year: 2026, revoked_at: null });
      expect(Number((await completion(w, w.alice.id, w.cls.id))!.hours)).toBe(24);
      expect(await completion(w, w.bob.id, w.cls.id)).toBeUndefined();
      const enrolments = (await w.officer.get(`/api/v1/classes/${w.cls.id}/enrolments`)).json().items;
      expect(enrolments.find((e: { personId: string }) => e.personId === w.bob.id)).toMatchObject({ outcome: 'not_completed', outcomeReason: 'missed_over_limit' });

      const again = await w.officer.post(`/api/v1/classes/${w.cls.id}/complete`);
      expect(again.json()).toMatchObject({ completed: 1, notCompleted: 1, creditedHours: 44 });
      expect(await credits(w, w.alice.id)).toHaveLength(6);
      // Completed: no more enrolment or QR sign-in.
      expect((await w.officer.post(`/api/v1/classes/${w.cls.id}/nominations`, { personIds: [w.carol.id] })).json().error.code).toBe('CLASS_COMPLETED');
      expect((await w.officer.post(`/api/v1/class-sessions/${w.cls.sessions[0]!.id}/signin`, { minutes: 30 })).json().error.code).toBe('CLASS_COMPLETED');
      // The member sees the outcome and the ledger shows the hours.
      const alice = await w.login(w.aliceUser);
      expect((await alice.get(`/api/v1/me/classes/${w.cls.id}`)).json()).toMatchObject({ myStatus: 'enrolled', myOutcome: 'completed', myOutcomeReason: 'attended' });
      const ledger = (await alice.get('/api/v1/me/study-hours?year=2026')).json();
      expect(ledger.bySourceType.find((s: { sourceType: string }) => s.sourceType === 'class_session').hours).toBe(24);
    });

    it('a corrected roster re-derives at once: reversal rows and a revoked completion, then restored', async () => {
      const w = await heldClass();
      await afterTheClass(w);
      await w.officer.post(`/api/v1/classes/${w.cls.id}/complete`);
      // Alice was in fact absent from the first session too: 8 h missed of 28 > 1/7.
      const first = w.cls.sessions[0]!.id;
      await w.officer.put(`/api/v1/class-sessions/${first}/roster`, { entries: [{ personId: w.alice.id, status: 'absent' }] });
      expect((await completion(w, w.alice.id, w.cls.id))!.revoked_at).not.toBeNull();
      const rows = await credits(w, w.alice.id);
      expect(rows).toHaveLength(7);
      expect(rows.at(-1)).toMatchObject({ hours: -4, credited_on: '2026-03-02', direction: 'political_theory' });
      expect(rows.at(-1)!.reverses_id).toBe(rows.find((c) => c.credited_on === '2026-03-02' && Number(c.hours) === 4)!.id);
      expect(await standingHours(w, w.alice.id)).toBe(20);
      const report = (await w.officer.get(`/api/v1/classes/${w.cls.id}/report`)).json();
      expect(report).toMatchObject({ completed: 0, notCompleted: 2, creditedHours: 40 });
      // Corrected back: the completion is restored (same row) and the credit re-made.
      await w.officer.put(`/api/v1/class-sessions/${first}/roster`, { entries: [{ personId: w.alice.id, status: 'present' }] });
      expect((await completion(w, w.alice.id, w.cls.id))!.revoked_at).toBeNull();
      expect(await standingHours(w, w.alice.id)).toBe(24);
      expect(await w.ctx.db.selectFrom('training_completions').select('id').where('source_id', '=', w.cls.id).execute()).toHaveLength(1);
    });

    it('caps a day at 8 hours with the person\'s other credits', async () => {
      const w = await world();
      const cls = await makeClass(w.ctx, { orgId: w.tree.unit.id, sessions: [{ startsAt: day('2026-03-02', 8), hours: 4 }, { startsAt: day('2026-03-02', 13), hours: 4 }] });
      await w.ctx.db.transaction().execute((trx) =>
        trx.insertInto('study_credits').values({ id: newId(), person_id: w.alice.id, org_id: w.tree.branch.id, org_path: w.alice.org_path, year: 2026, credited_on: '2026-03-02', hours: 2, source_type: 'manual', source_id: null, description: '自学', created_at: new Date() }).execute(),
      );
      const officer = await w.login(w.unitOfficerUser);
      await officer.post(`/api/v1/classes/${cls.id}/nominations`, { personIds: [w.alice.id] });
      for (const s of cls.sessions) await officer.put(`/api/v1/class-sessions/${s.id}/roster`, { entries: [{ personId: w.alice.id, status: 'present' }] });
      w.env.setNow('2026-03-03T00:00:00Z');
      expect((await (await w.login(w.unitOfficerUser)).post(`/api/v1/classes/${cls.id}/complete`)).statusCode).toBe(200);
      expect(await standingHours(w, w.alice.id)).toBe(6);
    });

    it('statistics: classes held (班次) and person-times (人次) by type over a subtree and year', async () => {
      const w = await heldClass();
      await afterTheClass(w);
      const before = (await w.officer.get(`/api/v1/classes/statistics?orgId=${w.tree.unit.id}&year=2026`)).json();
      await w.officer.post(`/api/v1/classes/${w.cls.id}/complete`);
      const after = (await w.officer.get(`/api/v1/classes/statistics?orgId=${w.tree.unit.id}&year=2026`)).json();
      expect(after.total.classes - before.total.classes).toBe(1);
      expect(after.total.personTimes - before.total.personTimes).toBe(2);
      expect(after.total.completedPersons - before.total.completedPersons).toBe(1);
      const thematic = (s: { byType: Array<{ type: string; classes: number }> }) => s.byType.find((t) => t.type === 'thematic')!.classes;
      expect(thematic(after) - thematic(before)).toBe(1);
      const secretary = await w.login(w.secretaryUser);
      expect((await secretary.get(`/api/v1/classes/statistics?orgId=${w.tree.unit.id}&year=2026`)).json().error.code).toBe('ORG_NOT_FOUND');
      const mine = (await secretary.get('/api/v1/classes/statistics?year=2026')).json();
      expect(mine.orgId).toBe(w.tree.branch.id);
    });
  });

  it('a member of another branch neither sees a unit class of a sibling unit nor its sessions', async () => {
    const w = await world();
    const farUnit = await makeOrg(w.ctx, { parentId: w.tree.root.id, kind: 'party_committee' });
    const cls = await makeClass(w.ctx, { orgId: farUnit.id, selfEnrolment: true });
    const alice = await w.login(w.aliceUser);
    expect((await alice.get(`/api/v1/me/classes/${cls.id}`)).json().error.code).toBe('CLASS_NOT_FOUND');
    expect((await alice.post(`/api/v1/me/classes/${cls.id}/enrol`)).json().error.code).toBe('CLASS_NOT_FOUND');
    const secretary = await w.login(w.secretaryUser);
    expect((await secretary.get(`/api/v1/classes/${cls.id}`)).json().error.code).toBe('CLASS_NOT_FOUND');
    expect((await secretary.get('/api/v1/classes')).json().items.map((c: { id: string }) => c.id)).not.toContain(cls.id);
  });
});
