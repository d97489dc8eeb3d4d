/** SQL of compliance: rule sets, the counts verdicts are computed from, and the stored verdicts and totals. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

const MAX_ROWS_PER_INSERT = 2_000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ------------------------------------------------------------------------------------------
// Rule sets

export const listRuleSets = (db: Db) => db.selectFrom('compliance_rule_sets').selectAll().orderBy('effective_from').execute();
export type RuleSetRow = Awaited<ReturnType<typeof listRuleSets>>[number];

export async function insertRuleSet(db: Db, v: { id: string; version: string; effectiveFrom: string; rules: unknown; note: string | null; createdBy: string | null }): Promise<void> {
  await db
    .insertInto('compliance_rule_sets')
    .values({ id: v.id, version: v.version, effective_from: v.effectiveFrom, rules: JSON.stringify(v.rules), note: v.note, created_by: v.createdBy })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

// ------------------------------------------------------------------------------------------
// What verdicts are computed from

export type JudgedOrg = { id: string; path: string; name: string; kind: string; has_committee: boolean; established_on: string | null; deactivated_at: Date | null; owns_central_group: boolean };

/**
 * The organisations that existed during a period (active, or deactivated after it began: a branch
 * deactivated in August is still judged for the months it existed), with whether they run a
 * central group.
 */
export async function judgedOrgs(db: Db, options: { path?: string; orgId?: string; since: Date }): Promise<JudgedOrg[]> {
  const rows = await db
    .selectFrom('organizations as o')
    .select(['o.id', 'o.path', 'o.name', 'o.kind', 'o.has_committee', 'o.established_on', 'o.deactivated_at'])
    .select((eb) => eb.exists(eb.selectFrom('central_groups as g').select('g.id').whereRef('g.org_id', '=', 'o.id')).as('owns_central_group'))
    .where((eb) => eb.or([eb('o.active', '=', true), eb('o.deactivated_at', '>=', options.since)]))
    .$if(options.path !== undefined, (q) => q.where('o.path', 'like', `${options.path}%`))
    .$if(options.orgId !== undefined, (q) => q.where('o.id', '=', options.orgId!))
    .orderBy('o.path')
    .execute();
  return rows.map((r) => ({ ...r, owns_central_group: Boolean(r.owns_central_group) }));
}

export type CountRow = { org_id: string; month: string; kind: string; study_form: string | null; n: number };

