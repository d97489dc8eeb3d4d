/**
 * Attachments (附件): upload once, link to any number of records. An upload is checked (allowed
 * extension, content matching it, size within ATTACHMENT_MAX_MB), stored on disk under its id and
 * recorded with its SHA-256; records link to it with `linkAttachment` inside their own
 * transaction. Reads and downloads go through `canReadAttachment`.
 */
import type { Readable } from 'node:stream';
import {
  attachmentDownloadPath,
  attachmentExtensionOf,
  attachmentExtensions,
  attachmentTypes,
  type AttachmentDetail,
  type AttachmentLimits,
  type AttachmentListQuery,
  type AttachmentPage,
  type AttachmentView,
} from '@pioneer/domain';
import type { Transaction } from 'kysely';
import type { ServerContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import { canReadAttachment } from './attachments.access.ts';
import * as policy from './attachments.policy.ts';
import * as repo from './attachments.repo.ts';
import * as storage from './attachments.storage.ts';

export { canReadAttachment, registerAttachmentReader } from './attachments.access.ts';

type Caller = { actor: Actor; ip: string | null };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ALLOWED_LABEL = 'PDF、Word（doc/docx）、Excel（xls/xlsx）、PowerPoint（ppt/pptx）、JPG、PNG、TXT';
const maxMb = (ctx: ServerContext) => Math.round((ctx.config.attachmentMaxBytes / 1024 / 1024) * 100) / 100;

export function presentAttachment(row: repo.AttachmentRow): AttachmentView {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    uploadedByName: row.uploaded_by_name,
    createdAt: row.created_at.toISOString(),
    linkCount: Number(row.link_count ?? 0),
    downloadUrl: attachmentDownloadPath(row.id),
  };
}

export const attachmentLimits = (ctx: ServerContext): AttachmentLimits => ({ maxBytes: ctx.config.attachmentMaxBytes, extensions: attachmentExtensions });

/** A file name safe to keep and to send back: no folders, no control characters, at most 200 characters. */
function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (base.length <= 200) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot) : '';
  return base.slice(0, 200 - ext.length) + ext;
}

/** Streams an uploaded file into a temporary file (the multipart limit stops it at the maximum size). */
export const stageUpload = (ctx: ServerContext, stream: Readable & { truncated?: boolean }) => storage.stageUpload(ctx.config, stream);

/** Drops a staged file that will not be uploaded after all (the request failed while being read). */
export const discardStaged = (staged: storage.StagedUpload) => storage.discardUpload(staged.tempPath);

/**
 * A file uploaded for one record of another module by someone who does not manage the
 * organisation (a member's own study notes, say). That module decides who may upload for the
 * record (`mayUpload`, which may throw its own not-found error), and the file is linked to the
 * record in the upload's own transaction: its uploader may read it only through that link, so it
 * is never left unlinked. `afterLink` runs in the same transaction (to make the file the record's).
 */
export type UploadForRecord = {
  entityType: string;
  entityId: string;
  mayUpload: (org: { id: string; path: string }) => Promise<boolean>;
  afterLink?: (trx: Transaction<DB>, attachmentId: string) => Promise<void>;
};

/**
 * Upload: the file, already staged by `stageUpload`, is checked (organisation, size, extension,
 * content), recorded and moved into place under its id. Whatever happens, the temporary file is
 * gone afterwards, so a refused upload leaves nothing behind. Managers of the organisation
 * upload; with `forRecord`, whoever that record's module allows.
 */
export async function uploadAttachment(
  ctx: ServerContext,
  options: Caller & { orgId: string | undefined; file: { name: string; staged: storage.StagedUpload } | null; forRecord?: UploadForRecord },
): Promise<AttachmentView> {
  const { actor, file, forRecord } = options;
  try {
    if (!options.orgId) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'orgId', code: 'IMPORT_REQUIRED', message: 'IMPORT_REQUIRED' }]);
    // An id that is not even a UUID names no organisation.
    const org = uuidPattern.test(options.orgId) ? await findOrg(ctx.db, options.orgId) : undefined;
    const allowed = org !== undefined && (forRecord ? await forRecord.mayUpload(org) : policy.canUploadTo(actor, org));
    if (!org || !allowed) throw new AppError('ORG_NOT_FOUND');
    if (!org.active) throw new AppError('ORG_INACTIVE', { name: org.name });
    if (!file) throw new AppError('ATTACHMENT_FILE_REQUIRED');
    const { staged } = file;
    const fileName = cleanFileName(file.name);
    if (staged.truncated || staged.sizeBytes > ctx.config.attachmentMaxBytes) throw new AppError('ATTACHMENT_TOO_LARGE', { maxMb: maxMb(ctx) });
    const ext = attachmentExtensionOf(fileName);
    if (!ext) throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED', { fileName, allowed: ALLOWED_LABEL });
    if (staged.sizeBytes === 0) throw new AppError('ATTACHMENT_EMPTY', { fileName });
    if (!storage.contentMatches(ext, staged.head)) throw new AppError('ATTACHMENT_CONTENT_MISMATCH', { fileName, ext: ext.toUpperCase() });

    const id = newId();
    await storage.commitUpload(ctx.config, staged.tempPath, id);
    try {
      await ctx.db.transaction().execute(async (trx) => {
        await repo.insertAttachment(trx, {
          id,
          orgId: org.id,
          orgPath: org.path,
          fileName,
          mediaType: attachmentTypes[ext],
          sizeBytes: staged.sizeBytes,
          sha256: staged.sha256,
          storageKey: id,
          uploadedBy: actor.userId,
          now: ctx.now(),
        });
        await recordAudit(trx, {
          actor,
          action: 'attachment.upload',
          entityType: 'attachment',
          entityId: id,
          orgId: org.id,
          ip: options.ip,
          after: { fileName, sizeBytes: staged.sizeBytes, sha256: staged.sha256 },
        });
        if (forRecord) {
          const link = { attachmentId: id, entityType: forRecord.entityType, entityId: forRecord.entityId };
          await repo.insertLink(trx, { ...link, linkedBy: actor.userId, now: ctx.now() });
          await recordAudit(trx, {
            actor,
            action: 'attachment.link',
            entityType: link.entityType,
            entityId: link.entityId,
            orgId: org.id,
            ip: options.ip,
            after: { attachmentId: id, fileName },
          });
          await forRecord.afterLink?.(trx, id);
        }
      });
    } catch (error) {
      await storage.removeStored(ctx.config, id);
      throw error;
    }
    const row = await repo.findAttachment(ctx.db, id);
    if (!row) throw new AppError('ATTACHMENT_NOT_FOUND');
    return presentAttachment(row);
  } finally {
    if (file) await storage.discardUpload(file.staged.tempPath);
  }
}

