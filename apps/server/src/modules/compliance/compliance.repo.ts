/** SQL of compliance: rule sets, the counts verdicts are computed from, and the stored verdicts and totals. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { MonthAttendance, MonthCount, OrgFacts } from './compliance.figures.ts';

type Db = Kysely<DB> | Transaction<DB>;

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
// Locks
//
// Every writer of the stored figures takes, in this order, the lock on the whole of compliance
// and then the locks of the periods it writes, in key order (so two writers never wait on each
// other in a circle): a change to the tree or the rule sets takes the whole lock exclusively (it
// touches every computed period, and rows are created and deleted); a computation of periods
// takes it shared and its periods exclusively (it replaces their rows); a changed activity takes
// both shared, so changes of activities in different organisations run side by side and meet
// only on the rows of their common ancestors, which they update with commutative deltas.

const LOCK_CLASS = sql`hashtext('pioneer.compliance')`;

export async function lockAll(trx: Transaction<DB>, mode: 'shared' | 'exclusive'): Promise<void> {
  await (mode === 'shared' ? sql`select pg_advisory_xact_lock_shared(${LOCK_CLASS}, 0)` : sql`select pg_advisory_xact_lock(${LOCK_CLASS}, 0)`).execute(trx);
}

export async function lockPeriods(trx: Transaction<DB>, periods: string[], mode: 'shared' | 'exclusive'): Promise<void> {
  for (const key of [...new Set(periods)].sort()) {
    await (mode === 'shared' ? sql`select pg_advisory_xact_lock_shared(${LOCK_CLASS}, hashtext(${key}))` : sql`select pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(${key}))`).execute(trx);
  }
}

// ------------------------------------------------------------------------------------------
// What verdicts are computed from

const factColumns = ['o.id', 'o.path', 'o.parent_id', 'o.kind', 'o.active', 'o.has_committee', 'o.established_on', 'o.deactivated_at'] as const;

const withCentralGroup = (rows: Array<Omit<OrgFacts, 'owns_central_group'> & { owns_central_group: unknown }>): OrgFacts[] => rows.map((r) => ({ ...r, owns_central_group: Boolean(r.owns_central_group) }));

/** What the rules read about these organisations, or about the children of one. */
export async function orgFacts(db: Db, options: { ids?: string[]; parentId?: string }): Promise<OrgFacts[]> {
  if (options.ids && options.ids.length === 0) return [];
  const rows = await db
    .selectFrom('organizations as o')
    .select(factColumns)
    .select((eb) => eb.exists(eb.selectFrom('central_groups as g').select('g.id').whereRef('g.org_id', '=', 'o.id')).as('owns_central_group'))
    .$if(options.ids !== undefined, (q) => q.where('o.id', 'in', options.ids!))
    .$if(options.parentId !== undefined, (q) => q.where('o.parent_id', '=', options.parentId!))
    .execute();
  return withCentralGroup(rows);
}

