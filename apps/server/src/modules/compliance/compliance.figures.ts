/**
 * The building blocks of the compliance figures, without SQL: an organisation judged for a period
 * from its held activities counted per local month, its share of its ancestors' subtree totals
 * (a "contribution"), and the arithmetic of contributions. The bulk computation
 * (compliance.compute.ts) and the incremental rollups (compliance.rollup.ts) both build on these,
 * so an incremental change and a computation from scratch give the same rows.
 *
 * Judging is memoised (`Judge`): at province size most organisations of a kind held the same
 * number of each activity per month, quarter or year, and `evaluateCompliance` costs 50–250 µs a
 * call, so the bulk computation judges each distinct situation once. The memo key holds exactly
 * what the verdicts depend on (see `Judge.key`).
 */
import { createHash } from 'node:crypto';
import {
  comparePeriodKinds,
  evaluateCompliance,
  localDateOf,
  localDayStart,
  parsePeriodKey,
  periodBounds,
  periodKey,
  periodOf,
  subPeriodsOf,
  type ActivityKind,
  type OrgKind,
  type Period,
  type PeriodKind,
  type RuleSet,
  type StudyForm,
  type Verdict,
} from '@pioneer/domain';
import { AppError } from '../../errors.ts';

/** Held activities of one organisation in one local month ('YYYY-MM'), by kind and form of study. */
export type MonthCount = { month: string; kind: string; study_form: string | null; n: number };
/** Expected and present person-times at one organisation's held activities of one local month. */
export type MonthAttendance = { month: string; expected: number; present: number };

/** What the rules read about an organisation (and where it sits). */
export type OrgFacts = {
  id: string;
  path: string;
  parent_id: string | null;
  kind: string;
  active: boolean;
  has_committee: boolean;
  established_on: string | null;
  deactivated_at: Date | null;
  owns_central_group: boolean;
};

export type RequirementTotals = { kind: ActivityKind; form: StudyForm | null; per: Period['kind']; judged: number; met: number };

/** One organisation's share of its ancestors' totals, or a sum of such shares. */
export type Contribution = {
  orgs_judged: number;
  orgs_all_met: number;
  expected: number;
  present: number;
  by_requirement: Record<string, RequirementTotals>;
};

export const emptyContribution = (): Contribution => ({ orgs_judged: 0, orgs_all_met: 0, expected: 0, present: 0, by_requirement: {} });

/** A stored status row as the figures see it. */
export type StatusFigures = { judged: boolean; all_met: boolean; verdicts: unknown; expected: number; present: number };

/** A period with what judging needs of it, parsed once. */
export type PeriodInfo = {
  key: string;
  period: Period;
  first: string;
  last: string;
  firstMonth: string;
  lastMonth: string;
  /** An organisation deactivated before this instant did not exist during the period. */
  since: Date;
};

export function periodInfo(key: string, timeZone: string): PeriodInfo {
  const period = parsePeriodKey(key);
  if (!period) throw new AppError('COMPLIANCE_PERIOD_INVALID', { period: key });
  const { first, last } = periodBounds(period);
  return { key, period, first, last, firstMonth: first.slice(0, 7), lastMonth: last.slice(0, 7), since: localDayStart(first, timeZone) };
}

/** Whether an organisation is judged (has rows) in a period: active, or deactivated after the period began. */
export const existedIn = (org: Pick<OrgFacts, 'active' | 'deactivated_at'>, p: PeriodInfo) => org.active || (org.deactivated_at !== null && new Date(org.deactivated_at) >= p.since);

/** '/1/a/b/' → ['/1/', '/1/a/', '/1/a/b/']. */
export function pathPrefixes(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}

/** '/1/a/b/' → '/1/a/' ('' for the root). */
export const parentPath = (path: string) => path.slice(0, path.slice(0, -1).lastIndexOf('/') + 1);

/** The judgement of one organisation in one period, with what the rollups need of it. */
export type Judgement = {
  judged: boolean;
  allMet: boolean;
  /** The verdicts as stored (JSON text, shared by every organisation in the same situation). */
  verdictsJson: string;
  /** Their key in compliance_verdict_sets. */
  hash: string;
  requirements: Array<{ id: string; kind: ActivityKind; form: StudyForm | null; per: PeriodKind; met: boolean }>;
};

/** Situations remembered (a few hundred bytes each; the verdict texts are shared by content). */
const MEMO_LIMIT = 100_000;
const quarterOfMonth = (month: string) => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;

