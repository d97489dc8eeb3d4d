/**
 * Class sessions and the teacher pool over HTTP: participants who attended a session taught by a
 * lecturer of the pool rate it once (absentees and people not enrolled cannot; the lecturer and the
 * working committee see it without raters' names), and a lecturer's acceptance of a request sets
 * the linked class session's lecturer, or the linked party lesson's speaker — not once the class
 * has completed or the lesson was cancelled.
 */
import { describe, expect, it } from 'vitest';
import { makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient, type Client } from '../../test/harness.ts';
import { makeActivity } from '../attendance/attendance.testkit.ts';
import { makeClass } from './classes.testkit.ts';

const BEFORE = '2026-03-02T00:00:00Z';
const AFTER = '2026-03-11T00:00:00Z';
const day = (d: string, hour = 9) => new Date(`${d}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();
const code = (res: { json: () => { error?: { code: string } } }) => res.json().error?.code;

describeEachDatabase('class sessions and the teacher pool', (getEnv) => {
  /**
   * A branch class with two sessions on 10 March: the first taught by an internal lecturer of the
   * pool, the second by a typed name. Alice and Bob are enrolled (Alice present at both, Bob absent
   * from the first); Carol is not enrolled.
   */
  async function world() {
    const env = getEnv();
    env.setNow(BEFORE);
    const { ctx, app } = env;
    const tree = await makeTree(ctx);
    const lecturerPerson = await makePerson(ctx, { orgId: tree.unit.id, name: '欧阳讲师' });
    const alice = await makePerson(ctx, { orgId: tree.branch.id, name: '王小明' });
    const bob = await makePerson(ctx, { orgId: tree.branch.id, name: '李小红' });
    const carol = await makePerson(ctx, { orgId: tree.branch.id, name: '赵小兰' });
    const users = {
      officer: await makeUser(ctx, { roles: [{ role: 'committee_officer', orgId: tree.root.id }] }),
      secretary: await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.branch.id }] }),
      otherSecretary: await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.otherBranch.id }] }),
      lecturer: await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.unit.id }], personId: lecturerPerson.id }),
      alice: await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: alice.id }),
      bob: await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: bob.id }),
      carol: await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: carol.id }),
    };
    // Sessions expire with the clock: log in again after moving it.
    const login = async () => {
      const out = {} as Record<keyof typeof users, Client>;
      for (const [k, u] of Object.entries(users)) out[k as keyof typeof users] = await loginClient(app, u.username, TEST_PASSWORD);
      return out;
    };
    let c = await login();
    const lecturer = (await c.officer.post('/api/v1/lecturers', { kind: 'internal', personId: lecturerPerson.id, title: '党校讲师', directions: ['political_theory'] })).json();
    const course = (await c.officer.post(`/api/v1/lecturers/${lecturer.id}/courses`, { title: '党的创新理论', direction: 'political_theory', minutes: 180, format: 'lecture' })).json();
    const cls = await makeClass(ctx, {
      orgId: tree.branch.id,
      title: '支部党员培训班',
      sessions: [
        { startsAt: day('2026-03-10', 8), hours: 3, topic: '理论辅导', lecturerId: lecturer.id },
        { startsAt: day('2026-03-10', 14), hours: 3, topic: '案例研讨', lecturerName: '张教授' },
      ],
    });
    const pool = cls.sessions[0]!;
    const typed = cls.sessions[1]!;
    expect((await c.secretary.post(`/api/v1/classes/${cls.id}/nominations`, { personIds: [alice.id, bob.id] })).statusCode).toBe(200);
    await c.secretary.put(`/api/v1/class-sessions/${pool.id}/roster`, { entries: [{ personId: alice.id, status: 'present' }, { personId: bob.id, status: 'absent' }] });
    await c.secretary.put(`/api/v1/class-sessions/${typed.id}/roster`, { entries: [{ personId: alice.id, status: 'present' }, { personId: bob.id, status: 'present' }] });
    const after = async () => {
      env.setNow(AFTER);
      c = await login();
      return c;
    };
    return { env, ctx, tree, alice, bob, carol, lecturer, course, cls, pool, typed, clients: () => c, after };
  }

  describe('feedback on class sessions', () => {
    it('a participant who attended rates the session once after it ended; the lecturer and the committee see it without names', async () => {
      const w = await world();
      const rate = (c: Client, sessionId: string, rating = 5, comment: string | null = null) => c.post('/api/v1/lecturer-feedback', { sessionType: 'class_session', sessionId, rating, comment });
      // Not held yet: not listed, not rated.
      expect((await w.clients().alice.get('/api/v1/me/feedback-sessions')).json()).toEqual([]);
      expect(code(await rate(w.clients().alice, w.pool.id))).toBe('LECTURER_FEEDBACK_NOT_HELD');

      const c = await w.after();
      const listed = (await c.alice.get('/api/v1/me/feedback-sessions')).json();
      expect(listed).toEqual([{ sessionType: 'class_session', sessionId: w.pool.id, title: '支部党员培训班：理论辅导', heldOn: '2026-03-10', lecturerId: w.lecturer.id, lecturerName: '欧阳讲师', rated: false }]);
      const res = await rate(c.alice, w.pool.id, 4, '理论联系实际');
      expect(res.statusCode).toBe(201);
      expect(code(await rate(c.alice, w.pool.id, 1))).toBe('LECTURER_FEEDBACK_TWICE');
      expect((await c.alice.get('/api/v1/me/feedback-sessions')).json()[0].rated).toBe(true);
      const stored = await w.ctx.db.selectFrom('lecturer_feedback').select(['lecturer_id', 'session_type']).where('session_id', '=', w.pool.id).execute();
      expect(stored).toEqual([{ lecturer_id: w.lecturer.id, session_type: 'class_session' }]);

      for (const report of [await c.lecturer.get('/api/v1/me/lecturer-feedback'), await c.officer.get(`/api/v1/lecturers/${w.lecturer.id}/feedback`)]) {
        expect(report.statusCode).toBe(200);
        expect(report.json().summary).toMatchObject({ lecturerId: w.lecturer.id, count: 1, average: 4, sessions: 1 });
        expect(report.json().items).toEqual([expect.objectContaining({ sessionType: 'class_session', sessionTitle: '支部党员培训班：理论辅导', heldOn: '2026-03-10', rating: 4, comment: '理论联系实际' })]);
        expect(report.body).not.toContain('王小明');
        expect(report.body).not.toContain(w.alice.id);
      }
    });

    it('refuses an absentee, a person not enrolled, a session with a typed lecturer, an unknown session, and the lecturer themself', async () => {
      const w = await world();
      const c = await w.after();
      const rate = (client: Client, sessionId: string) => client.post('/api/v1/lecturer-feedback', { sessionType: 'class_session', sessionId, rating: 3 });
      expect(code(await rate(c.bob, w.pool.id))).toBe('LECTURER_FEEDBACK_NOT_ATTENDED');
      expect((await c.bob.get('/api/v1/me/feedback-sessions')).json()).toEqual([]);
      expect(code(await rate(c.carol, w.pool.id))).toBe('LECTURER_FEEDBACK_NOT_ATTENDED');
      expect(code(await rate(c.alice, w.typed.id))).toBe('LECTURER_FEEDBACK_NO_LECTURER');
      expect(code(await rate(c.alice, w.cls.id))).toBe('LECTURER_FEEDBACK_SESSION_NOT_FOUND');
      // A party-lesson id is not a class session either way round.
      expect(code(await c.alice.post('/api/v1/lecturer-feedback', { sessionType: 'party_lesson', sessionId: w.pool.id, rating: 3 }))).toBe('LECTURER_FEEDBACK_SESSION_NOT_FOUND');
      expect(code(await rate(c.lecturer, w.pool.id))).toBe('LECTURER_FEEDBACK_NOT_ATTENDED');

      // Withdrawn from the class after attending: no longer a participant who may rate it.
      await w.ctx.db.updateTable('class_enrolments').set({ status: 'withdrawn' }).where('class_id', '=', w.cls.id).where('person_id', '=', w.alice.id).execute();
      expect(code(await rate(c.alice, w.pool.id))).toBe('LECTURER_FEEDBACK_NOT_ATTENDED');
      expect((await c.alice.get('/api/v1/me/feedback-sessions')).json()).toEqual([]);
      expect(await w.ctx.db.selectFrom('lecturer_feedback').select('id').where('session_id', 'in', [w.pool.id, w.typed.id]).execute()).toEqual([]);
    });
  });

  describe('accepting a linked request', () => {
    it('sets the class session\'s lecturer, course and direction; only the organisation running an open class may link its session', async () => {
      const w = await world();
      const c = w.clients();
      const base = { orgId: w.tree.branch.id, lecturerId: w.lecturer.id, targetType: 'class_session', purpose: '培训班案例研讨', preferredDate: '2026-03-10' };
      expect(code(await c.otherSecretary.post('/api/v1/lecturer-requests', { ...base, orgId: w.tree.otherBranch.id, classSessionId: w.typed.id }))).toBe('LECTURER_REQUEST_CLASS_SESSION');
      expect(code(await c.secretary.post('/api/v1/lecturer-requests', { ...base, classSessionId: w.cls.id }))).toBe('LECTURER_REQUEST_CLASS_SESSION');
      const unitClass = await makeClass(w.ctx, { orgId: w.tree.unit.id, sessions: [{ startsAt: day('2026-03-12'), hours: 2 }] });
      expect(code(await c.secretary.post('/api/v1/lecturer-requests', { ...base, classSessionId: unitClass.sessions[0]!.id }))).toBe('LECTURER_REQUEST_CLASS_SESSION');

      const created = await c.secretary.post('/api/v1/lecturer-requests', { ...base, courseId: w.course.id, classSessionId: w.typed.id });
      expect(created.statusCode, created.body).toBe(201);
      expect((await c.lecturer.post(`/api/v1/me/lecturer-requests/${created.json().id}/accept`)).json().status).toBe('accepted');
      const session = (await c.secretary.get(`/api/v1/classes/${w.cls.id}`)).json().sessions.find((s: { id: string }) => s.id === w.typed.id);
      expect(session).toMatchObject({ lecturerId: w.lecturer.id, lecturerName: '欧阳讲师', courseId: w.course.id, courseTitle: '党的创新理论', direction: 'political_theory', topic: '案例研讨', hours: 3 });
      const audit = await w.ctx.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_id', '=', w.typed.id).where('action', '=', 'class.session_lecturer').executeTakeFirstOrThrow();
      expect(audit.before).toMatchObject({ lecturerId: null, lecturerName: '张教授' });
      expect(audit.after).toMatchObject({ lecturerId: w.lecturer.id, requestId: created.json().id });

      // A declined request changes nothing.
      const other = (await c.officer.post('/api/v1/lecturers', { kind: 'external', name: '陈教授', unit: '市委党校', directions: ['modern_economy'] })).json();
      const declined = (await c.secretary.post('/api/v1/lecturer-requests', { ...base, lecturerId: other.id, classSessionId: w.pool.id })).json();
      await w.ctx.db.updateTable('lecturers').set({ user_id: (await w.ctx.db.selectFrom('users').select('id').where('person_id', '=', w.alice.id).executeTakeFirstOrThrow()).id }).where('id', '=', other.id).execute();
      expect((await c.alice.post(`/api/v1/me/lecturer-requests/${declined.id}/decline`, { reason: '时间冲突' })).json().status).toBe('declined');
      expect((await c.secretary.get(`/api/v1/classes/${w.cls.id}`)).json().sessions.find((s: { id: string }) => s.id === w.pool.id).lecturerId).toBe(w.lecturer.id);
    });

    it('leaves the session of a class completed before the answer as it was', async () => {
      const w = await world();
      const request = (await w.clients().secretary.post('/api/v1/lecturer-requests', { orgId: w.tree.branch.id, lecturerId: w.lecturer.id, targetType: 'class_session', classSessionId: w.typed.id, purpose: '补充授课', preferredDate: '2026-12-01' })).json();
      const c = await w.after();
      expect((await c.secretary.post(`/api/v1/classes/${w.cls.id}/complete`)).statusCode).toBe(200);
      expect((await c.lecturer.post(`/api/v1/me/lecturer-requests/${request.id}/accept`)).json().status).toBe('accepted');
      const session = (await c.secretary.get(`/api/v1/classes/${w.cls.id}`)).json().sessions.find((s: { id: string }) => s.id === w.typed.id);
      expect(session).toMatchObject({ lecturerId: null, lecturerName: '张教授', courseId: null });
      // And a completed class's sessions can no longer be linked.
      expect(code(await c.secretary.post('/api/v1/lecturer-requests', { orgId: w.tree.branch.id, lecturerId: w.lecturer.id, targetType: 'class_session', classSessionId: w.typed.id, purpose: '再次', preferredDate: '2026-12-01' }))).toBe(
        'LECTURER_REQUEST_CLASS_SESSION',
      );
    });

    it('makes the lecturer the linked party lesson\'s speaker, as choosing from the pool does; a lesson cancelled meanwhile is left alone', async () => {
      const w = await world();
      const c = w.clients();
      const lesson = await makeActivity(w.ctx, { orgId: w.tree.branch.id, kind: 'party_lesson', topic: '七一专题党课', plannedStart: '2026-07-01T01:00:00Z' });
      const request = (await c.secretary.post('/api/v1/lecturer-requests', { orgId: w.tree.branch.id, lecturerId: w.lecturer.id, targetType: 'party_lesson', activityId: lesson.id, purpose: '七一专题党课', preferredDate: '2026-07-01' })).json();
      expect((await c.secretary.get(`/api/v1/activities/${lesson.id}/lecturer`)).json().lecturerId).toBeNull();
      expect((await c.lecturer.post(`/api/v1/me/lecturer-requests/${request.id}/accept`)).statusCode).toBe(200);
      expect((await c.secretary.get(`/api/v1/activities/${lesson.id}/lecturer`)).json()).toMatchObject({ lecturerId: w.lecturer.id, lecturerName: '欧阳讲师', speakerName: null });
      const activity = await w.ctx.db.selectFrom('activities').select(['speaker_person_id', 'lecturer_id']).where('id', '=', lesson.id).executeTakeFirstOrThrow();
      expect(activity).toEqual({ speaker_person_id: (await w.ctx.db.selectFrom('lecturers').select('person_id').where('id', '=', w.lecturer.id).executeTakeFirstOrThrow()).person_id, lecturer_id: w.lecturer.id });
      const audit = await w.ctx.db.selectFrom('audit_log').select(['action']).where('entity_id', '=', lesson.id).where('action', '=', 'activity.lecturer.set').execute();
      expect(audit).toHaveLength(1);

      const cancelled = await makeActivity(w.ctx, { orgId: w.tree.branch.id, kind: 'party_lesson', topic: '取消的党课', plannedStart: '2026-07-02T01:00:00Z' });
      const second = (await c.secretary.post('/api/v1/lecturer-requests', { orgId: w.tree.branch.id, lecturerId: w.lecturer.id, targetType: 'party_lesson', activityId: cancelled.id, purpose: '取消的党课', preferredDate: '2026-07-02' })).json();
      await w.ctx.db.updateTable('activities').set({ status: 'cancelled' }).where('id', '=', cancelled.id).execute();
      expect((await c.lecturer.post(`/api/v1/me/lecturer-requests/${second.id}/accept`)).json().status).toBe('accepted');
      expect(await w.ctx.db.selectFrom('activities').select(['lecturer_id', 'speaker_person_id']).where('id', '=', cancelled.id).executeTakeFirstOrThrow()).toEqual({ lecturer_id: null, speaker_person_id: null });
    });
  });
});
