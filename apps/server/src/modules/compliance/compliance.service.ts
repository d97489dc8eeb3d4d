/**
 * Compliance: which organisations meet the rules of organisational life in a period, and why the
 * others fall short — computed from the activity record with the versioned rule sets, never typed.
 *
 * A period's verdicts are computed for every organisation on first request, or by recompute
 * (compliance.compute.ts: one set-based pass for any number of periods), and then kept exact in the
 * transaction of every change (compliance.rollup.ts): `activityChanged`, which the activities and
 * attendance modules reach through afterActivityChange; `treeChanged`, which the organisation and
 * central-group services call when an organisation is created, moved, deactivated or re-shaped;
 * and a new rule set, which re-judges the computed periods it reaches. This file holds the rule
 * sets' endpoints and the reading side: summaries, shortfalls, the trend, the drill-down and the
 * figures of a circular.
 */
import {
  activityKinds,
  checkRuleSetAddition,
  lastNMonths,
  parsePeriodKey,
  periodBounds,
  periodKey,
  periodLabel,
  verdictText,
  type ActivityKind,
  type CircularComplianceFigures,
  type ComplianceSummary,
  type OrgCompliance,
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
import type { Kysely, Transaction } from 'kysely';
import type { ServerContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, type Lang } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { todayIn } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { computePeriods, type ComputeResult } from './compliance.compute.ts';
import { contributionOfStatus, contributionOfTotals, keysOfYear, type Contribution } from './compliance.figures.ts';
import * as policy from './compliance.policy.ts';
import * as repo from './compliance.repo.ts';
import { ruleSetAdded } from './compliance.rollup.ts';
import { loadRuleSets } from './compliance.rule-sets.ts';

export { activityChanged, treeChanged, type TreeChange } from './compliance.rollup.ts';
export { loadRuleSets, ruleSetOn } from './compliance.rule-sets.ts';

type Db = Kysely<DB> | Transaction<DB>;
type Caller = { actor: Actor; ip: string | null };

// ------------------------------------------------------------------------------------------
// Rule sets

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
 * periods already begun keep their verdicts. The computed periods it reaches are judged again in
 * the same transaction (ruleSetAdded).
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
    const rejudged = await ruleSetAdded(trx, ctx, input.ruleSet.effectiveFrom);
    await recordAudit(trx, { actor, ip: options.ip, action: 'compliance.rule_set.create', entityType: 'compliance_rule_set', entityId: id, after: { version: input.ruleSet.version, effectiveFrom: input.ruleSet.effectiveFrom }, detail: { rejudged } });
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

/** Computes one period for every organisation from scratch, replacing its rows. */
export async function computePeriod(ctx: Pick<ServerContext, 'db' | 'config'>, key: string): Promise<{ organisations: number }> {
  parsePeriod(key);
  return computePeriods(ctx, [key], { onlyMissing: false });
}

/** Computes the periods not yet computed, all in one pass. */
export async function ensurePeriods(ctx: Pick<ServerContext, 'db' | 'config'>, keys: string[]): Promise<void> {
  const computed = await repo.computedAmong(ctx.db, keys);
  const missing = keys.filter((k) => !computed.has(k));
  if (missing.length > 0) await computePeriods(ctx, missing, { onlyMissing: true });
}

/** Full recomputation of a year: its 12 months, 4 quarters and the year itself, in one pass. */
export async function recomputeYear(ctx: Pick<ServerContext, 'db' | 'config'>, options: { year: number }): Promise<ComputeResult> {
  return computePeriods(ctx, keysOfYear(options.year), { onlyMissing: false });
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
  if (totals) return contributionOfTotals(totals);
  return contributionOfStatus(await repo.findStatus(db, orgId, key));
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
  // The number of short organisations is in the subtree totals (judged − all met); only the page is read.
  const totals = await subtreeTotals(ctx.db, org.id, options.period);
  const total = totals.orgs_judged - totals.orgs_all_met;
  const offset = (options.page - 1) * options.pageSize;
  const rows = offset < total ? await repo.shortfallPage(ctx.db, { path: org.path, period: options.period, offset, limit: options.pageSize }) : [];
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
      const c = t ?? contributionOfStatus(statusBy.get(key));
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

export async function recompute(ctx: ServerContext, options: Caller & { orgId: string; year: number }): Promise<ComputeResult> {
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
