/**
 * SQL for attachments: the file records, their links to any record (entity type + id), and the
 * look-ups behind "may this person read the file" for records that carry their own audience.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

function selectAttachment(db: Db) {
  return db
    .selectFrom('attachments as f')
    .innerJoin('organizations as o', 'o.id', 'f.org_id')
    .leftJoin('users as u', 'u.id', 'f.uploaded_by')
    .selectAll('f')
    .select((eb) => [
      'o.name as org_name',
      'u.display_name as uploaded_by_name',
      eb
        .selectFrom('attachment_links as l')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('l.attachment_id', '=', 'f.id')
        .as('link_count'),
    ]);
}

export type AttachmentRow = NonNullable<Awaited<ReturnType<typeof findAttachment>>>;

export const findAttachment = (db: Db, id: string) => selectAttachment(db).where('f.id', '=', id).executeTakeFirst();

export async function insertAttachment(
  db: Transaction<DB>,
  v: {
    id: string;
    orgId: string;
    orgPath: string;
    fileName: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    storageKey: string;
    uploadedBy: string;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('attachments')
    .values({
      id: v.id,
      org_id: v.orgId,
      org_path: v.orgPath,
      file_name: v.fileName,
      media_type: v.mediaType,
      size_bytes: v.sizeBytes,
      sha256: v.sha256,
      storage_key: v.storageKey,
      uploaded_by: v.uploadedBy,
      created_at: v.now,
    })
    .execute();
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** A page of the attachments under some subtrees, newest first; `q` matches part of the file name. */
export async function listAttachments(db: Db, o: { paths: string[]; q?: string | undefined; page: number; pageSize: number }) {
  if (o.paths.length === 0) return { rows: [], total: 0 };
  const filtered = selectAttachment(db)
    .where((eb) => eb.or(o.paths.map((p) => eb('f.org_path', 'like', `${p}%`))))
    .$if(o.q !== undefined, (q) => q.where((eb) => eb(eb.fn('lower', ['f.file_name']), 'like', `%${escapeLike(o.q!.toLowerCase())}%`)));
  const [rows, count] = await Promise.all([
    filtered
      .orderBy('f.created_at', 'desc')
      .orderBy('f.id', 'desc')
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

export const linksOf = (db: Db, attachmentId: string) =>
  db.selectFrom('attachment_links').select(['entity_type', 'entity_id', 'linked_at']).where('attachment_id', '=', attachmentId).orderBy('linked_at').execute();

/** The attachments linked to one record, in the order they were linked. */
export const linkedTo = (db: Db, entityType: string, entityId: string) =>
  db
    .selectFrom('attachment_links as l')
    .innerJoin('attachments as f', 'f.id', 'l.attachment_id')
    .select(['f.id', 'f.file_name', 'f.media_type', 'f.size_bytes', 'f.created_at'])
    .where('l.entity_type', '=', entityType)
    .where('l.entity_id', '=', entityId)
    .orderBy('l.linked_at')
    .orderBy('f.id')
    .execute();

/** Links a file to a record; linking it again is a no-op. Answers whether a link was added. */
export async function insertLink(
  db: Transaction<DB>,
  v: { attachmentId: string; entityType: string; entityId: string; linkedBy: string | null; now: Date },
): Promise<boolean> {
  const result = await db
    .insertInto('attachment_links')
    .values({ attachment_id: v.attachmentId, entity_type: v.entityType, entity_id: v.entityId, linked_by: v.linkedBy, linked_at: v.now })
    .onConflict((oc) => oc.columns(['entity_type', 'entity_id', 'attachment_id']).doNothing())
    .returning('attachment_id')
    .executeTakeFirst();
  return result !== undefined;
}

export async function deleteLink(db: Transaction<DB>, v: { attachmentId: string; entityType: string; entityId: string }): Promise<boolean> {
  const result = await db
    .deleteFrom('attachment_links')
    .where('attachment_id', '=', v.attachmentId)
    .where('entity_type', '=', v.entityType)
    .where('entity_id', '=', v.entityId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Is the file linked to an activity that the reader manages (one of `managedPaths`) or attends
 * (expected, guest or auditor)? One indexed probe per link.
 */
export async function readableThroughActivity(db: Db, attachmentId: string, reader: { personId: string | null; managedPaths: string[] }): Promise<boolean> {
  const { personId, managedPaths } = reader;
  if (!personId && managedPaths.length === 0) return false;
  const row = await db
    .selectFrom('attachment_links as l')
    .innerJoin('activities as a', 'a.id', 'l.entity_id')
    .select('l.entity_id')
    .where('l.attachment_id', '=', attachmentId)
    .where('l.entity_type', '=', 'activity')
    .where((eb) =>
      eb.or([
        ...managedPaths.map((p) => eb('a.org_path', 'like', `${p}%`)),
        ...(personId
          ? [
              eb.exists(
                eb.selectFrom('activity_attendees as aa').select('aa.person_id').whereRef('aa.activity_id', '=', 'a.id').where('aa.person_id', '=', personId),
              ),
            ]
          : []),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
