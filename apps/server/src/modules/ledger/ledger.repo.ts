/**
 * SQL for the study-hour ledger (学时). The table is append-only (a trigger refuses UPDATE and
 * DELETE): credits are inserted, and a correction is one more row with the opposite hours that
 * names the row it reverses.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export type CreditSourceType = 'activity' | 'class_session' | 'course' | 'test' | 'external' | 'manual';

export type CreditRow = {
  id: string;
  person_id: string;
  org_id: string;
  org_path: string;
  year: number;
  credited_on: string;
  hours: number;
  description: string;
  reverses_id: string | null;
};

/** What the ledger reads of an activity to credit its attendance. */
export const findActivityForCredit = (db: Db, id: string) =>
  db.selectFrom('activities').select(['id', 'status', 'kind', 'topic', 'held_on', 'credit_hours']).where('id', '=', id).executeTakeFirst();

/**
 * The people present at an activity (with their organisation now) and every ledger row the activity
 * produced, read in ONE statement: concurrent sign-ins commit between statements, and a read of
 * attendance and credits from two different moments could reverse a credit whose attendance it did
 * not see.
 */
export async function presentAndCredits(db: Db, activityId: string): Promise<{ present: Array<{ person_id: string; org_id: string; org_path: string }>; credits: CreditRow[] }> {
  const { rows } = await sql<{ row_kind: 'present' | 'credit' } & CreditRow>`
    select 'present' as row_kind, p.id as person_id, p.org_id, p.org_path,
           null::uuid as id, null::int as year, null::date as credited_on, null::numeric as hours, null::text as description, null::uuid as reverses_id
      from activity_attendees aa join people p on p.id = aa.person_id
     where aa.activity_id = ${activityId} and aa.status = 'present'
    union all
    select 'credit', c.person_id, c.org_id, c.org_path, c.id, c.year, c.credited_on, c.hours, c.description, c.reverses_id
      from study_credits c
     where c.source_type = 'activity' and c.source_id = ${activityId}
  `.execute(db);
  return {
    present: rows.filter((r) => r.row_kind === 'present').map((r) => ({ person_id: r.person_id, org_id: r.org_id, org_path: r.org_path })),
    credits: rows.filter((r) => r.row_kind === 'credit').map(({ row_kind: _kind, ...r }) => r),
  };
}

/** Every ledger row an activity produced (source index); all a sync needs while the activity earns nothing. */
export const creditsOfActivity = (db: Db, activityId: string): Promise<CreditRow[]> =>
  db
    .selectFrom('study_credits')
    .select(['id', 'person_id', 'org_id', 'org_path', 'year', 'credited_on', 'hours', 'description', 'reverses_id'])
    .where('source_type', '=', 'activity')
    .where('source_id', '=', activityId)
    .execute();

/** Hours already credited to each person on a local day from every source but the one given. */
export async function dayTotalsExcept(db: Db, options: { personIds: string[]; day: string; sourceType: CreditSourceType; sourceId: string }): Promise<Map<string, number>> {
  if (options.personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('study_credits')
    .select((eb) => ['person_id', eb.fn.sum<number>('hours').as('hours')])
    .where('person_id', 'in', options.personIds)
    .where('credited_on', '=', options.day)
    .where((eb) => eb.not(eb.and([eb('source_type', '=', options.sourceType), eb('source_id', '=', options.sourceId)])))
    .groupBy('person_id')
    .execute();
  return new Map(rows.map((r) => [r.person_id, Number(r.hours)]));
}

export type NewCredit = {
  id: string;
  personId: string;
  orgId: string;
  orgPath: string;
  year: number;
  creditedOn: string;
  hours: number;
  sourceType: CreditSourceType;
  sourceId: string | null;
  description: string;
  reversesId: string | null;
  createdBy: string | null;
  createdAt: Date;
  /** The teaching direction of the course the credit came from (training_directions.code), when known. */
  direction?: string | null;
};

export async function insertCredits(db: Transaction<DB>, credits: NewCredit[]): Promise<void> {
  if (credits.length === 0) return;
  await db
    .insertInto('study_credits')
    .values(
      credits.map((c) => ({
        id: c.id,
        person_id: c.personId,
        org_id: c.orgId,
        org_path: c.orgPath,
        year: c.year,
        credited_on: c.creditedOn,
        hours: c.hours,
        source_type: c.sourceType,
        source_id: c.sourceId,
        description: c.description,
        reverses_id: c.reversesId,
        created_by: c.createdBy,
        created_at: c.createdAt,
        direction: c.direction ?? null,
      })),
    )
    .execute();
}

/** Every ledger row of one person and year (credits and reversals), with the organisation's name. */
export function listPersonYear(db: Db, personId: string, year: number) {
  return db
    .selectFrom('study_credits as c')
    .innerJoin('organizations as o', 'o.id', 'c.org_id')
    .select(['c.id', 'c.credited_on', 'c.hours', 'c.description', 'c.source_type', 'c.source_id', 'c.reverses_id', 'c.org_id', 'o.name as org_name', 'c.created_at'])
    .where('c.person_id', '=', personId)
    .where('c.year', '=', year)
    .orderBy('c.credited_on', 'desc')
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

export const findPerson = (db: Db, id: string) => db.selectFrom('people').select(['id', 'name', 'org_id', 'org_path']).where('id', '=', id).executeTakeFirst();