/** Held activities per organisation, month, kind and form, between two local days (inclusive). */
export async function heldCounts(db: Db, options: { first: string; last: string; orgId?: string }): Promise<CountRow[]> {
  const rows = await db
    .selectFrom('activities')
    .select(['org_id', sql<string>`to_char(held_on, 'YYYY-MM')`.as('month'), 'kind', 'study_form', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'held')
    .where('held_on', '>=', options.first)
    .where('held_on', '<=', options.last)
    .$if(options.orgId !== undefined, (q) => q.where('org_id', '=', options.orgId!))
    .groupBy(['org_id', sql`to_char(held_on, 'YYYY-MM')`, 'kind', 'study_form'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

export type AttendanceRow = { org_id: string; expected: number; present: number };

/** Expected and present person-times at the held activities of each organisation in the range. */
export async function heldAttendance(db: Db, options: { first: string; last: string; orgId?: string }): Promise<AttendanceRow[]> {
  const rows = await db
    .selectFrom('activities as a')
    .innerJoin('activity_attendees as t', 't.activity_id', 'a.id')
    .select(['a.org_id', (eb) => eb.fn.countAll<number>().as('expected'), sql<number>`count(*) filter (where t.status = 'present')`.as('present')])
    .where('a.status', '=', 'held')
    .where('a.held_on', '>=', options.first)
    .where('a.held_on', '<=', options.last)
    .where('t.role', '=', 'expected')
    .$if(options.orgId !== undefined, (q) => q.where('a.org_id', '=', options.orgId!))
    .groupBy('a.org_id')
    .execute();
  return rows.map((r) => ({ org_id: r.org_id, expected: Number(r.expected), present: Number(r.present) }));
}

// ------------------------------------------------------------------------------------------
// Stored verdicts and totals

export type StatusRow = { org_id: string; org_path: string; period: string; judged: boolean; all_met: boolean; verdicts: unknown; expected: number; present: number };
export type TotalsRow = { org_id: string; period: string; orgs_judged: number; orgs_all_met: number; expected: number; present: number; by_requirement: unknown };

export const isComputed = async (db: Db, period: string) => (await db.selectFrom('compliance_periods').select('period').where('period', '=', period).executeTakeFirst()) !== undefined;

export async function computedAmong(db: Db, periods: string[]): Promise<Set<string>> {
  if (periods.length === 0) return new Set();
  const rows = await db.selectFrom('compliance_periods').select('period').where('period', 'in', periods).execute();
  return new Set(rows.map((r) => r.period));
}

/** Replaces every row of a period, in the caller's transaction. */
export async function replacePeriod(trx: Transaction<DB>, period: string, statuses: StatusRow[], totals: TotalsRow[]): Promise<void> {
  await trx.deleteFrom('org_period_status').where('period', '=', period).execute();
  await trx.deleteFrom('subtree_period_totals').where('period', '=', period).execute();
  for (const chunk of chunks(statuses, MAX_ROWS_PER_INSERT)) {
    await trx
      .insertInto('org_period_status')
      .values(chunk.map((s) => ({ ...s, verdicts: JSON.stringify(s.verdicts) })))
      .execute();
  }
  for (const chunk of chunks(totals, MAX_ROWS_PER_INSERT)) {
    await trx
      .insertInto('subtree_period_totals')
      .values(chunk.map((t) => ({ ...t, by_requirement: JSON.stringify(t.by_requirement) })))
      .execute();
  }
  await trx
    .insertInto('compliance_periods')
    .values({ period, computed_at: new Date() })
    .onConflict((oc) => oc.column('period').doUpdateSet({ computed_at: new Date() }))
    .execute();
}

/** Forgets computed periods (all, or those listed): they are computed again on their next request. */
export async function forgetPeriods(db: Db, periods?: string[]): Promise<void> {
  if (periods && periods.length === 0) return;
  await db
    .deleteFrom('compliance_periods')
    .$if(periods !== undefined, (q) => q.where('period', 'in', periods!))
    .execute();
}

export const listComputedPeriods = (db: Db) => db.selectFrom('compliance_periods').select('period').execute();

export const findStatus = (db: Db, orgId: string, period: string) =>
  db.selectFrom('org_period_status').selectAll().where('org_id', '=', orgId).where('period', '=', period).executeTakeFirst();

export const lockStatus = (trx: Transaction<DB>, orgId: string, period: string) =>
  trx.selectFrom('org_period_status').selectAll().where('org_id', '=', orgId).where('period', '=', period).forUpdate().executeTakeFirst();

export async function upsertStatus(trx: Transaction<DB>, s: StatusRow): Promise<void> {
  const values = { ...s, verdicts: JSON.stringify(s.verdicts) };
  await trx
    .insertInto('org_period_status')
    .values(values)
    .onConflict((oc) => oc.columns(['org_id', 'period']).doUpdateSet({ org_path: values.org_path, judged: values.judged, all_met: values.all_met, verdicts: values.verdicts, expected: values.expected, present: values.present }))
    .execute();
}

export const findTotals = (db: Db, orgId: string, period: string) =>
  db.selectFrom('subtree_period_totals').selectAll().where('org_id', '=', orgId).where('period', '=', period).executeTakeFirst();

export const totalsForPeriods = (db: Db, orgId: string, periods: string[]) =>
  periods.length === 0 ? Promise.resolve([]) : db.selectFrom('subtree_period_totals').selectAll().where('org_id', '=', orgId).where('period', 'in', periods).execute();

export const statusesForPeriods = (db: Db, orgId: string, periods: string[]) =>
  periods.length === 0 ? Promise.resolve([]) : db.selectFrom('org_period_status').selectAll().where('org_id', '=', orgId).where('period', 'in', periods).execute();

/** The totals rows of these organisations for a period, locked in id order (no deadlock between writers). */
export const lockTotals = (trx: Transaction<DB>, orgIds: string[], period: string) =>
  orgIds.length === 0
    ? Promise.resolve([])
    : trx.selectFrom('subtree_period_totals').selectAll().where('org_id', 'in', orgIds).where('period', '=', period).orderBy('org_id').forUpdate().execute();

export async function updateTotals(trx: Transaction<DB>, t: TotalsRow): Promise<void> {
  await trx
    .updateTable('subtree_period_totals')
    .set({ orgs_judged: t.orgs_judged, orgs_all_met: t.orgs_all_met, expected: t.expected, present: t.present, by_requirement: JSON.stringify(t.by_requirement) })
    .where('org_id', '=', t.org_id)
    .where('period', '=', t.period)
    .execute();
}

/** Ids of the organisations whose paths are these (the ancestors of an organisation). */
export async function idsOfPaths(db: Db, paths: string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  return (await db.selectFrom('organizations').select('id').where('path', 'in', paths).execute()).map((r) => r.id);
}

/** A page of the organisations under a path that fell short in a period, in tree order. */
export async function shortfalls(db: Db, options: { path: string; period: string; page: number; pageSize: number }) {
  const base = db
    .selectFrom('org_period_status as s')
    .innerJoin('organizations as o', 'o.id', 's.org_id')
    .where('s.period', '=', options.period)
    .where('s.org_path', 'like', `${options.path}%`)
    .where('s.judged', '=', true)
    .where('s.all_met', '=', false);
  const [rows, count] = await Promise.all([
    base
      .select(['s.org_id', 'o.name', 'o.kind', 's.verdicts'])
      .orderBy('s.org_path')
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Every judged organisation under a path in a period (circulars list them all). */
export const judgedStatuses = (db: Db, options: { path: string; period: string }) =>
  db
    .selectFrom('org_period_status as s')
    .innerJoin('organizations as o', 'o.id', 's.org_id')
    .select(['s.org_id', 'o.name', 's.all_met', 's.verdicts', 's.expected', 's.present'])
    .where('s.period', '=', options.period)
    .where('s.org_path', 'like', `${options.path}%`)
    .where('s.judged', '=', true)
    .orderBy('s.org_path')
    .execute();

/** The held activities of one organisation in a period, with their attendance. */
export async function countedActivities(db: Db, options: { orgId: string; first: string; last: string }) {
  const rows = await db
    .selectFrom('activities as a')
    .leftJoin('activity_attendees as t', (j) => j.onRef('t.activity_id', '=', 'a.id').on('t.role', '=', 'expected'))
    .select(['a.id', 'a.kind', 'a.study_form', 'a.topic', 'a.held_on', (eb) => eb.fn.count<number>('t.person_id').as('expected'), sql<number>`count(*) filter (where t.status = 'present')`.as('present')])
    .where('a.org_id', '=', options.orgId)
    .where('a.status', '=', 'held')
    .where('a.held_on', '>=', options.first)
    .where('a.held_on', '<=', options.last)
    .groupBy(['a.id', 'a.kind', 'a.study_form', 'a.topic', 'a.held_on'])
    .orderBy('a.held_on')
    .execute();
  return rows.map((r) => ({ ...r, expected: Number(r.expected), present: Number(r.present) }));
}

export const findOrg = (db: Db, id: string) => db.selectFrom('organizations').select(['id', 'path', 'name', 'kind', 'active']).where('id', '=', id).executeTakeFirst();
