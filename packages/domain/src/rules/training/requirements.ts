/**
 * Study-hour requirements (学时要求) as a versioned rule set, and what a person must reach in a year
 * (domain.md §5). Pure: callers pass the person's record, the year's rotations and "today".
 *
 * Decisions written down here because the sources leave them open:
 * - A rule set governs whole calendar years: it takes effect on 1 January of a year after today, so a
 *   year's requirement never changes once the year has begun.
 * - Hours are required of party members (full and probationary); candidates have no hours, only the
 *   centralised training of a rotation that targets them.
 * - A secretary who takes office after 1 January (secretary_since in the year) is held to the
 *   member's 32 hours in that year, not to a prorated 56: the regulation says nothing about
 *   proration, and the specific duty of a new secretary is the training within 6 months of taking
 *   office, which replaces the secretaries' yearly centralised training in that year. When the
 *   6 months run into the next year, the deadline does too. From the next year on, the full 56 hours
 *   and one centralised training apply. (`appointmentYearHours: 'full'` in a rule set changes the
 *   hours to 56 for a county that wants it.) A committee member keeps 56 in any case.
 * - "The first year after confirmation" (转正后第一年) is the calendar year holding most of the 12
 *   months after confirmed_on: the year of the day 6 months after it.
 * - A new secretary's training is any centralised training completed on or after secretary_since.
 * - Exempt members (study_exempt or is_infirm, 第二十三条) have no hard requirement at all.
 */
import { z } from 'zod';
import { addMonths, isValidIsoDate, isoDateParts } from '../dates.ts';
import { inTargetGroup, type TrainingTargetGroup } from './class-rules.ts';

export type TrainingRuleSetErrorCode = 'TRAINING_RULE_SET_VERSION_DUPLICATE' | 'TRAINING_RULE_SET_EFFECTIVE_DATE_DUPLICATE' | 'TRAINING_RULE_SET_EFFECTIVE_NOT_FUTURE' | 'TRAINING_RULE_SET_NOT_YEAR_START';

const hours = z.number().min(0).max(400);
const count = z.number().int().min(0).max(12);
const source = z.string().trim().min(1);

export const trainingRuleSetSchema = z.object({
  version: z.string().trim().min(1).max(64),
  /** 1 January of the first year the set governs (YYYY-01-01). */
  effectiveFrom: z.string().refine(isValidIsoDate, { message: 'DATE_INVALID' }),
  /** Hours a year of every party member. */
  memberHours: hours,
  /** Hours a year of secretaries and committee members (书记和班子成员). */
  leaderHours: hours,
  /** Centralised trainings a year of secretaries and committee members. */
  leaderCentralised: count,
  /** Centralised trainings a year of probationary members. */
  probationaryCentralised: count,
  /** Centralised trainings in the first year after confirmation. */
  firstYearCentralised: count,
  /** A new secretary is trained within this many months of taking office. */
  newSecretaryMonths: z.number().int().min(1).max(24),
  /** Hours of a secretary in the year they take office (after 1 January): the member's, or the full leader's. */
  appointmentYearHours: z.enum(['member', 'full']),
  /** Flag as weak (弱训) during the year when behind the quarterly pace (required × quarters ended / 4). */
  paceCheck: z.boolean(),
  sources: z.object({ memberHours: source, leaderHours: source, probationary: source, newSecretary: source, rotation: source, exempt: source, pace: source }),
});
export type TrainingRuleSet = z.infer<typeof trainingRuleSetSchema>;

const EDUCATION_REGULATION = '《中国共产党党员教育管理工作条例》（2019年）';
const NATIONAL_PLAN = '《2019—2023年全国党员教育培训工作规划》';

/** domain.md §5, governing every year from 2019. */
export const defaultTrainingRuleSet: TrainingRuleSet = {
  version: 'training-2019.1',
  effectiveFrom: '2019-01-01',
  memberHours: 32,
  leaderHours: 56,
  leaderCentralised: 1,
  probationaryCentralised: 1,
  firstYearCentralised: 1,
  newSecretaryMonths: 6,
  appointmentYearHours: 'member',
  paceCheck: true,
  sources: {
    memberHours: `${EDUCATION_REGULATION}第二十条：党员每年集中学习培训时间一般不少于32学时`,
    leaderHours: `${NATIONAL_PLAN}：基层党组织书记和班子成员每年集中学习培训时间不少于56学时，至少参加1次集中培训（2024—2028年规划的数字待核实）`,
    probationary: `${NATIONAL_PLAN}：预备党员和转正后第一年的党员至少参加1次集中培训`,
    newSecretary: `${NATIONAL_PLAN}：新任基层党组织书记6个月内完成任职培训`,
    rotation: `${EDUCATION_REGULATION}第二十条：市、县党委或者基层党委组织党员集中轮训`,
    exempt: `${EDUCATION_REGULATION}第二十三条：对年老体弱、行动不便的党员，组织活动和开展学习教育不作硬性要求，送学上门`,
    pace: '实践做法（可配置）：每季度末学时应达到全年要求的相应比例，落后者列为弱训提醒',
  },
};

