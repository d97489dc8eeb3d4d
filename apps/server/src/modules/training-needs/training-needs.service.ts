/**
 * Training needs (学时要求与覆盖): what each person must reach in a year and how far they are
 * (rules/training: requirementsFor, progressOf, recommendationsFor), an organisation's coverage,
 * the missed/weak lists secretaries act on, delivered study for exempt members (送学上门) and
 * manual entries that become ledger credits only when a manager approves them.
 *
 * Coverage reads one row per organisation and year (org_year_training). Triggers mark a row stale
 * when a credit, completion, person or rotation under it changes; a coverage request (or a list)
 * claims the stale rows of its subtree, and those whose verdicts held only until a day now past,
 * recomputes them with the same pure rules as a person's progress, and stores them with the
 * organisation's flagged people (training_flags), adding each difference to the stored subtree
 * totals of the organisation and its ancestors (org_year_training_subtree). The summary then reads
 * the organisation's totals and its children's, and a list one page of training_flags: exact
 * figures from a handful of rows, whatever the size of the subtree.
 */
import {
  checkTrainingRuleSetAddition,
  defaultTrainingRuleSet,
  hoursBucketLabels,
  progressOf,
  recommendationsFor,
  requirementsFor,
  trainingReasonText,
  trainingRuleSetForYear,
  trainingRuleSetSchema,
  type DeliveredStudyInput,
  type DeliveredStudyRecord,
  type ManualCreditInput,
  type ManualCreditView,
  type RotationTarget,
  type TrainingCoverageView,
  type TrainingExceptionList,
  type TrainingExceptionsQuery,
  type TrainingProgressView,
  type TrainingReason,
  type TrainingRuleSet,
  type TrainingRuleSetCreateInput,
  type TrainingTargetGroup,
} from '@pioneer/domain';
import type { Kysely, Transaction } from 'kysely';
import type { ServerContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { todayIn } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { dayTotalsExcept, insertCredits } from '../ledger/ledger.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import * as policy from './training-needs.policy.ts';
import * as repo from './training-needs.repo.ts';

type Db = Kysely<DB> | Transaction<DB>;
type Caller = { actor: Actor; ip: string | null };

const round1 = (n: number) => Math.round(n * 10) / 10;
const currentYear = (ctx: ServerContext) => Number(todayIn(ctx).slice(0, 4));

function yearOf(ctx: ServerContext, year: number | undefined): number {
  const y = year ?? currentYear(ctx);
  if (y > currentYear(ctx)) throw new AppError('TRAINING_YEAR_IN_FUTURE', { year: y });
  return y;
}

const reasonView = (r: TrainingReason) => ({ code: r.code, params: r.params, text: trainingReasonText(r, 'zh-CN') });

// ---- rule sets ----

/** The stored sets, seeding the default on first use (migrations import no app code). */
export async function loadTrainingRuleSets(db: Db): Promise<Array<{ row: repo.RuleSetRow; set: TrainingRuleSet }>> {
  let rows = await repo.listRuleSets(db);
  if (rows.length === 0) {
    await repo.insertRuleSet(db, { id: newId(), version: defaultTrainingRuleSet.version, effectiveFrom: defaultTrainingRuleSet.effectiveFrom, rules: defaultTrainingRuleSet, note: '默认规则（domain.md §5）', createdBy: null });
    rows = await repo.listRuleSets(db);
  }
  return rows.map((row) => ({ row, set: trainingRuleSetSchema.parse(row.rules) }));
}

const ruleSetFor = (sets: TrainingRuleSet[], year: number) => trainingRuleSetForYear(sets, year) ?? defaultTrainingRuleSet;

const presentRuleSet = (r: { row: repo.RuleSetRow; set: TrainingRuleSet }) => ({ id: r.row.id, note: r.row.note, createdAt: r.row.created_at.toISOString(), ruleSet: r.set });

export async function listRuleSets(ctx: ServerContext, options: { actor: Actor }) {
  if (!policy.canReadTrainingRuleSets(options.actor)) throw new AppError('FORBIDDEN');
  return { items: (await loadTrainingRuleSets(ctx.db)).map(presentRuleSet) };
}

/** A new set from 1 January of a later year; years it governs are recomputed on their next request. */
export async function createRuleSet(ctx: ServerContext, options: Caller & { input: TrainingRuleSetCreateInput }) {
  const { actor, input } = options;
  if (!policy.canEditTrainingRuleSets(actor)) throw new AppError('TRAINING_RULE_SET_OFFICERS_ONLY');
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await loadTrainingRuleSets(trx);
    const problems = checkTrainingRuleSetAddition({ existing: existing.map((e) => e.set), candidate: input.ruleSet, today: todayIn(ctx) });
    if (problems.length > 0) throw new AppError('TRAINING_RULE_SET_REFUSED', {}, problems.map((p) => ({ path: `ruleSet.${p.path}`, code: p.code, message: p.code })));
    const id = newId();
    await repo.insertRuleSet(trx, { id, version: input.ruleSet.version, effectiveFrom: input.ruleSet.effectiveFrom, rules: input.ruleSet, note: input.note ?? null, createdBy: actor.userId });
    await recordAudit(trx, { actor, ip: options.ip, action: 'training.rule_set.create', entityType: 'training_rule_set', entityId: id, after: { version: input.ruleSet.version, effectiveFrom: input.ruleSet.effectiveFrom } });
    return presentRuleSet((await loadTrainingRuleSets(trx)).find((r) => r.row.id === id)!);
  });
}