/** Held activities of one organisation per local month, kind and form, between two local days (inclusive). */
export async function orgMonthCounts(db: Db, options: { orgId: string; first: string; last: string }): Promise<MonthCount[]> {
  const rows = await db
    .selectFrom('activities')
    .select([sql<string>`to_char(held_on, 'YYYY-MM')`.as('month'), 'kind', 'study_form', (eb) => eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', options.orgId)
    .where('status', '=', 'held')
    .where('held_on', '>=', options.first)
    .where('held_on', '<=', options.last)
    .groupBy([sql`to_char(held_on, 'YYYY-MM')`, 'kind', 'study_form'])
    .orderBy('kind')
    .orderBy('study_form')
    .orderBy(sql`to_char(held_on, 'YYYY-MM')`)
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Expected and present person-times at one organisation's held activities per local month. */
export async function orgMonthAttendance(db: Db, options: { orgId: string; first: string; last: string }): Promise<MonthAttendance[]> {
  const rows = await db
    .selectFrom('activities as a')
    .innerJoin('activity_attendees as t', 't.activity_id', 'a.id')
    .select([sql<string>`to_char(a.held_on, 'YYYY-MM')`.as('month'), (eb) => eb.fn.countAll<number>().as('expected'), sql<number>`count(*) filter (where t.status = 'present')`.as('present')])
    .where('a.org_id', '=', options.orgId)
    .where('a.status', '=', 'held')
    .where('a.held_on', '>=', options.first)
    .where('a.held_on', '<=', options.last)
    .where('t.role', '=', 'expected')
    .groupBy(sql`to_char(a.held_on, 'YYYY-MM')`)
    .execute();
  return rows.map((r) => ({ month: r.month, expected: Number(r.expected), present: Number(r.present) }));
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The month figures of every organisation between two local days, computed once in two grouped
 * scans into temporary tables of this transaction (`compliance_month_counts`,
 * `compliance_month_attendance`), read afterwards page by page. CREATE TABLE AS lets PostgreSQL
 * run the scans in parallel (an INSERT … SELECT may not), and the join of the attendee rows gets
 * the memory of a batch job rather than of a request. The days are validated calendar days of the
 * periods, written as literals because CREATE TABLE AS takes no parameters. JIT compilation is
 * turned off for the rest of the transaction: it would be paid again for every page read.
 */
export async function prepareMonthFigures(trx: Transaction<DB>, options: { first: string; last: string }): Promise<void> {
  if (!ISO_DAY.test(options.first) || !ISO_DAY.test(options.last)) throw new RangeError(`not calendar days: ${options.first}, ${options.last}`);
  const first = sql.lit(options.first);
  const last = sql.lit(options.last);
  await sql`set local work_mem = '256MB'`.execute(trx);
  await sql`set local jit = off`.execute(trx);
  await sql`drop table if exists compliance_month_counts`.execute(trx);
  await sql`drop table if exists compliance_month_attendance`.execute(trx);
  // Both ordered by organisation, so that one organisation's rows share a page when they are read.
  await sql`
    create temporary table compliance_month_counts on commit drop as
    select org_id, to_char(held_on, 'YYYY-MM') as month, kind, study_form, count(*)::int as n
    from activities
    where status = 'held' and held_on between ${first}::date and ${last}::date
    group by 1, 2, 3, 4
    order by 1`.execute(trx);
  // Grouped by day first: the join's 92 million rows are hashed on a date rather than formatted.
  await sql`
    create temporary table compliance_month_attendance on commit drop as
    select org_id, to_char(held_on, 'YYYY-MM') as month, sum(expected)::int as expected, sum(present)::int as present
    from (
      select a.org_id, a.held_on, count(*) as expected, count(*) filter (where t.status = 'present') as present
      from activities a
      join activity_attendees t on t.activity_id = a.id
      where a.status = 'held' and a.held_on between ${first}::date and ${last}::date and t.role = 'expected'
      group by 1, 2
    ) d
    group by 1, 2
    order by 1`.execute(trx);
  await sql`create index on compliance_month_counts (org_id)`.execute(trx);
  await sql`create index on compliance_month_attendance (org_id)`.execute(trx);
  await sql`analyze compliance_month_counts`.execute(trx);
  await sql`analyze compliance_month_attendance`.execute(trx);
  await sql`reset work_mem`.execute(trx);
}

/**
 * A page of the organisations that existed on or after `since` (active, or deactivated after it),
 * in path order after `after` — the order of the path index (byte order: `~<~`), which is a
 * depth-first walk of the tree: an organisation comes right before its subtree — each with its
 * prepared month counts (ordered by kind, form and month) and month attendance, in one round trip.
 */
export async function preparedPage(trx: Transaction<DB>, options: { since: Date; after: string; limit: number }): Promise<Array<{ org: OrgFacts; counts: MonthCount[]; attendance: MonthAttendance[] }>> {
  const { rows } = await sql<Omit<OrgFacts, 'owns_central_group'> & { owns_central_group: unknown; counts: string | null; attendance: string | null }>`
    select o.id, o.path, o.parent_id, o.kind, o.active, o.has_committee, o.established_on, o.deactivated_at,
           exists (select 1 from central_groups g where g.org_id = o.id) as owns_central_group,
           (select string_agg(c.month || ' ' || c.kind || ' ' || coalesce(c.study_form, '') || ' ' || c.n, ';' order by c.kind, c.study_form, c.month)
            from compliance_month_counts c where c.org_id = o.id) as counts,
           (select string_agg(m.month || ' ' || m.expected || ' ' || m.present, ';')
            from compliance_month_attendance m where m.org_id = o.id) as attendance
    from organizations o
    where o.path ~>~ ${options.after} and (o.active or o.deactivated_at >= ${options.since})
    order by o.path using ~<~
    limit ${options.limit}`.execute(trx);
  return rows.map(({ counts, attendance, ...org }) => ({
    org: { ...org, owns_central_group: Boolean(org.owns_central_group) },
    counts: counts
      ? counts.split(';').map((c) => {
          const [month, kind, form, n] = c.split(' ') as [string, string, string, string];
          return { month, kind, study_form: form === '' ? null : form, n: Number(n) };
        })
      : [],
    attendance: attendance
      ? attendance.split(';').map((m) => {
          const [month, expected, present] = m.split(' ') as [string, string, string];
          return { month, expected: Number(expected), present: Number(present) };
        })
      : [],
  }));
}

// ------------------------------------------------------------------------------------------
// Stored verdicts and totals

export type StatusRow = { org_id: string; org_path: string; period: string; judged: boolean; all_met: boolean; verdicts: unknown; expected: number; present: number };
export type TotalsRow = { org_id: string; period: string; orgs_judged: number; orgs_all_met: number; expected: number; present: number; by_requirement: unknown };

export async function computedAmong(db: Db, periods: string[]): Promise<Set<string>> {
  if (periods.length === 0) return new Set();
  const rows = await db.selectFrom('compliance_periods').select('period').where('period', 'in', periods).execute();
  return new Set(rows.map((r) => r.period));
}

export const listComputedPeriods = async (db: Db) => (await db.selectFrom('compliance_periods').select('period').orderBy('period').execute()).map((r) => r.period);

/** Deletes every status and totals row of these periods (before they are computed again). */
export async function deletePeriodRows(trx: Transaction<DB>, periods: string[]): Promise<void> {
  await trx.deleteFrom('org_period_status').where('period', 'in', periods).execute();
  await trx.deleteFrom('subtree_period_totals').where('period', 'in', periods).execute();
}

export async function markComputed(trx: Transaction<DB>, periods: string[]): Promise<void> {
  const now = new Date();
  await trx
    .insertInto('compliance_periods')
    .values(periods.map((period) => ({ period, computed_at: now })))
    .onConflict((oc) => oc.column('period').doUpdateSet({ computed_at: now }))
    .execute();
}

/**
 * Writes status rows given as one JSON array of
 * {o: org id, p: path, k: period, j: judged, a: all met, h: verdict set, e: expected, r: present};
 * with `upsert` an existing row of the organisation and period is replaced. jsonb_to_recordset:
 * the document is parsed once (json_to_recordset parses every value again).
 */
export async function writeStatuses(trx: Transaction<DB>, json: string, options: { upsert: boolean }): Promise<void> {
  await sql`
    insert into org_period_status (org_id, org_path, period, judged, all_met, verdict_set, expected, present)
    select x.o, x.p, x.k, x.j, x.a, x.h, x.e, x.r
    from jsonb_to_recordset(${json}::jsonb) as x(o uuid, p text, k text, j boolean, a boolean, h text, e int, r int)
    ${options.upsert ? sql`on conflict (org_id, period) do update set org_path = excluded.org_path, judged = excluded.judged, all_met = excluded.all_met, verdict_set = excluded.verdict_set, expected = excluded.expected, present = excluded.present` : sql``}`.execute(
    trx,
  );
}

/** Stores verdict sets given as one JSON array of {h: hash, v: verdicts}; those already stored stay. */
export async function writeVerdictSets(trx: Transaction<DB>, json: string): Promise<void> {
  await sql`
    insert into compliance_verdict_sets (hash, verdicts)
    select x.h, x.v from jsonb_to_recordset(${json}::jsonb) as x(h text, v jsonb)
    on conflict (hash) do nothing`.execute(trx);
}

/** Writes totals rows given as one JSON array of {o, k, j: orgs judged, a: all met, e, r, b: by requirement}. */
export async function writeTotals(trx: Transaction<DB>, json: string): Promise<void> {
  await sql`
    insert into subtree_period_totals (org_id, period, orgs_judged, orgs_all_met, expected, present, by_requirement)
    select x.o, x.k, x.j, x.a, x.e, x.r, x.b
    from jsonb_to_recordset(${json}::jsonb) as x(o uuid, k text, j int, a int, e int, r int, b jsonb)`.execute(trx);
}

export async function deleteStatuses(trx: Transaction<DB>, orgId: string, periods: string[]): Promise<void> {
  if (periods.length === 0) return;
  await trx.deleteFrom('org_period_status').where('org_id', '=', orgId).where('period', 'in', periods).execute();
}

export async function deleteTotals(trx: Transaction<DB>, orgId: string, periods: string[]): Promise<void> {
  if (periods.length === 0) return;
  await trx.deleteFrom('subtree_period_totals').where('org_id', '=', orgId).where('period', 'in', periods).execute();
}

/** Status rows with their verdicts. */
const statuses = (db: Db) =>
  db
    .selectFrom('org_period_status as s')
    .innerJoin('compliance_verdict_sets as v', 'v.hash', 's.verdict_set')
    .select(['s.org_id', 's.org_path', 's.period', 's.judged', 's.all_met', 'v.verdicts', 's.expected', 's.present']);

/** The status rows of these organisations in these periods; `lock` takes their row locks (in key order). */
export async function statusesOf(db: Db, orgIds: string[], periods: string[], options: { lock?: boolean } = {}): Promise<StatusRow[]> {
  if (orgIds.length === 0 || periods.length === 0) return [];
  return statuses(db)
    .where('s.org_id', 'in', orgIds)
    .where('s.period', 'in', periods)
    .orderBy('s.org_id')
    .orderBy('s.period')
    .$if(options.lock === true, (q) => q.forUpdate('s'))
    .execute();
}

export async function totalsOf(db: Db, orgIds: string[], periods: string[]): Promise<TotalsRow[]> {
  if (orgIds.length === 0 || periods.length === 0) return [];
  return db.selectFrom('subtree_period_totals').selectAll().where('org_id', 'in', orgIds).where('period', 'in', periods).execute();
}

/**
 * Adds deltas to existing totals rows (a JSON array of {o, k, j, a, e, r, b} as in writeTotals; at
 * most one per row). The rows are locked first in key order, so that two writers with common ancestors never
 * deadlock, and then updated in one statement with x = x + delta (compliance_add_requirements for
 * the per-requirement counts): no value is read into the application and written back. Deltas of
 * rows that do not exist are ignored: an organisation without sub-organisations has no totals row.
 */
export async function addToTotals(trx: Transaction<DB>, json: string): Promise<void> {
  if (json === '[]') return;
  await sql`
    select 1 from subtree_period_totals t
    join jsonb_to_recordset(${json}::jsonb) as x(o uuid, k text) on t.org_id = x.o and t.period = x.k
    order by t.org_id, t.period
    for update of t`.execute(trx);
  await sql`
    update subtree_period_totals t
    set orgs_judged = t.orgs_judged + x.j, orgs_all_met = t.orgs_all_met + x.a, expected = t.expected + x.e, present = t.present + x.r,
        by_requirement = compliance_add_requirements(t.by_requirement, x.b)
    from jsonb_to_recordset(${json}::jsonb) as x(o uuid, k text, j int, a int, e int, r int, b jsonb)
    where t.org_id = x.o and t.period = x.k`.execute(trx);
}

export const findStatus = (db: Db, orgId: string, period: string) => statuses(db).where('s.org_id', '=', orgId).where('s.period', '=', period).executeTakeFirst();

export const findTotals = (db: Db, orgId: string, period: string) =>
  db.selectFrom('subtree_period_totals').selectAll().where('org_id', '=', orgId).where('period', '=', period).executeTakeFirst();

export const totalsForPeriods = (db: Db, orgId: string, periods: string[]) =>
  periods.length === 0 ? Promise.resolve([]) : db.selectFrom('subtree_period_totals').selectAll().where('org_id', '=', orgId).where('period', 'in', periods).execute();

export const statusesForPeriods = (db: Db, orgId: string, periods: string[]) =>
  periods.length === 0 ? Promise.resolve([]) : statuses(db).where('s.org_id', '=', orgId).where('s.period', 'in', periods).execute();

/** Ids of the organisations whose paths are these (the ancestors of an organisation). */
export async function idsOfPaths(db: Db, paths: string[]): Promise<Array<{ id: string; path: string }>> {
  if (paths.length === 0) return [];
  return db.selectFrom('organizations').select(['id', 'path']).where('path', 'in', paths).execute();
}

/**
 * A page of the organisations under a path that fell short in a period, in path order. The page
 * is found in the partial index of shortfalls (period, org_path text_pattern_ops, org_id), read in
 * its own order (`using ~<~`) so that LIMIT stops after the page: an index-only scan that skips
 * the offset's entries, never a sort of every short organisation. Only the page's rows are then
 * read with their verdicts. The count is not taken here (see the subtree totals).
 */
export async function shortfallPage(db: Db, options: { path: string; period: string; offset: number; limit: number }) {
  const { rows } = await sql<{ org_id: string; name: string; kind: string; verdicts: unknown }>`
    select s.org_id, o.name, o.kind, v.verdicts
    from (
      select p.org_id, p.org_path from org_period_status p
      where p.period = ${options.period} and p.org_path like ${`${options.path}%`} and p.judged and not p.all_met
      order by p.org_path using ~<~
      offset ${options.offset} limit ${options.limit}
    ) page
    join org_period_status s on s.org_id = page.org_id and s.period = ${options.period}
    join compliance_verdict_sets v on v.hash = s.verdict_set
    join organizations o on o.id = page.org_id
    order by page.org_path using ~<~`.execute(db);
  return rows;
}

/** Every judged organisation under a path in a period (circulars list them all). */
export const judgedStatuses = (db: Db, options: { path: string; period: string }) =>
  db
    .selectFrom('org_period_status as s')
    .innerJoin('organizations as o', 'o.id', 's.org_id')
    .innerJoin('compliance_verdict_sets as v', 'v.hash', 's.verdict_set')
    .select(['s.org_id', 'o.name', 's.all_met', 'v.verdicts', 's.expected', 's.present'])
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
