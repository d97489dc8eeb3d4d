import { describe, expect, it } from 'vitest';
import { activityKinds, canHoldKind, type ActivityKind } from './kinds.ts';

const held = (org: { kind: string; hasCommittee?: boolean; hasCentralGroup?: boolean }) =>
  activityKinds.filter((k) => canHoldKind(k, { hasCommittee: false, hasCentralGroup: false, ...org }));

describe('canHoldKind (domain.md §4: who holds which activity)', () => {
  it('gives a branch its branch meetings, a committee meeting only with a committee, never a group or central-group meeting', () => {
    const branchKinds: ActivityKind[] = ['member_assembly', 'party_lesson', 'theme_party_day', 'org_life_meeting', 'democratic_review', 'heart_to_heart_talk'];
    expect(held({ kind: 'branch' })).toEqual(branchKinds);
    expect(held({ kind: 'general_branch', hasCommittee: true })).toEqual(['member_assembly', 'committee_meeting', ...branchKinds.slice(1)]);
    expect(held({ kind: 'branch', hasCentralGroup: true })).not.toContain('central_group_study');
  });

  it('gives a party group its group meeting and talks only', () => {
    expect(held({ kind: 'party_group', hasCommittee: true })).toEqual(['party_group_meeting', 'heart_to_heart_talk']);
  });

  it('gives a party committee or leading party group the party lesson, and central-group kinds only with its own central group', () => {
    expect(held({ kind: 'party_committee' })).toEqual(['party_lesson', 'heart_to_heart_talk']);
    expect(held({ kind: 'leading_party_group', hasCentralGroup: true })).toEqual(['party_lesson', 'heart_to_heart_talk', 'central_group_study', 'democratic_life_meeting']);
    expect(held({ kind: 'working_committee', hasCentralGroup: true })).toEqual(['heart_to_heart_talk']);
  });
});