/** Judges organisations by the rule sets given, remembering each distinct situation. */
export class Judge {
  /** Per activity kind, the finest period any requirement on it is counted per. */
  private readonly grain = new Map<string, PeriodKind>();
  private readonly memo = new Map<string, Judgement>();
  /** Judgements by verdict set: situations with the same verdicts share one (and one JSON text). */
  private readonly byHash = new Map<string, Judgement>();

  constructor(
    private readonly sets: RuleSet[],
    private readonly timeZone: string,
  ) {
    for (const set of sets) {
      for (const r of set.requirements) {
        const known = this.grain.get(r.activityKind);
        if (!known || comparePeriodKinds(r.per, known) < 0) this.grain.set(r.activityKind, r.per);
      }
    }
  }

  /** The local day an organisation was deactivated (the last day it existed), or null. */
  deactivatedOn(org: Pick<OrgFacts, 'deactivated_at'>): string | null {
    return org.deactivated_at ? localDateOf(new Date(org.deactivated_at), this.timeZone) : null;
  }

  /**
   * What the verdicts depend on: the organisation's kind, committee and central group; its
   * founding and deactivation days only when they fall inside the period (before or after it they
   * change nothing); and for each activity kind some requirement counts, the number held of each
   * form per the finest period a requirement counts that kind by (a quarterly assembly in July or in
   * August is the same situation). Kinds no requirement counts, and grains coarser than the period
   * (never judged in it), are left out.
   */
  private key(org: OrgFacts, deactivatedOn: string | null, p: PeriodInfo, counts: readonly MonthCount[]): string {
    const est = org.established_on && org.established_on > p.first ? org.established_on : '';
    const end = deactivatedOn && deactivatedOn < p.last ? deactivatedOn : '';
    let key = `${p.key}|${org.kind}|${org.has_committee ? 1 : 0}|${org.owns_central_group ? 1 : 0}|${est}|${end}|`;
    // One pass adding up runs of counts in the same bucket. With counts ordered by kind, form and
    // month (as the repo reads them) every bucket is one run and the key is canonical; in any other
    // order a bucket may take several runs, which only costs a memo miss: the runs still add up to
    // exactly the counts per bucket, so equal keys always mean equal situations.
    let bucket = '';
    let sum = 0;
    for (const c of counts) {
      if (c.month < p.firstMonth || c.month > p.lastMonth) continue;
      const grain = this.grain.get(c.kind);
      if (grain === undefined || comparePeriodKinds(grain, p.period.kind) > 0) continue;
      const b = `${c.kind}/${c.study_form ?? ''}/${grain === 'month' ? c.month : grain === 'quarter' ? quarterOfMonth(c.month) : c.month.slice(0, 4)}`;
      if (b === bucket) {
        sum += c.n;
        continue;
      }
      if (bucket) key += `${bucket}=${sum},`;
      bucket = b;
      sum = c.n;
    }
    return bucket ? `${key}${bucket}=${sum}` : key;
  }

  judge(org: OrgFacts, p: PeriodInfo, counts: readonly MonthCount[], deactivatedOn: string | null = this.deactivatedOn(org)): Judgement {
    const key = this.key(org, deactivatedOn, p, counts);
    const known = this.memo.get(key);
    if (known) return known;
    const verdicts = evaluateCompliance({
      org: { kind: org.kind as OrgKind, hasCommittee: org.has_committee, ownsCentralGroup: org.owns_central_group, establishedOn: org.established_on, deactivatedOn },
      period: p.period,
      ruleSets: this.sets,
      counts: counts
        .filter((c) => c.month >= p.firstMonth && c.month <= p.lastMonth)
        .map((c) => ({ month: c.month, activityKind: c.kind as ActivityKind, studyForm: c.study_form as StudyForm | null, count: c.n })),
    });
    const judged = verdicts.length > 0;
    const verdictsJson = JSON.stringify(verdicts);
    const hash = verdictSetHash(verdictsJson);
    let judgement = this.byHash.get(hash);
    if (!judgement) {
      judgement = {
        judged,
        allMet: judged && verdicts.every((v) => v.met),
        verdictsJson,
        hash,
        requirements: verdicts.map((v) => ({ id: v.requirementId, kind: v.activityKind, form: v.studyForm ?? null, per: v.per, met: v.met })),
      };
      this.byHash.set(hash, judgement);
    }
    if (this.memo.size >= MEMO_LIMIT) {
      this.memo.clear();
      this.byHash.clear();
    }
    this.memo.set(key, judgement);
    return judgement;
  }
}

/** The key of a verdict set: 128 bits of the SHA-256 of its JSON. */
export const verdictSetHash = (json: string) => createHash('sha256').update(json).digest('base64url').slice(0, 22);

