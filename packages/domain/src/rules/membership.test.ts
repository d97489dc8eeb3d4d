import { describe, expect, it } from 'vitest';
import {
  checkMembershipDates,
  isPartyMember,
  lostContactFlag,
  lostContactRules,
  membershipRules,
  personCategories,
  personStatuses,
} from './membership.ts';

const TODAY = '2025-06-15';
const BORN = '1990-05-20';

describe('person categories and statuses', () => {
  it('lists the five categories and three statuses the forms offer', () => {
    expect(personCategories).toEqual(['full', 'probationary', 'applicant', 'activist', 'candidate']);
    expect(personStatuses).toEqual(['normal', 'lost_contact', 'flowing_out']);
  });

  it('counts only full and probationary members as party members', () => {
    expect(personCategories.filter(isPartyMember)).toEqual(['full', 'probationary']);
  });
});

describe('checkMembershipDates — full members', () => {
  const full = (joinedOn: string | null, confirmedOn: string | null, birthDate = BORN) =>
    checkMembershipDates({ category: 'full', birthDate, joinedOn, confirmedOn, today: TODAY });

  it('accepts confirmation exactly one year after joining, the normal case', () => {
    expect(full('2015-07-01', '2016-07-01')).toEqual([]);
  });

  it('accepts confirmation up to two years after joining, for an extended probation', () => {
    expect(full('2015-07-01', '2017-01-01')).toEqual([]);
    expect(full('2015-07-01', '2017-07-01')).toEqual([]);
  });

  it('flags confirmation one day short of a year, because probation lasts a full year', () => {
    expect(full('2015-07-01', '2016-06-30')).toEqual([{ field: 'confirmedOn', code: 'CONFIRMED_PROBATION_LENGTH' }]);
  });

  it('flags confirmation one day after two years, beyond the longest extension', () => {
    expect(full('2015-07-01', '2017-07-02')).toEqual([{ field: 'confirmedOn', code: 'CONFIRMED_PROBATION_LENGTH' }]);
  });

  it('accepts either reading of "a year later" for someone who joined on 29 February', () => {
    expect(full('2016-02-29', '2017-02-28')).toEqual([]);
    expect(full('2016-02-29', '2017-03-01')).toEqual([]);
    expect(full('2016-02-29', '2018-03-01')).toEqual([]);
    expect(full('2016-02-29', '2017-02-27')).toEqual([{ field: 'confirmedOn', code: 'CONFIRMED_PROBATION_LENGTH' }]);
    expect(full('2016-02-29', '2018-03-02')).toEqual([{ field: 'confirmedOn', code: 'CONFIRMED_PROBATION_LENGTH' }]);
  });

  it('requires a join date', () => {
    expect(full(null, '2016-07-01')).toEqual([{ field: 'joinedOn', code: 'JOINED_ON_REQUIRED' }]);
  });

  it('treats a blank join date like a missing one', () => {
    expect(full('  ', '2016-07-01')).toEqual([{ field: 'joinedOn', code: 'JOINED_ON_REQUIRED' }]);
  });

  it('requires a confirmation date', () => {
    expect(full('2015-07-01', null)).toEqual([{ field: 'confirmedOn', code: 'CONFIRMED_ON_REQUIRED' }]);
  });

  it('reports both missing dates together', () => {
    expect(full(null, null)).toEqual([
      { field: 'joinedOn', code: 'JOINED_ON_REQUIRED' },
      { field: 'confirmedOn', code: 'CONFIRMED_ON_REQUIRED' },
    ]);
  });

  it('flags a confirmation date on or before the join date, usually two swapped dates', () => {
    expect(full('2016-07-01', '2015-07-01')).toEqual([{ field: 'confirmedOn', code: 'CONFIRMED_BEFORE_JOIN' }]);
    expect(full('2015-07-01', '2015-07-01')).toEqual([{ field: 'confirmedOn', code: 'CONFIRMED_BEFORE_JOIN' }]);
  });

  it('flags a confirmation date in the future', () => {
    expect(full('2024-07-01', '2025-07-01')).toEqual([{ field: 'confirmedOn', code: 'CONFIRMED_ON_IN_FUTURE' }]);
  });

  it('accepts a confirmation dated today', () => {
    expect(full('2024-06-15', '2025-06-15')).toEqual([]);
  });

  it('flags a join date in the future and does not pile a window error on top', () => {
    expect(full('2025-06-16', '2025-06-15')).toEqual([{ field: 'joinedOn', code: 'JOINED_ON_IN_FUTURE' }]);
  });

  it('flags a malformed date as invalid on its own field', () => {
    expect(full('2015-02-30', '2016-07-01')).toEqual([{ field: 'joinedOn', code: 'DATE_INVALID' }]);
    expect(full('2015-07-01', '2016/07/01')).toEqual([{ field: 'confirmedOn', code: 'DATE_INVALID' }]);
  });
});