/** An attachment the actor may read; missing and hidden ones fail alike. */
async function loadReadable(ctx: ServerContext, actor: Actor, id: string): Promise<repo.AttachmentRow> {
  const row = await repo.findAttachment(ctx.db, id);
  if (!row || !(await canReadAttachment(ctx.db, actor, row))) throw new AppError('ATTACHMENT_NOT_FOUND');
  return row;
}

export async function getAttachment(ctx: ServerContext, options: { actor: Actor; id: string }): Promise<AttachmentDetail> {
  const row = await loadReadable(ctx, options.actor, options.id);
  // Which records use a file is the organisation's business: managers only.
  const links = policy.managesAttachment(options.actor, row) ? await repo.linksOf(ctx.db, row.id) : [];
  return { ...presentAttachment(row), links: links.map((l) => ({ entityType: l.entity_type, entityId: l.entity_id, linkedAt: l.linked_at.toISOString() })) };
}

export async function listAttachments(ctx: ServerContext, options: { actor: Actor; query: AttachmentListQuery }): Promise<AttachmentPage> {
  const { actor, query } = options;
  if (!policy.canListAttachments(actor)) throw new AppError('FORBIDDEN');
  let org: { path: string } | null = null;
  if (query.orgId) {
    org = (await findOrg(ctx.db, query.orgId)) ?? null;
    if (!org) throw new AppError('ORG_NOT_FOUND');
  }
  const paths = policy.listScope(actor, org);
  if (!paths) throw new AppError('ORG_NOT_FOUND');
  const { rows, total } = await repo.listAttachments(ctx.db, { paths, q: query.q, page: query.page, pageSize: query.pageSize });
  return { items: rows.map(presentAttachment), total, page: query.page, pageSize: query.pageSize };
}

/** The file to send: its name, type, size and a stream of its bytes. */
export async function openAttachment(ctx: ServerContext, options: { actor: Actor; id: string }) {
  const row = await loadReadable(ctx, options.actor, options.id);
  const stream = await storage.openStored(ctx.config, row.storage_key);
  if (!stream) {
    ctx.log.error({ attachmentId: row.id, storageKey: row.storage_key }, 'attachment file missing on disk');
    throw new AppError('ATTACHMENT_FILE_MISSING', { fileName: row.file_name });
  }
  return { fileName: row.file_name, mediaType: row.media_type, sizeBytes: row.size_bytes, stream };
}

/**
 * Links an attachment to a record inside the caller's transaction: the record's module has
 * already checked that the actor may change the record; here the actor must also be allowed to
 * read the file (no linking someone else's file into one's own record to read it). Linking the
 * same file twice is a no-op. Audited as `attachment.link`. Answers whether a link was added.
 */
export async function linkAttachment(
  trx: Transaction<DB>,
  options: { attachmentId: string; entityType: string; entityId: string; actor: Actor; orgId?: string | null; ip?: string | null; now?: Date },
): Promise<boolean> {
  const row = await repo.findAttachment(trx, options.attachmentId);
  if (!row || !(await canReadAttachment(trx, options.actor, row))) throw new AppError('ATTACHMENT_NOT_FOUND');
  const added = await repo.insertLink(trx, {
    attachmentId: row.id,
    entityType: options.entityType,
    entityId: options.entityId,
    linkedBy: options.actor.userId,
    now: options.now ?? new Date(),
  });
  if (added) {
    await recordAudit(trx, {
      actor: options.actor,
      action: 'attachment.link',
      entityType: options.entityType,
      entityId: options.entityId,
      orgId: options.orgId,
      ip: options.ip,
      after: { attachmentId: row.id, fileName: row.file_name },
    });
  }
  return added;
}

/** Removes one record's link to a file (the file stays for the other records). Answers whether a link was removed. */
export async function unlinkAttachment(
  trx: Transaction<DB>,
  options: { attachmentId: string; entityType: string; entityId: string; actor: Actor; orgId?: string | null; ip?: string | null },
): Promise<boolean> {
  const removed = await repo.deleteLink(trx, options);
  if (removed) {
    await recordAudit(trx, {
      actor: options.actor,
      action: 'attachment.unlink',
      entityType: options.entityType,
      entityId: options.entityId,
      orgId: options.orgId,
      ip: options.ip,
      before: { attachmentId: options.attachmentId },
    });
  }
  return removed;
}

/** The files linked to a record, as records list them. */
export async function attachmentsOf(db: ServerContext['db'] | Transaction<DB>, entityType: string, entityId: string) {
  const rows = await repo.linkedTo(db, entityType, entityId);
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    mediaType: r.media_type,
    sizeBytes: r.size_bytes,
    createdAt: r.created_at.toISOString(),
    downloadUrl: attachmentDownloadPath(r.id),
  }));
}
