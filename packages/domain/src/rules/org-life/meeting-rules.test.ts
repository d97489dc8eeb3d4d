import { describe, expect, it } from 'vitest';
import { checkCommitteeQuorum, checkMotion, checkQuorum, moreThanHalfOf } from './meeting-rules.ts';

describe('moreThanHalfOf', () => {
  it('is the smallest strict majority for even and odd counts', () => {
    expect([0, 1, 2, 3, 4, 5, 10, 11].map(moreThanHalfOf)).toEqual([1, 1, 2, 2, 3, 3, 6, 6]);
  });

  it('refuses a count that is not a whole number', () => {
    expect(() => moreThanHalfOf(-1)).toThrow(RangeError);
    expect(() => moreThanHalfOf(2.5)).toThrow(RangeError);
  });
});

describe('checkQuorum (member assembly)', () => {
  it('fails with exactly half of the voting members present', () => {
    expect(checkQuorum({ votingMembers: 10, presentVoting: 5 })).toBe('QUORUM_NOT_MET');
  });

  it('passes with one more than half', () => {
    expect(checkQuorum({ votingMembers: 10, presentVoting: 6 })).toBeNull();
    expect(checkQuorum({ votingMembers: 9, presentVoting: 5 })).toBeNull();
    expect(checkQuorum({ votingMembers: 9, presentVoting: 4 })).toBe('QUORUM_NOT_MET');
    expect(checkQuorum({ votingMembers: 3, presentVoting: 3 })).toBeNull();
  });

  it('never has a quorum without voting members', () => {
    expect(checkQuorum({ votingMembers: 0, presentVoting: 0 })).toBe('QUORUM_NOT_MET');
  });

  it('reports impossible counts instead of judging them', () => {
    expect(checkQuorum({ votingMembers: 10, presentVoting: 11 })).toBe('PRESENT_EXCEEDS_MEMBERS');
    expect(checkQuorum({ votingMembers: 10, presentVoting: -1 })).toBe('MEETING_COUNTS_INVALID');
    expect(checkQuorum({ votingMembers: 10.5, presentVoting: 6 })).toBe('MEETING_COUNTS_INVALID');
    expect(checkQuorum({ votingMembers: Number.NaN, presentVoting: 6 })).toBe('MEETING_COUNTS_INVALID');
  });
});

describe('checkCommitteeQuorum (支委会)', () => {
  it('needs more than half of the committee: 2 of 5 fails, 3 of 5 passes, 2 of 4 fails', () => {
    expect(checkCommitteeQuorum({ committeeMembers: 5, presentMembers: 2 })).toBe('COMMITTEE_QUORUM_NOT_MET');
    expect(checkCommitteeQuorum({ committeeMembers: 5, presentMembers: 3 })).toBeNull();
    expect(checkCommitteeQuorum({ committeeMembers: 4, presentMembers: 2 })).toBe('COMMITTEE_QUORUM_NOT_MET');
    expect(checkCommitteeQuorum({ committeeMembers: 4, presentMembers: 3 })).toBeNull();
  });

  it('reports impossible counts', () => {
    expect(checkCommitteeQuorum({ committeeMembers: 3, presentMembers: 4 })).toBe('PRESENT_EXCEEDS_MEMBERS');
    expect(checkCommitteeQuorum({ committeeMembers: -3, presentMembers: 0 })).toBe('MEETING_COUNTS_INVALID');
  });
});

describe('checkMotion', () => {
  it('fails with ayes exactly half of those who should attend', () => {
    expect(checkMotion({ shouldAttend: 10, presentVoting: 10, ayes: 5, nays: 5, abstentions: 0 })).toEqual({ passed: false, problem: null, ayesNeeded: 6 });
  });

  it('passes with ayes more than half of those who should attend', () => {
    expect(checkMotion({ shouldAttend: 10, presentVoting: 8, ayes: 6, nays: 1, abstentions: 1 })).toEqual({ passed: true, problem: null, ayesNeeded: 6 });
  });

  it('counts the majority against those who should attend, not those present', () => {
    // 7 of the 8 present say aye, a clear majority of the room, but 7 is not more than half of 14.
    expect(checkMotion({ shouldAttend: 14, presentVoting: 8, ayes: 7, nays: 0, abstentions: 1 })).toMatchObject({ passed: false, problem: null, ayesNeeded: 8 });
    expect(checkMotion({ shouldAttend: 14, presentVoting: 8, ayes: 8, nays: 0, abstentions: 0 })).toMatchObject({ passed: true, problem: null });
  });

  it('cannot pass without a quorum, whatever the ayes', () => {
    expect(checkMotion({ shouldAttend: 10, presentVoting: 5, ayes: 5, nays: 0, abstentions: 0 })).toEqual({ passed: false, problem: 'QUORUM_NOT_MET', ayesNeeded: 6 });
  });

  it('refuses more votes than voting members present', () => {
    expect(checkMotion({ shouldAttend: 10, presentVoting: 7, ayes: 6, nays: 1, abstentions: 1 })).toEqual({ passed: false, problem: 'VOTES_EXCEED_PRESENT', ayesNeeded: 6 });
  });

  it('accepts fewer votes than voters (someone left before the vote)', () => {
    expect(checkMotion({ shouldAttend: 10, presentVoting: 8, ayes: 6, nays: 0, abstentions: 0 })).toMatchObject({ passed: true, problem: null });
  });

  it('reports invalid counts and more present than should attend', () => {
    expect(checkMotion({ shouldAttend: 10, presentVoting: 8, ayes: -1, nays: 0, abstentions: 0 })).toMatchObject({ passed: false, problem: 'MEETING_COUNTS_INVALID' });
    expect(checkMotion({ shouldAttend: 10, presentVoting: 8, ayes: 6, nays: 0.5, abstentions: 0 })).toMatchObject({ passed: false, problem: 'MEETING_COUNTS_INVALID' });
    expect(checkMotion({ shouldAttend: 10, presentVoting: 12, ayes: 6, nays: 0, abstentions: 0 })).toMatchObject({ passed: false, problem: 'PRESENT_EXCEEDS_MEMBERS' });
  });

  it('applies the same majority to a committee decision: 3 of 5 members', () => {
    expect(checkMotion({ shouldAttend: 5, presentVoting: 4, ayes: 3, nays: 1, abstentions: 0 }).passed).toBe(true);
    expect(checkMotion({ shouldAttend: 5, presentVoting: 4, ayes: 2, nays: 1, abstentions: 1 }).passed).toBe(false);
  });
});
