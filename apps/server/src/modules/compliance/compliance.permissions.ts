/**
 * Permission-matrix rows of /compliance. Managers read the figures of their subtree (the
 * secretary of branch A: A, not B); members and administrators see none. Rule sets are read by
 * every manager and changed only by a committee officer granted on the root (whose attempt here is
 * refused by the rules: a set effective today, so nothing changes); recomputing a year is theirs too.
 */
import { defaultRuleSet } from '@pioneer/domain';
import { definePermissions, managers, nobodyElse, org } from '../../test/permission-fragment.ts';

const adminsDenied = { audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny' } as const;

export const permissions = definePermissions({
  setup: async (env) => ({ today: env.ctx.now().toISOString().slice(0, 10) }),
  rules: {
    'GET /api/v1/compliance/summary': { call: (f, s) => ({ method: 'GET', url: `/api/v1/compliance/summary?orgId=${org(f, s).id}&period=2026-Q3` }), expect: { ...managers, ...nobodyElse } },
    'GET /api/v1/compliance/shortfalls': { call: (f, s) => ({ method: 'GET', url: `/api/v1/compliance/shortfalls?orgId=${org(f, s).id}&period=2026-Q3` }), expect: { ...managers, ...nobodyElse } },
    'GET /api/v1/compliance/trend': { call: (f, s) => ({ method: 'GET', url: `/api/v1/compliance/trend?orgId=${org(f, s).id}&month=2026-09` }), expect: { ...managers, ...nobodyElse } },
    'GET /api/v1/compliance/orgs/{id}': { call: (f, s) => ({ method: 'GET', url: `/api/v1/compliance/orgs/${org(f, s).id}?period=2026-09` }), expect: { ...managers, ...nobodyElse } },
    'GET /api/v1/compliance/rule-sets': { call: () => ({ method: 'GET', url: '/api/v1/compliance/rule-sets' }), expect: { officer: 'allow', secretary: 'allow', ...nobodyElse } },
    'POST /api/v1/compliance/rule-sets': {
      call: (_f, _s, x) => ({ method: 'POST', url: '/api/v1/compliance/rule-sets', body: { ruleSet: { ...defaultRuleSet, version: 'matrix', effectiveFrom: x.today } } }),
      expect: { officer: 'allow', secretary: 'deny', member: 'deny', ...adminsDenied },
    },
    'POST /api/v1/compliance/recompute': {
      call: (f) => ({ method: 'POST', url: '/api/v1/compliance/recompute', body: { orgId: f.tree.root.id, year: 2026 } }),
      expect: { officer: 'allow', secretary: 'deny', member: 'deny', ...adminsDenied },
    },
  },
});