/** The set governing a year: the latest whose effectiveFrom is on or before 1 January of it. */
export function trainingRuleSetForYear<T extends Pick<TrainingRuleSet, 'effectiveFrom'>>(sets: readonly T[], year: number): T | null {
  const day = `${String(year).padStart(4, '0')}-01-01`;
  let found: T | null = null;
  for (const s of sets) if (s.effectiveFrom <= day && (found === null || s.effectiveFrom >= found.effectiveFrom)) found = s;
  return found;
}

/** A new set takes effect on 1 January of a year after today; version and day are unique. */
export function checkTrainingRuleSetAddition(options: { existing: readonly TrainingRuleSet[]; candidate: TrainingRuleSet; today: string }): Array<{ code: TrainingRuleSetErrorCode; path: string }> {
  const { existing, candidate, today } = options;
  isoDateParts(today);
  const problems: Array<{ code: TrainingRuleSetErrorCode; path: string }> = [];
  if (existing.some((s) => s.version.trim() === candidate.version.trim())) problems.push({ code: 'TRAINING_RULE_SET_VERSION_DUPLICATE', path: 'version' });
  if (existing.some((s) => s.effectiveFrom === candidate.effectiveFrom)) problems.push({ code: 'TRAINING_RULE_SET_EFFECTIVE_DATE_DUPLICATE', path: 'effectiveFrom' });
  if (!candidate.effectiveFrom.endsWith('-01-01')) problems.push({ code: 'TRAINING_RULE_SET_NOT_YEAR_START', path: 'effectiveFrom' });
  if (candidate.effectiveFrom <= today) problems.push({ code: 'TRAINING_RULE_SET_EFFECTIVE_NOT_FUTURE', path: 'effectiveFrom' });
  return problems;
}

/** What of a person's record decides their requirements (columns of people). */
export type TrainingPerson = {
  category: string;
  confirmedOn: string | null;
  isSecretary: boolean;
  secretarySince: string | null;
  isCommitteeMember: boolean;
  isPartyAffairsWorker: boolean;
  isInfirm: boolean;
  studyExempt: boolean;
  studyExemptReason: string | null;
};

/** A rotation (集中轮训) as the rules need it; only those of the requirement's year count (a deadline may run into the next). */
export type RotationTarget = { id: string; year: number; title: string; deadline: string; targetGroups: readonly TrainingTargetGroup[] };

export const centralisedBases = ['leader', 'probationary', 'first_year', 'rotation'] as const;
export type CentralisedBasis = (typeof centralisedBases)[number];

export type TrainingRequirement = {
  year: number;
  ruleSetVersion: string;
  exempt: boolean;
  exemptReason: string | null;
  /** Hours to reach in the year; null = no hours requirement (not a party member, or exempt). */
  hours: number | null;
  hoursBasis: 'member' | 'leader' | 'appointment_year' | null;
  /** Centralised trainings to complete between 1 January and the deadline; null = none required. */
  centralised: { count: number; deadline: string; bases: CentralisedBasis[]; rotation: { id: string; title: string } | null } | null;
  /** A new secretary's training (任职培训) due within the rule set's months of taking office. */
  newSecretary: { since: string; deadline: string } | null;
  /** The articles the requirement rests on. */
  sources: string[];
};

const PARTY_MEMBERS = ['full', 'probationary'];

/** The day `months` after `day` (end of month clamped: 31 Aug + 6 months = 28/29 Feb). */
export const monthsAfter = (day: string, months: number) => addMonths(day, months, 'clamp');

/**
 * The record as it stood in a year, from its own dates, so that a past year is not judged by today's
 * record: a member confirmed after the year was probationary all through it, and a secretary who
 * took office after the year was not yet a secretary then. (Other roles carry no date and are read
 * as they are now.)
 */
