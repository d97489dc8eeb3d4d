/**
 * Permission-matrix rows of training needs. Progress, coverage, lists and records of a person or
 * organisation belong to the managers of its subtree (inside = branch A, outside = B); a member
 * sees and asks only for themselves; the three administrators see none. Manual requests to decide
 * are created per side in setup: the first allowed caller approves, later ones get
 * MANUAL_CREDIT_ALREADY_DECIDED (still past authorization). Delivered study for the fixture's
 * people (not exempt) is refused with TRAINING_DELIVERED_NOT_EXEMPT, likewise past authorization.
 */
import crypto from 'node:crypto';
import { defaultTrainingRuleSet } from '@pioneer/domain';
import { definePermissions, managers, nobodyElse, org, person, type Side } from '../../test/permission-fragment.ts';

const meOnly = { member: 'allow', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny', officer: 'deny', secretary: 'deny' } as const;
// A set far in the future: the officer's first call stores it, the second is refused as a duplicate.
const matrixRuleSet = { ...defaultTrainingRuleSet, version: 'matrix-2099', effectiveFrom: '2099-01-01' };
const manual = { studiedOn: '2026-01-10', hours: 1, description: '矩阵补录' };

export const permissions = definePermissions({
  setup: async (env, f) => {
    const { ctx } = env;
    const request = async (side: Side) => {
      const p = await ctx.db.selectFrom('people').select(['id', 'org_id', 'org_path']).where('id', '=', person(f, side).id).executeTakeFirstOrThrow();
      const id = crypto.randomUUID();
      await ctx.db
        .insertInto('manual_credit_requests')
        .values({ id, person_id: p.id, org_id: p.org_id, org_path: p.org_path, studied_on: '2026-01-10', hours: 1, description: '矩阵', requested_by: f.users.officer.id })
        .execute();
      return id;
    };
    return { approve: { inside: await request('inside'), outside: await request('outside') }, reject: { inside: await request('inside'), outside: await request('outside') } };
  },
  rules: {
    'GET /api/v1/me/training-progress': { call: () => ({ method: 'GET', url: '/api/v1/me/training-progress?year=2026' }), expect: meOnly },
    'GET /api/v1/people/{id}/training-progress': { call: (f, s) => ({ method: 'GET', url: `/api/v1/people/${person(f, s).id}/training-progress?year=2026` }), expect: { ...managers, ...nobodyElse } },
    'GET /api/v1/orgs/{id}/training-coverage': { call: (f, s) => ({ method: 'GET', url: `/api/v1/orgs/${org(f, s).id}/training-coverage?year=2026` }), expect: { ...managers, ...nobodyElse } },
    'GET /api/v1/orgs/{id}/training-exceptions': { call: (f, s) => ({ method: 'GET', url: `/api/v1/orgs/${org(f, s).id}/training-exceptions?year=2026&kind=missed` }), expect: { ...managers, ...nobodyElse } },
    'GET /api/v1/orgs/{id}/delivered-study': { call: (f, s) => ({ method: 'GET', url: `/api/v1/orgs/${org(f, s).id}/delivered-study?year=2026` }), expect: { ...managers, ...nobodyElse } },
    'POST /api/v1/people/{id}/delivered-study': {
      call: (f, s) => ({ method: 'POST', url: `/api/v1/people/${person(f, s).id}/delivered-study`, body: { deliveredOn: '2026-01-05', material: '学习材料', deliveredBy: '支部书记' } }),
      expect: { ...managers, ...nobodyElse },
    },
    'GET /api/v1/me/manual-credits': { call: () => ({ method: 'GET', url: '/api/v1/me/manual-credits' }), expect: meOnly },
    'POST /api/v1/me/manual-credits': { call: () => ({ method: 'POST', url: '/api/v1/me/manual-credits', body: manual }), expect: meOnly },
    'POST /api/v1/people/{id}/manual-credits': { call: (f, s) => ({ method: 'POST', url: `/api/v1/people/${person(f, s).id}/manual-credits`, body: manual }), expect: { ...managers, ...nobodyElse } },
    'GET /api/v1/orgs/{id}/manual-credits': { call: (f, s) => ({ method: 'GET', url: `/api/v1/orgs/${org(f, s).id}/manual-credits` }), expect: { ...managers, ...nobodyElse } },
    'POST /api/v1/manual-credits/{id}/approve': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/manual-credits/${x.approve[s]}/approve`, body: {} }), expect: { ...managers, ...nobodyElse } },
    'POST /api/v1/manual-credits/{id}/reject': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/manual-credits/${x.reject[s]}/reject`, body: { note: '材料不全' } }), expect: { ...managers, ...nobodyElse } },
    'GET /api/v1/training-rule-sets': { call: () => ({ method: 'GET', url: '/api/v1/training-rule-sets' }), expect: { member: 'allow', officer: 'allow', secretary: 'allow', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny' } },
    'POST /api/v1/training-rule-sets': {
      call: () => ({ method: 'POST', url: '/api/v1/training-rule-sets', body: { ruleSet: { ...matrixRuleSet } } }),
      expect: { officer: 'allow', secretary: 'deny', ...nobodyElse },
    },
  },
});
