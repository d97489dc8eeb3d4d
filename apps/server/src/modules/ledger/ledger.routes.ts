/** /me/study-hours and /people/{id}/study-hours: the study-hour ledger (学时) of one person and year. */
import { studyHoursPersonParams, studyHoursQuery, studyHoursView } from '@pioneer/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../../context.ts';
import { requireActor } from '../../lib/http.ts';
import * as ledger from './ledger.service.ts';

export function ledgerRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['study hours'];
    app.get('/me/study-hours', { schema: { tags, summary: 'My study hours of a year: total, by source, entries', querystring: studyHoursQuery, response: { 200: studyHoursView } } }, async (request) =>
      ledger.getMyStudyHours(ctx, { actor: requireActor(request), year: request.query.year }),
    );
    app.get(
      '/people/:id/study-hours',
      { schema: { tags, summary: "A person's study hours of a year (managers of the person's organisation)", params: studyHoursPersonParams, querystring: studyHoursQuery, response: { 200: studyHoursView } } },
      async (request) => ledger.getPersonStudyHours(ctx, { actor: requireActor(request), personId: request.params.id, year: request.query.year }),
    );
  };
}
