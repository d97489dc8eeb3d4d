/**
 * Training classes (培训班): who a class is for, and whether an enrolled person completed it.
 *
 * The leave rule (请假超过总学时 1/7 不予结业): a person whose missed hours are above one seventh of the
 * class's total hours has not completed the class. Missed hours are the hours of sessions on leave
 * AND of sessions missed without leave (absent or never marked): an unexcused absence cannot be
 * more lenient than an approved leave, so both count towards the same limit. Exactly 1/7 still
 * completes. Hours are compared in tenths of an hour as integers (sessions carry one decimal), so
 * 1/7 is never a rounded float: missed × 7 > total.
 *
 * Hours actually attended are credited to the ledger whether or not the class is completed (they
 * were studied); completion decides the centralised-training record only.
 */

/** Class types of issue 4 item 4. */
export const classTypes = ['secretaries', 'party_affairs_workers', 'candidates_probationary', 'thematic'] as const;
export type ClassType = (typeof classTypes)[number];

/** Target groups of rotations and classes (training_rotations.target_groups). */
export const trainingTargetGroups = ['all_members', 'secretaries', 'party_affairs_workers', 'candidates_probationary'] as const;
export type TrainingTargetGroup = (typeof trainingTargetGroups)[number];

export const classTypeLabels: Record<ClassType, { 'zh-CN': string; en: string }> = {
  secretaries: { 'zh-CN': '书记培训班', en: "Secretaries' class" },
  party_affairs_workers: { 'zh-CN': '党务干部培训班', en: "Party-affairs workers' class" },
  candidates_probationary: { 'zh-CN': '发展对象和预备党员培训班', en: 'Candidates and probationary members class' },
  thematic: { 'zh-CN': '专题培训班', en: 'Thematic class' },
};

export const trainingTargetGroupLabels: Record<TrainingTargetGroup, { 'zh-CN': string; en: string }> = {
  all_members: { 'zh-CN': '全体党员', en: 'All members' },
  secretaries: { 'zh-CN': '党组织书记', en: 'Secretaries' },
  party_affairs_workers: { 'zh-CN': '党务工作者', en: 'Party-affairs workers' },
  candidates_probationary: { 'zh-CN': '发展对象和预备党员', en: 'Candidates and probationary members' },
};

/** What decides whether a person belongs to a target group (columns of people). */
export type TargetGroupPerson = { category: string; is_secretary: boolean; is_party_affairs_worker: boolean };

/**
 * all_members = full and probationary members; candidates_probationary = 发展对象 (candidate) and
 * probationary members; the other two are the record's flags. The server's SQL mirrors this.
 */
export function inTargetGroup(person: TargetGroupPerson, group: TrainingTargetGroup): boolean {
  switch (group) {
    case 'all_members':
      return person.category === 'full' || person.category === 'probationary';
    case 'secretaries':
      return person.is_secretary;
    case 'party_affairs_workers':
      return person.is_party_affairs_worker;
    case 'candidates_probationary':
      return person.category === 'candidate' || person.category === 'probationary';
  }
}

export const inAnyTargetGroup = (person: TargetGroupPerson, groups: readonly TrainingTargetGroup[]) => groups.some((g) => inTargetGroup(person, g));

export type SessionAttendance = 'present' | 'absent' | 'leave' | null;

export const classOutcomeReasons = ['attended', 'leave_over_limit', 'missed_over_limit', 'no_sessions'] as const;
export type ClassOutcomeReason = (typeof classOutcomeReasons)[number];

export const classOutcomeReasonLabels: Record<ClassOutcomeReason, { 'zh-CN': string; en: string }> = {
  attended: { 'zh-CN': '缺课未超过总学时的1/7，准予结业', en: 'Missed no more than 1/7 of the hours: completed' },
  leave_over_limit: { 'zh-CN': '请假超过总学时的1/7，不予结业', en: 'Leave above 1/7 of the hours: not completed' },
  missed_over_limit: { 'zh-CN': '请假和缺勤合计超过总学时的1/7，不予结业', en: 'Leave and absence together above 1/7 of the hours: not completed' },
  no_sessions: { 'zh-CN': '培训班没有课程安排', en: 'The class has no sessions' },
};

export type ClassOutcome = {
  completed: boolean;
  reason: ClassOutcomeReason;
  totalHours: number;
  attendedHours: number;
  leaveHours: number;
  /** Absent or never marked. */
  absentHours: number;
  /** The most a person may miss and still complete (total / 7, one decimal, for display). */
  allowedMissHours: number;
};

const tenths = (hours: number) => Math.round(hours * 10);

/** The verdict for one person from the class's sessions and their attendance at each. */
export function classOutcome(sessions: ReadonlyArray<{ hours: number; attendance: SessionAttendance }>): ClassOutcome {
  let total = 0;
  let attended = 0;
  let leave = 0;
  let absent = 0;
  for (const s of sessions) {
    const h = tenths(s.hours);
    if (!Number.isFinite(h) || h <= 0) throw new RangeError(`session hours must be positive, got ${s.hours}`);
    total += h;
    if (s.attendance === 'present') attended += h;
    else if (s.attendance === 'leave') leave += h;
    else absent += h;
  }
  const result = (completed: boolean, reason: ClassOutcomeReason): ClassOutcome => ({
    completed,
    reason,
    totalHours: total / 10,
    attendedHours: attended / 10,
    leaveHours: leave / 10,
    absentHours: absent / 10,
    allowedMissHours: Math.floor(total / 7) / 10,
  });
  if (total === 0) return result(false, 'no_sessions');
  if (leave * 7 > total) return result(false, 'leave_over_limit');
  if ((leave + absent) * 7 > total) return result(false, 'missed_over_limit');
  return result(true, 'attended');
}