// ---- one person's progress ----

/** What the rules read of a person (columns of people). */
export type VerdictPerson = Pick<
  repo.PersonRow,
  'id' | 'org_path' | 'category' | 'confirmed_on' | 'is_secretary' | 'secretary_since' | 'is_committee_member' | 'is_party_affairs_worker' | 'is_infirm' | 'study_exempt' | 'study_exempt_reason'
>;

const toTrainingPerson = (p: VerdictPerson) => ({
  category: p.category,
  confirmedOn: p.confirmed_on,
  isSecretary: p.is_secretary,
  secretarySince: p.secretary_since,
  isCommitteeMember: p.is_committee_member,
  isPartyAffairsWorker: p.is_party_affairs_worker,
  isInfirm: p.is_infirm,
  studyExempt: p.study_exempt,
  studyExemptReason: p.study_exempt_reason,
});

type RotationRow = Awaited<ReturnType<typeof repo.rotationsAround>>[number];
const rotationsOver = (rotations: RotationRow[], orgPath: string): RotationTarget[] =>
  rotations.filter((r) => orgPath.startsWith(r.org_path)).map((r) => ({ id: r.id, year: r.year, title: r.title, deadline: r.deadline, targetGroups: r.target_groups as TrainingTargetGroup[] }));

/** The pure verdict for one person from the facts already loaded. */
function evaluate(options: { person: VerdictPerson; year: number; sets: TrainingRuleSet[]; rotations: RotationRow[]; hours: number; completions: Array<{ completed_on: string }>; today: string }) {
  const ruleSet = ruleSetFor(options.sets, options.year);
  const requirement = requirementsFor({ person: toTrainingPerson(options.person), year: options.year, ruleSet, rotations: rotationsOver(options.rotations, options.person.org_path) });
  const progress = progressOf({ requirement, hours: options.hours, completions: options.completions.map((c) => ({ completedOn: c.completed_on })), today: options.today, paceCheck: ruleSet.paceCheck });
  return { requirement, progress };
}

/** Rows grouped by person. */
function byPerson<T extends { person_id: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.person_id);
    if (list) list.push(r);
    else out.set(r.person_id, [r]);
  }
  return out;
}

/**
 * The people of some organisations (200 a batch, in the order of `orgIds`, then by id) with the
 * facts and verdict of a year: what coverage counts and the missed/weak lists read.
 */
