/** The demo's organisational-life plan: which organisations hold what, when, and what is still ahead. */
import { describe, expect, it } from 'vitest';
import { planOrgLife, type OrgLifeOrg } from './org-life.ts';

const orgs: OrgLifeOrg[] = [
  { id: 'branch-committee', kind: 'branch', hasCommittee: true, centralGroupId: null },
  { id: 'branch-small', kind: 'branch', hasCommittee: false, centralGroupId: null },
  { id: 'group', kind: 'party_group', hasCommittee: false, centralGroupId: null },
  { id: 'unit', kind: 'party_committee', hasCommittee: false, centralGroupId: 'cg-1' },
  ...Array.from({ length: 40 }, (_, i): OrgLifeOrg => ({ id: `b${i}`, kind: 'branch', hasCommittee: i % 2 === 0, centralGroupId: null })),
];
const today = '2026-11-23';

describe('planOrgLife', () => {
  const plan = planOrgLife({ orgs, today, seed: 'test' });

  it('covers the previous quarter up to 30 days ahead: held before today, planned from today on', () => {
    expect(plan.every((a) => a.day >= '2026-07-01' && a.day <= '2026-12-23')).toBe(true);
    expect(plan.filter((a) => a.held).every((a) => a.day < today)).toBe(true);
    expect(plan.filter((a) => !a.held).every((a) => a.day >= today)).toBe(true);
    expect(plan.some((a) => !a.held)).toBe(true);
  });

  it('gives each kind of organisation only the meetings it holds', () => {
    const kindsOf = (orgId: string) => new Set(plan.filter((a) => a.orgId === orgId).map((a) => a.kind));
    expect(kindsOf('group')).toEqual(new Set(['party_group_meeting']));
    expect(kindsOf('branch-small').has('committee_meeting')).toBe(false);
    expect(kindsOf('unit')).toEqual(new Set(['central_group_study', 'party_lesson']));
    expect(plan.filter((a) => a.kind === 'central_group_study').every((a) => a.centralGroupId === 'cg-1')).toBe(true);
  });

  it('leaves some months out, so that some organisations fall short', () => {
    const heldThemeDays = plan.filter((a) => a.kind === 'theme_party_day' && a.held);
    const branches = orgs.filter((o) => o.kind === 'branch').length;
    // July to November: five months of theme days per branch if nobody missed one.
    expect(heldThemeDays.length).toBeLessThan(branches * 5);
    expect(heldThemeDays.length).toBeGreaterThan(branches * 5 * 0.6);
  });

  it('is the same plan for the same seed and day', () => {
    expect(planOrgLife({ orgs, today, seed: 'test' })).toEqual(plan);
  });
});
