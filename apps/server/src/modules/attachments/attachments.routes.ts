/**
 * /attachments: the limits, the upload (multipart: `orgId` and `file`, streamed to disk), the list a
 * manager picks a file from for reuse, one file's metadata, and the download.
 */
import { attachmentDetail, attachmentIdParams, attachmentLimits, attachmentListQuery, attachmentPage, attachmentView } from '@pioneer/domain';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../../context.ts';
import { clientIp, requireActor } from '../../lib/http.ts';
import * as attachments from './attachments.service.ts';

type Staged = Awaited<ReturnType<typeof attachments.stageUpload>>;

/**
 * The multipart body in whatever order its parts come. The file is streamed to a temporary file as
 * it arrives; the size limit is the attachment maximum, past which the stream is cut (and the
 * upload refused by the service).
 */
export async function readUpload(
  ctx: ServerContext,
  request: FastifyRequest,
): Promise<{ fields: Record<string, string>; file: { name: string; staged: Staged } | null }> {
  const fields: Record<string, string> = {};
  let file: { name: string; staged: Staged } | null = null;
  if (!request.isMultipart()) return { fields, file };
  // throwFileSizeLimit (honoured by parts(), missing from its type): a file cut at the limit is
  // reported by the service as ATTACHMENT_TOO_LARGE with the attachment maximum, not the app's.
  // Browsers send a file name in UTF-8 (Chinese names), not busboy's default latin1.
  const options = { limits: { fileSize: ctx.config.attachmentMaxBytes, files: 1 }, throwFileSizeLimit: false, defParamCharset: 'utf8' };
  try {
    for await (const part of request.parts(options)) {
      if (part.type === 'file') file = { name: part.filename || 'upload', staged: await attachments.stageUpload(ctx, part.file) };
      else fields[part.fieldname] = String(part.value);
    }
  } catch (error) {
    if (file) await attachments.discardStaged(file.staged);
    throw error;
  }
  return { fields, file };
}

/** RFC 6266 / 5987: the UTF-8 name for browsers, and a plain ASCII fallback. */
function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'attachment';
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function attachmentRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['attachments'];
    app.get(
      '/attachments/limits',
      { schema: { tags, summary: 'Allowed file types and the maximum size of an attachment', response: { 200: attachmentLimits } } },
      async (request) => {
        requireActor(request);
        return attachments.attachmentLimits(ctx);
      },
    );
    app.post(
      '/attachments',
      {
        schema: {
          tags,
          summary: 'Upload an attachment for an organisation (multipart: orgId, file)',
          consumes: ['multipart/form-data'],
          response: { 201: attachmentView },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const upload = await readUpload(ctx, request);
        const created = await attachments.uploadAttachment(ctx, { actor, ip: clientIp(request), orgId: upload.fields.orgId, file: upload.file });
        return reply.code(201).send(created);
      },
    );
    app.get(
      '/attachments',
      {
        schema: { tags, summary: 'Attachments of a subtree, newest first (to reuse one)', querystring: attachmentListQuery, response: { 200: attachmentPage } },
      },
      async (request) => attachments.listAttachments(ctx, { actor: requireActor(request), query: request.query }),
    );
    app.get(
      '/attachments/:id',
      { schema: { tags, summary: 'An attachment’s metadata and the records using it', params: attachmentIdParams, response: { 200: attachmentDetail } } },
      async (request) => attachments.getAttachment(ctx, { actor: requireActor(request), id: request.params.id }),
    );
    app.get('/attachments/:id/download', { schema: { tags, summary: 'Download the file', params: attachmentIdParams } }, async (request, reply) => {
      const file = await attachments.openAttachment(ctx, { actor: requireActor(request), id: request.params.id });
      return reply
        .type(file.mediaType)
        .header('Content-Length', String(file.sizeBytes))
        .header('Content-Disposition', contentDisposition(file.fileName))
        .header('Cache-Control', 'private, no-store')
        .send(file.stream);
    });
  };
}
