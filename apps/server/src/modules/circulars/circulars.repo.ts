/**
 * SQL for circulars: versions per organisation and quarter, the lists a caller may see, the
 * stored documents, open make-up study for the figures, and the secretaries a publication notifies.
 */
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** Everything but the documents' bytes (their sizes instead), with the organisation's and generator's names. */
const summaryQuery = (db: Db) =>
  db
    .selectFrom('circulars as c')
    .innerJoin('organizations as o', 'o.id', 'c.org_id')
    .leftJoin('users as u', 'u.id', 'c.generated_by')
    .select([
      'c.id',
      'c.org_id',
      'c.org_path',
      'c.period',
      'c.version',
      'c.title',
      'c.created_at',
      'c.published_at',
      'o.name as org_name',
      'u.display_name as generated_by_name',
      sql<number>`octet_length(c.docx)`.as('docx_bytes'),
      sql<number>`octet_length(c.pdf)`.as('pdf_bytes'),
    ]);

export type CircularSummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

export const findSummary = (db: Db, id: string) => summaryQuery(db).where('c.id', '=', id).executeTakeFirst();

export async function findWithFigures(db: Db, id: string) {
  return summaryQuery(db).select('c.figures').where('c.id', '=', id).executeTakeFirst();
}

export async function findDocument(db: Db, id: string, format: 'docx' | 'pdf') {
  return db.selectFrom('circulars').select(['id', 'org_path', 'published_at', 'period', 'version', 'title', format === 'docx' ? 'docx as bytes' : 'pdf as bytes']).where('id', '=', id).executeTakeFirst();
}

/**
 * Circulars visible to a caller: every version under the subtrees they manage as committee
 * officer, and published ones of organisations whose subtree overlaps a secretary grant.
 */
export async function listVisible(db: Db, options: { officerPaths: string[]; secretaryPaths: string[]; orgId?: string | undefined; period?: string | undefined; limit: number }) {
  return summaryQuery(db)
    .where((eb) => {
      const ors: Expression<SqlBool>[] = options.officerPaths.map((p) => eb('c.org_path', 'like', `${escapeLike(p)}%`));
      for (const p of options.secretaryPaths) {
        ors.push(eb.and([eb('c.published_at', 'is not', null), eb.or([eb('c.org_path', 'like', `${escapeLike(p)}%`), sql<SqlBool>`${p} like c.org_path || '%'`])]));
      }
      return ors.length ? eb.or(ors) : sql<SqlBool>`false`;
    })
    .$if(options.orgId !== undefined, (q) => q.where('c.org_id', '=', options.orgId!))
    .$if(options.period !== undefined, (q) => q.where('c.period', '=', options.period!))
    .orderBy('c.period', 'desc')
    .orderBy('o.path')
    .orderBy('c.version', 'desc')
    .limit(options.limit)
    .execute();
}

/** Serialises generation for one organisation, so two versions never get the same number. */
export async function lockOrg(trx: Transaction<DB>, orgId: string): Promise<void> {
  await trx.selectFrom('organizations').select('id').where('id', '=', orgId).forUpdate().execute();
}

export async function nextVersion(trx: Transaction<DB>, orgId: string, period: string): Promise<number> {
  const row = await trx
    .selectFrom('circulars')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('org_id', '=', orgId)
    .where('period', '=', period)
    .executeTakeFirst();
  return Number(row?.v ?? 0) + 1;
}

export async function insertCircular(
  trx: Transaction<DB>,
  values: { id: string; orgId: string; orgPath: string; period: string; version: number; title: string; figures: unknown; docx: Buffer; pdf: Buffer; generatedBy: string; createdAt: Date },
): Promise<void> {
  await trx
    .insertInto('circulars')
    .values({
      id: values.id,
      org_id: values.orgId,
      org_path: values.orgPath,
      period: values.period,
      version: values.version,
      title: values.title,
      figures: JSON.stringify(values.figures),
      docx: values.docx,
      pdf: values.pdf,
      generated_by: values.generatedBy,
      created_at: values.createdAt,
    })
    .execute();
}

/** Sets the publication once; returns whether this call published it. */
export async function markPublished(trx: Transaction<DB>, id: string, options: { at: Date; by: string }): Promise<boolean> {
  const result = await trx.updateTable('circulars').set({ published_at: options.at, published_by: options.by }).where('id', '=', id).where('published_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Accounts granted 'secretary' on an organisation of this subtree (the root of it included). */
export async function secretaryUserIdsUnder(db: Db, path: string): Promise<string[]> {
  const rows = await db
    .selectFrom('role_grants as g')
    .innerJoin('organizations as o', 'o.id', 'g.org_id')
    .select('g.user_id')
    .distinct()
    .where('g.role', '=', 'secretary')
    .where('o.path', 'like', `${escapeLike(path)}%`)
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * Open make-up study (completed_at is null) of activities held on or before `until`, per
 * organisation of the subtree, in tree order.
 */
export async function openMakeupByOrg(db: Db, options: { path: string; until: string }) {
  const rows = await db
    .selectFrom('makeup_assignments as m')
    .innerJoin('activities as a', 'a.id', 'm.activity_id')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .select(['o.id as org_id', 'o.name', 'o.path'])
    .select((eb) => eb.fn.countAll<number>().as('open'))
    .where('m.org_path', 'like', `${escapeLike(options.path)}%`)
    .where('m.completed_at', 'is', null)
    .where('a.held_on', '<=', options.until)
    .groupBy(['o.id', 'o.name', 'o.path'])
    .orderBy('o.path')
    .execute();
  return rows.map((r) => ({ orgId: r.org_id, name: r.name, open: Number(r.open) }));
}
