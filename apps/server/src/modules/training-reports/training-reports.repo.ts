/**
 * SQL of the training exports: the members of a subtree a page at a time (keyset on organisation
 * path, pinyin and id, so a 300,000-person province streams in bounded memory), their year's
 * credits by source type and centralised trainings for one page of ids, the organisations of a
 * subtree, and one member's year for the PDF.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** The people the ledger lists: party members (the study-hour requirements are theirs). */
const MEMBER_CATEGORIES = ['full', 'probationary'];

export type LedgerPerson = {
  id: string;
  name: string;
  name_pinyin: string;
  org_id: string;
  org_path: string;
  org_name: string;
  category: string;
  is_secretary: boolean;
  is_committee_member: boolean;
  is_infirm: boolean;
  study_exempt: boolean;
  study_exempt_reason: string | null;
  confirmed_on: string | null;
  secretary_since: string | null;
  is_party_affairs_worker: boolean;
};

export type Cursor = { orgPath: string; pinyin: string; id: string } | null;

export async function membersPage(db: Db, options: { orgPath: string; after: Cursor; limit: number }): Promise<LedgerPerson[]> {
  const after = options.after;
  return db
    .selectFrom('people as p')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.name', 'p.name_pinyin', 'p.org_id', 'p.org_path', 'o.name as org_name', 'p.category'])
    .select(['p.is_secretary', 'p.is_committee_member', 'p.is_infirm', 'p.study_exempt', 'p.study_exempt_reason', 'p.confirmed_on', 'p.secretary_since', 'p.is_party_affairs_worker'])
    .where('p.org_path', 'like', `${options.orgPath}%`)
    .where('p.category', 'in', MEMBER_CATEGORIES)
    .$if(after !== null, (qb) => qb.where(sql<boolean>`(p.org_path, p.name_pinyin, p.id) > (${after!.orgPath}, ${after!.pinyin}, ${after!.id}::uuid)`))
    .orderBy('p.org_path')
    .orderBy('p.name_pinyin')
    .orderBy('p.id')
    .limit(options.limit)
    .execute();
}

/** Hours of a year by person and source type (reversals included, so reversed credits net to zero). */
export async function hoursBySource(db: Db, personIds: string[], year: number): Promise<Array<{ person_id: string; source_type: string; hours: number }>> {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('study_credits')
    .select((eb) => ['person_id', 'source_type', eb.fn.sum<string>('hours').as('hours')])
    .where('person_id', 'in', personIds)
    .where('year', '=', year)
    .groupBy(['person_id', 'source_type'])
    .execute();
  return rows.map((r) => ({ person_id: r.person_id, source_type: r.source_type, hours: Number(r.hours) }));
}

/** Centralised trainings of a year that stand (not revoked), counted by person. */
export async function centralisedCounts(db: Db, personIds: string[], year: number): Promise<Map<string, number>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('training_completions')
    .select((eb) => ['person_id', eb.fn.countAll<string>().as('n')])
    .where('person_id', 'in', personIds)
    .where('year', '=', year)
    .where('revoked_at', 'is', null)
    .groupBy('person_id')
    .execute();
  return new Map(rows.map((r) => [r.person_id, Number(r.n)]));
}

export const subtreeOrgs = (db: Db, path: string) =>
  db.selectFrom('organizations').select(['id', 'name', 'path', 'depth', 'active']).where('path', 'like', `${path}%`).orderBy('path').execute();

export const findPersonForRecord = (db: Db, id: string) =>
  db
    .selectFrom('people as p')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.name', 'p.org_id', 'p.org_path', 'o.name as org_name', 'p.category', 'p.is_secretary', 'p.is_committee_member', 'p.is_infirm', 'p.study_exempt', 'p.study_exempt_reason', 'p.confirmed_on', 'p.secretary_since', 'p.is_party_affairs_worker'])
    .where('p.id', '=', id)
    .executeTakeFirst();

export const completionsOfYear = (db: Db, personId: string, year: number) =>
  db
    .selectFrom('training_completions')
    .select(['id', 'completed_on', 'kind', 'level', 'title', 'hours'])
    .where('person_id', '=', personId)
    .where('year', '=', year)
    .where('revoked_at', 'is', null)
    .orderBy('completed_on')
    .execute();
