/**
 * Attachments contract (附件): a file uploaded once for an organisation and linked to any number of
 * records (an activity's minutes, the same materials for several meetings, make-up study…), so the
 * same evidence is never uploaded twice. Files are kept on the server's disk; the database keeps
 * their name, type, size and SHA-256.
 *
 * Endpoints (all under /api/v1):
 *   GET  /attachments/limits                  the allowed types and the maximum size (any signed-in user)
 *   POST /attachments                         upload (multipart: `orgId`, `file`; managers of the organisation)
 *   GET  /attachments?orgId&q&page            a subtree's attachments, newest first, to pick one for reuse (managers)
 *   GET  /attachments/{id}                    metadata, with the records using it
 *   GET  /attachments/{id}/download           the file (managers of its organisation, and people linked to a
 *                                             record that uses it, e.g. an attendee of the activity)
 * Linking to an activity: POST/DELETE /activities/{id}/attachments (activities.ts).
 */
import { z } from 'zod';
import { page, pageQuery } from './common.ts';

/**
 * Allowed types, by extension, with the media type the file is served as. The server also checks
 * the file's first bytes (PDF, Office, JPEG, PNG signatures), so a renamed executable is refused.
 */
export const attachmentTypes = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  txt: 'text/plain; charset=utf-8',
} as const;
export type AttachmentExtension = keyof typeof attachmentTypes;
export const attachmentExtensions = Object.keys(attachmentTypes) as AttachmentExtension[];

/** The lower-cased extension of a file name when it is an allowed one, else null. */
export function attachmentExtensionOf(fileName: string): AttachmentExtension | null {
  const dot = fileName.lastIndexOf('.');
  if (dot < 0) return null;
  const ext = fileName.slice(dot + 1).toLowerCase();
  return Object.prototype.hasOwnProperty.call(attachmentTypes, ext) ? (ext as AttachmentExtension) : null;
}

export const attachmentLimits = z.object({
  maxBytes: z.number().int(),
  extensions: z.array(z.string()),
});
export type AttachmentLimits = z.infer<typeof attachmentLimits>;

/** The text fields of the multipart upload. */
export const attachmentUploadFields = z.object({ orgId: z.uuid() });

/** Kinds of record an attachment can be linked to (each module that links adds its own). */
export const attachmentEntityTypes = ['activity', 'makeup_assignment', 'central_group_report', 'central_group_writing', 'study_note'] as const;
export type AttachmentEntityType = (typeof attachmentEntityTypes)[number];

export const attachmentView = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedByName: z.string().nullable(),
  createdAt: z.string(),
  /** How many records use the file. */
  linkCount: z.number().int(),
  /** API path that downloads the file. */
  downloadUrl: z.string(),
});
export type AttachmentView = z.infer<typeof attachmentView>;

export const attachmentDetail = attachmentView.extend({
  /** The records using the file (only to managers of the attachment's organisation; else empty). */
  links: z.array(z.object({ entityType: z.string(), entityId: z.string(), linkedAt: z.string() })),
});
export type AttachmentDetail = z.infer<typeof attachmentDetail>;

export const attachmentListQuery = pageQuery.extend({
  orgId: z.uuid().optional(),
  /** Part of the file name. */
  q: z.string().trim().min(1).max(100).optional(),
});
export type AttachmentListQuery = z.infer<typeof attachmentListQuery>;

export const attachmentPage = page(attachmentView);
export type AttachmentPage = z.infer<typeof attachmentPage>;

export const attachmentIdParams = z.object({ id: z.uuid() });

/** The API path that downloads an attachment. */
export const attachmentDownloadPath = (id: string) => `/api/v1/attachments/${id}/download`;
