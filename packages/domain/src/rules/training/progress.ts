/**
 * A person's progress against their year's requirement, and the two exception flags secretaries
 * act on (domain.md §5, §9.5: every flag explains itself and names the next step):
 * - missed (漏训): a centralised training was required and none was completed by its deadline (the
 *   targeting rotation's deadline, else 31 December), or a new secretary was not trained within
 *   the months allowed. Only once the deadline has passed.
 * - weak (弱训): the year is over and the hours are short; or, during the year, the hours are behind
 *   the quarterly pace (required × quarters ended / 4, when the rule set asks for it); or a test was
 *   failed and not passed since (the hook for online learning: callers pass failed tests).
 * Exempt members are never missed nor weak. Reasons are codes with parameters; trainingReasonText
 * renders them in zh-CN or English, so the server and the web client say the same thing.
 */
import { addDays } from '../dates.ts';
import { localDateOf } from '../org-life/periods.ts';
import type { TrainingRequirement } from './requirements.ts';

/** The year a credit made at an instant counts in: the local calendar day decides (31 Dec 23:30 Beijing time is that year). */
export const studyYearOf = (instant: Date, timeZone: string) => Number(localDateOf(instant, timeZone).slice(0, 4));

export type TrainingReasonCode =
  | 'EXEMPT'
  | 'HOURS_PROGRESS'
  | 'CENTRALISED_MISSING'
  | 'CENTRALISED_DONE'
  | 'NEW_SECRETARY_DUE'
  | 'NEW_SECRETARY_DONE'
  | 'MISSED_CENTRALISED'
  | 'MISSED_NEW_SECRETARY'
  | 'WEAK_HOURS_YEAR_END'
  | 'WEAK_HOURS_PACE'
  | 'WEAK_FAILED_TEST'
  | 'ACTION_ENROL_CLASS'
  | 'ACTION_ENROL_SECRETARY_CLASS'
  | 'ACTION_STUDY_HOURS'
  | 'ACTION_RETAKE_TEST'
  | 'RECOMMEND_DIRECTION';

export type TrainingReason = { code: TrainingReasonCode; params: Record<string, string | number> };

const TEXTS: Record<TrainingReasonCode, { 'zh-CN': string; en: string }> = {
  EXEMPT: { 'zh-CN': '免除硬性要求{reason}，送学上门', en: 'No hard requirement{reason}: study is delivered' },
  HOURS_PROGRESS: { 'zh-CN': '{year}年 学时 {done}/{required}', en: '{year}: {done} of {required} hours' },
  CENTRALISED_MISSING: { 'zh-CN': '尚未参加集中培训（应于 {deadline} 前参加）', en: 'No centralised training yet (due by {deadline})' },
  CENTRALISED_DONE: { 'zh-CN': '已参加集中培训 {done} 次', en: 'Centralised trainings attended: {done}' },
  NEW_SECRETARY_DUE: { 'zh-CN': '新任书记 {since} 到任，应于 {deadline} 前参加培训', en: 'New secretary since {since}: training due by {deadline}' },
  NEW_SECRETARY_DONE: { 'zh-CN': '新任书记已参加任职培训', en: 'New secretary has been trained' },
  MISSED_CENTRALISED: { 'zh-CN': '漏训：截至 {deadline} 未参加集中培训', en: 'Missed: no centralised training by {deadline}' },
  MISSED_NEW_SECRETARY: { 'zh-CN': '漏训：新任书记 {since} 到任，{deadline} 前未参加培训', en: 'Missed: secretary since {since}, not trained by {deadline}' },
  WEAK_HOURS_YEAR_END: { 'zh-CN': '弱训：{year}年 学时 {done}/{required}，差 {missing} 学时', en: 'Weak: {year} hours {done} of {required}, {missing} short' },
  WEAK_HOURS_PACE: { 'zh-CN': '弱训：截至第{quarter}季度末应达 {expected} 学时，已完成 {done} 学时', en: 'Weak: {expected} hours expected by the end of Q{quarter}, {done} done' },
  WEAK_FAILED_TEST: { 'zh-CN': '弱训：测试“{title}”未通过', en: 'Weak: test "{title}" not passed' },
  ACTION_ENROL_CLASS: { 'zh-CN': '安排参加下一期集中培训班', en: 'Enrol in the next centralised training class' },
  ACTION_ENROL_SECRETARY_CLASS: { 'zh-CN': '安排参加书记培训班', en: "Enrol in a secretaries' class" },
  ACTION_STUDY_HOURS: { 'zh-CN': '参加组织生活或学习课程，补足 {missing} 学时', en: 'Attend organisational life or courses for the {missing} hours missing' },
  ACTION_RETAKE_TEST: { 'zh-CN': '重新参加测试“{title}”', en: 'Retake the test "{title}"' },
  RECOMMEND_DIRECTION: { 'zh-CN': '尚未学习过“{direction}”方向的课程', en: 'No course of the direction "{directionEn}" studied yet' },
};

