/**
 * May this actor read (download) an attachment? Managers of the file's organisation may; so may
 * anyone who may see a record the file is linked to. Each kind of record answers for itself: the
 * activities' answer (managers of the activity's organisation and its attendees) is built in, and
 * a module that links files to its own records registers a reader for its entity type, e.g.
 *
 *   registerAttachmentReader('central_group_report', (db, actor, attachmentId) => …);
 *
 * so one file reused by a meeting, a make-up assignment and a report is readable by the people
 * of each, and by nobody else.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { managedPaths, type Actor } from '../../lib/actor.ts';
import { managesAttachment } from './attachments.policy.ts';
import * as repo from './attachments.repo.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Answers whether the actor may see some record of this reader's entity type that uses the file. */
export type AttachmentReader = (db: Db, actor: Actor, attachmentId: string) => Promise<boolean>;

const readers = new Map<string, AttachmentReader>([
  ['activity', (db, actor, attachmentId) => repo.readableThroughActivity(db, attachmentId, { personId: actor.personId, managedPaths: managedPaths(actor) })],
]);

export function registerAttachmentReader(entityType: string, reader: AttachmentReader): void {
  readers.set(entityType, reader);
}

export async function canReadAttachment(db: Db, actor: Actor, attachment: { id: string; org_path: string }): Promise<boolean> {
  if (managesAttachment(actor, attachment)) return true;
  for (const reader of readers.values()) {
    if (await reader(db, actor, attachment.id)) return true;
  }
  return false;
}
