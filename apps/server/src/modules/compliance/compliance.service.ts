/**
 * Compliance: which organisations meet the rules of organisational life in a period, and why the
 * others fall short — computed from the activity record with the versioned rule sets, never typed.
 *
 * A period's verdicts are computed for every organisation on first request (`computePeriod`) and
 * then kept exact by `activityChanged`, which the activities and attendance modules reach through
 * afterActivityChange in the transaction of every record or attendance write: it recomputes the
 * organisation's status for the months, quarter and year of the day held (before and after the
 * change) and adds the difference to the subtree totals of its ancestors. A change to the tree or
 * a new rule set forgets the periods it affects; they are computed again on their next request.
 */
import {
  activityKinds,
  checkRuleSetAddition,
  defaultRuleSet,
  evaluateCompliance,
  lastNMonths,
  localDateOf,
  localDayStart,
  parsePeriodKey,
  periodBounds,
  periodKey,
  periodLabel,
  periodOf,
  ruleSetInEffect,
  ruleSetSchema,
  subPeriodsOf,
  verdictText,
  type ActivityKind,
  type CircularComplianceFigures,
  type ComplianceSummary,
  type OrgCompliance,
  type OrgKind,
  type Period,
  type RequirementSummary,
  type RuleSet,
  type RuleSetCreateInput,
  type RuleSetView,
  type ShortfallPage,
  type StudyForm,
  type TrendView,
  type Verdict,
  type VerdictView,
} from '@pioneer/domain';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ServerContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, type Lang } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { todayIn } from '../../lib/time.ts';
import type { ActivityChange } from '../activities/activity-changed.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import * as policy from './compliance.policy.ts';
import * as repo from './compliance.repo.ts';

type Db = Kysely<DB> | Transaction<DB>;
type Caller = { actor: Actor; ip: string | null };

/** One organisation's share of its ancestors' totals. */
type Contribution = {
  orgs_judged: number;
  orgs_all_met: number;
  expected: number;
  present: number;
  by_requirement: Record<string, RequirementTotals>;
};
type RequirementTotals = { kind: ActivityKind; form: StudyForm | null; per: Period['kind']; judged: number; met: number };

// ------------------------------------------------------------------------------------------
// Rule sets

/** The stored rule sets in order of effective date; the default set is stored on first use. */
export async function loadRuleSets(db: Db): Promise<Array<{ row: repo.RuleSetRow; set: RuleSet }>> {
  let rows = await repo.listRuleSets(db);
  if (rows.length === 0) {
    await repo.insertRuleSet(db, { id: newId(), version: defaultRuleSet.version, effectiveFrom: defaultRuleSet.effectiveFrom, rules: defaultRuleSet, note: '默认规则（domain.md §4）', createdBy: null });
    rows = await repo.listRuleSets(db);
  }
  return rows.map((row) => ({ row, set: ruleSetSchema.parse(row.rules) }));
}

/** The stored rule set in effect on a local day (credit hours, make-up deadlines and frequencies). */
export async function ruleSetOn(db: Db, day: string): Promise<RuleSet> {
  const sets = (await loadRuleSets(db)).map((r) => r.set);
  return ruleSetInEffect(sets, day) ?? defaultRuleSet;
}

const presentRuleSet = (r: { row: repo.RuleSetRow; set: RuleSet }): RuleSetView => ({
  id: r.row.id,
  version: r.row.version,
  effectiveFrom: r.row.effective_from,
  ruleSet: r.set,
  note: r.row.note,
  createdAt: new Date(r.row.created_at).toISOString(),
});

export async function listRuleSets(ctx: ServerContext, options: { actor: Actor }): Promise<RuleSetView[]> {
  if (!policy.canReadCompliance(options.actor)) throw new AppError('FORBIDDEN');
  return (await loadRuleSets(ctx.db)).map(presentRuleSet);
}

/**
 * A new rule set: only after today, never redefining a requirement id (checkRuleSetAddition), so
 * periods already begun keep their verdicts. Computed periods the set reaches are forgotten.
 */