async function* verdictsOfOrgs(db: Db, options: { orgIds: string[]; year: number; today: string; sets: TrainingRuleSet[]; rotations: RotationRow[] }) {
  const { year, today, sets, rotations } = options;
  for (let i = 0; i < options.orgIds.length; i += 200) {
    const batch = options.orgIds.slice(i, i + 200);
    const order = new Map(batch.map((id, n) => [id, n]));
    const people = (await repo.peopleOfOrgs(db, batch)).sort((a, b) => order.get(a.org_id)! - order.get(b.org_id)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const ids = people.map((p) => p.id);
    const [hours, completions] = await Promise.all([repo.yearHours(db, ids, year), repo.completionsOf(db, ids, { from: year - 1, to: year + 1 })]);
    const mine = byPerson(completions);
    yield people.map((person) => {
      const own = mine.get(person.id) ?? [];
      const h = hours.get(person.id) ?? 0;
      return { person, hours: h, completions: own, ...evaluate({ person, year, sets, rotations, hours: h, completions: own, today }) };
    });
  }
}

async function progressView(ctx: ServerContext, person: repo.PersonRow, year: number): Promise<TrainingProgressView> {
  const sets = (await loadTrainingRuleSets(ctx.db)).map((s) => s.set);
  const [hours, completions, rotations] = await Promise.all([
    repo.yearHours(ctx.db, [person.id], year),
    repo.completionsOf(ctx.db, [person.id], { from: year - 1, to: year + 1 }),
    repo.rotationsAround(ctx.db, person.org_path, year),
  ]);
  const { requirement, progress } = evaluate({ person, year, sets, rotations, hours: hours.get(person.id) ?? 0, completions, today: todayIn(ctx) });
  const [studied, directions, courses, classes] = await Promise.all([repo.studiedDirections(ctx.db, person.id), repo.directions(ctx.db), repo.activeCourses(ctx.db, 50), repo.openClassesFor(ctx.db, person.org_path, year)]);
  const recommendations = recommendationsFor({
    progress,
    directions: directions.map((d) => ({ code: d.code, nameZh: d.name_zh, nameEn: d.name_en })),
    studiedDirections: studied,
    courses,
    classes,
  });
  return {
    personId: person.id,
    personName: person.name,
    orgName: person.org_name,
    year,
    status: progress.status,
    hoursDone: progress.hoursDone,
    hoursRequired: progress.hoursRequired,
    centralisedDone: progress.centralisedDone,
    centralisedRequired: progress.centralisedRequired,
    newSecretaryTrained: progress.newSecretaryTrained,
    reasons: progress.reasons.map(reasonView),
    missed: progress.missed ? { reasons: progress.missed.reasons.map(reasonView), action: reasonView(progress.missed.action) } : null,
    weak: progress.weak ? { reasons: progress.weak.reasons.map(reasonView), action: reasonView(progress.weak.action) } : null,
    requirement: { exempt: requirement.exempt, exemptReason: requirement.exemptReason, hours: requirement.hours, hoursBasis: requirement.hoursBasis, centralised: requirement.centralised, newSecretary: requirement.newSecretary, ruleSetVersion: requirement.ruleSetVersion, sources: requirement.sources },
    completions: completions.filter((c) => c.year === year).map((c) => ({ completedOn: c.completed_on, title: c.title, level: c.level, hours: Number(c.hours) })),
    recommendations: recommendations.map((r) => ({ kind: r.kind, reason: reasonView(r.reason), direction: r.direction, courses: r.courses, classes: r.classes.map((c) => ({ id: c.id, title: c.title })) })),
  };
}

export async function getMyProgress(ctx: ServerContext, options: { actor: Actor; year?: number | undefined }): Promise<TrainingProgressView> {
  const person = options.actor.personId ? await repo.findPerson(ctx.db, options.actor.personId) : undefined;
  if (!person) throw new AppError('PROFILE_NOT_LINKED');
  return progressView(ctx, person, yearOf(ctx, options.year));
}

export async function getPersonProgress(ctx: ServerContext, options: { actor: Actor; personId: string; year?: number | undefined }): Promise<TrainingProgressView> {
  const person = await repo.findPerson(ctx.db, options.personId);
  if (!person || !policy.canManagePerson(options.actor, person)) throw new AppError('PERSON_NOT_FOUND');
  return progressView(ctx, person, yearOf(ctx, options.year));
}

export type YearVerdict = { exempt: boolean; exemptReason: string | null; requiredHours: number | null; requiredCentralised: number; status: 'met' | 'short' | 'exempt'; /** What is short (zh-CN, for files), or why exempt. */ reasons: string[] };

/**
 * The year's verdict for people whose hours the caller already summed (the training exports): the
 * same rule set, rotations and completions as everyone's progress, with the shortfalls in words.
 */
export async function yearVerdicts(db: Db, options: { people: Array<{ person: VerdictPerson; hours: number }>; year: number; today: string }): Promise<Map<string, YearVerdict>> {
  const sets = (await loadTrainingRuleSets(db)).map((s) => s.set);
  const rotations = await repo.rotationsAround(db, '/', options.year);
  const ids = options.people.map((p) => p.person.id);
  const completions = byPerson(await repo.completionsOf(db, ids, { from: options.year - 1, to: options.year + 1 }));
  const out = new Map<string, YearVerdict>();
  for (const { person, hours } of options.people) {
    const { requirement, progress } = evaluate({ person, year: options.year, sets, rotations, hours, completions: completions.get(person.id) ?? [], today: options.today });
    const reasons: string[] = [];
    if (progress.status === 'exempt') reasons.push(requirement.exemptReason ? `免除硬性要求：${requirement.exemptReason}` : '免除硬性要求');
    else {
      if (progress.hoursRequired !== null && progress.hoursDone < progress.hoursRequired) reasons.push(`差 ${round1(progress.hoursRequired - progress.hoursDone)} 学时`);
      for (const r of progress.reasons) if (r.code === 'CENTRALISED_MISSING' || (r.code === 'NEW_SECRETARY_DUE' && progress.status === 'short')) reasons.push(trainingReasonText(r, 'zh-CN'));
    }
    out.set(person.id, { exempt: requirement.exempt, exemptReason: requirement.exemptReason, requiredHours: requirement.hours, requiredCentralised: requirement.centralised?.count ?? 0, status: progress.status, reasons });
  }
  return out;
}

// ---- coverage ----

const BUCKETS = [0, 8, 16, 24, 32, 56];
function bucketOf(hours: number): 'b0' | 'b1' | 'b2' | 'b3' | 'b4' | 'b5' | 'b6' {
  if (hours <= 0) return 'b0';
  const i = BUCKETS.findIndex((limit) => hours < limit);
  return (i === -1 ? 'b6' : `b${i}`) as 'b1';
}

/**
 * Each organisation's own people judged for a year with the same rules as a person's progress: the
 * coverage counts, the people flagged missed or weak (reasons and action as codes), and the last day
 * those verdicts hold (the earliest of its people's).
 */
export async function computeOrgVerdicts(db: Db, options: { orgIds: string[]; year: number; today: string }): Promise<Map<string, repo.OrgVerdicts>> {
  const sets = (await loadTrainingRuleSets(db)).map((s) => s.set);
  const rotations = await repo.rotationsAround(db, '/', options.year);
  const out = new Map<string, repo.OrgVerdicts>();
  for (const id of options.orgIds) out.set(id, { counts: repo.zeroCounts(), flags: [], flagsUntil: null });
  for await (const batch of verdictsOfOrgs(db, { orgIds: options.orgIds, year: options.year, today: options.today, sets, rotations })) {
    for (const { person, hours: h, completions: own, requirement, progress } of batch) {
      const org = out.get(person.org_id)!;
      const c = org.counts;
      c.considered += 1;
      if (own.some((x) => x.year === options.year)) c.trained += 1;
      if (progress.holdsThrough !== null && (org.flagsUntil === null || progress.holdsThrough < org.flagsUntil)) org.flagsUntil = progress.holdsThrough;
      for (const kind of ['missed', 'weak'] as const) {
        const flag = progress[kind];
        if (!flag) continue;
        c[kind] += 1;
        org.flags.push({ person_id: person.id, kind, hours_done: progress.hoursDone, hours_required: progress.hoursRequired, reasons: flag.reasons, action: flag.action });
      }
      if (progress.status === 'exempt') {
        c.exempt += 1;
        continue;
      }
      if (requirement.hours === null && requirement.centralised === null && requirement.newSecretary === null) continue;
      c.required += 1;
      if (progress.status === 'met') c.met += 1;
      else c.short += 1;
      if (requirement.centralised) {
        c.centralised_required += 1;
        if (progress.centralisedDone >= requirement.centralised.count) c.centralised_met += 1;
      }
      if (requirement.hours !== null) {
        c.hours_total = round1(c.hours_total + h);
        c[bucketOf(h)] += 1;
      }
    }
  }
  return out;
}

/**
 * Recomputes claimed rows and stores them in batches of 500 organisations (each batch one
 * transaction). If that fails the rows are given back stale, so they are not left claimed with old
 * figures.
 */
export async function recomputeClaimed(ctx: ServerContext, year: number, claimed: string[]): Promise<void> {
  if (claimed.length === 0) return;
  const today = todayIn(ctx);
  try {
    for (let i = 0; i < claimed.length; i += 500) {
      const verdicts = await computeOrgVerdicts(ctx.db, { orgIds: claimed.slice(i, i + 500), year, today });
      await repo.writeCoverage(ctx.db, year, verdicts, ctx.now());
    }
  } catch (error) {
    await repo.unclaim(ctx.db, year, claimed);
    throw error;
  }
}

/**
 * Recomputes, for every year that has them, the rows marked stale and those whose stored verdicts
 * held only until before today (a quarter end, deadline or year end has passed): the refresh job,
 * so that the first list or coverage request after midnight does not do it.
 */
export async function refreshStoredVerdicts(ctx: ServerContext): Promise<{ years: number; organisations: number }> {
  const today = todayIn(ctx);
  let organisations = 0;
  const years = await repo.yearsToRefresh(ctx.db, today);
  for (const year of years) {
    const claimed = await repo.claimStale(ctx.db, year, '/', { dueOn: today });
    await recomputeClaimed(ctx, year, claimed);
    organisations += claimed.length;
  }
  return { years: years.length, organisations };
}

/**
 * Before a read: the year's rows exist, and the subtree's rows that are stale or whose verdicts held
 * only until a past day are recomputed, so counts and missed/weak flags are today's.
 */
async function bringUpToDate(ctx: ServerContext, year: number, path: string): Promise<void> {
  await repo.ensureYear(ctx.db, year);
  await recomputeClaimed(ctx, year, await repo.claimStale(ctx.db, year, path, { dueOn: todayIn(ctx) }));
}

export async function getCoverage(ctx: ServerContext, options: { actor: Actor; orgId: string; year?: number | undefined }): Promise<TrainingCoverageView> {
  const org = await findOrg(ctx.db, options.orgId);
  if (!org || !policy.canSeeOrg(options.actor, org)) throw new AppError('ORG_NOT_FOUND');
  const year = yearOf(ctx, options.year);
  await bringUpToDate(ctx, year, org.path);
  const { total, children } = await repo.sumSubtree(ctx.db, year, org);
  return {
    orgId: org.id,
    orgName: org.name,
    year,
    considered: total.considered,
    required: total.required,
    met: total.met,
    short: total.short,
    exempt: total.exempt,
    centralisedRequired: total.centralised_required,
    centralisedMet: total.centralised_met,
    trained: total.trained,
    missed: total.missed,
    weak: total.weak,
    hoursTotal: round1(total.hours_total),
    hoursBuckets: hoursBucketLabels.map((label, i) => ({ label, count: total[`b${i}` as 'b0'] })),
    children: children.map((c) => ({ orgId: c.id, orgName: c.name, considered: c.considered, required: c.required, met: c.met, short: c.short, exempt: c.exempt, centralisedRequired: c.centralised_required, centralisedMet: c.centralised_met, missed: c.missed, weak: c.weak })),
  };
}

// ---- missed / weak lists ----

/**
 * Everyone of the subtree flagged missed or weak, explained, paged; exempt members never appear.
 * Read from the stored verdicts, after recomputing the subtree's rows that are stale or whose
 * verdicts held only until before today.
 */
export async function listExceptions(ctx: ServerContext, options: { actor: Actor; orgId: string; query: TrainingExceptionsQuery }): Promise<TrainingExceptionList> {
  const org = await findOrg(ctx.db, options.orgId);
  if (!org || !policy.canSeeOrg(options.actor, org)) throw new AppError('ORG_NOT_FOUND');
  const { kind, page, pageSize } = options.query;
  const year = yearOf(ctx, options.query.year);
  await bringUpToDate(ctx, year, org.path);
  const [totals, rows] = await Promise.all([repo.subtreeTotals(ctx.db, year, org.id), repo.pageFlags(ctx.db, { year, kind, path: org.path, limit: pageSize, offset: (page - 1) * pageSize })]);
  const items = rows.map((r) => ({
    personId: r.person_id,
    name: r.name,
    orgId: r.org_id,
    orgName: r.org_name,
    category: r.category,
    hoursDone: Number(r.hours_done),
    hoursRequired: r.hours_required === null ? null : Number(r.hours_required),
    reasons: (r.reasons as TrainingReason[]).map(reasonView),
    action: reasonView(r.action as TrainingReason),
  }));
  return { year, kind, total: totals[kind], page, pageSize, items };
}

// ---- delivered study (送学上门) ----

const presentDelivered = (r: Awaited<ReturnType<typeof repo.listDelivered>>[number]): DeliveredStudyRecord => ({
  id: r.id,
  personId: r.person_id,
  personName: r.person_name,
  orgName: r.org_name,
  deliveredOn: r.delivered_on,
  material: r.material,
  deliveredBy: r.delivered_by,
  note: r.note,
  createdAt: r.created_at.toISOString(),
});

export async function recordDelivered(ctx: ServerContext, options: Caller & { personId: string; input: DeliveredStudyInput }): Promise<DeliveredStudyRecord> {
  const { actor, input } = options;
  const person = await repo.findPerson(ctx.db, options.personId);
  if (!person || !policy.canManagePerson(actor, person)) throw new AppError('PERSON_NOT_FOUND');
  if (!person.study_exempt && !person.is_infirm) throw new AppError('TRAINING_DELIVERED_NOT_EXEMPT');
  if (input.deliveredOn > todayIn(ctx)) throw new AppError('TRAINING_DATE_IN_FUTURE', { date: input.deliveredOn });
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertDelivered(trx, { id, personId: person.id, orgId: person.org_id, orgPath: person.org_path, deliveredOn: input.deliveredOn, material: input.material, deliveredBy: input.deliveredBy, note: input.note ?? null, createdBy: actor.userId });
    await recordAudit(trx, { actor, ip: options.ip, action: 'training.delivered_study.create', entityType: 'person', entityId: person.id, orgId: person.org_id, after: { deliveredOn: input.deliveredOn, material: input.material } });
  });
  const [row] = await repo.listDelivered(ctx.db, { path: person.org_path, year: Number(input.deliveredOn.slice(0, 4)), id });
  return presentDelivered(row!);
}

