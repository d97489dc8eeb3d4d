/**
 * Permission-matrix rows of training classes. Classes are organised by branch A (inside) and B
 * (outside); the organisers are the managers of the organising branch (the secretary inside, the
 * officer everywhere). Calls are chosen so that allowed callers get past authorization without
 * changing what later calls see: stale versions (CONFLICT_VERSION), a session with attendance
 * (CLASS_SESSION_HAS_ATTENDANCE), approvals without a request (CLASS_NO_REQUEST), a class without
 * sessions (CLASS_NO_SESSIONS), a roster entry for someone not enrolled. The fixture's member is
 * enrolled in the inside classes only: their own acts are allowed inside, refused outside; accounts
 * without a person are refused the member routes (PROFILE_NOT_LINKED).
 */
import { definePermissions, managers, nobodyElse, org, person, type Side } from '../../test/permission-fragment.ts';
import { isoDateIn } from '../../lib/time.ts';
import * as repo from './classes.repo.ts';
import { hashClassSigninToken } from './classes.service.ts';
import * as classes from './classes.service.ts';
import { makeClass, officerActor } from './classes.testkit.ts';

const onlyTheMember = { member: 'allow', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny', officer: 'deny', secretary: 'deny' } as const;
const theMemberInside = { member: 'subtree', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny', officer: 'deny', secretary: 'deny' } as const;
const organisers = { ...managers, ...nobodyElse } as const;

export const permissions = definePermissions({
  setup: async (env, f) => {
    const { ctx } = env;
    const member = await ctx.db.selectFrom('users').select('person_id').where('id', '=', f.users.member.id).executeTakeFirstOrThrow();
    const memberPersonId = member.person_id!;
    // Sessions three days ahead: leave may still be asked for; the class's year is that day's.
    const start = new Date(ctx.now().getTime() + 3 * 86_400_000).toISOString();
    const year = Number(isoDateIn(new Date(start), ctx.config.timeZone).slice(0, 4));
    const klass = async (side: Side, options: { sessions?: number; selfEnrolment?: boolean; enrolMember?: boolean } = {}) => {
      const cls = await makeClass(ctx, { orgId: org(f, side).id, year, selfEnrolment: options.selfEnrolment ?? false, sessions: Array.from({ length: options.sessions ?? 1 }, () => ({ startsAt: start, hours: 2 })) });
      if (options.enrolMember && side === 'inside') {
        await classes.nominate(ctx, { actor: await officerActor(ctx, f.tree.root.id), ip: null, classId: cls.id, personIds: [memberPersonId] });
      }
      return cls;
    };
    const pair = async (options: Parameters<typeof klass>[1] = {}) => ({ inside: await klass('inside', options), outside: await klass('outside', options) });
    const main = await pair({ enrolMember: true });
    // A session with attendance on each side (cannot be deleted).
    const marked = await pair();
    for (const side of ['inside', 'outside'] as const) {
      await classes.nominate(ctx, { actor: await officerActor(ctx, f.tree.root.id), ip: null, classId: marked[side].id, personIds: [person(f, side).id] });
      await classes.markRoster(ctx, { actor: await officerActor(ctx, f.tree.root.id), ip: null, sessionId: marked[side].sessions[0]!.id, input: { entries: [{ personId: person(f, side).id, status: 'present' }] } });
    }
    const tokens = { inside: `class-matrix-inside-${f.A.id}`, outside: `class-matrix-outside-${f.B.id}` };
    for (const side of ['inside', 'outside'] as const) {
      await repo.setSignin(ctx.db, main[side].sessions[0]!.id, { tokenHash: hashClassSigninToken(tokens[side]), opensAt: ctx.now(), expiresAt: new Date(ctx.now().getTime() + 4 * 3_600_000), now: ctx.now() });
    }
    return { year, start, main, marked, empty: await pair({ sessions: 0 }), selfEnrol: await pair({ selfEnrolment: true }), toWithdraw: await pair({ enrolMember: true }), leave: await pair({ enrolMember: true }), tokens };
  },
  rules: {
    'GET /api/v1/classes': { call: () => ({ method: 'GET', url: '/api/v1/classes' }), expect: { officer: 'allow', secretary: 'allow', ...nobodyElse } },
    'POST /api/v1/classes': {
      call: (f, s, x) => ({ method: 'POST', url: '/api/v1/classes', body: { orgId: org(f, s).id, year: x.year, title: '矩阵培训班', type: 'thematic', targetGroup: 'all_members', capacity: 10 } }),
      expect: organisers,
    },
    'GET /api/v1/classes/statistics': { call: (f, s) => ({ method: 'GET', url: `/api/v1/classes/statistics?orgId=${org(f, s).id}` }), expect: organisers },
    'GET /api/v1/classes/{id}': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/classes/${x.main[s].id}` }), expect: organisers },
    'PATCH /api/v1/classes/{id}': { call: (_f, s, x) => ({ method: 'PATCH', url: `/api/v1/classes/${x.main[s].id}`, body: { version: 999, title: '过期版本' } }), expect: organisers },
    'POST /api/v1/classes/{id}/sessions': {
      call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/classes/${x.empty[s].id}/sessions`, body: { startsAt: x.start, endsAt: new Date(Date.parse(x.start) + 3_600_000).toISOString(), hours: 1, topic: '矩阵课程', lecturerName: '讲师' } }),
      expect: organisers,
    },
    'PATCH /api/v1/class-sessions/{id}': {
      call: (_f, s, x) => ({ method: 'PATCH', url: `/api/v1/class-sessions/${x.main[s].sessions[0]!.id}`, body: { version: 999, startsAt: x.start, endsAt: new Date(Date.parse(x.start) + 3_600_000).toISOString(), hours: 1, topic: '矩阵课程', lecturerName: '讲师' } }),
      expect: organisers,
    },
    'DELETE /api/v1/class-sessions/{id}': { call: (_f, s, x) => ({ method: 'DELETE', url: `/api/v1/class-sessions/${x.marked[s].sessions[0]!.id}` }), expect: organisers },
    'GET /api/v1/classes/{id}/enrolments': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/classes/${x.main[s].id}/enrolments` }), expect: organisers },
    // The first allowed caller enrols the person; the next gets CLASS_ALREADY_ENROLLED.
    'POST /api/v1/classes/{id}/nominations': { call: (f, s, x) => ({ method: 'POST', url: `/api/v1/classes/${x.main[s].id}/nominations`, body: { personIds: [person(f, s).id] } }), expect: organisers },
    'POST /api/v1/classes/{id}/enrolments/{personId}/approve': { call: (f, s, x) => ({ method: 'POST', url: `/api/v1/classes/${x.selfEnrol[s].id}/enrolments/${person(f, s).id}/approve` }), expect: organisers },
    'POST /api/v1/classes/{id}/enrolments/{personId}/reject': {
      call: (f, s, x) => ({ method: 'POST', url: `/api/v1/classes/${x.selfEnrol[s].id}/enrolments/${person(f, s).id}/reject`, body: { reason: '名额已满' } }),
      expect: organisers,
    },
    'DELETE /api/v1/classes/{id}/enrolments/{personId}': { call: (f, s, x) => ({ method: 'DELETE', url: `/api/v1/classes/${x.empty[s].id}/enrolments/${person(f, s).id}` }), expect: organisers },
    'GET /api/v1/class-sessions/{id}/roster': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/class-sessions/${x.main[s].sessions[0]!.id}/roster` }), expect: organisers },
    'PUT /api/v1/class-sessions/{id}/roster': {
      // Someone not enrolled there: CLASS_NOT_ENROLLED_PERSON past authorization, nothing written.
      call: (f, s, x) => ({ method: 'PUT', url: `/api/v1/class-sessions/${x.marked[s].sessions[0]!.id}/roster`, body: { entries: [{ personId: (s === 'inside' ? f.personB : f.personA).id, status: 'present' }] } }),
      expect: organisers,
    },
    'POST /api/v1/class-sessions/{id}/signin': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/class-sessions/${x.marked[s].sessions[0]!.id}/signin`, body: { minutes: 30 } }), expect: organisers },
    'POST /api/v1/class-sessions/{id}/signin/close': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/class-sessions/${x.marked[s].sessions[0]!.id}/signin/close` }), expect: organisers },
    'POST /api/v1/classes/{id}/complete': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/classes/${x.empty[s].id}/complete` }), expect: organisers },
    'GET /api/v1/classes/{id}/report': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/classes/${x.main[s].id}/report` }), expect: organisers },
    'GET /api/v1/class-signin/{token}': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/class-signin/${x.tokens[s]}` }), expect: onlyTheMember },
    'POST /api/v1/class-signin/{token}': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/class-signin/${x.tokens[s]}` }), expect: theMemberInside },
    'GET /api/v1/me/classes': { call: () => ({ method: 'GET', url: '/api/v1/me/classes' }), expect: onlyTheMember },
    'GET /api/v1/me/classes/{id}': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/me/classes/${x.main[s].id}` }), expect: theMemberInside },
    'POST /api/v1/me/classes/{id}/enrol': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/me/classes/${x.selfEnrol[s].id}/enrol` }), expect: theMemberInside },
    'DELETE /api/v1/me/classes/{id}/enrolment': { call: (_f, s, x) => ({ method: 'DELETE', url: `/api/v1/me/classes/${x.toWithdraw[s].id}/enrolment` }), expect: theMemberInside },
    'POST /api/v1/me/class-sessions/{id}/leave': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/me/class-sessions/${x.leave[s].sessions[0]!.id}/leave`, body: { reason: '外出公务' } }), expect: theMemberInside },
    'DELETE /api/v1/me/class-sessions/{id}/leave': { call: (_f, s, x) => ({ method: 'DELETE', url: `/api/v1/me/class-sessions/${x.main[s].sessions[0]!.id}/leave` }), expect: theMemberInside },
  },
});