describe('checkMembershipDates — age at joining', () => {
  const joinedAt = (birthDate: string, joinedOn: string) =>
    checkMembershipDates({ category: 'probationary', birthDate, joinedOn, today: TODAY });

  it('accepts joining on the 18th birthday', () => {
    expect(joinedAt('2006-06-01', '2024-06-01')).toEqual([]);
  });

  it('flags joining the day before the 18th birthday', () => {
    expect(joinedAt('2006-06-01', '2024-05-31')).toEqual([{ field: 'joinedOn', code: 'JOIN_AGE_UNDER_18' }]);
  });

  it('treats someone born on 29 February as 18 only from 1 March in a non-leap year', () => {
    expect(joinedAt('2004-02-29', '2022-02-28')).toEqual([{ field: 'joinedOn', code: 'JOIN_AGE_UNDER_18' }]);
    expect(joinedAt('2004-02-29', '2022-03-01')).toEqual([]);
  });

  it('flags a join date before the birth date as under age', () => {
    expect(joinedAt('2000-01-01', '1999-07-01')).toEqual([{ field: 'joinedOn', code: 'JOIN_AGE_UNDER_18' }]);
  });

  it('skips the age check when the birth date is unusable, instead of throwing', () => {
    expect(joinedAt('not a date', '2020-07-01')).toEqual([]);
  });

  it('uses the minimum age from the rule set passed in', () => {
    const rules = { ...membershipRules.values, minimumJoinAge: 20 };
    expect(
      checkMembershipDates({ category: 'probationary', birthDate: '2000-01-01', joinedOn: '2019-07-01', today: TODAY }, rules),
    ).toEqual([{ field: 'joinedOn', code: 'JOIN_AGE_UNDER_18' }]);
  });
});

describe('checkMembershipDates — probationary members', () => {
  it('accepts a probationary member with a join date and no confirmation', () => {
    expect(
      checkMembershipDates({ category: 'probationary', birthDate: BORN, joinedOn: '2024-07-01', today: TODAY }),
    ).toEqual([]);
  });

  it('requires a join date', () => {
    expect(checkMembershipDates({ category: 'probationary', birthDate: BORN, today: TODAY })).toEqual([
      { field: 'joinedOn', code: 'JOINED_ON_REQUIRED' },
    ]);
  });

  it('flags a confirmation date, which would mean the person is a full member', () => {
    expect(
      checkMembershipDates({
        category: 'probationary',
        birthDate: BORN,
        joinedOn: '2024-07-01',
        confirmedOn: '2025-07-01',
        today: TODAY,
      }),
    ).toEqual([{ field: 'confirmedOn', code: 'PROBATIONARY_HAS_CONFIRMATION' }]);
  });
});

describe('checkMembershipDates — people in development', () => {
  it.each(['applicant', 'activist', 'candidate'] as const)('accepts a %s without membership dates', (category) => {
    expect(checkMembershipDates({ category, birthDate: BORN, joinedOn: null, confirmedOn: null, today: TODAY })).toEqual(
      [],
    );
  });

  it.each(['applicant', 'activist', 'candidate'] as const)(
    'flags a join or confirmation date on a %s, who is not yet a member',
    (category) => {
      expect(
        checkMembershipDates({ category, birthDate: BORN, joinedOn: '2020-07-01', confirmedOn: '2021-07-01', today: TODAY }),
      ).toEqual([
        { field: 'joinedOn', code: 'NOT_A_MEMBER_HAS_JOIN_DATE' },
        { field: 'confirmedOn', code: 'NOT_A_MEMBER_HAS_JOIN_DATE' },
      ]);
    },
  );

  it('does not check the age of people in development, who may apply before joining is possible', () => {
    expect(checkMembershipDates({ category: 'applicant', birthDate: '2010-01-01', today: TODAY })).toEqual([]);
  });
});

describe('lostContactFlag', () => {
  it('raises nothing when the member is in contact', () => {
    expect(lostContactFlag(null, TODAY)).toBe('none');
  });

  it('raises nothing one day short of 6 months', () => {
    expect(lostContactFlag('2024-12-16', TODAY)).toBe('none');
  });

  it('suggests considering suspension from exactly 6 months (the regulation says 6 months or more)', () => {
    expect(lostContactFlag('2024-12-15', TODAY)).toBe('over_6_months');
  });

  it('suggests considering removal from exactly 2 years, and not the day before', () => {
    expect(lostContactFlag('2023-06-16', TODAY)).toBe('over_6_months');
    expect(lostContactFlag('2023-06-15', TODAY)).toBe('over_2_years');
    expect(lostContactFlag('2010-01-01', TODAY)).toBe('over_2_years');
  });

  it('counts 6 months from 31 August as reached on the last day of February', () => {
    expect(lostContactFlag('2024-08-31', '2025-02-27')).toBe('none');
    expect(lostContactFlag('2024-08-31', '2025-02-28')).toBe('over_6_months');
  });

  it('raises nothing for a date in the future or a malformed date, which are data errors', () => {
    expect(lostContactFlag('2025-07-01', TODAY)).toBe('none');
    expect(lostContactFlag('2024-13-01', TODAY)).toBe('none');
  });

  it('uses thresholds passed in, so a deployment can follow a different rule set', () => {
    const stricter = { ...lostContactRules.values, removalMonths: 30 };
    expect(lostContactFlag('2023-06-15', TODAY, stricter)).toBe('over_6_months');
    expect(lostContactFlag('2022-12-15', TODAY, stricter)).toBe('over_2_years');
  });
});