export async function listDelivered(ctx: ServerContext, options: { actor: Actor; orgId: string; year?: number | undefined }) {
  const org = await findOrg(ctx.db, options.orgId);
  if (!org || !policy.canSeeOrg(options.actor, org)) throw new AppError('ORG_NOT_FOUND');
  return { items: (await repo.listDelivered(ctx.db, { path: org.path, year: yearOf(ctx, options.year) })).map(presentDelivered) };
}

// ---- manual entries (补录) ----

const presentManual = (r: repo.ManualRow): ManualCreditView => ({
  id: r.id,
  personId: r.person_id,
  personName: r.person_name,
  orgName: r.org_name,
  studiedOn: r.studied_on,
  hours: Number(r.hours),
  description: r.description,
  status: r.status as ManualCreditView['status'],
  decisionNote: r.decision_note,
  decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
  creditId: r.credit_id,
  createdAt: r.created_at.toISOString(),
});

async function requestManual(ctx: ServerContext, options: Caller & { person: repo.PersonRow; input: ManualCreditInput }): Promise<ManualCreditView> {
  const { actor, person, input } = options;
  if (input.studiedOn > todayIn(ctx)) throw new AppError('TRAINING_DATE_IN_FUTURE', { date: input.studiedOn });
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertManual(trx, { id, personId: person.id, orgId: person.org_id, orgPath: person.org_path, studiedOn: input.studiedOn, hours: input.hours, description: input.description, requestedBy: actor.userId });
    await recordAudit(trx, { actor, ip: options.ip, action: 'training.manual_credit.request', entityType: 'person', entityId: person.id, orgId: person.org_id, after: { studiedOn: input.studiedOn, hours: input.hours } });
  });
  return presentManual((await repo.findManual(ctx.db, id))!);
}

