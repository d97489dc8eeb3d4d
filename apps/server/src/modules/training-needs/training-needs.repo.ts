/**
 * SQL of training needs: the rule sets, what a person's progress is computed from (the rollup
 * person_year_training kept by triggers, standing completions, rotations over the person's
 * organisation, directions studied, the pool's courses and open classes), the coverage rows per
 * organisation and year (claimed when stale, recomputed by the service, summed over a subtree),
 * delivered-study records and manual credit requests.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export const listRuleSets = (db: Db) => db.selectFrom('training_rule_sets').selectAll().orderBy('effective_from').execute();
export type RuleSetRow = Awaited<ReturnType<typeof listRuleSets>>[number];

export async function insertRuleSet(db: Db, v: { id: string; version: string; effectiveFrom: string; rules: unknown; note: string | null; createdBy: string | null }): Promise<void> {
  await db
    .insertInto('training_rule_sets')
    .values({ id: v.id, version: v.version, effective_from: v.effectiveFrom, rules: JSON.stringify(v.rules), note: v.note, created_by: v.createdBy })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

const personColumns = [
  'p.id',
  'p.name',
  'p.org_id',
  'p.org_path',
  'o.name as org_name',
  'p.category',
  'p.confirmed_on',
  'p.is_secretary',
  'p.secretary_since',
  'p.is_committee_member',
  'p.is_party_affairs_worker',
  'p.is_infirm',
  'p.study_exempt',
  'p.study_exempt_reason',
] as const;

export const findPerson = (db: Db, id: string) => db.selectFrom('people as p').innerJoin('organizations as o', 'o.id', 'p.org_id').select(personColumns).where('p.id', '=', id).executeTakeFirst();
export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

/** The people a coverage or list counts: party members and candidates. */
export const CONSIDERED_CATEGORIES = ['full', 'probationary', 'candidate'];

export const peopleOfOrgs = (db: Db, orgIds: string[]) =>
  orgIds.length === 0 ? Promise.resolve([] as PersonRow[]) : db.selectFrom('people as p').innerJoin('organizations as o', 'o.id', 'p.org_id').select(personColumns).where(sql<boolean>`p.org_id = any(${orgIds}::uuid[])`).where('p.category', 'in', CONSIDERED_CATEGORIES).execute();

export async function yearHours(db: Db, personIds: string[], year: number): Promise<Map<string, number>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('person_year_training')
    .select(['person_id', 'hours'])
    .where(sql<boolean>`person_id = any(${personIds}::uuid[])`)
    .where('year', '=', year)
    .execute();
  return new Map(rows.map((r) => [r.person_id, Number(r.hours)]));
}

/** Standing centralised trainings of people in the years around one (a new secretary's may fall before or after). */
export async function completionsOf(db: Db, personIds: string[], years: { from: number; to: number }) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('training_completions')
    .select(['person_id', 'year', 'completed_on', 'title', 'level', 'hours'])
    .where(sql<boolean>`person_id = any(${personIds}::uuid[])`)
    .where('year', '>=', years.from)
    .where('year', '<=', years.to)
    .where('revoked_at', 'is', null)
    .orderBy('completed_on')
    .execute();
}

/** Declared rotations of a year whose subtree overlaps the path (above it or below it). */
export const rotationsAround = (db: Db, path: string, year: number) =>
  db
    .selectFrom('training_rotations')
    .select(['id', 'org_path', 'year', 'title', 'deadline', 'target_groups'])
    .where('year', '=', year)
    .where('status', '<>', 'draft')
    .where((eb) => eb.or([eb(sql.val(path), 'like', sql<string>`org_path || '%'`), eb('org_path', 'like', `${path}%`)]))
    .execute();

export async function studiedDirections(db: Db, personId: string): Promise<string[]> {
  const rows = await db.selectFrom('study_credits').select('direction').where('person_id', '=', personId).where('direction', 'is not', null).groupBy('direction').having((eb) => eb.fn.sum('hours'), '>', 0).execute();
  return rows.map((r) => r.direction!);
}

