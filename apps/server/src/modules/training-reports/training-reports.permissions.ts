/**
 * Permission-matrix rows of the training exports: a subtree's ledger and statistics are for its
 * managers (inside = branch A, outside = B); a person's annual record for the managers of the
 * person's organisation (inside = a person of A, outside = of B); my own record for the member
 * behind the account (managers and administrators without a member record get PROFILE_NOT_LINKED).
 */
import { definePermissions, managers, nobodyElse, org, person } from '../../test/permission-fragment.ts';

const YEAR = 2025;

export const permissions = definePermissions({
  setup: async () => undefined,
  rules: {
    'GET /api/v1/training-reports/ledger.xlsx': { call: (f, s) => ({ method: 'GET', url: `/api/v1/training-reports/ledger.xlsx?orgId=${org(f, s).id}&year=${YEAR}` }), expect: { ...managers, ...nobodyElse } },
    'GET /api/v1/training-reports/statistics.xlsx': { call: (f, s) => ({ method: 'GET', url: `/api/v1/training-reports/statistics.xlsx?orgId=${org(f, s).id}&year=${YEAR}` }), expect: { ...managers, ...nobodyElse } },
    'GET /api/v1/me/annual-study-record.pdf': {
      call: () => ({ method: 'GET', url: `/api/v1/me/annual-study-record.pdf?year=${YEAR}` }),
      expect: { member: 'allow', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny', officer: 'deny', secretary: 'deny' },
    },
    'GET /api/v1/people/{id}/annual-study-record.pdf': { call: (f, s) => ({ method: 'GET', url: `/api/v1/people/${person(f, s).id}/annual-study-record.pdf?year=${YEAR}` }), expect: { ...managers, ...nobodyElse } },
  },
});
