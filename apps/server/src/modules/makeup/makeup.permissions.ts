/**
 * Permission-matrix rows of make-up study. Managers list the assignments of their subtrees
 * (inside = branch A, outside = B). An assignment is its assignee's alone: inside is the fixture
 * member's own assignment, outside someone else's, which every caller is told does not exist.
 * Accounts without a person have no assignments (PROFILE_NOT_LINKED).
 */
import { definePermissions, managers, nobodyElse, org, person, type Side } from '../../test/permission-fragment.ts';
import { derive, makeActivity } from '../attendance/attendance.testkit.ts';

const theMemberInside = { member: 'subtree', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny', officer: 'deny', secretary: 'deny' } as const;
const NOTE = '认真学习了会议材料，对照检查了自身不足，今后将积极参加组织生活。';

export const permissions = definePermissions({
  setup: async (env, f) => {
    const { ctx } = env;
    const member = await ctx.db.selectFrom('users').select('person_id').where('id', '=', f.users.member.id).executeTakeFirstOrThrow();
    const assignment = async (side: Side) => {
      const absentee = side === 'inside' ? member.person_id! : person(f, side).id;
      const activity = await makeActivity(ctx, { orgId: org(f, side).id, status: 'held', heldOn: '2026-03-10', attendees: [{ personId: absentee, status: 'absent' }] });
      await derive(ctx, activity.id);
      const row = await ctx.db.selectFrom('makeup_assignments').select('id').where('activity_id', '=', activity.id).executeTakeFirstOrThrow();
      return row.id;
    };
    return { assignments: { inside: await assignment('inside'), outside: await assignment('outside') } };
  },
  rules: {
    'GET /api/v1/makeup': { call: (f, s) => ({ method: 'GET', url: `/api/v1/makeup?orgId=${org(f, s).id}&status=open` }), expect: { ...managers, ...nobodyElse } },
    'GET /api/v1/me/makeup': { call: () => ({ method: 'GET', url: '/api/v1/me/makeup' }), expect: { member: 'allow', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny', officer: 'deny', secretary: 'deny' } },
    'GET /api/v1/me/makeup/{id}': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/me/makeup/${x.assignments[s]}` }), expect: theMemberInside },
    'POST /api/v1/me/makeup/{id}/read': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/me/makeup/${x.assignments[s]}/read` }), expect: theMemberInside },
    'POST /api/v1/me/makeup/{id}/complete': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/me/makeup/${x.assignments[s]}/complete`, body: { note: NOTE } }), expect: theMemberInside },
  },
});
