/**
 * Permission-matrix rows of the study-hour ledger. My hours are for the person behind the account
 * (accounts without one get PROFILE_NOT_LINKED); a person's hours are for the managers of the
 * person's organisation (inside = a person of branch A, outside = of B). Administrators see none.
 */
import { definePermissions, managers, nobodyElse, person } from '../../test/permission-fragment.ts';

export const permissions = definePermissions({
  setup: async () => undefined,
  rules: {
    'GET /api/v1/me/study-hours': {
      call: () => ({ method: 'GET', url: '/api/v1/me/study-hours?year=2026' }),
      expect: { member: 'allow', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny', officer: 'deny', secretary: 'deny' },
    },
    'GET /api/v1/people/{id}/study-hours': { call: (f, s) => ({ method: 'GET', url: `/api/v1/people/${person(f, s).id}/study-hours?year=2026` }), expect: { ...managers, ...nobodyElse } },
  },
});
