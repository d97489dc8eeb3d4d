/**
 * Quorum and vote rules of branch meetings (domain.md §4), checked when a resolution is recorded.
 *
 * - Member assembly (支部党员大会): it may vote only when the voting members present are more than
 *   half of the voting members who should attend; a motion passes when the ayes are more than half
 *   of the voting members who should attend — not of those present, so a thin meeting cannot pass
 *   a motion with a handful of votes. Probationary members (预备党员) have no vote and are not
 *   counted on either side; the caller passes voting members only.
 * - Branch committee meeting (支委会): it may proceed when more than half of the committee members
 *   are present (《中国共产党支部工作条例（试行）》第十二条); its decisions follow the same majority rule
 *   with the committee as "those who should attend".
 *
 * "More than half" is strict: exactly half present, or exactly half in favour, is not enough.
 * Counts come from the attendance record and the secretary's tally; impossible combinations are
 * reported as their own codes instead of being silently judged.
 */

export type MeetingCountProblem = 'MEETING_COUNTS_INVALID' | 'PRESENT_EXCEEDS_MEMBERS';
export type QuorumProblem = 'QUORUM_NOT_MET' | MeetingCountProblem;
export type CommitteeQuorumProblem = 'COMMITTEE_QUORUM_NOT_MET' | MeetingCountProblem;
export type MotionProblem = 'VOTES_EXCEED_PRESENT' | QuorumProblem;

const isCount = (n: number) => Number.isInteger(n) && n >= 0;

/** The smallest number that is more than half of `n`: attendance for a quorum, or ayes for a majority. */
export function moreThanHalfOf(n: number): number {
  if (!isCount(n)) throw new RangeError(`Not a count: ${n}`);
  return Math.floor(n / 2) + 1;
}

function countsProblem(total: number, present: number): MeetingCountProblem | null {
  if (!isCount(total) || !isCount(present)) return 'MEETING_COUNTS_INVALID';
  if (present > total) return 'PRESENT_EXCEEDS_MEMBERS';
  return null;
}

/** Member assembly: may it vote? votingMembers = voting members who should attend. */
export function checkQuorum(input: { votingMembers: number; presentVoting: number }): QuorumProblem | null {
  const problem = countsProblem(input.votingMembers, input.presentVoting);
  if (problem) return problem;
  return input.presentVoting >= moreThanHalfOf(input.votingMembers) ? null : 'QUORUM_NOT_MET';
}

/** Branch committee meeting: may it proceed? */
export function checkCommitteeQuorum(input: { committeeMembers: number; presentMembers: number }): CommitteeQuorumProblem | null {
  const problem = countsProblem(input.committeeMembers, input.presentMembers);
  if (problem) return problem;
  return input.presentMembers >= moreThanHalfOf(input.committeeMembers) ? null : 'COMMITTEE_QUORUM_NOT_MET';
}

/**
 * Did the motion pass? `problem` is set when the vote cannot stand (invalid counts, no quorum, more
 * votes than voters); a motion that simply lacks a majority has no problem and `passed` false.
 * For a committee meeting pass the committee as shouldAttend and the members present as presentVoting.
 */
export function checkMotion(input: { shouldAttend: number; ayes: number; nays: number; abstentions: number; presentVoting: number }): {
  passed: boolean;
  problem: MotionProblem | null;
  /** Ayes a motion needs: more than half of those who should attend. */
  ayesNeeded: number;
} {
  const { shouldAttend, ayes, nays, abstentions, presentVoting } = input;
  if (![ayes, nays, abstentions].every(isCount) || !isCount(shouldAttend)) return { passed: false, problem: 'MEETING_COUNTS_INVALID', ayesNeeded: 0 };
  const needed = moreThanHalfOf(shouldAttend);
  const quorum = checkQuorum({ votingMembers: shouldAttend, presentVoting });
  if (quorum) return { passed: false, problem: quorum, ayesNeeded: needed };
  if (ayes + nays + abstentions > presentVoting) return { passed: false, problem: 'VOTES_EXCEED_PRESENT', ayesNeeded: needed };
  return { passed: ayes >= needed, problem: null, ayesNeeded: needed };
}
