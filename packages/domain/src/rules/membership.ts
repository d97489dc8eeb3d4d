/**
 * Consistency of a person's place in the party: category (正式党员 full, 预备党员 probationary,
 * 入党申请人 applicant, 入党积极分子 activist, 发展对象 candidate), status, the join and
 * confirmation dates, and the lost-contact flag. These rules flag records; they never decide
 * anything about a person (suspension and removal are decisions of a party organisation).
 */
import { addMonths, compareIsoDate, isValidIsoDate } from './dates.ts';
import { ageOn } from './id-number.ts';

export const personCategories = ['full', 'probationary', 'applicant', 'activist', 'candidate'] as const;
export type PersonCategory = (typeof personCategories)[number];

export const personStatuses = ['normal', 'lost_contact', 'flowing_out'] as const;
export type PersonStatus = (typeof personStatuses)[number];

/** Full and probationary members hold party membership (党籍); the others are in development. */
export function isPartyMember(category: PersonCategory): boolean {
  return category === 'full' || category === 'probationary';
}

export type MembershipDateErrorCode =
  | 'DATE_INVALID'
  | 'JOINED_ON_REQUIRED'
  | 'JOINED_ON_IN_FUTURE'
  | 'JOIN_AGE_UNDER_18'
  | 'CONFIRMED_ON_REQUIRED'
  | 'CONFIRMED_ON_IN_FUTURE'
  | 'CONFIRMED_BEFORE_JOIN'
  | 'CONFIRMED_PROBATION_LENGTH'
  | 'PROBATIONARY_HAS_CONFIRMATION'
  | 'NOT_A_MEMBER_HAS_JOIN_DATE';

export type MembershipDateError = { field: 'joinedOn' | 'confirmedOn'; code: MembershipDateErrorCode };

export type MembershipRuleValues = {
  /** 党章 art. 1: only people who have reached 18 may apply, so nobody joins younger. */
  minimumJoinAge: number;
  /** 党章 art. 7: probation lasts one year. */
  probationMonths: number;
  /** 党章 art. 7: it may be extended, by no more than one year (in practice 6–12 months). */
  maxExtensionMonths: number;
};

export const membershipRules = {
  effectiveFrom: '2017-10-24',
  source: '中国共产党章程 (2017/2022) art. 1 and 7; 中国共产党发展党员工作细则 (2014) on extended probation',
  values: { minimumJoinAge: 18, probationMonths: 12, maxExtensionMonths: 12 },
} as const satisfies { effectiveFrom: string; source: string; values: MembershipRuleValues };

function present(d: string | null | undefined): d is string {
  return d !== null && d !== undefined && d.trim() !== '';
}

/**
 * Checks the dates of one person record and returns every problem found, each tied to the field
 * a form should highlight. `joinedOn` is the day the branch general meeting admitted the person
 * as probationary (入党时间); `confirmedOn` is the day they became a full member (转正时间).
 */
