import { describe, expect, it } from 'vitest';
import type { RoleName } from '@pioneer/domain';
import { capabilitiesOf, homePathFor, menuFor } from './roles.ts';

const account = (roles: RoleName[], personId: string | null = null) => ({
  personId,
  grants: roles.map((role) => ({ role, orgId: role.endsWith('admin') ? null : 'o1', orgName: null })),
});
const keys = (roles: RoleName[], personId: string | null = null) => menuFor(account(roles, personId)).map((m) => m.key);

describe('menu by role', () => {
  it('gives managers organisations and people, import and transfers, and nothing of the administrators', () => {
    expect(keys(['secretary'])).toEqual(['orgs', 'activities', 'imports', 'transfers', 'externalHours', 'trainingReports', 'compliance', 'circulars', 'centralGroups', 'trainingNeeds', 'rotations', 'classes', 'teachers', 'trainingGroups']);
    expect(homePathFor(account(['secretary']))).toBe('/orgs');
  });

  it("puts the working committee's pages first for its officers, and gives secretaries none of their officer-only actions", () => {
    expect(keys(['committee_officer'])).toEqual(['compliance', 'circulars', 'centralGroups', 'orgs', 'activities', 'imports', 'transfers', 'externalHours', 'trainingReports', 'trainingNeeds', 'rotations', 'classes', 'teachers', 'trainingGroups']);
    expect(homePathFor(account(['committee_officer']))).toBe('/compliance');
    expect(capabilitiesOf(account(['committee_officer'])).committeeOfficer).toBe(true);
    expect(capabilitiesOf(account(['secretary'])).committeeOfficer).toBe(false);
  });

  it('gives the audit administrator the audit log only (三员分立)', () => {
    expect(keys(['audit_admin'])).toEqual(['audit']);
    expect(capabilitiesOf(account(['audit_admin'])).orgTree).toBe(false);
  });

  it('gives the system administrator accounts and the bare organisation structure, no people', () => {
    expect(keys(['system_admin'])).toEqual(['structure', 'accounts']);
    expect(capabilitiesOf(account(['system_admin'])).manager).toBe(false);
  });

  it('gives the security administrator role grants, with the tree to pick organisations from', () => {
    expect(keys(['security_admin'])).toEqual(['grants']);
    expect(homePathFor(account(['security_admin']))).toBe('/grants');
    expect(capabilitiesOf(account(['security_admin'])).orgTree).toBe(true);
  });

  it('gives a member only their own organisational life and profile, starting with what they must attend', () => {
    expect(keys(['member'], 'p1')).toEqual(['myLife', 'myCentralGroup', 'myHours', 'myStudyRecord', 'myClasses', 'myTeaching', 'myTrainingPlans', 'profile']);
    expect(homePathFor(account(['member'], 'p1'))).toBe('/my-life');
    expect(capabilitiesOf(account(['member'], 'p1')).orgTree).toBe(false);
  });

  it('adds the own profile for a secretary who is also a member', () => {
    expect(keys(['secretary', 'member'], 'p1')).toEqual(['orgs', 'activities', 'imports', 'transfers', 'externalHours', 'trainingReports', 'compliance', 'circulars', 'centralGroups', 'trainingNeeds', 'rotations', 'classes', 'teachers', 'trainingGroups', 'myLife', 'myCentralGroup', 'myHours', 'myStudyRecord', 'myClasses', 'myTeaching', 'myTrainingPlans', 'profile']);
  });

  it('sends an account without any role to the no-access page instead of an empty menu', () => {
    expect(homePathFor(account([]))).toBe('/no-access');
  });
});
