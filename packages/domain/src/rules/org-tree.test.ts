import { describe, expect, it } from 'vitest';
import {
  allowedChildKinds,
  checkOrgPlacement,
  isInSubtree,
  isMaterialisedPath,
  memberThresholds,
  orgKindLabels,
  orgKinds,
  wouldCreateCycle,
  type OrgKind,
} from './org-tree.ts';

describe('orgKinds and labels', () => {
  it('lists the kinds from the top of the tree down', () => {
    expect(orgKinds).toEqual([
      'working_committee',
      'party_committee',
      'leading_party_group',
      'general_branch',
      'branch',
      'party_group',
    ]);
  });

  it('labels each kind with its Chinese name', () => {
    expect(Object.fromEntries(orgKinds.map((k) => [k, orgKindLabels[k]['zh-CN']]))).toEqual({
      working_committee: '机关工委',
      party_committee: '党委',
      leading_party_group: '党组',
      general_branch: '党总支',
      branch: '党支部',
      party_group: '党小组',
    });
  });

  it('gives every kind a distinct English label', () => {
    const en = orgKinds.map((k) => orgKindLabels[k].en);
    expect(new Set(en).size).toBe(orgKinds.length);
  });
});

describe('allowedChildKinds', () => {
  it('lets a working committee hold committees, leading party groups, general branches and branches', () => {
    expect(allowedChildKinds('working_committee')).toEqual([
      'party_committee',
      'leading_party_group',
      'general_branch',
      'branch',
    ]);
  });

  it('lets a party committee hold lower committees, general branches and branches', () => {
    expect(allowedChildKinds('party_committee')).toEqual(['party_committee', 'general_branch', 'branch']);
  });

  it('allows nothing under a leading party group, which is a leadership body and not a branch', () => {
    expect(allowedChildKinds('leading_party_group')).toEqual([]);
  });

  it('allows only branches under a general branch, only party groups under a branch, nothing under a party group', () => {
    expect(allowedChildKinds('general_branch')).toEqual(['branch']);
    expect(allowedChildKinds('branch')).toEqual(['party_group']);
    expect(allowedChildKinds('party_group')).toEqual([]);
  });

  it('returns a copy, so a caller cannot change the rule for everyone', () => {
    allowedChildKinds('branch').push('branch');
    expect(allowedChildKinds('branch')).toEqual(['party_group']);
  });
});

describe('checkOrgPlacement', () => {
  it('accepts a working committee as the root', () => {
    expect(checkOrgPlacement(null, 'working_committee')).toBeNull();
  });

  it.each(orgKinds.filter((k) => k !== 'working_committee'))('refuses a %s at the root', (kind) => {
    expect(checkOrgPlacement(null, kind)).toBe('ORG_ROOT_MUST_BE_WORKING_COMMITTEE');
  });

  it('agrees with allowedChildKinds for every pair of kinds', () => {
    for (const parent of orgKinds) {
      for (const child of orgKinds) {
        const expected = allowedChildKinds(parent).includes(child) ? null : 'ORG_KIND_NOT_ALLOWED_UNDER_PARENT';
        expect(checkOrgPlacement(parent, child), `${child} under ${parent}`).toBe(expected);
      }
    }
  });

  it.each<[OrgKind, OrgKind]>([
    ['working_committee', 'working_committee'],
    ['working_committee', 'party_group'],
    ['general_branch', 'general_branch'],
    ['branch', 'branch'],
    ['leading_party_group', 'branch'],
    ['party_group', 'party_group'],
  ])('refuses a %s above a %s', (parent, child) => {
    expect(checkOrgPlacement(parent, child)).toBe('ORG_KIND_NOT_ALLOWED_UNDER_PARENT');
  });

  it.each<[OrgKind, OrgKind]>([
    ['working_committee', 'branch'],
    ['party_committee', 'party_committee'],
    ['general_branch', 'branch'],
    ['branch', 'party_group'],
  ])('accepts a %s above a %s', (parent, child) => {
    expect(checkOrgPlacement(parent, child)).toBeNull();
  });
});

describe('materialised paths', () => {
  it('recognises well-formed paths and rejects malformed ones', () => {
    expect(isMaterialisedPath('/a/')).toBe(true);
    expect(isMaterialisedPath('/a/b/c/')).toBe(true);
    expect(isMaterialisedPath('')).toBe(false);
    expect(isMaterialisedPath('/')).toBe(false);
    expect(isMaterialisedPath('/a/b')).toBe(false);
    expect(isMaterialisedPath('a/b/')).toBe(false);
    expect(isMaterialisedPath('/a//b/')).toBe(false);
  });

  it('counts a node as inside its own subtree, so a secretary sees their own branch', () => {
    expect(isInSubtree('/a/b/', '/a/b/')).toBe(true);
  });

  it('finds descendants at any depth', () => {
    expect(isInSubtree('/a/b/c/', '/a/')).toBe(true);
    expect(isInSubtree('/a/b/c/d/e/', '/a/b/')).toBe(true);
  });

  it('does not count an ancestor or a sibling as inside the subtree', () => {
    expect(isInSubtree('/a/', '/a/b/')).toBe(false);
    expect(isInSubtree('/a/c/', '/a/b/')).toBe(false);
  });

  it('does not confuse a sibling whose id starts with the same characters', () => {
    expect(isInSubtree('/a/b2/', '/a/b/')).toBe(false);
    expect(isInSubtree('/a/b2/', '/a/b')).toBe(false);
  });

  it('never matches with an empty or malformed ancestor, which must not grant the whole tree', () => {
    expect(isInSubtree('/a/b/', '')).toBe(false);
    expect(isInSubtree('/a/b/', '/')).toBe(false);
    expect(isInSubtree('/a/b', '/a/')).toBe(false);
  });

  it('uses realistic UUID segments', () => {
    const root = '/0193a1b2-0000-7000-8000-000000000001/';
    const branch = `${root}0193a1b2-0000-7000-8000-000000000002/`;
    expect(isInSubtree(branch, root)).toBe(true);
    expect(isInSubtree(root, branch)).toBe(false);
  });
});

describe('wouldCreateCycle', () => {
  it('refuses moving an organisation under itself', () => {
    expect(wouldCreateCycle('/a/b/', '/a/b/')).toBe(true);
  });

  it('refuses moving an organisation under one of its descendants', () => {
    expect(wouldCreateCycle('/a/b/', '/a/b/c/')).toBe(true);
    expect(wouldCreateCycle('/a/b/', '/a/b/c/d/')).toBe(true);
  });

  it('allows moving under a sibling, an ancestor or another branch of the tree', () => {
    expect(wouldCreateCycle('/a/b/', '/a/c/')).toBe(false);
    expect(wouldCreateCycle('/a/b/c/', '/a/')).toBe(false);
    expect(wouldCreateCycle('/a/b/', '/a/b2/')).toBe(false);
  });

  it('refuses the move when either path is malformed', () => {
    expect(wouldCreateCycle('', '/a/')).toBe(true);
    expect(wouldCreateCycle('/a/b/', '/a/c')).toBe(true);
  });
});

describe('memberThresholds', () => {
  it('carries the 2010 agency-rule numbers with their source and effective date', () => {
    expect(memberThresholds.effectiveFrom).toBe('2010-01-01');
    expect(memberThresholds.source).toContain('2010');
    expect(memberThresholds.values).toEqual({
      branchMin: 3,
      committeeMin: 7,
      generalBranchMin: 50,
      grassrootsCommitteeMin: 100,
    });
  });
});