export const directions = (db: Db) => db.selectFrom('training_directions').select(['code', 'name_zh', 'name_en']).orderBy('sort').orderBy('code').execute();

export const activeCourses = (db: Db, limit: number) =>
  db.selectFrom('lecturer_courses as c').innerJoin('lecturers as l', 'l.id', 'c.lecturer_id').select(['c.id', 'c.title', 'c.direction']).where('c.status', '=', 'active').where('l.status', '=', 'active').orderBy('c.created_at', 'desc').limit(limit).execute();

/** Open classes run by an organisation above (or at) the person's, with the directions of their sessions. */
export async function openClassesFor(db: Db, orgPath: string, year: number): Promise<Array<{ id: string; title: string; directions: string[] }>> {
  const { rows } = await sql<{ id: string; title: string; directions: string[] | null }>`
    select c.id, c.title, array_remove(array_agg(distinct s.direction), null) as directions
      from training_classes c left join class_sessions s on s.class_id = c.id
     where c.status = 'open' and c.year >= ${year} and ${orgPath} like c.org_path || '%'
     group by c.id, c.title, c.created_at
     order by c.created_at desc
     limit 20`.execute(db);
  return rows.map((r) => ({ id: r.id, title: r.title, directions: r.directions ?? [] }));
}

// ---- coverage rows ----

/** Makes sure every organisation has its rows for the year (once per year; new organisations get theirs by trigger). */
export async function ensureYear(db: Db, year: number): Promise<void> {
  const known = await db.selectFrom('training_years').select('year').where('year', '=', year).executeTakeFirst();
  if (known) return;
  await sql`
    with y as (insert into training_years (year) values (${year}) on conflict do nothing returning year),
    totals as (insert into org_year_training_subtree (org_id, year) select o.id, y.year from organizations o, y on conflict do nothing)
    insert into org_year_training (org_id, year, org_path) select o.id, y.year, o.path from organizations o, y on conflict do nothing`.execute(db);
}

/**
 * Claims the stale rows of a subtree — and, given `dueOn` (today), those whose stored missed/weak
 * verdicts held only until an earlier day: marks them fresh first (and clears their day), so a
 * write after this marks them stale again (and the recomputed figures are not stored) and another
 * reader does not claim them too. Rows are locked in key order, as writers lock them, and a row a
 * write has locked is claimed only once that write has committed. Two statements, not an update
 * joined to its own select: with statistics from before a quarter end (every row due, few
 * expected) the planner joined 33,000 claimed rows by nested loops over the table, for minutes.
 */
export async function claimStale(db: Kysely<DB>, year: number, path: string, options: { dueOn?: string } = {}): Promise<string[]> {
  const due = options.dueOn === undefined ? sql`stale` : sql`(stale or flags_until < ${options.dueOn}::date)`;
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ org_id: string }>`
      select org_id from org_year_training
       where year = ${year} and org_path like ${`${path}%`} and ${due}
       order by org_id for update`.execute(trx);
    const ids = rows.map((r) => r.org_id);
    if (ids.length > 0) await sql`update org_year_training set stale = false, flags_until = null where year = ${year} and org_id = any(${ids}::uuid[])`.execute(trx);
    return ids;
  });
}

/** Gives claimed rows back (their recomputation failed): the next request or refresh claims them again. */
export async function unclaim(db: Db, year: number, orgIds: string[]): Promise<void> {
  if (orgIds.length === 0) return;
  await sql`update org_year_training set stale = true where year = ${year} and org_id = any(${orgIds}::uuid[])`.execute(db);
}

/** The years with rows to recompute: stale, or with verdicts that held only until before `today`. */
export async function yearsToRefresh(db: Db, today: string): Promise<number[]> {
  const { rows } = await sql<{ year: number }>`
    select y.year from training_years y
     where exists (select 1 from org_year_training t where t.year = y.year and t.stale)
        or exists (select 1 from org_year_training t where t.year = y.year and t.flags_until < ${today}::date)
     order by y.year`.execute(db);
  return rows.map((r) => r.year);
}

