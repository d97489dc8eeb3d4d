/** /audit: the audit log, for the audit administrator. */
import { auditPage, auditQuery } from '@pioneer/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../../context.ts';
import { requireActor } from '../../lib/http.ts';
import { browseAudit } from './audit.service.ts';

export function auditRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/audit', { schema: { tags: ['audit'], summary: 'Browse and filter the audit log (audit administrator only)', querystring: auditQuery, response: { 200: auditPage } } }, async (request) =>
      browseAudit(ctx, { actor: requireActor(request), query: request.query }),
    );
  };
}