export function checkMembershipDates(
  p: {
    category: PersonCategory;
    birthDate: string;
    joinedOn?: string | null;
    confirmedOn?: string | null;
    today: string;
  },
  rules: MembershipRuleValues = membershipRules.values,
): Array<MembershipDateError> {
  const errors: MembershipDateError[] = [];
  const { category, birthDate, joinedOn, confirmedOn, today } = p;

  if (!isPartyMember(category)) {
    if (present(joinedOn)) errors.push({ field: 'joinedOn', code: 'NOT_A_MEMBER_HAS_JOIN_DATE' });
    if (present(confirmedOn)) errors.push({ field: 'confirmedOn', code: 'NOT_A_MEMBER_HAS_JOIN_DATE' });
    return errors;
  }

  const joinedValid = present(joinedOn) && isValidIsoDate(joinedOn);
  if (!present(joinedOn)) errors.push({ field: 'joinedOn', code: 'JOINED_ON_REQUIRED' });
  else if (!joinedValid) errors.push({ field: 'joinedOn', code: 'DATE_INVALID' });
  else if (compareIsoDate(joinedOn, today) > 0) errors.push({ field: 'joinedOn', code: 'JOINED_ON_IN_FUTURE' });
  else if (isValidIsoDate(birthDate) && ageOn(birthDate, joinedOn) < rules.minimumJoinAge) {
    errors.push({ field: 'joinedOn', code: 'JOIN_AGE_UNDER_18' });
  }

  if (category === 'probationary') {
    if (present(confirmedOn)) errors.push({ field: 'confirmedOn', code: 'PROBATIONARY_HAS_CONFIRMATION' });
    return errors;
  }

  // Full member from here on.
  if (!present(confirmedOn)) {
    errors.push({ field: 'confirmedOn', code: 'CONFIRMED_ON_REQUIRED' });
    return errors;
  }
  if (!isValidIsoDate(confirmedOn)) {
    errors.push({ field: 'confirmedOn', code: 'DATE_INVALID' });
    return errors;
  }
  if (compareIsoDate(confirmedOn, today) > 0) {
    errors.push({ field: 'confirmedOn', code: 'CONFIRMED_ON_IN_FUTURE' });
    return errors;
  }
  // Comparing with a join date that is missing, malformed or in the future (usually a mistyped
  // year) would only add a second error that goes away when the first is fixed.
  if (!joinedValid || compareIsoDate(joinedOn, today) > 0) return errors;

  if (compareIsoDate(confirmedOn, joinedOn) <= 0) {
    errors.push({ field: 'confirmedOn', code: 'CONFIRMED_BEFORE_JOIN' });
    return errors;
  }
  // Confirmation comes when probation ends: one year after joining, or up to one more year when
  // probation was extended. Someone who joined on 29 February is accepted on either reading of
  // "a year later" (28 February or 1 March), because this flags data, and a false alarm on a
  // correct record teaches people to ignore the flags.
  const earliest = addMonths(joinedOn, rules.probationMonths, 'clamp');
  const latest = addMonths(joinedOn, rules.probationMonths + rules.maxExtensionMonths, 'roll');
  if (compareIsoDate(confirmedOn, earliest) < 0 || compareIsoDate(confirmedOn, latest) > 0) {
    errors.push({ field: 'confirmedOn', code: 'CONFIRMED_PROBATION_LENGTH' });
  }
  return errors;
}

export type LostContactFlag = 'none' | 'over_6_months' | 'over_2_years';

export type LostContactThresholds = { suspensionMonths: number; removalMonths: number };

/**
 * 中国共产党党员教育管理工作条例 (2019) art. 24: a member out of contact for 6 months or more,
 * and still unreachable after every effort, has membership suspended (停止党籍); still
 * unreachable 2 years after the suspension, they are removed as having left the party
 * (自行脱党除名). The removal threshold is measured here from the loss of contact, as the product
 * brief asks; a deployment that wants the regulation's later point can set removalMonths to 30.
 */
export const lostContactRules = {
  effectiveFrom: '2019-05-06',
  source: '中国共产党党员教育管理工作条例 (2019) art. 24',
  values: { suspensionMonths: 6, removalMonths: 24 },
} as const satisfies { effectiveFrom: string; source: string; values: LostContactThresholds };

/**
 * Which decision the organisation should consider for a member out of contact since a given day.
 * Thresholds are inclusive ("6 months or more"); a month-end start counts the shorter month's
 * last day as the anniversary (31 August → 28 February), erring towards raising the flag.
 */
export function lostContactFlag(
  lostContactSince: string | null,
  today: string,
  thresholds: LostContactThresholds = lostContactRules.values,
): LostContactFlag {
  if (lostContactSince === null || !isValidIsoDate(lostContactSince)) return 'none';
  if (compareIsoDate(today, addMonths(lostContactSince, thresholds.removalMonths)) >= 0) return 'over_2_years';
  if (compareIsoDate(today, addMonths(lostContactSince, thresholds.suspensionMonths)) >= 0) return 'over_6_months';
  return 'none';
}