export async function createRuleSet(ctx: ServerContext, options: Caller & { input: RuleSetCreateInput }): Promise<RuleSetView> {
  const { actor, input } = options;
  if (!policy.canEditRuleSets(actor)) throw new AppError('FORBIDDEN');
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await loadRuleSets(trx);
    const problems = checkRuleSetAddition({ existing: existing.map((e) => e.set), candidate: input.ruleSet, today: todayIn(ctx) });
    if (problems.length > 0) {
      throw new AppError('COMPLIANCE_RULE_SET_REFUSED', {}, problems.map((p) => ({ path: `ruleSet.${p.path}`, code: p.code, message: p.code })));
    }
    const id = newId();
    await repo.insertRuleSet(trx, { id, version: input.ruleSet.version, effectiveFrom: input.ruleSet.effectiveFrom, rules: input.ruleSet, note: input.note ?? null, createdBy: actor.userId });
    const reached = (await repo.listComputedPeriods(trx)).map((r) => r.period).filter((key) => {
      const p = parsePeriodKey(key);
      return p !== null && periodBounds(p).last >= input.ruleSet.effectiveFrom;
    });
    await repo.forgetPeriods(trx, reached);
    await recordAudit(trx, { actor, ip: options.ip, action: 'compliance.rule_set.create', entityType: 'compliance_rule_set', entityId: id, after: { version: input.ruleSet.version, effectiveFrom: input.ruleSet.effectiveFrom } });
    const created = (await loadRuleSets(trx)).find((r) => r.row.id === id)!;
    return presentRuleSet(created);
  });
}

// ------------------------------------------------------------------------------------------
// Computing verdicts

function parsePeriod(key: string): Period {
  const p = parsePeriodKey(key);
  if (!p) throw new AppError('COMPLIANCE_PERIOD_INVALID', { period: key });
  return p;
}

/** The month, quarter and year keys of a local day. */
const periodsOfDay = (day: string) => (['month', 'quarter', 'year'] as const).map((kind) => periodKey(periodOf(kind, day)));

/** '/1/a/b/' → ['/1/', '/1/a/', '/1/a/b/']. */
function pathPrefixes(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}

function evaluateOrg(org: repo.JudgedOrg, period: Period, sets: RuleSet[], counts: repo.CountRow[], attendance: repo.AttendanceRow | undefined, timeZone: string): repo.StatusRow {
  const verdicts = evaluateCompliance({
    org: {
      kind: org.kind as OrgKind,
      hasCommittee: org.has_committee,
      ownsCentralGroup: org.owns_central_group,
      establishedOn: org.established_on,
      deactivatedOn: org.deactivated_at ? localDateOf(new Date(org.deactivated_at), timeZone) : null,
    },
    period,
    ruleSets: sets,
    counts: counts.map((c) => ({ month: c.month, activityKind: c.kind as ActivityKind, studyForm: c.study_form as StudyForm | null, count: c.n })),
  });
  const judged = verdicts.length > 0;
  return {
    org_id: org.id,
    org_path: org.path,
    period: periodKey(period),
    judged,
    all_met: judged && verdicts.every((v) => v.met),
    verdicts,
    expected: attendance?.expected ?? 0,
    present: attendance?.present ?? 0,
  };
}

function contributionOf(status: Pick<repo.StatusRow, 'judged' | 'all_met' | 'verdicts' | 'expected' | 'present'> | undefined): Contribution {
  const c: Contribution = { orgs_judged: 0, orgs_all_met: 0, expected: 0, present: 0, by_requirement: {} };
  if (!status) return c;
  c.orgs_judged = status.judged ? 1 : 0;
  c.orgs_all_met = status.all_met ? 1 : 0;
  c.expected = status.expected;
  c.present = status.present;
  for (const v of status.verdicts as Verdict[]) {
    c.by_requirement[v.requirementId] = { kind: v.activityKind, form: v.studyForm ?? null, per: v.per, judged: 1, met: v.met ? 1 : 0 };
  }
  return c;
}

/** Adds `c` (times `sign`) into `total`; requirement rows that reach zero judged are dropped. */
function addInto(total: Contribution, c: Contribution, sign: 1 | -1): void {
  total.orgs_judged += sign * c.orgs_judged;
  total.orgs_all_met += sign * c.orgs_all_met;
  total.expected += sign * c.expected;
  total.present += sign * c.present;
  for (const [id, r] of Object.entries(c.by_requirement)) {
    const t = (total.by_requirement[id] ??= { ...r, judged: 0, met: 0 });
    t.judged += sign * r.judged;
    t.met += sign * r.met;
    if (t.judged === 0 && t.met === 0) delete total.by_requirement[id];
  }
}

const sameContribution = (a: Contribution, b: Contribution) => JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
const normalise = (c: Contribution) => ({ ...c, by_requirement: Object.fromEntries(Object.entries(c.by_requirement).sort(([x], [y]) => x.localeCompare(y))) });

/** Serialises every writer of one period's rows (full computation and incremental changes). */
const lockPeriod = (trx: Transaction<DB>, key: string) => sql`select pg_advisory_xact_lock(hashtext(${`compliance:${key}`}))`.execute(trx);

