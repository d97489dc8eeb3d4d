/**
 * /imports: the people template, the upload that answers with a dry-run report, reading a report
 * again, and the commit; /people/export: a list of people as a workbook with the template's
 * columns. Files travel as .xlsx; the upload is multipart (fields `orgId` and `file`).
 */
import { importBatchParams, importCommitInput, importReport, importUploadFields, peopleExportQuery, XLSX_MIME } from '@pioneer/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { clientIp, requireActor } from '../../lib/http.ts';
import { presentReport } from './imports.presenter.ts';
import * as imports from './imports.service.ts';

type Upload = { fields: Record<string, string>; file: { name: string; data: Buffer } | null };

const required = (path: string) => new AppError('VALIDATION_FAILED', {}, [{ path, code: 'IMPORT_REQUIRED', message: 'IMPORT_REQUIRED' }]);

/** The multipart body, in whatever order its parts come; the file size limit is the app's upload limit. */
async function readUpload(request: FastifyRequest): Promise<Upload> {
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

/** An attachment with a Chinese file name (RFC 6266 / 5987) and a plain ASCII fallback. */
function sendWorkbook(reply: FastifyReply, fileName: string, file: Buffer, fallback: string) {
  return reply
    .type(XLSX_MIME)
    .header('Content-Disposition', `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('Cache-Control', 'no-store')
    .send(file);
}

export function importRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['imports'];
    app.get('/imports/people/template', { schema: { tags, summary: 'The people template (.xlsx): Chinese headers, a guide sheet, drop-down lists' } }, async (request, reply) => {
      const file = await imports.peopleTemplate(ctx, { actor: requireActor(request) });
      return sendWorkbook(reply, '人员信息导入模板.xlsx', file, 'people-template.xlsx');
    });
    app.post(
      '/imports/people',
      {
        schema: {
          tags,
          summary: 'Upload a roster (multipart: orgId, file) and get the dry-run report; nothing is written to the registry yet',
          consumes: ['multipart/form-data'],
          response: { 200: importReport },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        imports.assertMayImport(actor);
        const upload = await readUpload(request);
        if (!upload.fields.orgId) throw required('orgId');
        const fields = importUploadFields.safeParse(upload.fields);
        // An id that is not even a UUID names no organisation.
        if (!fields.success) throw new AppError('ORG_NOT_FOUND');
        if (!upload.file) throw required('file');
        const batch = await imports.dryRunPeopleImport(ctx, { actor, ip: clientIp(request), orgId: fields.data.orgId, fileName: upload.file.name, file: upload.file.data });
        return presentReport(batch, request.lang);
      },
    );
    app.get('/imports/:batchId', { schema: { tags, summary: 'A dry-run (or committed) import report', params: importBatchParams, response: { 200: importReport } } }, async (request) => {
      const batch = await imports.getImportBatch(ctx, { actor: requireActor(request), batchId: request.params.batchId });
      return presentReport(batch, request.lang);
    });
    app.post(
      '/imports/:batchId/commit',
      { schema: { tags, summary: 'Write a dry run in one transaction: every valid row, or nothing if all_or_nothing and any row has a problem', params: importBatchParams, body: importCommitInput, response: { 200: importReport } } },
      async (request) => {
        const batch = await imports.commitPeopleImport(ctx, { actor: requireActor(request), ip: clientIp(request), batchId: request.params.batchId, mode: request.body.mode });
        return presentReport(batch, request.lang);
      },
    );
    app.get(
      '/people/export',
      { schema: { tags: ['people'], summary: 'The people of a list (same filters as GET /people) as .xlsx with the template columns; full=true unmasks the numbers (audited)', querystring: peopleExportQuery } },
      async (request, reply) => {
        const exported = await imports.exportPeople(ctx, { actor: requireActor(request), ip: clientIp(request), query: request.query });
        return sendWorkbook(reply, exported.fileName, exported.file, 'people.xlsx');
      },
    );
  };
}
