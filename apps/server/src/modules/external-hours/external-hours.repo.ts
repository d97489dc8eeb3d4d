/**
 * SQL of the external-hours import: batches (report, sealed dry-run rows, outcome), the people a
 * file names (by the keyed hash of their ID number, in chunks), the records already imported for
 * the same trainings, and the writes of a commit and a reversal.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

const LOOKUP_CHUNK = 1_000;
const INSERT_CHUNK = 1_000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type NewBatch = { id: string; orgId: string; orgPath: string; createdBy: string; fileName: string; fileSha256: string; report: unknown; rows: unknown };

export async function insertBatch(db: Db, b: NewBatch): Promise<void> {
  await db
    .insertInto('external_hour_batches')
    .values({ id: b.id, org_id: b.orgId, org_path: b.orgPath, created_by: b.createdBy, file_name: b.fileName, file_sha256: b.fileSha256, status: 'dry_run', report: JSON.stringify(b.report), rows: JSON.stringify(b.rows) })
    .execute();
}

const batchColumns = [
  'b.id',
  'b.org_id',
  'b.org_path',
  'b.created_by',
  'b.file_name',
  'b.file_sha256',
  'b.status',
  'b.mode',
  'b.report',
  'b.created_at',
  'b.committed_at',
  'b.reversed_at',
  'b.reversal_reason',
] as const;

/** A batch with its organisation's name and its uploader's name, without the sealed rows. */
export const findBatch = (db: Db, id: string) =>
  db
    .selectFrom('external_hour_batches as b')
    .innerJoin('organizations as o', 'o.id', 'b.org_id')
    .innerJoin('users as u', 'u.id', 'b.created_by')
    .select(batchColumns)
    .select(['o.name as org_name', 'u.display_name as created_by_name'])
    .where('b.id', '=', id)
    .executeTakeFirst();

export type BatchRow = NonNullable<Awaited<ReturnType<typeof findBatch>>>;

/** Locks a batch for a commit or a reversal: a concurrent second call waits, then sees the outcome. */
export const lockBatch = (trx: Transaction<DB>, id: string) =>
  trx.selectFrom('external_hour_batches').select(['id', 'status', 'rows']).where('id', '=', id).forUpdate().executeTakeFirst();

/**
 * A subtree's batches, newest first: committed and reversed ones, and the caller's own dry runs
 * (other people's unconfirmed uploads are not history).
 */
