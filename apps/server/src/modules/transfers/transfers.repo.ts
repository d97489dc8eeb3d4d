/** SQL for transfer letters (组织关系转接) and the one move of a person they cause. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A letter with what its views and policy need: the person, both organisations and their paths, both signers. */
function selectTransferDetails(db: Db) {
  return db
    .selectFrom('transfers as t')
    .innerJoin('people as p', 'p.id', 't.person_id')
    .innerJoin('organizations as so', 'so.id', 't.from_org_id')
    .innerJoin('organizations as ro', 'ro.id', 't.to_org_id')
    .innerJoin('users as ib', 'ib.id', 't.issued_by')
    .leftJoin('users as ab', 'ab.id', 't.answered_by')
    .selectAll('t')
    .select([
      'p.name as person_name',
      'p.id_number_enc',
      'p.category',
      'so.name as from_org_name',
      'so.path as from_org_path',
      'ro.name as to_org_name',
      'ro.path as to_org_path',
      'ib.display_name as issued_by_name',
      'ab.display_name as answered_by_name',
    ]);
}

export type TransferDetailRow = NonNullable<Awaited<ReturnType<typeof findTransferDetail>>>;

export const findTransferDetail = (db: Db, id: string) => selectTransferDetails(db).where('t.id', '=', id).executeTakeFirst();

/**
 * Letters whose receiving (inbox) or sending (outbox) organisation lies in one of the subtrees,
 * newest first. Each subtree is one indexed range on the organisation path.
 */
export async function listTransfers(
  db: Db,
  options: { side: 'inbox' | 'outbox'; paths: string[]; status?: string | undefined; page: number; pageSize: number },
): Promise<{ rows: TransferDetailRow[]; total: number }> {
  if (options.paths.length === 0) return { rows: [], total: 0 };
  const pathColumn = options.side === 'inbox' ? 'ro.path' : 'so.path';
  const filtered = selectTransferDetails(db)
    .where((eb) => eb.or(options.paths.map((p) => eb(pathColumn, 'like', `${p}%`))))
    .$if(options.status !== undefined, (q) => q.where('t.status', '=', options.status as string));
  const [rows, count] = await Promise.all([
    filtered
      .orderBy('t.issued_at', 'desc')
      .orderBy('t.id', 'desc')
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
      .execute(),
    filtered
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export const findPerson = (db: Db, id: string) =>
  db.selectFrom('people').select(['id', 'org_id', 'org_path', 'name', 'category']).where('id', '=', id).executeTakeFirst();

export const findPendingForPerson = (db: Db, personId: string) =>
  db.selectFrom('transfers').select(['id']).where('person_id', '=', personId).where('status', '=', 'pending').executeTakeFirst();

export async function insertTransfer(
  db: Transaction<DB>,
  values: { id: string; personId: string; fromOrgId: string; toOrgId: string; reason: string; issuedBy: string; issuedAt: Date; validUntil: string },
): Promise<void> {
  await db
    .insertInto('transfers')
    .values({
      id: values.id,
      person_id: values.personId,
      from_org_id: values.fromOrgId,
      to_org_id: values.toOrgId,
      status: 'pending',
      reason: values.reason,
      issued_by: values.issuedBy,
      issued_at: values.issuedAt,
      valid_until: values.validUntil,
    })
    .execute();
}

/** The letter's own row, locked until the transaction ends, so two answers to it are serialised. */
export const lockTransfer = (db: Transaction<DB>, id: string) =>
  db.selectFrom('transfers').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export async function closeTransfer(
  db: Transaction<DB>,
  id: string,
  values: { status: 'accepted' | 'returned' | 'cancelled'; answeredBy: string; answeredAt: Date; returnReason?: string },
): Promise<void> {
  await db
    .updateTable('transfers')
    .set({ status: values.status, answered_by: values.answeredBy, answered_at: values.answeredAt, return_reason: values.returnReason ?? null })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
}

/** The person's membership moves to the receiving organisation; the version bump tells open edit forms. */
export async function movePerson(db: Transaction<DB>, personId: string, to: { id: string; path: string }, now: Date): Promise<void> {
  await db
    .updateTable('people')
    .set((eb) => ({ org_id: to.id, org_path: to.path, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
  // The member's own account follows them: its member grant now belongs to the receiving organisation.
  await db
    .updateTable('role_grants')
    .set({ org_id: to.id })
    .where('role', '=', 'member')
    .where('user_id', 'in', (eb) => eb.selectFrom('users').select('id').where('person_id', '=', personId))
    .execute();
}

/** True when the database refused a second pending letter for the same person (a race the service check lost). */
export function isPendingUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e.code === '23505' && (e.constraint === 'transfers_one_pending_per_person' || (e.message ?? '').includes('transfers_one_pending_per_person'));
}
