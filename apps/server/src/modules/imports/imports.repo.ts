/**
 * SQL for imports: the batches (a dry run's report and its normalised rows, until they are
 * committed), and the look-ups a whole file needs at once — organisations by code and people by
 * the keyed hash of their ID number — in chunks, so 20,000 rows cost a few dozen queries, not
 * 20,000.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, NewPerson } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Rows per look-up statement: well below PostgreSQL's 65,535 parameters, small enough for a quick plan. */
const LOOKUP_CHUNK = 1_000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type NewBatch = { id: string; kind: string; orgId: string; createdBy: string; fileName: string; fileSha256: string; report: unknown; rows: unknown };

export async function insertBatch(db: Db, batch: NewBatch): Promise<void> {
  await db
    .insertInto('import_batches')
    .values({
      id: batch.id,
      kind: batch.kind,
      org_id: batch.orgId,
      created_by: batch.createdBy,
      file_name: batch.fileName,
      file_sha256: batch.fileSha256,
      status: 'dry_run',
      report: JSON.stringify(batch.report),
      rows: JSON.stringify(batch.rows),
    })
    .execute();
}

/** A batch with its organisation's name and path (for the policy) — without the rows, which only a commit reads. */
export const findBatch = (db: Db, id: string) =>
  db
    .selectFrom('import_batches as b')
    .innerJoin('organizations as o', 'o.id', 'b.org_id')
    .select(['b.id', 'b.kind', 'b.org_id', 'b.created_by', 'b.file_name', 'b.file_sha256', 'b.status', 'b.mode', 'b.report', 'b.created_at', 'b.committed_at'])
    .select(['o.name as org_name', 'o.path as org_path'])
    .where('b.id', '=', id)
    .executeTakeFirst();

export type BatchWithOrg = NonNullable<Awaited<ReturnType<typeof findBatch>>>;

/**
 * Takes a dry run for committing: the row lock makes a second, concurrent commit wait and then
 * find the batch no longer a dry run. Undefined if someone else committed it first.
 */
export const claimBatch = (trx: Transaction<DB>, id: string) =>
  trx.updateTable('import_batches').set({ status: 'committing' }).where('id', '=', id).where('status', '=', 'dry_run').returning(['id', 'rows']).executeTakeFirst();

/** The outcome replaces the dry run's report; the rows (personal data) are no longer needed and are dropped. */
export async function finishBatch(trx: Transaction<DB>, id: string, values: { mode: string; report: unknown; committedAt: Date }): Promise<void> {
  await trx
    .updateTable('import_batches')
    .set({ status: 'committed', mode: values.mode, report: JSON.stringify(values.report), rows: '[]', committed_at: values.committedAt })
    .where('id', '=', id)
    .execute();
}

export async function orgsByCodes(db: Db, codes: string[]) {
  const found = [];
  for (const chunk of chunks(codes, LOOKUP_CHUNK)) {
    found.push(...(await db.selectFrom('organizations').select(['id', 'code', 'name', 'path', 'active']).where('code', 'in', chunk).execute()));
  }
  return found;
}

/**
 * The people already holding these ID numbers (by keyed hash), with their organisation's name:
 * the columns an import compares and the encrypted phone (kept when a file lacks the phone
 * column). Only what is needed: for 20,000 matches, whole rows take eight times as long to read.
 */
export async function peopleByIdHashes(db: Db, hashes: string[]) {
  const found = [];
  for (const chunk of chunks(hashes, LOOKUP_CHUNK)) {
    found.push(
      ...(await db
        .selectFrom('people as p')
        .innerJoin('organizations as o', 'o.id', 'p.org_id')
        .select(['p.id', 'p.org_id', 'p.org_path', 'p.version', 'p.name', 'p.sex', 'p.ethnicity', 'p.birth_date', 'p.id_number_hash', 'p.phone_hash', 'p.phone_enc', 'p.education'])
        .select(['p.category', 'p.joined_on', 'p.confirmed_on', 'p.post', 'p.address', 'p.status', 'p.lost_contact_since', 'p.study_exempt_reason'])
        .select(['p.is_leading_cadre', 'p.is_party_affairs_worker', 'p.is_secretary', 'p.is_committee_member', 'p.is_infirm', 'p.is_retired', 'p.study_exempt'])
        .select(['p.secretary_since', 'p.business_line'])
        .select('o.name as org_name')
        .where('p.id_number_hash', 'in', chunk)
        .execute()),
    );
  }
  return found;
}

export type ExistingPerson = Awaited<ReturnType<typeof peopleByIdHashes>>[number];

export async function orgCodesByIds(db: Db, ids: string[]): Promise<Map<string, string>> {
  const codes = new Map<string, string>();
  for (const chunk of chunks(ids, LOOKUP_CHUNK)) {
    for (const o of await db.selectFrom('organizations').select(['id', 'code']).where('id', 'in', chunk).execute()) codes.set(o.id, o.code);
  }
  return codes;
}

/**
 * New people, a chunk per statement, each chunk one JSON document that PostgreSQL expands into
 * rows (json_populate_recordset): on PGlite this is a third faster than multi-row VALUES, whose
 * 16,500 parameters per 500 rows are each sent and converted on their own. Every row must have
 * the same columns (buildPersonRow's).
 */
export async function insertPeople(trx: Transaction<DB>, rows: NewPerson[], chunkSize: number): Promise<void> {
  if (rows.length === 0) return;
  const columns = sql.join(Object.keys(rows[0]!).map((c) => sql.ref(c)));
  for (const chunk of chunks(rows, chunkSize)) {
    await sql`insert into people (${columns}) select ${columns} from json_populate_recordset(null::people, ${JSON.stringify(chunk)}::json)`.execute(trx);
  }
}
