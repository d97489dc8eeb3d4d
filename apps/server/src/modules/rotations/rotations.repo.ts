/**
 * SQL for rotation training: the rotations, their batches (classes with rotation_id), and coverage
 * over a subtree — one set-based statement that classifies every person of the target groups under
 * an organisation (one range scan of people.org_path, indexed EXISTS look-ups per person) and
 * groups them by the sub-organisation they are in.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { CoverageStatus, TrainingTargetGroup } from '@pioneer/domain';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

const selectRotation = (db: Db) =>
  db
    .selectFrom('training_rotations as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .select(['r.id', 'r.org_id', 'r.org_path', 'r.year', 'r.title', 'r.target_groups', 'r.deadline', 'r.required_hours', 'r.notes', 'r.status', 'r.version', 'o.name as org_name'])
    .select((eb) => eb.selectFrom('training_classes as c').whereRef('c.rotation_id', '=', 'r.id').select((e) => e.fn.countAll<number>().as('n')).as('batch_count'));

export type RotationRow = NonNullable<Awaited<ReturnType<typeof findRotation>>>;

export const findRotation = (db: Db, id: string) => selectRotation(db).where('r.id', '=', id).executeTakeFirst();

export const lockRotation = (trx: Transaction<DB>, id: string) => trx.selectFrom('training_rotations').select(['id', 'version', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();

/** Rotations of a year declared on or above one of the paths, or inside one of them. */
export function listRotations(db: Db, options: { paths: string[]; year?: number | undefined }) {
  if (options.paths.length === 0) return Promise.resolve([]);
  return selectRotation(db)
    .where((eb) => eb.or(options.paths.flatMap((p) => [sql<boolean>`r.org_path like ${`${p}%`}`, sql<boolean>`${p} like r.org_path || '%'`])))
    .$if(options.year !== undefined, (q) => q.where('r.year', '=', options.year!))
    .orderBy('r.year', 'desc')
    .orderBy('r.deadline')
    .orderBy('r.id')
    .execute();
}

export const insertRotation = (trx: Transaction<DB>, values: { id: string; orgId: string; orgPath: string; year: number; title: string; targetGroups: string[]; deadline: string; requiredHours: number | null; notes: string | null; createdBy: string; now: Date }) =>
  trx
    .insertInto('training_rotations')
    .values({
      id: values.id,
      org_id: values.orgId,
      org_path: values.orgPath,
      year: values.year,
      title: values.title,
      target_groups: values.targetGroups,
      deadline: values.deadline,
      required_hours: values.requiredHours,
      notes: values.notes,
      status: 'open',
      created_by: values.createdBy,
      created_at: values.now,
      updated_at: values.now,
    })
    .execute();

