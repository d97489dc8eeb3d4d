/**
 * The organisation tree of one working committee: which kinds of organisation may sit under
 * which, materialised-path subtree tests (the basis of every "what may this secretary see"
 * check), and the member-count thresholds for setting up each kind.
 */

export const orgKinds = [
  'working_committee', // 机关工委
  'party_committee', // 党委
  'leading_party_group', // 党组
  'general_branch', // 党总支
  'branch', // 党支部
  'party_group', // 党小组
] as const;
export type OrgKind = (typeof orgKinds)[number];

export const orgKindLabels: Record<OrgKind, { 'zh-CN': string; en: string }> = {
  working_committee: { 'zh-CN': '机关工委', en: 'Working committee' },
  party_committee: { 'zh-CN': '党委', en: 'Party committee' },
  leading_party_group: { 'zh-CN': '党组', en: 'Leading party group' },
  general_branch: { 'zh-CN': '党总支', en: 'General branch' },
  branch: { 'zh-CN': '党支部', en: 'Branch' },
  party_group: { 'zh-CN': '党小组', en: 'Party group' },
};

export type OrgPlacementErrorCode = 'ORG_KIND_NOT_ALLOWED_UNDER_PARENT' | 'ORG_ROOT_MUST_BE_WORKING_COMMITTEE';

const CHILD_KINDS: Record<OrgKind, readonly OrgKind[]> = {
  working_committee: ['party_committee', 'leading_party_group', 'general_branch', 'branch'],
  // A large unit's party committee may have committees of its subordinate bodies below it.
  party_committee: ['party_committee', 'general_branch', 'branch'],
  // A 党组 is a body of the unit's leadership, not a grassroots organisation: members belong to
  // branches, so nothing is organised beneath it.
  leading_party_group: [],
  general_branch: ['branch'],
  branch: ['party_group'],
  party_group: [],
};

export function allowedChildKinds(parent: OrgKind): OrgKind[] {
  return [...CHILD_KINDS[parent]];
}

/** null when a `childKind` organisation may be created or moved under `parentKind` (null = root). */
export function checkOrgPlacement(parentKind: OrgKind | null, childKind: OrgKind): OrgPlacementErrorCode | null {
  if (parentKind === null) return childKind === 'working_committee' ? null : 'ORG_ROOT_MUST_BE_WORKING_COMMITTEE';
  return CHILD_KINDS[parentKind].includes(childKind) ? null : 'ORG_KIND_NOT_ALLOWED_UNDER_PARENT';
}

// '/a/' or '/a/b/c/': one or more non-empty segments, each closed by a slash. The closing slash
// is what stops '/a/b' from matching '/a/bc/' in a prefix test.
const MATERIALISED_PATH = /^\/(?:[^/]+\/)+$/;

export function isMaterialisedPath(path: string): boolean {
  return MATERIALISED_PATH.test(path);
}

/**
 * True when `path` is `ancestorPath` itself or lies below it. Malformed paths never match: this
 * test decides what people may see, and an empty or truncated ancestor must not grant everything.
 */
export function isInSubtree(path: string, ancestorPath: string): boolean {
  return isMaterialisedPath(path) && isMaterialisedPath(ancestorPath) && path.startsWith(ancestorPath);
}

/**
 * True when moving the organisation at `movingPath` under `newParentPath` would put it inside
 * itself. Malformed paths also answer true, so that a bad input refuses the move.
 */
export function wouldCreateCycle(movingPath: string, newParentPath: string): boolean {
  if (!isMaterialisedPath(movingPath) || !isMaterialisedPath(newParentPath)) return true;
  return isInSubtree(newParentPath, movingPath);
}

export type MemberThresholdValues = {
  /** Full members needed to set up a branch (党支部). */
  branchMin: number;
  /** Members at which a branch elects a branch committee (支委会) instead of only a secretary. */
  committeeMin: number;
  /** Members at which a general branch (党总支) may be set up. */
  generalBranchMin: number;
  /** Members at which a grassroots party committee (基层党委) may be set up. */
  grassrootsCommitteeMin: number;
};

/** Versioned so that a county can adopt a different rule from a date without rewriting history. */
export const memberThresholds = {
  effectiveFrom: '2010-01-01',
  source:
    '中国共产党党和国家机关基层组织工作条例 (2010), as summarised in domain.md §2; whether the 2019 revision keeps these numbers is unverified',
  values: { branchMin: 3, committeeMin: 7, generalBranchMin: 50, grassrootsCommitteeMin: 100 },
} as const satisfies { effectiveFrom: string; source: string; values: MemberThresholdValues };