export async function requestMyManual(ctx: ServerContext, options: Caller & { input: ManualCreditInput }): Promise<ManualCreditView> {
  const person = options.actor.personId ? await repo.findPerson(ctx.db, options.actor.personId) : undefined;
  if (!person) throw new AppError('PROFILE_NOT_LINKED');
  return requestManual(ctx, { ...options, person });
}

export async function requestManualFor(ctx: ServerContext, options: Caller & { personId: string; input: ManualCreditInput }): Promise<ManualCreditView> {
  const person = await repo.findPerson(ctx.db, options.personId);
  if (!person || !policy.canManagePerson(options.actor, person)) throw new AppError('PERSON_NOT_FOUND');
  return requestManual(ctx, { ...options, person });
}

export async function listMyManual(ctx: ServerContext, options: { actor: Actor }) {
  if (!options.actor.personId) throw new AppError('PROFILE_NOT_LINKED');
  return { items: (await repo.listManual(ctx.db, { personId: options.actor.personId })).map(presentManual) };
}

export async function listOrgManual(ctx: ServerContext, options: { actor: Actor; orgId: string; status?: string | undefined }) {
  const org = await findOrg(ctx.db, options.orgId);
  if (!org || !policy.canSeeOrg(options.actor, org)) throw new AppError('ORG_NOT_FOUND');
  return { items: (await repo.listManual(ctx.db, { path: org.path, ...(options.status ? { status: options.status } : {}) })).map(presentManual) };
}

