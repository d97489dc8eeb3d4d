import { describe, expect, it } from 'vitest';
import { defaultRuleSet, type RuleSet } from './rule-sets.ts';
import { creditHoursFor, creditWithinDailyCap } from './study-hours.ts';

const ruleSet = defaultRuleSet;
const lesson = (minutes: number | null) => creditHoursFor({ kind: 'party_lesson', minutes, ruleSet });

describe('creditHoursFor', () => {
  it('gives 1 学时 per hour, rounded down to half hours', () => {
    expect(lesson(0)).toBe(0);
    expect(lesson(29)).toBe(0);
    expect(lesson(30)).toBe(0.5);
    expect(lesson(59)).toBe(0.5);
    expect(lesson(60)).toBe(1);
    expect(lesson(90)).toBe(1.5);
    expect(lesson(150)).toBe(2.5);
    expect(lesson(209)).toBe(3);
  });

  it('gives 4 from a half day (3.5 h) on', () => {
    expect(lesson(210)).toBe(4);
    expect(lesson(240)).toBe(4);
    expect(lesson(270)).toBe(4.5);
  });

  it('never gives a longer session less than a shorter one', () => {
    let previous = 0;
    for (let m = 0; m <= 900; m++) {
      const credit = lesson(m);
      expect(credit, `${m} min`).toBeGreaterThanOrEqual(previous);
      previous = credit;
    }
  });

  it('gives 8 for a full day (7 h) and never more', () => {
    expect(lesson(419)).toBe(6.5);
    expect(lesson(420)).toBe(8);
    expect(lesson(600)).toBe(8);
    expect(lesson(24 * 60)).toBe(8);
  });

  it('uses the rule set’s default when the length was not recorded', () => {
    expect(lesson(null)).toBe(defaultRuleSet.creditHours.party_lesson);
    const custom: Pick<RuleSet, 'creditHours'> = { creditHours: { ...defaultRuleSet.creditHours, theme_party_day: 3.5 } };
    expect(creditHoursFor({ kind: 'theme_party_day', minutes: null, ruleSet: custom })).toBe(3.5);
  });

  it('never credits kinds that are not study, however long', () => {
    expect(creditHoursFor({ kind: 'committee_meeting', minutes: 480, ruleSet })).toBe(0);
    expect(creditHoursFor({ kind: 'committee_meeting', minutes: null, ruleSet })).toBe(0);
    expect(creditHoursFor({ kind: 'heart_to_heart_talk', minutes: 120, ruleSet })).toBe(0);
  });

  it('follows a county that switches a kind on or off', () => {
    const custom: Pick<RuleSet, 'creditHours'> = { creditHours: { ...defaultRuleSet.creditHours, committee_meeting: 1, party_lesson: null } };
    expect(creditHoursFor({ kind: 'committee_meeting', minutes: 120, ruleSet: custom })).toBe(2);
    expect(creditHoursFor({ kind: 'party_lesson', minutes: 120, ruleSet: custom })).toBe(0);
  });

  it('refuses a negative or non-finite length (a caller bug)', () => {
    expect(() => lesson(-1)).toThrow(RangeError);
    expect(() => lesson(Number.NaN)).toThrow(RangeError);
    expect(() => lesson(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('creditWithinDailyCap', () => {
  it('caps a person’s credits at 8 a day', () => {
    expect(creditWithinDailyCap({ creditedThatDay: 0, credit: 4 })).toBe(4);
    expect(creditWithinDailyCap({ creditedThatDay: 6, credit: 4 })).toBe(2);
    expect(creditWithinDailyCap({ creditedThatDay: 8, credit: 2 })).toBe(0);
    expect(creditWithinDailyCap({ creditedThatDay: 9, credit: 2 })).toBe(0);
  });

  it('refuses negative credits', () => {
    expect(() => creditWithinDailyCap({ creditedThatDay: -1, credit: 2 })).toThrow(RangeError);
    expect(() => creditWithinDailyCap({ creditedThatDay: 0, credit: -2 })).toThrow(RangeError);
  });
});
