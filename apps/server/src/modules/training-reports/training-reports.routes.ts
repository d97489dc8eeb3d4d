/**
 * /training-reports and the annual study record: the subtree's hours ledger (.xlsx, streamed), the
 * year's statistics (.xlsx), my annual study record (PDF) and a member's for their managers.
 */
import { annualRecordPersonParams, annualRecordQuery, PDF_MIME, trainingReportQuery, XLSX_MIME } from '@pioneer/domain';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import type { ServerContext } from '../../context.ts';
import { clientIp, requireActor } from '../../lib/http.ts';
import * as reports from './training-reports.service.ts';

/** An attachment with a Chinese file name (RFC 6266 / 5987) and a plain ASCII fallback. */
function sendFile(reply: FastifyReply, type: string, file: reports.ExportFile<Buffer | Readable>) {
  return reply
    .type(type)
    .header('Content-Disposition', `attachment; filename="${file.fallbackName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('Cache-Control', 'no-store')
    .send(file.body);
}

export function trainingReportRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['training reports'];
    app.get(
      '/training-reports/ledger.xlsx',
      { schema: { tags, summary: 'The person-by-person hours ledger of a subtree for a year (.xlsx, streamed; audited)', querystring: trainingReportQuery } },
      async (request, reply) => sendFile(reply, XLSX_MIME, await reports.exportLedger(ctx, { actor: requireActor(request), ip: clientIp(request), query: request.query })),
    );
    app.get(
      '/training-reports/statistics.xlsx',
      { schema: { tags, summary: "The year's training statistics per organisation of a subtree, and classes held and person-times (.xlsx; audited)", querystring: trainingReportQuery } },
      async (request, reply) => sendFile(reply, XLSX_MIME, await reports.exportStatistics(ctx, { actor: requireActor(request), ip: clientIp(request), query: request.query })),
    );
    app.get('/me/annual-study-record.pdf', { schema: { tags, summary: 'My annual study record (PDF): credits with sources, total against the requirement, centralised trainings', querystring: annualRecordQuery } }, async (request, reply) =>
      sendFile(reply, PDF_MIME, await reports.myAnnualRecord(ctx, { actor: requireActor(request), year: request.query.year })),
    );
    app.get(
      '/people/:id/annual-study-record.pdf',
      { schema: { tags, summary: "A member's annual study record (PDF) for the managers of their organisation (audited)", params: annualRecordPersonParams, querystring: annualRecordQuery } },
      async (request, reply) => sendFile(reply, PDF_MIME, await reports.personAnnualRecord(ctx, { actor: requireActor(request), ip: clientIp(request), personId: request.params.id, year: request.query.year })),
    );
  };
}