/** Expected and present person-times of the months of a period. */
export function attendanceIn(p: PeriodInfo, months: readonly MonthAttendance[]): { expected: number; present: number } {
  let expected = 0;
  let present = 0;
  for (const m of months) {
    if (m.month < p.firstMonth || m.month > p.lastMonth) continue;
    expected += m.expected;
    present += m.present;
  }
  return { expected, present };
}

/** Adds a judged organisation's share (times `sign`) into a sum. */
export function addJudgement(total: Contribution, j: Judgement, attendance: { expected: number; present: number }, sign: 1 | -1 = 1): void {
  total.orgs_judged += sign * (j.judged ? 1 : 0);
  total.orgs_all_met += sign * (j.allMet ? 1 : 0);
  total.expected += sign * attendance.expected;
  total.present += sign * attendance.present;
  for (const r of j.requirements) addRequirement(total, r.id, { kind: r.kind, form: r.form, per: r.per, judged: 1, met: r.met ? 1 : 0 }, sign);
}

function addRequirement(total: Contribution, id: string, r: RequirementTotals, sign: 1 | -1): void {
  const t = (total.by_requirement[id] ??= { kind: r.kind, form: r.form, per: r.per, judged: 0, met: 0 });
  t.judged += sign * r.judged;
  t.met += sign * r.met;
  if (t.judged === 0 && t.met === 0) delete total.by_requirement[id];
}

/** Adds `c` (times `sign`) into `total`; requirements that reach 0 judged and 0 met are dropped. */
export function addInto(total: Contribution, c: Contribution, sign: 1 | -1 = 1): void {
  total.orgs_judged += sign * c.orgs_judged;
  total.orgs_all_met += sign * c.orgs_all_met;
  total.expected += sign * c.expected;
  total.present += sign * c.present;
  for (const [id, r] of Object.entries(c.by_requirement)) addRequirement(total, id, r, sign);
}

/** A stored status row's share of its ancestors' totals (nothing for a missing row). */
export function contributionOfStatus(status: StatusFigures | undefined): Contribution {
  const c = emptyContribution();
  if (!status) return c;
  c.orgs_judged = status.judged ? 1 : 0;
  c.orgs_all_met = status.all_met ? 1 : 0;
  c.expected = status.expected;
  c.present = status.present;
  for (const v of status.verdicts as Verdict[]) addRequirement(c, v.requirementId, { kind: v.activityKind, form: v.studyForm ?? null, per: v.per, judged: 1, met: v.met ? 1 : 0 }, 1);
  return c;
}

/** A stored totals row as a contribution. */
export const contributionOfTotals = (t: { orgs_judged: number; orgs_all_met: number; expected: number; present: number; by_requirement: unknown }): Contribution => ({
  orgs_judged: t.orgs_judged,
  orgs_all_met: t.orgs_all_met,
  expected: t.expected,
  present: t.present,
  by_requirement: structuredClone(t.by_requirement) as Contribution['by_requirement'],
});

export const isZero = (c: Contribution) => c.orgs_judged === 0 && c.orgs_all_met === 0 && c.expected === 0 && c.present === 0 && Object.keys(c.by_requirement).length === 0;

/** The month, quarter and year keys of a local day. */
export const periodsOfDay = (day: string) => (['month', 'quarter', 'year'] as const).map((kind) => periodKey(periodOf(kind, day)));

/** Every month, quarter and year key of a year, months first. */
export const keysOfYear = (year: number): string[] => {
  const y: Period = { kind: 'year', year, index: 1 };
  return [...subPeriodsOf(y, 'month'), ...subPeriodsOf(y, 'quarter'), y].map(periodKey);
};

/** One status row as an element of the JSON array repo.writeStatuses takes. */
export const statusJson = (orgId: string, path: string, key: string, j: Pick<Judgement, 'judged' | 'allMet' | 'hash'>, a: { expected: number; present: number }) =>
  `{"o":"${orgId}","p":${JSON.stringify(path)},"k":"${key}","j":${j.judged},"a":${j.allMet},"h":"${j.hash}","e":${a.expected},"r":${a.present}}`;

/** One verdict set as an element of the JSON array repo.writeVerdictSets takes. */
export const verdictSetJson = (j: Pick<Judgement, 'hash' | 'verdictsJson'>) => `{"h":"${j.hash}","v":${j.verdictsJson}}`;

/** One totals row (or a delta of one) as an element of the JSON array repo.writeTotals and repo.addToTotals take. */
export const totalsJson = (orgId: string, key: string, c: Contribution) =>
  `{"o":"${orgId}","k":"${key}","j":${c.orgs_judged},"a":${c.orgs_all_met},"e":${c.expected},"r":${c.present},"b":${JSON.stringify(c.by_requirement)}}`;
