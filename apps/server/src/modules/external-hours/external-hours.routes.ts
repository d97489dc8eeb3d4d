/**
 * /external-hours: the template, the upload that answers with a dry-run report, the batch history
 * of a subtree, a batch's report, the commit (retries return the same outcome) and the reversal.
 * The upload is multipart (fields `orgId` and `file`).
 */
import {
  externalHoursBatchParams,
  externalHoursBatchSummary,
  externalHoursCommitInput,
  externalHoursListQuery,
  externalHoursReport,
  externalHoursReverseInput,
  externalHoursUploadFields,
  XLSX_MIME,
} from '@pioneer/domain';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { clientIp, requireActor } from '../../lib/http.ts';
import { presentReport, presentSummary } from './external-hours.presenter.ts';
import * as externalHours from './external-hours.service.ts';

type Upload = { fields: Record<string, string>; file: { name: string; data: Buffer } | null };

const required = (path: string) => new AppError('VALIDATION_FAILED', {}, [{ path, code: 'IMPORT_REQUIRED', message: 'IMPORT_REQUIRED' }]);

/** The multipart body, in whatever order its parts come; the size limit is the app's upload limit. */
async function readMultipart(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) throw required('file');
  const upload: Upload = { fields: {}, file: null };
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      upload.file ??= { name: part.filename || 'upload.xlsx', data };
    } else {
      upload.fields[part.fieldname] = String(part.value);
    }
  }
  return upload;
}

export function externalHoursRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['external hours'];
    app.get('/external-hours/template', { schema: { tags, summary: 'The external hours template (.xlsx): Chinese headers, drop-down lists, a guide sheet' } }, async (request, reply) => {
      const file = await externalHours.externalHoursTemplate(ctx, { actor: requireActor(request) });
      return reply
        .type(XLSX_MIME)
        .header('Content-Disposition', `attachment; filename="external-hours-template.xlsx"; filename*=UTF-8''${encodeURIComponent('外部学时导入模板.xlsx')}`)
        .header('Cache-Control', 'no-store')
        .send(file);
    });
    app.post(
      '/external-hours/imports',
      { schema: { tags, summary: 'Upload hours from other platforms (multipart: orgId, file) and get the dry-run report; nothing is credited yet', consumes: ['multipart/form-data'], response: { 200: externalHoursReport } } },
      async (request) => {
        const actor = requireActor(request);
        externalHours.assertMayImport(actor);
        const upload = await readMultipart(request);
        if (!upload.fields.orgId) throw required('orgId');
        const fields = externalHoursUploadFields.safeParse(upload.fields);
        // An id that is not even a UUID names no organisation.
        if (!fields.success) throw new AppError('ORG_NOT_FOUND');
        if (!upload.file) throw required('file');
        const batch = await externalHours.dryRunExternalHours(ctx, { actor, ip: clientIp(request), orgId: fields.data.orgId, fileName: upload.file.name, file: upload.file.data });
        return presentReport(batch, request.lang);
      },
    );
    app.get(
      '/external-hours/imports',
      { schema: { tags, summary: "A subtree's batches, newest first (committed and reversed ones, and the caller's own dry runs)", querystring: externalHoursListQuery, response: { 200: z.array(externalHoursBatchSummary) } } },
      async (request) => (await externalHours.listBatches(ctx, { actor: requireActor(request), orgId: request.query.orgId })).map(presentSummary),
    );
    app.get('/external-hours/imports/:batchId', { schema: { tags, summary: "A batch's report", params: externalHoursBatchParams, response: { 200: externalHoursReport } } }, async (request) =>
      presentReport(await externalHours.getBatch(ctx, { actor: requireActor(request), batchId: request.params.batchId }), request.lang),
    );
    app.post(
      '/external-hours/imports/:batchId/commit',
      {
        schema: {
          tags,
          summary: 'Credit a dry run: every valid row, or nothing if all_or_nothing and any row has a problem; a retry returns the same outcome',
          params: externalHoursBatchParams,
          body: externalHoursCommitInput,
          response: { 200: externalHoursReport },
        },
      },
      async (request) => presentReport(await externalHours.commitExternalHours(ctx, { actor: requireActor(request), ip: clientIp(request), batchId: request.params.batchId, mode: request.body.mode }), request.lang),
    );
    app.post(
      '/external-hours/imports/:batchId/reverse',
      { schema: { tags, summary: "Reverse a committed batch: reversing credits, revoked completions; the rows may be imported again", params: externalHoursBatchParams, body: externalHoursReverseInput, response: { 200: externalHoursReport } } },
      async (request) => presentReport(await externalHours.reverseExternalHours(ctx, { actor: requireActor(request), ip: clientIp(request), batchId: request.params.batchId, reason: request.body.reason }), request.lang),
    );
  };
}
