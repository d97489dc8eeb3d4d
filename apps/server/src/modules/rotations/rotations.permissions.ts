/**
 * Permission-matrix rows of rotation training. Rotations are declared on branch A (inside) and B
 * (outside) by the officer. Declaring, editing and closing belong to committee officers only (the
 * secretary of A is refused even on A's rotation: ROTATION_OFFICERS_ONLY); reading a rotation and
 * its coverage belongs to the managers who see it (the secretary inside, the officer everywhere).
 * Members and the three administrators have no part. Edits use a stale version (CONFLICT_VERSION
 * past authorization), and closing twice answers ROTATION_CLOSED, so nothing depends on order.
 */
import { definePermissions, managers, nobodyElse, org, type Side } from '../../test/permission-fragment.ts';
import { officerActor } from '../classes/classes.testkit.ts';
import * as rotations from './rotations.service.ts';

const officersOnly = { officer: 'allow', secretary: 'deny', ...nobodyElse } as const;

export const permissions = definePermissions({
  setup: async (env, f) => {
    const { ctx } = env;
    const actor = await officerActor(ctx, f.tree.root.id);
    const declare = async (side: Side) =>
      (await rotations.declareRotation(ctx, { actor, ip: null, input: { orgId: org(f, side).id, year: 2026, title: '矩阵轮训', targetGroups: ['all_members'], deadline: '2026-12-31' } })).id;
    const pair = async () => ({ inside: await declare('inside'), outside: await declare('outside') });
    return { read: await pair(), close: await pair() };
  },
  rules: {
    'GET /api/v1/rotations': { call: () => ({ method: 'GET', url: '/api/v1/rotations?year=2026' }), expect: { officer: 'allow', secretary: 'allow', ...nobodyElse } },
    'POST /api/v1/rotations': {
      call: (f, s) => ({ method: 'POST', url: '/api/v1/rotations', body: { orgId: org(f, s).id, year: 2026, title: '矩阵新轮训', targetGroups: ['secretaries'], deadline: '2026-10-31' } }),
      expect: officersOnly,
    },
    'GET /api/v1/rotations/{id}': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/rotations/${x.read[s]}` }), expect: { ...managers, ...nobodyElse } },
    'PATCH /api/v1/rotations/{id}': { call: (_f, s, x) => ({ method: 'PATCH', url: `/api/v1/rotations/${x.read[s]}`, body: { version: 999, title: '过期版本' } }), expect: officersOnly },
    'POST /api/v1/rotations/{id}/close': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/rotations/${x.close[s]}/close` }), expect: officersOnly },
    'GET /api/v1/rotations/{id}/coverage': { call: (f, s, x) => ({ method: 'GET', url: `/api/v1/rotations/${x.read[s]}/coverage?orgId=${org(f, s).id}` }), expect: { ...managers, ...nobodyElse } },
    'GET /api/v1/rotations/{id}/coverage/people': { call: (f, s, x) => ({ method: 'GET', url: `/api/v1/rotations/${x.read[s]}/coverage/people?orgId=${org(f, s).id}` }), expect: { ...managers, ...nobodyElse } },
  },
});