/**
 * Computes one period for every active organisation of the deployment, in one transaction: the
 * counts and attendance of the period's held activities are read in two grouped queries, each
 * organisation is judged by the rule sets, and the subtree totals are summed up the paths.
 */
export async function computePeriod(ctx: Pick<ServerContext, 'db' | 'config'>, key: string): Promise<{ organisations: number }> {
  const period = parsePeriod(key);
  const { first, last } = periodBounds(period);
  return ctx.db.transaction().execute(async (trx) => {
    await lockPeriod(trx, key);
    const sets = (await loadRuleSets(trx)).map((r) => r.set);
    const [orgs, counts, attendance] = await Promise.all([repo.judgedOrgs(trx, { since: localDayStart(first, ctx.config.timeZone) }), repo.heldCounts(trx, { first, last }), repo.heldAttendance(trx, { first, last })]);
    const countsByOrg = new Map<string, repo.CountRow[]>();
    for (const c of counts) countsByOrg.set(c.org_id, [...(countsByOrg.get(c.org_id) ?? []), c]);
    const attendanceByOrg = new Map(attendance.map((a) => [a.org_id, a]));
    const statuses = orgs.map((o) => evaluateOrg(o, period, sets, countsByOrg.get(o.id) ?? [], attendanceByOrg.get(o.id), ctx.config.timeZone));

    // Subtree totals for every organisation that has sub-organisations (a leaf's totals are its own status).
    const idByPath = new Map(orgs.map((o) => [o.path, o.id]));
    const parents = new Set(orgs.map((o) => o.path.slice(0, o.path.slice(0, -1).lastIndexOf('/') + 1)));
    const totals = new Map<string, Contribution>();
    for (const s of statuses) {
      const c = contributionOf(s);
      for (const prefix of pathPrefixes(s.org_path)) {
        const id = idByPath.get(prefix);
        if (!id || !parents.has(prefix)) continue;
        const t = totals.get(id) ?? { orgs_judged: 0, orgs_all_met: 0, expected: 0, present: 0, by_requirement: {} };
        addInto(t, c, 1);
        totals.set(id, t);
      }
    }
    await repo.replacePeriod(
      trx,
      key,
      statuses,
      [...totals.entries()].map(([orgId, t]) => ({ org_id: orgId, period: key, ...t })),
    );
    return { organisations: orgs.length };
  });
}

/** Computes the periods not yet computed. */
export async function ensurePeriods(ctx: Pick<ServerContext, 'db' | 'config'>, keys: string[]): Promise<void> {
  const computed = await repo.computedAmong(ctx.db, keys);
  for (const key of keys) if (!computed.has(key)) await computePeriod(ctx, key);
}

/** Full recomputation of a year: its 12 months, 4 quarters and the year itself. */
export async function recomputeYear(ctx: Pick<ServerContext, 'db' | 'config'>, options: { year: number }): Promise<{ periods: string[]; organisations: number; ms: number }> {
  const started = performance.now();
  const year: Period = { kind: 'year', year: options.year, index: 1 };
  const keys = [...subPeriodsOf(year, 'month'), ...subPeriodsOf(year, 'quarter'), year].map(periodKey);
  let organisations = 0;
  for (const key of keys) organisations = (await computePeriod(ctx, key)).organisations;
  return { periods: keys, organisations, ms: Math.round(performance.now() - started) };
}

/**
 * Keeps computed periods exact after an activity's record or attendance changed (called from
 * afterActivityChange, inside the writing transaction). Periods not computed yet are left alone:
 * they are computed in full when first asked for.
 */
export async function activityChanged(trx: Transaction<DB>, ctx: Pick<ServerContext, 'config'>, change: ActivityChange): Promise<void> {
  const days = [change.before?.status === 'held' ? change.before.heldOn : null, change.after.status === 'held' ? change.after.heldOn : null].filter((d): d is string => d !== null);
  if (days.length === 0) return;
  const keys = [...new Set(days.flatMap(periodsOfDay))].sort();
  const computed = await repo.computedAmong(trx, keys);
  const orgIds = [...new Set([change.before?.orgId, change.after.orgId].filter((id): id is string => Boolean(id)))];
  for (const key of keys) {
    if (!computed.has(key)) continue;
    await lockPeriod(trx, key);
    const sets = (await loadRuleSets(trx)).map((r) => r.set);
    for (const orgId of orgIds) await recomputeOrg(trx, orgId, key, sets, ctx.config.timeZone);
  }
}

