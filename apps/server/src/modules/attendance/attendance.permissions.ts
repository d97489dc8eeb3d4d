/**
 * Permission-matrix rows of attendance. Marking, the sheet and the sign-in window belong to the
 * managers of the activity's organisation (inside = an activity of branch A, outside = one of B).
 * Signing in and leave requests are a person's own acts: the fixture's member is an attendee of
 * the inside activities only, so they are allowed inside and refused outside; accounts without a
 * person (officer, secretary, the three administrators) are refused everywhere (PROFILE_NOT_LINKED).
 * Opening the QR link shows the activity to any person, attendee or not.
 */
import { definePermissions, managers, nobodyElse, org, person, type Side } from '../../test/permission-fragment.ts';
import * as repo from './attendance.repo.ts';
import { hashSigninToken } from './attendance.service.ts';
import { makeActivity } from './attendance.testkit.ts';

const onlyTheMember = { member: 'allow', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny', officer: 'deny', secretary: 'deny' } as const;
const theMemberInside = { member: 'subtree', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny', officer: 'deny', secretary: 'deny' } as const;

export const permissions = definePermissions({
  setup: async (env, f) => {
    const { ctx } = env;
    const member = await ctx.db.selectFrom('users').select('person_id').where('id', '=', f.users.member.id).executeTakeFirstOrThrow();
    const memberPersonId = member.person_id!;
    const activity = async (side: Side) => {
      const attendees = side === 'inside' ? [{ personId: memberPersonId }, { personId: person(f, side).id }] : [{ personId: person(f, side).id }];
      return (await makeActivity(ctx, { orgId: org(f, side).id, plannedStart: new Date(ctx.now().getTime() + 3_600_000).toISOString(), attendees })).id;
    };
    const pair = async () => ({ inside: await activity('inside'), outside: await activity('outside') });
    const marking = await pair();
    const signin = await pair();
    const tokens = { inside: `matrix-inside-${f.A.id}`, outside: `matrix-outside-${f.B.id}` };
    for (const side of ['inside', 'outside'] as const) {
      await repo.setSignin(ctx.db, signin[side], { tokenHash: hashSigninToken(tokens[side]), tokenSealed: ctx.pii.encrypt(tokens[side]), opensAt: ctx.now(), expiresAt: new Date(ctx.now().getTime() + 4 * 3_600_000) });
    }
    return { marking, signin, tokens, leave: await pair(), withdraw: await pair() };
  },
  rules: {
    'GET /api/v1/activities/{id}/attendance': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/activities/${x.marking[s]}/attendance` }), expect: { ...managers, ...nobodyElse } },
    'PUT /api/v1/activities/{id}/attendance': {
      call: (f, s, x) => ({ method: 'PUT', url: `/api/v1/activities/${x.marking[s]}/attendance`, body: { entries: [{ personId: person(f, s).id, status: 'present' }] } }),
      expect: { ...managers, ...nobodyElse },
    },
    'POST /api/v1/activities/{id}/signin': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/activities/${x.marking[s]}/signin`, body: { minutes: 30 } }), expect: { ...managers, ...nobodyElse } },
    // The open code of another device: managers of the activity's organisation only.
    'GET /api/v1/activities/{id}/signin': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/activities/${x.signin[s]}/signin` }), expect: { ...managers, ...nobodyElse } },
    'POST /api/v1/activities/{id}/signin/close': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/activities/${x.marking[s]}/signin/close` }), expect: { ...managers, ...nobodyElse } },
    'GET /api/v1/signin/{token}': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/signin/${x.tokens[s]}` }), expect: onlyTheMember },
    'POST /api/v1/signin/{token}': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/signin/${x.tokens[s]}` }), expect: theMemberInside },
    'POST /api/v1/me/activities/{id}/leave': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/me/activities/${x.leave[s]}/leave`, body: { reason: '外出公务' } }), expect: theMemberInside },
    // Nothing to withdraw inside: the member gets LEAVE_NOT_REQUESTED, past authorization.
    'DELETE /api/v1/me/activities/{id}/leave': { call: (_f, s, x) => ({ method: 'DELETE', url: `/api/v1/me/activities/${x.withdraw[s]}/leave` }), expect: theMemberInside },
    'GET /api/v1/me/obligations': { call: () => ({ method: 'GET', url: '/api/v1/me/obligations' }), expect: onlyTheMember },
    'GET /api/v1/me/activities': { call: () => ({ method: 'GET', url: '/api/v1/me/activities?year=2026' }), expect: onlyTheMember },
  },
});