/** The text of a reason in a language; `{reason}` of EXEMPT becomes "（reason）" when there is one. */
export function trainingReasonText(reason: TrainingReason, locale: 'zh-CN' | 'en'): string {
  const params = { ...reason.params };
  if (reason.code === 'EXEMPT') params.reason = params.reason ? (locale === 'zh-CN' ? `（${params.reason}）` : ` (${params.reason})`) : '';
  return TEXTS[reason.code][locale].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export type CompletionFact = { completedOn: string; title?: string };
export type FailedTest = { title: string; failedOn: string };

export type TrainingProgress = {
  year: number;
  status: 'met' | 'short' | 'exempt';
  hoursDone: number;
  hoursRequired: number | null;
  /** Centralised trainings counting for the year's requirement (1 January to its deadline). */
  centralisedDone: number;
  centralisedRequired: number;
  newSecretaryTrained: boolean | null;
  /** Why the status is what it is, first the hours. */
  reasons: TrainingReason[];
  missed: { reasons: TrainingReason[]; action: TrainingReason } | null;
  weak: { reasons: TrainingReason[]; action: TrainingReason } | null;
  /**
   * The last day from `today` on which this verdict still holds with the same facts: the next
   * deadline, quarter end or year end it depends on; null when no later day changes it. What
   * stores verdicts (the missed/weak lists) judges again once a day after it has come.
   */
  holdsThrough: string | null;
};

const quarterEnds = (year: number) => [`${year}-03-31`, `${year}-06-30`, `${year}-09-30`];

/**
 * Progress of a person in the requirement's year. `hours` is the year's net credited hours,
 * `completions` every standing centralised training of the person (any year: a new secretary's
 * training may fall in the year before or after), `today` the local day.
 */
export function progressOf(options: { requirement: TrainingRequirement; hours: number; completions: readonly CompletionFact[]; failedTests?: readonly FailedTest[]; today: string; paceCheck?: boolean }): TrainingProgress {
  const { requirement: req, today } = options;
  const year = req.year;
  // Days d on which "today > d" (or "<=") is asked: the verdict may change the day after.
  const boundaries: string[] = [];
  const done = round1(options.hours);
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const base = { year, hoursDone: done, hoursRequired: req.hours };
  if (req.exempt) {
    return { ...base, status: 'exempt', centralisedDone: 0, centralisedRequired: 0, newSecretaryTrained: null, reasons: [{ code: 'EXEMPT', params: { reason: req.exemptReason ?? '' } }], missed: null, weak: null, holdsThrough: null };
  }
  const reasons: TrainingReason[] = [];
  let short = false;
  if (req.hours !== null) {
    reasons.push({ code: 'HOURS_PROGRESS', params: { year, done, required: req.hours } });
    if (done < req.hours) short = true;
  }

  const missedReasons: TrainingReason[] = [];
  let missedAction: TrainingReason | null = null;
  let centralisedDone = 0;
  if (req.centralised) {
    const deadline = req.centralised.deadline;
    centralisedDone = options.completions.filter((c) => c.completedOn >= yearStart && c.completedOn <= deadline).length;
    if (centralisedDone >= req.centralised.count) reasons.push({ code: 'CENTRALISED_DONE', params: { done: centralisedDone } });
    else {
      short = true;
      reasons.push({ code: 'CENTRALISED_MISSING', params: { deadline } });
      boundaries.push(deadline);
      if (today > deadline) {
        missedReasons.push({ code: 'MISSED_CENTRALISED', params: { deadline } });
        missedAction = { code: 'ACTION_ENROL_CLASS', params: {} };
      }
    }
  }

  let newSecretaryTrained: boolean | null = null;
  if (req.newSecretary) {
    const { since, deadline } = req.newSecretary;
    newSecretaryTrained = options.completions.some((c) => c.completedOn >= since && c.completedOn <= today);
    for (const c of options.completions) if (c.completedOn >= since && c.completedOn > today) boundaries.push(addDays(c.completedOn, -1));
    if (newSecretaryTrained) reasons.push({ code: 'NEW_SECRETARY_DONE', params: {} });
    else {
      // Short only in the year the training falls due, so the year of taking office is not marked short for a deadline in the next.
      if (deadline <= yearEnd) short = true;
      reasons.push({ code: 'NEW_SECRETARY_DUE', params: { since, deadline } });
      boundaries.push(deadline);
      if (today > deadline) {
        missedReasons.push({ code: 'MISSED_NEW_SECRETARY', params: { since, deadline } });
        missedAction = { code: 'ACTION_ENROL_SECRETARY_CLASS', params: {} };
      }
    }
  }

  const weakReasons: TrainingReason[] = [];
  let weakAction: TrainingReason | null = null;
  if (req.hours !== null && done < req.hours) {
    const missing = round1(req.hours - done);
    boundaries.push(yearEnd);
    if (options.paceCheck !== false) boundaries.push(addDays(yearStart, -1), ...quarterEnds(year));
    if (today > yearEnd) {
      weakReasons.push({ code: 'WEAK_HOURS_YEAR_END', params: { year, done, required: req.hours, missing } });
      weakAction = { code: 'ACTION_STUDY_HOURS', params: { missing } };
    } else if (options.paceCheck !== false && today >= yearStart) {
      const quarters = quarterEnds(year).filter((d) => today > d).length;
      const expected = round1((req.hours * quarters) / 4);
      if (quarters > 0 && done < expected) {
        weakReasons.push({ code: 'WEAK_HOURS_PACE', params: { quarter: quarters, expected, done } });
        weakAction = { code: 'ACTION_STUDY_HOURS', params: { missing: round1(expected - done) } };
      }
    }
  }
  for (const t of options.failedTests ?? []) {
    if (t.failedOn < yearStart || t.failedOn > yearEnd) continue;
    weakReasons.push({ code: 'WEAK_FAILED_TEST', params: { title: t.title } });
    weakAction ??= { code: 'ACTION_RETAKE_TEST', params: { title: t.title } };
  }

  return {
    ...base,
    status: short ? 'short' : 'met',
    centralisedDone,
    centralisedRequired: req.centralised?.count ?? 0,
    newSecretaryTrained,
    reasons,
    missed: missedAction ? { reasons: missedReasons, action: missedAction } : null,
    weak: weakAction ? { reasons: weakReasons, action: weakAction } : null,
    holdsThrough: boundaries.filter((d) => d >= today).sort()[0] ?? null,
  };
}

export type RecommendableCourse = { id: string; title: string; direction: string };
export type RecommendableClass = { id: string; title: string; directions: readonly string[] };
export type TrainingDirectionRef = { code: string; nameZh: string; nameEn: string };

export type TrainingRecommendation = {
  kind: 'hours' | 'centralised' | 'new_secretary' | 'direction';
  reason: TrainingReason;
  direction: string | null;
  courses: RecommendableCourse[];
  classes: RecommendableClass[];
};

/**
 * 缺什么补什么: recommendations from the person's own gaps only — missing hours (courses, preferring
 * directions never studied), missing centralised or new-secretary training (open classes), and each
 * direction never studied (its courses and the open classes teaching it). Exempt members have no
 * gaps to close; they get the directions only, as an offer.
 */
export function recommendationsFor(options: {
  progress: TrainingProgress;
  directions: readonly TrainingDirectionRef[];
  studiedDirections: readonly string[];
  courses: readonly RecommendableCourse[];
  classes: readonly RecommendableClass[];
  limit?: number;
}): TrainingRecommendation[] {
  const { progress: pr, courses, classes } = options;
  const limit = options.limit ?? 3;
  const studied = new Set(options.studiedDirections);
  const unstudied = options.directions.filter((d) => !studied.has(d.code));
  const unstudiedCodes = new Set(unstudied.map((d) => d.code));
  const out: TrainingRecommendation[] = [];
  if (pr.status !== 'exempt') {
    if (pr.hoursRequired !== null && pr.hoursDone < pr.hoursRequired) {
      const preferred = [...courses.filter((c) => unstudiedCodes.has(c.direction)), ...courses.filter((c) => !unstudiedCodes.has(c.direction))];
      out.push({ kind: 'hours', reason: { code: 'ACTION_STUDY_HOURS', params: { missing: round1(pr.hoursRequired - pr.hoursDone) } }, direction: null, courses: preferred.slice(0, limit), classes: [] });
    }
    if (pr.centralisedDone < pr.centralisedRequired) {
      out.push({ kind: 'centralised', reason: { code: 'ACTION_ENROL_CLASS', params: {} }, direction: null, courses: [], classes: classes.slice(0, limit) });
    }
    if (pr.newSecretaryTrained === false) {
      out.push({ kind: 'new_secretary', reason: { code: 'ACTION_ENROL_SECRETARY_CLASS', params: {} }, direction: null, courses: [], classes: classes.slice(0, limit) });
    }
  }
  for (const d of unstudied) {
    out.push({
      kind: 'direction',
      reason: { code: 'RECOMMEND_DIRECTION', params: { direction: d.nameZh, directionEn: d.nameEn } },
      direction: d.code,
      courses: courses.filter((c) => c.direction === d.code).slice(0, limit),
      classes: classes.filter((c) => c.directions.includes(d.code)).slice(0, limit),
    });
  }
  return out;
}
