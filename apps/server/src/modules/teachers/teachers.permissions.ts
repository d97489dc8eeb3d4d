/**
 * Permission-matrix rows of the teacher pool. The pool is county-wide: every business role reads
 * it, the working committee (the officer) keeps it, administrators see nothing. "inside"/"outside"
 * are the secretary's branch A and the sibling B: proposals from B are hidden from the secretary,
 * requests and party lessons of B are not theirs. The matrix member is also an internal lecturer,
 * so the /me routes are theirs; requests "inside" are addressed to them, "outside" to another
 * lecturer. The member attended a held lesson in A (not in B), so only their feedback on A's counts.
 * Writes a second allowed caller repeats are refused by the rules (409), which still counts as allowed.
 */
import { makePerson, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { loginClient } from '../../test/harness.ts';
import { definePermissions, managers, nobodyElse, org, type Side } from '../../test/permission-fragment.ts';
import { addAttendees, makeActivity } from '../attendance/attendance.testkit.ts';

const officerOnly = { officer: 'allow', secretary: 'deny', ...nobodyElse } as const;
const readers = { officer: 'allow', secretary: 'allow', member: 'allow', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny' } as const;
const lecturerOnly = { member: 'allow', officer: 'deny', secretary: 'deny', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny' } as const;
const ownSideOnly = { member: 'subtree', officer: 'deny', secretary: 'deny', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny' } as const;

export const permissions = definePermissions({
  setup: async (env, f) => {
    const { ctx, app } = env;
    const officer = await loginClient(app, f.users.officer.username, TEST_PASSWORD);
    const secretary = await loginClient(app, f.users.secretary.username, TEST_PASSWORD);
    const bUser = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: f.B.id }] });
    const secretaryB = await loginClient(app, bUser.username, TEST_PASSWORD);
    const ok = async (res: { statusCode: number; body: string; json: () => unknown }, status = 201) => {
      if (res.statusCode !== status) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
      return res.json() as { id: string; version: number };
    };
    const memberPersonId = (await ctx.db.selectFrom('users').select('person_id').where('id', '=', f.users.member.id).executeTakeFirstOrThrow()).person_id!;
    const pool = await ok(await officer.post('/api/v1/lecturers', { kind: 'external', name: '矩阵讲师', unit: '矩阵党校', directions: ['political_theory'] }));
    const mine = await ok(await officer.post('/api/v1/lecturers', { kind: 'internal', personId: memberPersonId, directions: ['exemplars'] }));
    const course = await ok(await officer.post(`/api/v1/lecturers/${pool.id}/courses`, { title: '矩阵课程', direction: 'political_theory', minutes: 60, format: 'lecture' }));
    const propose = async (side: Side) =>
      (await ok(await (side === 'inside' ? secretary : secretaryB).post('/api/v1/lecturers', { kind: 'external', name: `推荐${side}`, unit: '矩阵单位', directions: ['exemplars'], proposedByOrgId: org(f, side).id }))).id;
    const request = async (side: Side, lecturerId: string) =>
      (await ok(await officer.post('/api/v1/lecturer-requests', { orgId: org(f, side).id, lecturerId, targetType: 'party_lesson', purpose: '矩阵党课', preferredDate: '2099-01-01' }))).id;
    const lesson = async (side: Side) => (await makeActivity(ctx, { orgId: org(f, side).id, kind: 'party_lesson', plannedStart: '2099-05-01T01:00:00Z' })).id;
    const heldLesson = async (side: Side) => {
      const attendee = side === 'inside' ? memberPersonId : (await makePerson(ctx, { orgId: f.B.id, name: '乙学员' })).id;
      const held = await makeActivity(ctx, { orgId: org(f, side).id, kind: 'party_lesson', status: 'held', heldOn: '2026-03-01', plannedStart: '2026-03-01T01:00:00Z' });
      await addAttendees(ctx, held.id, [{ personId: attendee, status: 'present' }]);
      await ctx.db.updateTable('activities').set({ lecturer_id: pool.id }).where('id', '=', held.id).execute();
      return held.id;
    };
    const build = async (side: Side) => ({
      // GET: an active lecturer inside, B's proposal (hidden from A's secretary and members) outside.
      lecturer: side === 'inside' ? pool.id : await propose('outside'),
      approve: await propose(side),
      reject: await propose(side),
      cancel: await request(side, pool.id),
      accept: await request(side, side === 'inside' ? mine.id : pool.id),
      decline: await request(side, side === 'inside' ? mine.id : pool.id),
      lesson: await lesson(side),
      held: await heldLesson(side),
    });
    return { pool: pool.id, course: course.id, inside: await build('inside'), outside: await build('outside') };
  },
  rules: {
    'GET /api/v1/teacher-directions': { call: () => ({ method: 'GET', url: '/api/v1/teacher-directions' }), expect: readers },
    'POST /api/v1/teacher-directions': { call: () => ({ method: 'POST', url: '/api/v1/teacher-directions', body: { code: 'matrix_direction', nameZh: '矩阵方向', nameEn: 'Matrix' } }), expect: officerOnly },
    'GET /api/v1/lecturers': { call: () => ({ method: 'GET', url: '/api/v1/lecturers?q=juzhen' }), expect: readers },
    'POST /api/v1/lecturers': {
      // Officers add directly; a secretary proposes from the organisation named, only one they manage.
      call: (f, s) => ({ method: 'POST', url: '/api/v1/lecturers', body: { kind: 'external', name: '矩阵新讲师', unit: '矩阵单位', directions: ['exemplars'], proposedByOrgId: org(f, s).id } }),
      expect: { officer: 'allow', secretary: 'subtree', ...nobodyElse },
    },
    'GET /api/v1/lecturers/{id}': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/lecturers/${x[s].lecturer}` }), expect: { officer: 'allow', secretary: 'subtree', member: 'subtree', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny' } },
    'PATCH /api/v1/lecturers/{id}': { call: (_f, s, x) => ({ method: 'PATCH', url: `/api/v1/lecturers/${x[s].lecturer}`, body: { version: 999, title: '矩阵' } }), expect: officerOnly },
    'GET /api/v1/lecturers/{id}/pii': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/lecturers/${x[s].lecturer}/pii` }), expect: officerOnly },
    'POST /api/v1/lecturers/{id}/approve': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/lecturers/${x[s].approve}/approve` }), expect: officerOnly },
    'POST /api/v1/lecturers/{id}/reject': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/lecturers/${x[s].reject}/reject`, body: { reason: '矩阵退回' } }), expect: officerOnly },
    'POST /api/v1/lecturers/{id}/courses': {
      call: (_f, _s, x) => ({ method: 'POST', url: `/api/v1/lecturers/${x.pool}/courses`, body: { title: '矩阵新课', direction: 'exemplars', minutes: 45, format: 'seminar' } }),
      expect: officerOnly,
    },
    'GET /api/v1/lecturers/{id}/feedback': { call: (_f, _s, x) => ({ method: 'GET', url: `/api/v1/lecturers/${x.pool}/feedback` }), expect: officerOnly },
    'PATCH /api/v1/lecturer-courses/{id}': { call: (_f, _s, x) => ({ method: 'PATCH', url: `/api/v1/lecturer-courses/${x.course}`, body: { version: 999, title: '矩阵' } }), expect: officerOnly },
    'GET /api/v1/lecturer-courses': { call: () => ({ method: 'GET', url: '/api/v1/lecturer-courses?direction=political_theory' }), expect: readers },
    'GET /api/v1/lecturer-feedback/summary': { call: () => ({ method: 'GET', url: '/api/v1/lecturer-feedback/summary' }), expect: officerOnly },
    'POST /api/v1/lecturer-feedback': {
      // The member attended the held lesson inside only; the others have no member record.
      call: (_f, s, x) => ({ method: 'POST', url: '/api/v1/lecturer-feedback', body: { sessionType: 'party_lesson', sessionId: x[s].held, rating: 4 } }),
      expect: ownSideOnly,
    },
    'POST /api/v1/lecturer-requests': {
      call: (f, s, x) => ({ method: 'POST', url: '/api/v1/lecturer-requests', body: { orgId: org(f, s).id, lecturerId: x.pool, targetType: 'party_lesson', purpose: '矩阵', preferredDate: '2099-02-01' } }),
      expect: { ...managers, ...nobodyElse },
    },
    'GET /api/v1/lecturer-requests': { call: (f, s) => ({ method: 'GET', url: `/api/v1/lecturer-requests?orgId=${org(f, s).id}` }), expect: { ...managers, ...nobodyElse } },
    'POST /api/v1/lecturer-requests/{id}/cancel': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/lecturer-requests/${x[s].cancel}/cancel` }), expect: { ...managers, ...nobodyElse } },
    'GET /api/v1/me/lecturer': { call: () => ({ method: 'GET', url: '/api/v1/me/lecturer' }), expect: lecturerOnly },
    'GET /api/v1/me/lecturer-requests': { call: () => ({ method: 'GET', url: '/api/v1/me/lecturer-requests' }), expect: lecturerOnly },
    'POST /api/v1/me/lecturer-requests/{id}/accept': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/me/lecturer-requests/${x[s].accept}/accept` }), expect: ownSideOnly },
    'POST /api/v1/me/lecturer-requests/{id}/decline': {
      call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/me/lecturer-requests/${x[s].decline}/decline`, body: { reason: '矩阵婉拒' } }),
      expect: ownSideOnly,
    },
    'GET /api/v1/me/lecturer-feedback': { call: () => ({ method: 'GET', url: '/api/v1/me/lecturer-feedback' }), expect: lecturerOnly },
    'GET /api/v1/me/feedback-sessions': { call: () => ({ method: 'GET', url: '/api/v1/me/feedback-sessions' }), expect: lecturerOnly },
    'GET /api/v1/activities/{id}/lecturer': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/activities/${x[s].lesson}/lecturer` }), expect: { ...managers, ...nobodyElse } },
    'PUT /api/v1/activities/{id}/lecturer': { call: (_f, s, x) => ({ method: 'PUT', url: `/api/v1/activities/${x[s].lesson}/lecturer`, body: { lecturerId: x.pool } }), expect: { ...managers, ...nobodyElse } },
  },
});