export const updateRotation = (trx: Transaction<DB>, id: string, values: { title?: string; target_groups?: string[]; deadline?: string; required_hours?: number | null; notes?: string | null; status?: string; now: Date }) => {
  const { now, ...set } = values;
  return trx
    .updateTable('training_rotations')
    .set({ ...set, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
};

export const batchesOf = (db: Db, rotationId: string) =>
  db
    .selectFrom('training_classes as c')
    .innerJoin('organizations as o', 'o.id', 'c.org_id')
    .select(['c.id', 'c.title', 'c.org_id', 'o.name as org_name', 'c.status', 'c.capacity'])
    .select((eb) =>
      eb
        .selectFrom('class_enrolments as e')
        .whereRef('e.class_id', '=', 'c.id')
        .where('e.status', '=', 'enrolled')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('enrolled'),
    )
    .where('c.rotation_id', '=', rotationId)
    .orderBy('c.created_at')
    .execute();

export const findOrg = (db: Db, id: string) => db.selectFrom('organizations').select(['id', 'name', 'path']).where('id', '=', id).executeTakeFirst();
export const findOrgByPath = (db: Db, path: string) => db.selectFrom('organizations').select(['id', 'name', 'path']).where('path', '=', path).executeTakeFirst();

/** The target groups as one SQL condition on people p (mirrors inTargetGroup of the domain rules). */
function inTargetGroups(groups: readonly TrainingTargetGroup[]): RawBuilder<boolean> {
  const parts = groups.map((g) => {
    switch (g) {
      case 'all_members':
        return sql<boolean>`p.category in ('full', 'probationary')`;
      case 'secretaries':
        return sql<boolean>`p.is_secretary`;
      case 'party_affairs_workers':
        return sql<boolean>`p.is_party_affairs_worker`;
      case 'candidates_probationary':
        return sql<boolean>`p.category in ('candidate', 'probationary')`;
    }
  });
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

export type CoverageRotation = { id: string; year: number; deadline: string; targetGroups: TrainingTargetGroup[] };

/**
 * One person's status for a rotation (first that applies): trained (a standing completion of one
 * of its batches, or any standing centralised training from 1 January of its year to its deadline),
 * in progress (enrolled in an unfinished batch of it, or an unfinished class of its year), exempt
 * (study_exempt or is_infirm), not yet.
 */
function statusOf(r: CoverageRotation): RawBuilder<CoverageStatus> {
  return sql<CoverageStatus>`case
    when exists (select 1 from training_completions tc where tc.person_id = p.id and tc.revoked_at is null
                  and (tc.rotation_id = ${r.id} or (tc.completed_on >= ${`${r.year}-01-01`}::date and tc.completed_on <= ${r.deadline}::date))) then 'trained'
    when exists (select 1 from class_enrolments e join training_classes c on c.id = e.class_id
                  where e.person_id = p.id and e.status = 'enrolled' and c.status = 'open' and (c.rotation_id = ${r.id} or c.year = ${r.year})) then 'in_progress'
    when p.study_exempt or p.is_infirm then 'exempt'
    else 'not_yet' end`;
}

/** Counts by status and by the sub-organisation of `path` each person is in (null = directly in it). */
export async function coverageCounts(db: Db, r: CoverageRotation, path: string): Promise<Array<{ child_path: string | null; status: CoverageStatus; n: number }>> {
  const { rows } = await sql<{ child_path: string | null; status: CoverageStatus; n: number }>`
    select case when p.org_path = ${path} then null else ${path} || split_part(substr(p.org_path, ${path.length + 1}), '/', 1) || '/' end as child_path,
           ${statusOf(r)} as status,
           count(*)::int as n
      from people p
     where p.org_path like ${`${path}%`} and ${inTargetGroups(r.targetGroups)}
     group by 1, 2
  `.execute(db);
  return rows;
}

export const childOrgs = (db: Db, parentId: string) =>
  db
    .selectFrom('organizations as o')
    .select(['o.id', 'o.name', 'o.path'])
    .select((eb) => eb.exists(eb.selectFrom('organizations as c').select('c.id').whereRef('c.parent_id', '=', 'o.id')).as('has_children'))
    .where('o.parent_id', '=', parentId)
    .orderBy('o.path')
    .execute();

export type CoveragePersonRow = {
  id: string;
  name: string;
  org_id: string;
  org_name: string;
  category: string;
  status: CoverageStatus;
  detail: string | null;
  detail_on: string | null;
  study_exempt_reason: string | null;
  total: number;
};

/** The people of a subtree with their status and what it rests on, by organisation and pinyin. */
export async function coveragePeople(db: Db, r: CoverageRotation, options: { path: string; status?: CoverageStatus | undefined; limit: number; offset: number }): Promise<CoveragePersonRow[]> {
  const { rows } = await sql<CoveragePersonRow>`
    with t as (
      select p.id, p.name, p.name_pinyin, p.org_id, p.org_path, p.category, p.study_exempt_reason, p.is_infirm, ${statusOf(r)} as status
        from people p
       where p.org_path like ${`${options.path}%`} and ${inTargetGroups(r.targetGroups)}
    )
    select t.id, t.name, t.org_id, o.name as org_name, t.category, t.status, t.study_exempt_reason,
           case t.status
             when 'trained' then (select tc.title from training_completions tc where tc.person_id = t.id and tc.revoked_at is null
                                   and (tc.rotation_id = ${r.id} or (tc.completed_on >= ${`${r.year}-01-01`}::date and tc.completed_on <= ${r.deadline}::date))
                                   order by tc.completed_on limit 1)
             when 'in_progress' then (select c.title from class_enrolments e join training_classes c on c.id = e.class_id
                                       where e.person_id = t.id and e.status = 'enrolled' and c.status = 'open' and (c.rotation_id = ${r.id} or c.year = ${r.year})
                                       order by c.created_at limit 1)
             when 'exempt' then coalesce(t.study_exempt_reason, case when t.is_infirm then '年老体弱' end)
           end as detail,
           case t.status
             when 'trained' then (select tc.completed_on::text from training_completions tc where tc.person_id = t.id and tc.revoked_at is null
                                   and (tc.rotation_id = ${r.id} or (tc.completed_on >= ${`${r.year}-01-01`}::date and tc.completed_on <= ${r.deadline}::date))
                                   order by tc.completed_on limit 1)
           end as detail_on,
           count(*) over ()::int as total
      from t join organizations o on o.id = t.org_id
     where ${options.status === undefined ? sql`true` : sql`t.status = ${options.status}`}
     order by t.org_path, t.name_pinyin, t.id
     limit ${options.limit} offset ${options.offset}
  `.execute(db);
  return rows;
}
