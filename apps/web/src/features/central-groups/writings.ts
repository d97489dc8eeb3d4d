/**
 * Where a member stands against the research-report practice (1–2 a year, the server's figures):
 * short of it only once the year is over — before that they have simply not written enough yet.
 */
export type WritingStanding = 'met' | 'notYet' | 'short';

export function researchStanding(member: { researchReportsShort: boolean }, summary: { yearEnded: boolean }): WritingStanding {
  if (!member.researchReportsShort) return 'met';
  return summary.yearEnded ? 'short' : 'notYet';
}
