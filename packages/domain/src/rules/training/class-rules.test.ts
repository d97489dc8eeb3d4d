import { describe, expect, it } from 'vitest';
import { classOutcome, inAnyTargetGroup, inTargetGroup } from './class-rules.ts';

const sessions = (spec: Array<[number, 'present' | 'absent' | 'leave' | null]>) => spec.map(([hours, attendance]) => ({ hours, attendance }));

describe('classOutcome — the 1/7 leave rule', () => {
  it('completes with every session attended', () => {
    const o = classOutcome(sessions([[4, 'present'], [4, 'present'], [4, 'present']]));
    expect(o).toMatchObject({ completed: true, reason: 'attended', totalHours: 12, attendedHours: 12, leaveHours: 0, absentHours: 0 });
  });

  it('completes with leave of exactly 1/7 of the hours (7 sessions of 4 h, one on leave)', () => {
    const o = classOutcome(sessions([[4, 'leave'], ...Array.from({ length: 6 }, () => [4, 'present'] as [number, 'present'])]));
    expect(o.totalHours).toBe(28);
    expect(o.leaveHours).toBe(4);
    expect(o.completed).toBe(true);
    expect(o.allowedMissHours).toBe(4);
  });

  it('does not complete with leave just above 1/7 (4.1 h of 28 h)', () => {
    const o = classOutcome(sessions([[4.1, 'leave'], [3.9, 'present'], ...Array.from({ length: 5 }, () => [4, 'present'] as [number, 'present'])]));
    expect(o.totalHours).toBe(28);
    expect(o).toMatchObject({ completed: false, reason: 'leave_over_limit', leaveHours: 4.1 });
  });

  it('compares exactly, without float rounding: 1 h of 7 h completes, 1.1 h of 7 h does not', () => {
    expect(classOutcome(sessions([[1, 'leave'], [6, 'present']])).completed).toBe(true);
    expect(classOutcome(sessions([[1.1, 'leave'], [5.9, 'present']])).completed).toBe(false);
    // 0.1 + 0.2 style sums: 0.7 h of 4.9 h is exactly 1/7.
    expect(classOutcome(sessions([[0.3, 'leave'], [0.4, 'leave'], [4.2, 'present']])).completed).toBe(true);
  });

  it('counts absence towards the same limit, alone or with leave', () => {
    expect(classOutcome(sessions([[4, 'absent'], ...Array.from({ length: 6 }, () => [4, 'present'] as [number, 'present'])])).completed).toBe(true);
    const absentOver = classOutcome(sessions([[5, 'absent'], [23, 'present']]));
    expect(absentOver).toMatchObject({ completed: false, reason: 'missed_over_limit', absentHours: 5 });
    const together = classOutcome(sessions([[2, 'leave'], [3, 'absent'], [23, 'present']]));
    expect(together).toMatchObject({ completed: false, reason: 'missed_over_limit', leaveHours: 2, absentHours: 3 });
  });

  it('treats a session never marked as missed', () => {
    const o = classOutcome(sessions([[4, null], [4, 'present']]));
    expect(o).toMatchObject({ completed: false, reason: 'missed_over_limit', absentHours: 4 });
  });

  it('does not complete a class without sessions, and refuses sessions without hours', () => {
    expect(classOutcome([])).toMatchObject({ completed: false, reason: 'no_sessions', totalHours: 0 });
    expect(() => classOutcome(sessions([[0, 'present']]))).toThrow(RangeError);
  });
});

describe('inTargetGroup', () => {
  const p = (category: string, flags: Partial<{ is_secretary: boolean; is_party_affairs_worker: boolean }> = {}) => ({ category, is_secretary: false, is_party_affairs_worker: false, ...flags });

  it('all members are full and probationary members, not candidates', () => {
    expect(inTargetGroup(p('full'), 'all_members')).toBe(true);
    expect(inTargetGroup(p('probationary'), 'all_members')).toBe(true);
    expect(inTargetGroup(p('candidate'), 'all_members')).toBe(false);
    expect(inTargetGroup(p('activist'), 'all_members')).toBe(false);
  });

  it('candidates_probationary are 发展对象 and probationary members', () => {
    expect(inTargetGroup(p('candidate'), 'candidates_probationary')).toBe(true);
    expect(inTargetGroup(p('probationary'), 'candidates_probationary')).toBe(true);
    expect(inTargetGroup(p('full'), 'candidates_probationary')).toBe(false);
  });

  it('secretaries and party-affairs workers come from the flags', () => {
    expect(inTargetGroup(p('full', { is_secretary: true }), 'secretaries')).toBe(true);
    expect(inTargetGroup(p('full'), 'secretaries')).toBe(false);
    expect(inTargetGroup(p('full', { is_party_affairs_worker: true }), 'party_affairs_workers')).toBe(true);
    expect(inAnyTargetGroup(p('full'), ['secretaries', 'party_affairs_workers'])).toBe(false);
    expect(inAnyTargetGroup(p('full', { is_secretary: true }), ['secretaries', 'party_affairs_workers'])).toBe(true);
  });
});