export function personInYear(p: TrainingPerson, year: number): TrainingPerson {
  const yearEnd = `${year}-12-31`;
  const confirmedLater = p.category === 'full' && p.confirmedOn !== null && p.confirmedOn > yearEnd;
  const secretaryLater = p.isSecretary && p.secretarySince !== null && p.secretarySince > yearEnd;
  if (!confirmedLater && !secretaryLater) return p;
  return {
    ...p,
    ...(confirmedLater ? { category: 'probationary', confirmedOn: null } : {}),
    ...(secretaryLater ? { isSecretary: false, secretarySince: null } : {}),
  };
}

/** What a person must reach in a year under a rule set; `rotations` are that year's open or closed rotations. */
export function requirementsFor(options: { person: TrainingPerson; year: number; ruleSet: TrainingRuleSet; rotations?: readonly RotationTarget[] }): TrainingRequirement {
  const { year, ruleSet: rs } = options;
  const p = personInYear(options.person, year);
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const base = { year, ruleSetVersion: rs.version };
  if (p.studyExempt || p.isInfirm) {
    return { ...base, exempt: true, exemptReason: p.studyExemptReason ?? null, hours: null, hoursBasis: null, centralised: null, newSecretary: null, sources: [rs.sources.exempt] };
  }
  const sources = new Set<string>();
  const member = PARTY_MEMBERS.includes(p.category);
  const appointedThisYear = p.isSecretary && p.secretarySince !== null && p.secretarySince > yearStart && p.secretarySince <= yearEnd;
  const leader = member && (p.isSecretary || p.isCommitteeMember);

  let hoursRequired: number | null = null;
  let hoursBasis: TrainingRequirement['hoursBasis'] = null;
  if (member) {
    if (leader && !(appointedThisYear && !p.isCommitteeMember && rs.appointmentYearHours === 'member')) {
      hoursRequired = rs.leaderHours;
      hoursBasis = 'leader';
      sources.add(rs.sources.leaderHours);
    } else {
      hoursRequired = rs.memberHours;
      hoursBasis = appointedThisYear ? 'appointment_year' : 'member';
      sources.add(rs.sources.memberHours);
    }
  }

  const bases: CentralisedBasis[] = [];
  let needed = 0;
  // In the year of taking office the new secretary's training replaces the yearly one (see header).
  if (leader && !(appointedThisYear && !p.isCommitteeMember) && rs.leaderCentralised > 0) {
    bases.push('leader');
    needed = Math.max(needed, rs.leaderCentralised);
    sources.add(rs.sources.leaderHours);
  }
  if (p.category === 'probationary' && rs.probationaryCentralised > 0) {
    bases.push('probationary');
    needed = Math.max(needed, rs.probationaryCentralised);
    sources.add(rs.sources.probationary);
  }
  if (p.category === 'full' && p.confirmedOn !== null && Number(monthsAfter(p.confirmedOn, 6).slice(0, 4)) === year && rs.firstYearCentralised > 0) {
    bases.push('first_year');
    needed = Math.max(needed, rs.firstYearCentralised);
    sources.add(rs.sources.probationary);
  }
  const targeting = (options.rotations ?? [])
    .filter((r) => r.year === year && r.targetGroups.some((g) => inTargetGroup({ category: p.category, is_secretary: p.isSecretary, is_party_affairs_worker: p.isPartyAffairsWorker }, g)))
    .sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.id < b.id ? -1 : 1));
  const rotation = targeting[0] ?? null;
  if (rotation) {
    bases.push('rotation');
    needed = Math.max(needed, 1);
    sources.add(rs.sources.rotation);
  }
  const centralised = needed > 0 ? { count: needed, deadline: rotation?.deadline ?? yearEnd, bases, rotation: rotation ? { id: rotation.id, title: rotation.title } : null } : null;

  let newSecretary: TrainingRequirement['newSecretary'] = null;
  if (p.isSecretary && p.secretarySince !== null) {
    const deadline = monthsAfter(p.secretarySince, rs.newSecretaryMonths);
    const sinceYear = Number(p.secretarySince.slice(0, 4));
    const deadlineYear = Number(deadline.slice(0, 4));
    if (year >= sinceYear && year <= deadlineYear) {
      newSecretary = { since: p.secretarySince, deadline };
      sources.add(rs.sources.newSecretary);
    }
  }
  return { ...base, exempt: false, exemptReason: null, hours: hoursRequired, hoursBasis, centralised, newSecretary, sources: [...sources] };
}