/**
 * A manager decides a pending request. Approval writes the credit (source_type 'manual', year of
 * the day studied) through the ledger in the same transaction, within the 8-hours-a-day cap.
 */
export async function decideManual(ctx: ServerContext, options: Caller & { id: string; approve: boolean; note?: string | undefined }): Promise<ManualCreditView> {
  const { actor } = options;
  return ctx.db.transaction().execute(async (trx) => {
    const request = await repo.findManual(trx, options.id, { forUpdate: true });
    if (!request || !policy.canManagePerson(actor, request)) throw new AppError('MANUAL_CREDIT_NOT_FOUND');
    if (request.status !== 'pending') throw new AppError('MANUAL_CREDIT_ALREADY_DECIDED', { status: request.status === 'approved' ? '已通过' : '已驳回' });
    let creditId: string | null = null;
    if (options.approve) {
      const hours = Number(request.hours);
      const credited = (await dayTotalsExcept(trx, { personIds: [request.person_id], day: request.studied_on, sourceType: 'manual', sourceId: request.id })).get(request.person_id) ?? 0;
      if (credited + hours > 8) throw new AppError('MANUAL_CREDIT_DAY_CAP', { date: request.studied_on, credited: round1(credited), remaining: round1(Math.max(0, 8 - credited)) });
      creditId = newId();
      await insertCredits(trx, [
        {
          id: creditId,
          personId: request.person_id,
          orgId: request.org_id,
          orgPath: request.org_path,
          year: Number(request.studied_on.slice(0, 4)),
          creditedOn: request.studied_on,
          hours,
          sourceType: 'manual',
          sourceId: request.id,
          description: `${request.studied_on} 补录：${request.description}`,
          reversesId: null,
          createdBy: actor.userId,
          createdAt: ctx.now(),
        },
      ]);
    }
    await repo.decideManual(trx, { id: request.id, status: options.approve ? 'approved' : 'rejected', decidedBy: actor.userId, note: options.note ?? null, creditId, now: ctx.now() });
    await recordAudit(trx, { actor, ip: options.ip, action: options.approve ? 'training.manual_credit.approve' : 'training.manual_credit.reject', entityType: 'manual_credit_request', entityId: request.id, orgId: request.org_id, after: { hours: Number(request.hours), note: options.note ?? null } });
    return presentManual((await repo.findManual(trx, request.id))!);
  });
}
