/** SQL for recurring plans (年度计划): the plan rows, their activities, and counts of those by status. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

function selectPlan(db: Db) {
  return db
    .selectFrom('activity_plans as p')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .selectAll('p')
    .select((eb) => [
      'o.name as org_name',
      'o.kind as org_kind',
      'o.has_committee as org_has_committee',
      'o.active as org_active',
      eb
        .selectFrom('activities as a')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('a.plan_id', '=', 'p.id')
        .where('a.status', '=', 'planned')
        .as('planned_count'),
      eb
        .selectFrom('activities as a')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('a.plan_id', '=', 'p.id')
        .where('a.status', '=', 'held')
        .as('held_count'),
      eb
        .selectFrom('activities as a')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('a.plan_id', '=', 'p.id')
        .where('a.status', '=', 'cancelled')
        .as('cancelled_count'),
    ]);
}

export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

export const findPlan = (db: Db, id: string) => selectPlan(db).where('p.id', '=', id).executeTakeFirst();

export const lockPlan = (db: Transaction<DB>, id: string) => db.selectFrom('activity_plans').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** A plan of the same organisation, year and kind on the same recurrence and start time (jsonb equality ignores key order). */
export const findSamePlan = (db: Db, o: { orgId: string; year: number; kind: string; recurrence: unknown; startTime: string }) =>
  selectPlan(db)
    .where('p.org_id', '=', o.orgId)
    .where('p.year', '=', o.year)
    .where('p.kind', '=', o.kind)
    .where('p.start_time', '=', o.startTime)
    .where('p.recurrence', '=', sql<unknown>`${JSON.stringify(o.recurrence)}::jsonb`)
    .executeTakeFirst();

export async function insertPlan(
  db: Transaction<DB>,
  v: {
    id: string;
    orgId: string;
    orgPath: string;
    year: number;
    kind: string;
    topic: string;
    recurrence: unknown;
    startTime: string;
    durationMinutes: number;
    place: string | null;
    studyForm: string | null;
    createdBy: string;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('activity_plans')
    .values({
      id: v.id,
      org_id: v.orgId,
      org_path: v.orgPath,
      year: v.year,
      kind: v.kind,
      topic: v.topic,
      recurrence: JSON.stringify(v.recurrence),
      start_time: v.startTime,
      duration_minutes: v.durationMinutes,
      place: v.place,
      study_form: v.studyForm,
      created_by: v.createdBy,
      created_at: v.now,
      updated_at: v.now,
    })
    .execute();
}

export async function updatePlan(
  db: Transaction<DB>,
  id: string,
  v: { topic: string; recurrence: unknown; startTime: string; durationMinutes: number; place: string | null; studyForm: string | null; now: Date },
): Promise<void> {
  await db
    .updateTable('activity_plans')
    .set((eb) => ({
      topic: v.topic,
      recurrence: JSON.stringify(v.recurrence),
      start_time: v.startTime,
      duration_minutes: v.durationMinutes,
      place: v.place,
      study_form: v.studyForm,
      updated_at: v.now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function deletePlan(db: Transaction<DB>, id: string): Promise<void> {
  await db.deleteFrom('activity_plans').where('id', '=', id).executeTakeFirstOrThrow();
}

/** A plan's activities, soonest first. */
export const planActivities = (db: Db, planId: string) =>
  db
    .selectFrom('activities')
    .select(['id', 'status', 'planned_start', 'held_on', 'cancel_reason', 'topic', 'place', 'study_form', 'planned_end'])
    .where('plan_id', '=', planId)
    .orderBy('planned_start')
    .orderBy('id')
    .execute();

export type PlanActivityRow = Awaited<ReturnType<typeof planActivities>>[number];

/** Moves a planned activity to a new time and takes over the plan's fields (version bumped for open forms). */
export async function reschedule(
  db: Transaction<DB>,
  id: string,
  v: { plannedStart: Date; plannedEnd: Date; topic: string; place: string | null; studyForm: string | null; now: Date },
): Promise<void> {
  await db
    .updateTable('activities')
    .set((eb) => ({
      planned_start: v.plannedStart,
      planned_end: v.plannedEnd,
      topic: v.topic,
      place: v.place,
      study_form: v.studyForm,
      updated_at: v.now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('status', '=', 'planned')
    .executeTakeFirstOrThrow();
}

/** A page of the plans of a year under some subtrees, by organisation and kind. */
export async function listPlans(db: Db, o: { paths: string[]; year: number; page: number; pageSize: number }) {
  if (o.paths.length === 0) return { rows: [], total: 0 };
  const filtered = selectPlan(db)
    .where('p.year', '=', o.year)
    .where((eb) => eb.or(o.paths.map((p) => eb('p.org_path', 'like', `${p}%`))));
  const [rows, count] = await Promise.all([
    filtered
      .orderBy('p.org_path')
      .orderBy('p.kind')
      .orderBy('p.id')
      .limit(o.pageSize)
      .offset((o.page - 1) * o.pageSize)
      .execute(),
    filtered
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