export type CoverageCounts = {
  considered: number;
  required: number;
  met: number;
  short: number;
  exempt: number;
  centralised_required: number;
  centralised_met: number;
  trained: number;
  hours_total: number;
  b0: number;
  b1: number;
  b2: number;
  b3: number;
  b4: number;
  b5: number;
  b6: number;
  missed: number;
  weak: number;
};

const COUNT_COLUMNS = ['considered', 'required', 'met', 'short', 'exempt', 'centralised_required', 'centralised_met', 'trained', 'hours_total', 'b0', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'missed', 'weak'] as const;
/** Counts of nobody. */
export const zeroCounts = (): CoverageCounts => Object.fromEntries(COUNT_COLUMNS.map((c) => [c, 0])) as CoverageCounts;
/** The counts of a row as numbers (numeric columns arrive as strings). */
const toCounts = (r: Record<(typeof COUNT_COLUMNS)[number], unknown>): CoverageCounts => Object.fromEntries(COUNT_COLUMNS.map((c) => [c, Number(r[c])])) as CoverageCounts;
const columns = (f: (c: string) => string) => sql.raw(COUNT_COLUMNS.map(f).join(', '));

/** A person flagged missed or weak, as stored (reasons and action as codes with parameters). */
export type FlagRow = { person_id: string; kind: 'missed' | 'weak'; hours_done: number; hours_required: number | null; reasons: unknown; action: unknown };

/** An organisation's recomputed row: its counts, its flagged people, and the last day those flags hold. */
export type OrgVerdicts = { counts: CoverageCounts; flags: FlagRow[]; flagsUntil: string | null };

/**
 * Stores recomputed rows of one year, in one transaction: the counts, the day their verdicts hold
 * through, and the organisation's flagged people (replacing its previous ones); and adds each row's
 * difference to the subtree totals of the organisation and its ancestors. A row a write marked stale
 * since the claim is left alone (the next request computes it again). The totals are locked in key
 * order after the shared advisory lock that keeps a moving subtree out (migration 202611260001).
 */