async function recomputeOrg(trx: Transaction<DB>, orgId: string, key: string, sets: RuleSet[], timeZone: string): Promise<void> {
  const period = parsePeriod(key);
  const { first, last } = periodBounds(period);
  const [org] = await repo.judgedOrgs(trx, { orgId, since: localDayStart(first, timeZone) });
  if (!org) return;
  const [counts, attendance] = await Promise.all([repo.heldCounts(trx, { first, last, orgId }), repo.heldAttendance(trx, { first, last, orgId })]);
  const next = evaluateOrg(org, period, sets, counts, attendance[0], timeZone);
  const before = await repo.lockStatus(trx, orgId, key);
  const delta = contributionOf(next);
  const old = contributionOf(before ? { ...before, verdicts: before.verdicts } : undefined);
  await repo.upsertStatus(trx, next);
  if (sameContribution(delta, old)) return;
  addInto(delta, old, -1);
  const ancestors = await repo.idsOfPaths(trx, pathPrefixes(org.path));
  for (const row of await repo.lockTotals(trx, ancestors, key)) {
    const t: Contribution = { orgs_judged: row.orgs_judged, orgs_all_met: row.orgs_all_met, expected: row.expected, present: row.present, by_requirement: row.by_requirement as Contribution['by_requirement'] };
    addInto(t, delta, 1);
    await repo.updateTotals(trx, { org_id: row.org_id, period: key, ...t });
  }
}

/** Forgets every computed period after a change to the tree (an organisation created, moved, deactivated or re-shaped). */
export async function treeChanged(trx: Transaction<DB>): Promise<void> {
  await repo.forgetPeriods(trx);
}

// ------------------------------------------------------------------------------------------
// Reading

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
const kindOrder = (k: string) => activityKinds.indexOf(k as ActivityKind);

async function loadOrgFor(ctx: ServerContext, actor: Actor, orgId: string) {
  const org = await repo.findOrg(ctx.db, orgId);
  if (!org || !policy.canSeeCompliance(actor, org)) throw new AppError('ORG_NOT_FOUND');
  return org;
}

/** The subtree totals of an organisation in a computed period (its own status for a leaf). */
async function subtreeTotals(db: Db, orgId: string, key: string): Promise<Contribution> {
  const totals = await repo.findTotals(db, orgId, key);
  if (totals) return { orgs_judged: totals.orgs_judged, orgs_all_met: totals.orgs_all_met, expected: totals.expected, present: totals.present, by_requirement: totals.by_requirement as Contribution['by_requirement'] };
  const status = await repo.findStatus(db, orgId, key);
  return contributionOf(status ? { ...status } : undefined);
}

function requirementsOf(c: Contribution): RequirementSummary[] {
  return Object.entries(c.by_requirement)
    .map(([requirementId, r]) => ({ requirementId, activityKind: r.kind, studyForm: r.form, per: r.per, judged: r.judged, met: r.met, rate: rate(r.met, r.judged) }))
    .sort((a, b) => kindOrder(a.activityKind) - kindOrder(b.activityKind) || a.requirementId.localeCompare(b.requirementId));
}

export async function getSummary(ctx: ServerContext, options: { actor: Actor; orgId: string; period: string; lang: Lang }): Promise<ComplianceSummary> {
  const org = await loadOrgFor(ctx, options.actor, options.orgId);
  const period = parsePeriod(options.period);
  await ensurePeriods(ctx, [options.period]);
  const t = await subtreeTotals(ctx.db, org.id, options.period);
  return {
    orgId: org.id,
    orgName: org.name,
    period: options.period,
    periodLabel: periodLabel(period, options.lang),
    orgsJudged: t.orgs_judged,
    orgsAllMet: t.orgs_all_met,
    rate: rate(t.orgs_all_met, t.orgs_judged),
    attendance: { expected: t.expected, present: t.present, rate: rate(t.present, t.expected) },
    requirements: requirementsOf(t),
  };
}

function verdictView(v: Verdict, period: Period, lang: Lang): VerdictView {
  return { requirementId: v.requirementId, activityKind: v.activityKind, studyForm: v.studyForm ?? null, required: v.required, done: v.done, met: v.met, text: verdictText(v, period, lang), source: v.source };
}

export async function listShortfalls(ctx: ServerContext, options: { actor: Actor; orgId: string; period: string; page: number; pageSize: number; lang: Lang }): Promise<ShortfallPage> {
  const org = await loadOrgFor(ctx, options.actor, options.orgId);
  const period = parsePeriod(options.period);
  await ensurePeriods(ctx, [options.period]);
  const { rows, total } = await repo.shortfalls(ctx.db, { path: org.path, period: options.period, page: options.page, pageSize: options.pageSize });
  return {
    items: rows.map((r) => ({
      orgId: r.org_id,
      orgName: r.name,
      orgKind: r.kind,
      reasons: (r.verdicts as Verdict[]).filter((v) => !v.met).map((v) => verdictView(v, period, options.lang)),
    })),
    total,
    page: options.page,
    pageSize: options.pageSize,
  };
}

