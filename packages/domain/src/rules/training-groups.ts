/**
 * Differentiated training (分类分层, 缺什么补什么): who belongs to a training group. A group is a rule
 * over the columns of a person's record (derived, never typed twice) or, for a custom group, a list
 * of named members. The server's SQL mirrors `belongsToGroup`; tests hold the two to each other.
 *
 * Young members (青年党员): under 35 on 1 January of the plan's year — a person born on
 * 1 January 35 years before that day is 35 on it and no longer counts. One day for the whole year,
 * so a group's membership does not change from one week to the next.
 */

export const trainingGroupKinds = ['leading_cadres', 'young_members', 'party_affairs_workers', 'candidates_probationary', 'business_line', 'custom'] as const;
export type TrainingGroupKind = (typeof trainingGroupKinds)[number];

/** people.business_line values (migration 202611240001-training-core). */
export const businessLines = ['economy', 'discipline_inspection', 'petitions', 'party_affairs', 'other'] as const;
export type BusinessLine = (typeof businessLines)[number];

export const trainingGroupKindLabels: Record<TrainingGroupKind, { 'zh-CN': string; en: string }> = {
  leading_cadres: { 'zh-CN': '领导干部', en: 'Leading cadres' },
  young_members: { 'zh-CN': '青年党员（35岁以下）', en: 'Young members (under 35)' },
  party_affairs_workers: { 'zh-CN': '党务工作者', en: 'Party-affairs workers' },
  candidates_probationary: { 'zh-CN': '发展对象和预备党员', en: 'Candidates and probationary members' },
  business_line: { 'zh-CN': '业务条线', en: 'Business line' },
  custom: { 'zh-CN': '自定义名单', en: 'Custom list' },
};

export const businessLineLabels: Record<BusinessLine, { 'zh-CN': string; en: string }> = {
  economy: { 'zh-CN': '经济', en: 'Economy' },
  discipline_inspection: { 'zh-CN': '纪检', en: 'Discipline inspection' },
  petitions: { 'zh-CN': '信访', en: 'Petitions' },
  party_affairs: { 'zh-CN': '党建', en: 'Party affairs' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

/** Full and probationary members: the people most groups are drawn from. */
export const PARTY_MEMBER_CATEGORIES = ['full', 'probationary'] as const;

/** The latest birth date that is not young any more: born on or before it = 35 or older on 1 January. */
export function youngMemberCutoff(year: number): string {
  return `${String(year - 35).padStart(4, '0')}-01-01`;
}

export type GroupRule = { kind: TrainingGroupKind; businessLine?: BusinessLine | null };

export type GroupCandidate = {
  category: string;
  birthDate: string;
  isLeadingCadre: boolean;
  isPartyAffairsWorker: boolean;
  businessLine: string | null;
};

/**
 * Whether a person belongs to a rule group in a year. Custom groups have no rule: their members
 * are the named list, so this answers false for them.
 */
export function belongsToGroup(rule: GroupRule, person: GroupCandidate, year: number): boolean {
  const member = (PARTY_MEMBER_CATEGORIES as readonly string[]).includes(person.category);
  switch (rule.kind) {
    case 'leading_cadres':
      return member && person.isLeadingCadre;
    case 'young_members':
      return member && person.birthDate > youngMemberCutoff(year);
    case 'party_affairs_workers':
      return member && person.isPartyAffairsWorker;
    case 'candidates_probationary':
      return person.category === 'candidate' || person.category === 'probationary';
    case 'business_line':
      return member && rule.businessLine != null && person.businessLine === rule.businessLine;
    case 'custom':
      return false;
  }
}