export async function writeCoverage(db: Kysely<DB>, year: number, verdicts: Map<string, OrgVerdicts>, now: Date): Promise<void> {
  if (verdicts.size === 0) return;
  const input = JSON.stringify([...verdicts].map(([org_id, v]) => ({ org_id, flags_until: v.flagsUntil, ...v.counts })));
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock_shared(org_year_training_subtree_lock())`.execute(trx);
    const { rows } = await sql<{ org_id: string; org_path: string } & CoverageCounts>`
      with input as (
        select * from jsonb_to_recordset(${input}::jsonb)
          as i (org_id uuid, flags_until date, considered int, required int, met int, short int, exempt int, centralised_required int, centralised_met int,
                trained int, hours_total numeric, b0 int, b1 int, b2 int, b3 int, b4 int, b5 int, b6 int, missed int, weak int)),
      old as (
        select t.org_id, t.org_path, ${columns((c) => `t.${c}`)}
          from org_year_training t join input i on i.org_id = t.org_id
         where t.year = ${year} and not t.stale
         order by t.org_id for update of t),
      written as (
        update org_year_training t set ${columns((c) => `${c} = i.${c}`)}, flags_until = i.flags_until, computed_at = ${now}
          from input i, old o
         where t.org_id = i.org_id and t.year = ${year} and o.org_id = i.org_id
        returning t.org_id)
      select o.org_id, o.org_path, ${columns((c) => `i.${c} - o.${c} as ${c}`)}
        from old o join input i on i.org_id = o.org_id join written w on w.org_id = o.org_id`.execute(trx);
    await writeFlags(trx, year, rows, verdicts);
    const changed = rows.filter((r) => COUNT_COLUMNS.some((c) => Number(r[c]) !== 0));
    if (changed.length === 0) return;
    const deltas = JSON.stringify(changed.map((r) => ({ ...r, hours_total: Number(r.hours_total) })));
    // Each ancestor's (and the organisation's own) summed difference.
    const up = sql`
      up as (
        select a.org_id, ${columns((c) => `sum(d.${c}) as ${c}`)}
          from jsonb_to_recordset(${deltas}::jsonb)
            as d (org_path text, considered int, required int, met int, short int, exempt int, centralised_required int, centralised_met int,
                  trained int, hours_total numeric, b0 int, b1 int, b2 int, b3 int, b4 int, b5 int, b6 int, missed int, weak int)
          cross join lateral unnest(org_path_prefixes(d.org_path)) as p (path)
          join org_year_training a on a.year = ${year} and a.org_path = p.path
         group by a.org_id)`;
    await sql`
      with ${up}
      select 1 from org_year_training_subtree x join up using (org_id) where x.year = ${year} order by x.org_id for update of x`.execute(trx);
    await sql`
      with ${up}
      update org_year_training_subtree x set ${columns((c) => `${c} = x.${c} + up.${c}`)}
        from up where x.org_id = up.org_id and x.year = ${year}`.execute(trx);
  });
}

/** Replaces the flagged people of the organisations whose rows were written (the others' stay as they were). */
async function writeFlags(trx: Transaction<DB>, year: number, written: Array<{ org_id: string; org_path: string }>, verdicts: Map<string, OrgVerdicts>): Promise<void> {
  if (written.length === 0) return;
  await sql`delete from training_flags where year = ${year} and org_id = any(${written.map((w) => w.org_id)}::uuid[])`.execute(trx);
  const rows = written.flatMap((w) => verdicts.get(w.org_id)!.flags.map((f) => ({ ...f, org_id: w.org_id, org_path: w.org_path })));
  for (let i = 0; i < rows.length; i += 2000) {
    await sql`
      insert into training_flags (year, kind, org_id, person_id, org_path, hours_done, hours_required, reasons, action)
      select ${year}, f.kind, f.org_id, f.person_id, f.org_path, f.hours_done, f.hours_required, f.reasons, f.action
        from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 2000))}::jsonb)
          as f (kind text, org_id uuid, person_id uuid, org_path text, hours_done numeric, hours_required numeric, reasons jsonb, action jsonb)`.execute(trx);
  }
}

/**
 * One page of the people of a subtree flagged missed or weak in a year, in the tree's path order,
 * then by person. The page is cut from training_flags alone (a deep page skips index entries, not
 * joined rows); only its rows are joined to their names.
 */
export async function pageFlags(db: Db, options: { year: number; kind: 'missed' | 'weak'; path: string; limit: number; offset: number }) {
  const { rows } = await sql<{ person_id: string; name: string; org_id: string; org_name: string; category: string; hours_done: string; hours_required: string | null; reasons: unknown; action: unknown }>`
    select f.person_id, p.name, f.org_id, o.name as org_name, p.category, f.hours_done, f.hours_required, f.reasons, f.action
      from (select * from training_flags
             where year = ${options.year} and kind = ${options.kind} and org_path like ${`${options.path}%`}
             order by org_path, person_id
             limit ${options.limit} offset ${options.offset}) f
      join people p on p.id = f.person_id
      join organizations o on o.id = f.org_id
     order by f.org_path, f.person_id`.execute(db);
  return rows;
}

/** The stored subtree totals of an organisation for a year (zero until stored). */
export async function subtreeTotals(db: Db, year: number, orgId: string): Promise<CoverageCounts> {
  const row = await db.selectFrom('org_year_training_subtree').select([...COUNT_COLUMNS]).where('org_id', '=', orgId).where('year', '=', year).executeTakeFirst();
  return row ? toCounts(row) : zeroCounts();
}

/** The stored subtree totals of an organisation and of each direct child (in the tree's order; zero until stored), for a year. */
export async function sumSubtree(db: Db, year: number, org: { id: string }): Promise<{ total: CoverageCounts; children: Array<CoverageCounts & { id: string; name: string }> }> {
  const { rows } = await sql<CoverageCounts & { id: string; name: string; own: boolean }>`
    select o.id, o.name, o.id = ${org.id} as own, ${columns((c) => `coalesce(x.${c}, 0) as ${c}`)}
      from organizations o
      left join org_year_training_subtree x on x.org_id = o.id and x.year = ${year}
     where o.id = ${org.id} or o.parent_id = ${org.id}
     order by o.seq`.execute(db);
  // The organisation's own row is always there.
  return { total: toCounts(rows.find((r) => r.own)!), children: rows.filter((r) => !r.own).map((r) => ({ id: r.id, name: r.name, ...toCounts(r) })) };
}

// ---- delivered study ----

export async function insertDelivered(db: Db, v: { id: string; personId: string; orgId: string; orgPath: string; deliveredOn: string; material: string; deliveredBy: string; note: string | null; createdBy: string }): Promise<void> {
  await db
    .insertInto('delivered_study_records')
    .values({ id: v.id, person_id: v.personId, org_id: v.orgId, org_path: v.orgPath, delivered_on: v.deliveredOn, material: v.material, delivered_by: v.deliveredBy, note: v.note, created_by: v.createdBy })
    .execute();
}

export const listDelivered = (db: Db, options: { path: string; year: number; id?: string }) =>
  db
    .selectFrom('delivered_study_records as d')
    .innerJoin('people as p', 'p.id', 'd.person_id')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .select(['d.id', 'd.person_id', 'p.name as person_name', 'o.name as org_name', 'd.delivered_on', 'd.material', 'd.delivered_by', 'd.note', 'd.created_at'])
    .where('p.org_path', 'like', `${options.path}%`)
    .where('d.delivered_on', '>=', `${options.year}-01-01`)
    .where('d.delivered_on', '<=', `${options.year}-12-31`)
    .$if(options.id !== undefined, (qb) => qb.where('d.id', '=', options.id!))
    .orderBy('d.delivered_on', 'desc')
    .orderBy('d.id', 'desc')
    .limit(500)
    .execute();

// ---- manual credits ----

export async function insertManual(db: Db, v: { id: string; personId: string; orgId: string; orgPath: string; studiedOn: string; hours: number; description: string; requestedBy: string }): Promise<void> {
  await db
    .insertInto('manual_credit_requests')
    .values({ id: v.id, person_id: v.personId, org_id: v.orgId, org_path: v.orgPath, studied_on: v.studiedOn, hours: v.hours, description: v.description, requested_by: v.requestedBy })
    .execute();
}

const manualQuery = (db: Db) =>
  db
    .selectFrom('manual_credit_requests as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .select(['m.id', 'm.person_id', 'p.name as person_name', 'p.org_id', 'p.org_path', 'o.name as org_name', 'm.studied_on', 'm.hours', 'm.description', 'm.status', 'm.decision_note', 'm.decided_at', 'm.credit_id', 'm.created_at']);

export const findManual = (db: Db, id: string, options: { forUpdate?: boolean } = {}) =>
  manualQuery(db)
    .where('m.id', '=', id)
    .$if(options.forUpdate === true, (qb) => qb.forUpdate('m'))
    .executeTakeFirst();
export type ManualRow = NonNullable<Awaited<ReturnType<typeof findManual>>>;

export const listManual = (db: Db, options: { path?: string; personId?: string; status?: string }) =>
  manualQuery(db)
    .$if(options.path !== undefined, (qb) => qb.where('p.org_path', 'like', `${options.path}%`))
    .$if(options.personId !== undefined, (qb) => qb.where('m.person_id', '=', options.personId!))
    .$if(options.status !== undefined, (qb) => qb.where('m.status', '=', options.status!))
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(500)
    .execute();

export async function decideManual(db: Db, v: { id: string; status: 'approved' | 'rejected'; decidedBy: string; note: string | null; creditId: string | null; now: Date }): Promise<void> {
  await db.updateTable('manual_credit_requests').set({ status: v.status, decided_by: v.decidedBy, decided_at: v.now, decision_note: v.note, credit_id: v.creditId }).where('id', '=', v.id).execute();
}