export async function getTrend(ctx: ServerContext, options: { actor: Actor; orgId: string; month: string; lang: Lang }): Promise<TrendView> {
  const org = await loadOrgFor(ctx, options.actor, options.orgId);
  const months = lastNMonths(parsePeriod(options.month), 12);
  const keys = months.map(periodKey);
  await ensurePeriods(ctx, keys);
  const [totals, statuses] = await Promise.all([repo.totalsForPeriods(ctx.db, org.id, keys), repo.statusesForPeriods(ctx.db, org.id, keys)]);
  const totalsBy = new Map(totals.map((t) => [t.period, t]));
  const statusBy = new Map(statuses.map((s) => [s.period, s]));
  return {
    orgId: org.id,
    points: months.map((p) => {
      const key = periodKey(p);
      const t = totalsBy.get(key);
      const c = t ? { orgs_judged: t.orgs_judged, orgs_all_met: t.orgs_all_met, expected: t.expected, present: t.present } : contributionOf(statusBy.get(key));
      return { period: key, periodLabel: periodLabel(p, options.lang), orgsJudged: c.orgs_judged, orgsAllMet: c.orgs_all_met, rate: rate(c.orgs_all_met, c.orgs_judged), attendanceRate: rate(c.present, c.expected) };
    }),
  };
}

export async function getOrgCompliance(ctx: ServerContext, options: { actor: Actor; orgId: string; period: string; lang: Lang }): Promise<OrgCompliance> {
  const org = await loadOrgFor(ctx, options.actor, options.orgId);
  const period = parsePeriod(options.period);
  await ensurePeriods(ctx, [options.period]);
  const { first, last } = periodBounds(period);
  const [status, activities] = await Promise.all([repo.findStatus(ctx.db, org.id, options.period), repo.countedActivities(ctx.db, { orgId: org.id, first, last })]);
  const verdicts = ((status?.verdicts ?? []) as Verdict[]).map((v) => verdictView(v, period, options.lang));
  const expected = status?.expected ?? 0;
  const present = status?.present ?? 0;
  return {
    orgId: org.id,
    orgName: org.name,
    orgKind: org.kind,
    period: options.period,
    periodLabel: periodLabel(period, options.lang),
    judged: status?.judged ?? false,
    allMet: status?.all_met ?? false,
    verdicts,
    attendance: { expected, present, rate: rate(present, expected) },
    activities: activities.map((a) => ({ id: a.id, kind: a.kind as ActivityKind, studyForm: (a.study_form as StudyForm | null) ?? null, topic: a.topic, heldOn: a.held_on!, expected: a.expected, present: a.present })),
  };
}

export async function recompute(ctx: ServerContext, options: Caller & { orgId: string; year: number }): Promise<{ periods: string[]; organisations: number; ms: number }> {
  await loadOrgFor(ctx, options.actor, options.orgId);
  if (!policy.canRecompute(options.actor)) throw new AppError('FORBIDDEN');
  const result = await recomputeYear(ctx, { year: options.year });
  await recordAudit(ctx.db, { actor: options.actor, ip: options.ip, action: 'compliance.recompute', entityType: 'compliance_period', entityId: null, detail: { year: options.year, ms: result.ms } });
  return result;
}

/** What a quarterly circular takes from compliance: verdict lines in Chinese (a circular is a Chinese document). */
export async function circularFigures(ctx: Pick<ServerContext, 'db' | 'config'>, options: { orgId: string; period: string }): Promise<CircularComplianceFigures> {
  const org = await repo.findOrg(ctx.db, options.orgId);
  if (!org) throw new AppError('ORG_NOT_FOUND');
  const period = parsePeriod(options.period);
  await ensurePeriods(ctx, [options.period]);
  const rows = await repo.judgedStatuses(ctx.db, { path: org.path, period: options.period });
  return {
    orgsJudged: rows.length,
    allMet: rows.filter((r) => r.all_met).map((r) => ({ orgId: r.org_id, name: r.name })),
    shortfalls: rows
      .filter((r) => !r.all_met)
      .map((r) => ({ orgId: r.org_id, name: r.name, reasons: (r.verdicts as Verdict[]).filter((v) => !v.met).map((v) => verdictText(v, period, 'zh-CN')) })),
    attendanceExpected: rows.reduce((s, r) => s + r.expected, 0),
    attendancePresent: rows.reduce((s, r) => s + r.present, 0),
  };
}