export const listBatches = (db: Db, options: { orgPath: string; userId: string; limit: number }) =>
  db
    .selectFrom('external_hour_batches as b')
    .innerJoin('organizations as o', 'o.id', 'b.org_id')
    .innerJoin('users as u', 'u.id', 'b.created_by')
    .select(batchColumns)
    .select(['o.name as org_name', 'u.display_name as created_by_name'])
    .where('b.org_path', 'like', `${options.orgPath}%`)
    .where((eb) => eb.or([eb('b.status', 'in', ['committed', 'reversed']), eb('b.created_by', '=', options.userId)]))
    .orderBy('b.created_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(options.limit)
    .execute();

export async function finishCommit(trx: Transaction<DB>, id: string, v: { mode: string; report: unknown; committedAt: Date; committedBy: string }): Promise<void> {
  // The sealed rows (ID numbers) are no longer needed once the outcome is stored.
  await trx
    .updateTable('external_hour_batches')
    .set({ status: 'committed', mode: v.mode, report: JSON.stringify(v.report), rows: '[]', committed_at: v.committedAt, committed_by: v.committedBy })
    .where('id', '=', id)
    .execute();
}

export async function markReversed(trx: Transaction<DB>, id: string, v: { at: Date; by: string; reason: string }): Promise<void> {
  await trx.updateTable('external_hour_batches').set({ status: 'reversed', reversed_at: v.at, reversed_by: v.by, reversal_reason: v.reason }).where('id', '=', id).execute();
}

/** The people holding these ID numbers (by keyed hash), with their organisation's name. */
export async function peopleByIdHashes(db: Db, hashes: string[]) {
  const found = [];
  for (const chunk of chunks(hashes, LOOKUP_CHUNK)) {
    found.push(
      ...(await db
        .selectFrom('people as p')
        .innerJoin('organizations as o', 'o.id', 'p.org_id')
        .select(['p.id', 'p.name', 'p.org_id', 'p.org_path', 'p.id_number_hash', 'o.name as org_name'])
        .where('p.id_number_hash', 'in', chunk)
        .execute()),
    );
  }
  return found;
}

export type FoundPerson = Awaited<ReturnType<typeof peopleByIdHashes>>[number];

/** Records standing (not reversed) for these people, with the batch that imported them. */
export async function standingRecordsOf(db: Db, personIds: string[]) {
  const found = [];
  for (const chunk of chunks([...new Set(personIds)], LOOKUP_CHUNK)) {
    found.push(
      ...(await db
        .selectFrom('external_hour_records as r')
        .innerJoin('external_hour_batches as b', 'b.id', 'r.batch_id')
        .select(['r.person_id', 'r.dedup_key', 'r.hours', 'b.file_name', 'b.committed_at'])
        .where('r.person_id', 'in', chunk)
        .where('r.reversed_at', 'is', null)
        .execute()),
    );
  }
  return found;
}

export type NewRecord = {
  id: string;
  batch_id: string;
  row_number: number;
  person_id: string;
  platform: string;
  course: string;
  completed_on: string;
  year: number;
  hours: number;
  centralised: boolean;
  level: string | null;
  note: string | null;
  dedup_key: string;
  credit_id: string;
  completion_id: string | null;
};

export type NewCompletion = {
  id: string;
  person_id: string;
  year: number;
  completed_on: string;
  kind: 'external';
  level: string;
  source_type: 'external_hours';
  source_id: string;
  title: string;
  hours: number;
  created_by: string;
};

export async function insertCompletions(trx: Transaction<DB>, rows: NewCompletion[]): Promise<void> {
  for (const chunk of chunks(rows, INSERT_CHUNK)) await trx.insertInto('training_completions').values(chunk).execute();
}

export async function insertRecords(trx: Transaction<DB>, rows: NewRecord[]): Promise<void> {
  for (const chunk of chunks(rows, INSERT_CHUNK)) await trx.insertInto('external_hour_records').values(chunk).execute();
}

/** The standing records of a batch with the credit each produced (what a reversal cancels). */
export const standingRecordsOfBatch = (db: Db, batchId: string) =>
  db
    .selectFrom('external_hour_records as r')
    .innerJoin('study_credits as c', 'c.id', 'r.credit_id')
    .select(['r.id', 'r.person_id', 'r.completion_id', 'c.id as credit_id', 'c.org_id', 'c.org_path', 'c.year', 'c.credited_on', 'c.hours', 'c.description'])
    .where('r.batch_id', '=', batchId)
    .where('r.reversed_at', 'is', null)
    .execute();

export async function reverseRecords(trx: Transaction<DB>, v: { batchId: string; completionIds: string[]; at: Date }): Promise<void> {
  for (const chunk of chunks(v.completionIds, LOOKUP_CHUNK)) {
    await trx.updateTable('training_completions').set({ revoked_at: v.at }).where('id', 'in', chunk).where('revoked_at', 'is', null).execute();
  }
  await trx.updateTable('external_hour_records').set({ reversed_at: v.at }).where('batch_id', '=', v.batchId).where('reversed_at', 'is', null).execute();
}

/** Whether an error is the dedup index refusing a record another commit wrote first. */
export const isDedupViolation = (error: unknown) => {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e.code === '23505' && (e.constraint === 'external_hour_records_dedup_idx' || (e.message ?? '').includes('external_hour_records_dedup_idx'));
};
