/**
 * Permission-matrix rows of training groups: managers of the group's organisation (the officer
 * everywhere, the secretary in branch A) run it; a sibling branch's group (B) is not the
 * secretary's; members only read their own plans; administrators see nothing. A deletion removes
 * a fresh group made for that very call, so each allowed caller has one to remove.
 */
import { TEST_PASSWORD } from '../../test/factories.ts';
import { loginClient } from '../../test/harness.ts';
import { definePermissions, managers, nobodyElse, org, type Side } from '../../test/permission-fragment.ts';

const managersOnly = { ...managers, ...nobodyElse } as const;

export const permissions = definePermissions({
  setup: async (env, f) => {
    const officer = await loginClient(env.app, f.users.officer.username, TEST_PASSWORD);
    const group = async (side: Side, kind: string) => {
      const res = await officer.post('/api/v1/training-groups', { orgId: org(f, side).id, name: `矩阵分组${side}${kind}`, kind });
      if (res.statusCode !== 201) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
      return res.json().id as string;
    };
    return {
      inside: await group('inside', 'custom'),
      outside: await group('outside', 'custom'),
      fresh: (side: Side) => group(side, 'custom'),
    };
  },
  rules: {
    'GET /api/v1/training-groups': { call: (f, s) => ({ method: 'GET', url: `/api/v1/training-groups?orgId=${org(f, s).id}` }), expect: managersOnly },
    'POST /api/v1/training-groups': { call: (f, s) => ({ method: 'POST', url: '/api/v1/training-groups', body: { orgId: org(f, s).id, name: '矩阵新分组', kind: 'leading_cadres' } }), expect: managersOnly },
    'GET /api/v1/training-groups/{id}': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/training-groups/${x[s]}` }), expect: managersOnly },
    'PATCH /api/v1/training-groups/{id}': { call: (_f, s, x) => ({ method: 'PATCH', url: `/api/v1/training-groups/${x[s]}`, body: { version: 999, name: '矩阵' } }), expect: managersOnly },
    'DELETE /api/v1/training-groups/{id}': { call: async (_f, s, x) => ({ method: 'DELETE', url: `/api/v1/training-groups/${await x.fresh(s)}` }), expect: managersOnly },
    'GET /api/v1/training-groups/{id}/members': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/training-groups/${x[s]}/members` }), expect: managersOnly },
    'PUT /api/v1/training-groups/{id}/members': { call: (_f, s, x) => ({ method: 'PUT', url: `/api/v1/training-groups/${x[s]}/members`, body: { personIds: [] } }), expect: managersOnly },
    'GET /api/v1/training-groups/{id}/plans': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/training-groups/${x[s]}/plans` }), expect: managersOnly },
    'PUT /api/v1/training-groups/{id}/plans/{year}': {
      // The first allowed caller creates the plan; the next is refused without the version (409).
      call: (_f, s, x) => ({ method: 'PUT', url: `/api/v1/training-groups/${x[s]}/plans/2040`, body: { topics: [], directions: [], targetHours: 8, courseIds: [] } }),
      expect: managersOnly,
    },
    'GET /api/v1/me/training-plans': {
      call: () => ({ method: 'GET', url: '/api/v1/me/training-plans' }),
      expect: { member: 'allow', officer: 'deny', secretary: 'deny', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny' },
    },
  },
});
