/**
 * What the signed-in account may use, derived from its grants, and the menu built from it. The
 * server enforces every permission; this only hides what a role cannot use, so nobody is shown a
 * page that would answer 403. 三员分立: the administrators see no personal data, so they get no
 * people pages; managers (committee officers and secretaries) work on their subtrees.
 */
import type { MeView, RoleName } from '@pioneer/domain';
import type { MessageKey } from '../i18n/index.tsx';

export type Capabilities = {
  /** committee_officer or secretary somewhere: organisations, people, import, transfers. */
  manager: boolean;
  /** committee_officer somewhere: the working committee's dashboards, rule sets, circulars, central groups. */
  committeeOfficer: boolean;
  systemAdmin: boolean;
  securityAdmin: boolean;
  auditAdmin: boolean;
  /** Has an own member record (own profile). */
  member: boolean;
  /** May browse the organisation tree (managers their subtrees, system/security admins its structure). */
  orgTree: boolean;
};

export function hasRole(me: Pick<MeView, 'grants'>, role: RoleName): boolean {
  return me.grants.some((g) => g.role === role);
}

export function capabilitiesOf(me: Pick<MeView, 'grants' | 'personId'>): Capabilities {
  const manager = hasRole(me, 'committee_officer') || hasRole(me, 'secretary');
  const systemAdmin = hasRole(me, 'system_admin');
  const securityAdmin = hasRole(me, 'security_admin');
  return {
    manager,
    committeeOfficer: hasRole(me, 'committee_officer'),
    systemAdmin,
    securityAdmin,
    auditAdmin: hasRole(me, 'audit_admin'),
    member: hasRole(me, 'member') || (me.personId !== null && !systemAdmin && !securityAdmin && !hasRole(me, 'audit_admin')),
    orgTree: manager || systemAdmin || securityAdmin,
  };
}

export type MenuEntry = { key: string; path: string; label: MessageKey };

/** Menu entries in display order; each names the capability that unlocks it. */
const entries: Array<MenuEntry & { when: (c: Capabilities) => boolean }> = [
  // The working committee's own pages come first for its officers; secretaries find them after theirs.
  { key: 'compliance', path: '/compliance', label: 'menu.compliance', when: (c) => c.committeeOfficer },
  { key: 'circulars', path: '/circulars', label: 'menu.circulars', when: (c) => c.committeeOfficer },
  { key: 'centralGroups', path: '/central-groups', label: 'menu.centralGroups', when: (c) => c.committeeOfficer },
  { key: 'orgs', path: '/orgs', label: 'menu.orgs', when: (c) => c.manager },
  { key: 'activities', path: '/activities', label: 'activities.menu', when: (c) => c.manager },
  { key: 'structure', path: '/orgs', label: 'menu.structure', when: (c) => !c.manager && c.systemAdmin },
  { key: 'imports', path: '/imports', label: 'menu.imports', when: (c) => c.manager },
  { key: 'transfers', path: '/transfers', label: 'menu.transfers', when: (c) => c.manager },
  { key: 'externalHours', path: '/external-hours', label: 'externalHours.menu', when: (c) => c.manager },
  { key: 'trainingReports', path: '/training-reports', label: 'trainingReports.menu', when: (c) => c.manager },
  { key: 'compliance', path: '/compliance', label: 'menu.compliance', when: (c) => c.manager && !c.committeeOfficer },
  { key: 'circulars', path: '/circulars', label: 'menu.circulars', when: (c) => c.manager && !c.committeeOfficer },
  { key: 'centralGroups', path: '/central-groups', label: 'menu.centralGroups', when: (c) => c.manager && !c.committeeOfficer },
  { key: 'trainingNeeds', path: '/training-needs', label: 'trainingNeeds.menu', when: (c) => c.manager },
  { key: 'rotations', path: '/rotations', label: 'rotations.menu', when: (c) => c.manager },
  { key: 'classes', path: '/classes', label: 'classes.menu', when: (c) => c.manager },
  { key: 'teachers', path: '/teachers', label: 'teachers.menu', when: (c) => c.manager },
  { key: 'trainingGroups', path: '/training-groups', label: 'trainingGroups.menu', when: (c) => c.manager },
  { key: 'audit', path: '/audit', label: 'menu.audit', when: (c) => c.auditAdmin },
  { key: 'accounts', path: '/accounts', label: 'menu.accounts', when: (c) => c.systemAdmin },
  { key: 'grants', path: '/grants', label: 'menu.grants', when: (c) => c.securityAdmin },
  { key: 'myLife', path: '/my-life', label: 'memberLife.menu', when: (c) => c.member },
  { key: 'myCentralGroup', path: '/my-central-group', label: 'cg.myMenu', when: (c) => c.member },
  { key: 'myHours', path: '/my-hours', label: 'trainingNeeds.myMenu', when: (c) => c.member },
  { key: 'myStudyRecord', path: '/my-study-record', label: 'trainingReports.myTitle', when: (c) => c.member },
  { key: 'myClasses', path: '/my-classes', label: 'classes.myMenu', when: (c) => c.member },
  { key: 'myTeaching', path: '/my-teaching', label: 'teachers.myMenu', when: (c) => c.member },
  { key: 'myTrainingPlans', path: '/my-training-plans', label: 'trainingGroups.myMenu', when: (c) => c.member },
  { key: 'profile', path: '/me', label: 'menu.profile', when: (c) => c.member },
];

export function menuFor(me: Pick<MeView, 'grants' | 'personId'>): MenuEntry[] {
  const caps = capabilitiesOf(me);
  return entries.filter((e) => e.when(caps)).map(({ key, path, label }) => ({ key, path, label }));
}

/** Where a freshly signed-in user lands: the first page of their menu. */
export function homePathFor(me: Pick<MeView, 'grants' | 'personId'>): string {
  return menuFor(me)[0]?.path ?? '/no-access';
}
