/**
 * The vocabulary of organisational life (domain.md §4): the kinds of activity, the forms of study,
 * and the states of an attendee. Every module uses these identifiers; the labels are the words
 * secretaries use.
 */

export const activityKinds = [
  'member_assembly', // 支部党员大会
  'committee_meeting', // 支委会
  'party_group_meeting', // 党小组会
  'party_lesson', // 党课
  'theme_party_day', // 主题党日
  'org_life_meeting', // 组织生活会
  'democratic_review', // 民主评议党员
  'heart_to_heart_talk', // 谈心谈话
  'central_group_study', // 理论学习中心组学习
  'democratic_life_meeting', // 领导班子民主生活会
] as const;
export type ActivityKind = (typeof activityKinds)[number];

export const activityKindLabels: Record<ActivityKind, { 'zh-CN': string; en: string }> = {
  member_assembly: { 'zh-CN': '支部党员大会', en: 'Member assembly' },
  committee_meeting: { 'zh-CN': '支委会', en: 'Branch committee meeting' },
  party_group_meeting: { 'zh-CN': '党小组会', en: 'Party group meeting' },
  party_lesson: { 'zh-CN': '党课', en: 'Party lesson' },
  theme_party_day: { 'zh-CN': '主题党日', en: 'Theme party day' },
  org_life_meeting: { 'zh-CN': '组织生活会', en: 'Organisational life meeting' },
  democratic_review: { 'zh-CN': '民主评议党员', en: 'Democratic review of members' },
  heart_to_heart_talk: { 'zh-CN': '谈心谈话', en: 'Heart-to-heart talk' },
  central_group_study: { 'zh-CN': '理论学习中心组学习', en: 'Central group study' },
  democratic_life_meeting: { 'zh-CN': '民主生活会', en: 'Democratic life meeting' },
};

export const studyForms = [
  'self_study', // 个人自学
  'collective_study', // 集体学习
  'discussion', // 研讨交流
  'tutorial', // 专题辅导
  'on_site', // 现场学习 / 实境课堂
  'joint_up_down', // 上下联学
  'joint_across', // 左右联学
] as const;
export type StudyForm = (typeof studyForms)[number];

export const studyFormLabels: Record<StudyForm, { 'zh-CN': string; en: string }> = {
  self_study: { 'zh-CN': '个人自学', en: 'Self-study' },
  collective_study: { 'zh-CN': '集体学习', en: 'Collective study' },
  discussion: { 'zh-CN': '研讨交流', en: 'Discussion' },
  tutorial: { 'zh-CN': '专题辅导', en: 'Tutorial lecture' },
  on_site: { 'zh-CN': '现场学习', en: 'On-site study' },
  joint_up_down: { 'zh-CN': '上下联学', en: 'Joint study (up-down)' },
  joint_across: { 'zh-CN': '左右联学', en: 'Joint study (across units)' },
};

/** planned → held (recorded) or cancelled. Only held activities count for compliance and hours. */
export const activityStatuses = ['planned', 'held', 'cancelled'] as const;
export type ActivityStatus = (typeof activityStatuses)[number];

/** An attendee's place in the meeting: expected (derived from the organisation), or recorded apart. */
export const attendeeRoles = ['expected', 'guest', 'auditor'] as const;
export type AttendeeRole = (typeof attendeeRoles)[number];

export const attendanceStatuses = ['pending', 'present', 'absent', 'leave'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

export const attendanceStatusLabels: Record<AttendanceStatus, { 'zh-CN': string; en: string }> = {
  pending: { 'zh-CN': '未签到', en: 'Not signed in' },
  present: { 'zh-CN': '出席', en: 'Present' },
  absent: { 'zh-CN': '缺席', en: 'Absent' },
  leave: { 'zh-CN': '请假', en: 'On leave' },
};

/** The periods compliance is judged over. */
export const periodKinds = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof periodKinds)[number];

/**
 * Which organisations hold which kind (domain.md §4): branch-level meetings in a branch or general
 * branch, committee meetings only there and only with a committee, party-group meetings in a party
 * group, central-group study and the democratic life meeting in a party committee or leading party
 * group that has a central group, a party lesson in a branch, general branch, party committee or
 * leading party group, heart-to-heart talks anywhere. The server refuses the rest with a message
 * naming the rule; forms offer only what the chosen organisation can hold.
 */
export const branchLevelOrgKinds: readonly string[] = ['branch', 'general_branch'];
export const partyLessonOrgKinds: readonly string[] = ['branch', 'general_branch', 'party_committee', 'leading_party_group'];
export const centralGroupOrgKinds: readonly string[] = ['party_committee', 'leading_party_group'];

export function canHoldKind(kind: ActivityKind, org: { kind: string; hasCommittee: boolean; hasCentralGroup: boolean }): boolean {
  switch (kind) {
    case 'member_assembly':
    case 'theme_party_day':
    case 'org_life_meeting':
    case 'democratic_review':
      return branchLevelOrgKinds.includes(org.kind);
    case 'committee_meeting':
      return branchLevelOrgKinds.includes(org.kind) && org.hasCommittee;
    case 'party_lesson':
      return partyLessonOrgKinds.includes(org.kind);
    case 'party_group_meeting':
      return org.kind === 'party_group';
    case 'central_group_study':
    case 'democratic_life_meeting':
      return centralGroupOrgKinds.includes(org.kind) && org.hasCentralGroup;
    case 'heart_to_heart_talk':
      return true;
  }
}
