/** /orgs: the organisation tree. */
import { orgCounts, orgCreateInput, orgIdParams, orgMoveInput, orgSearchQuery, orgUpdateInput, orgView } from '@pioneer/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerContext } from '../../context.ts';
import { clientIp, requireActor } from '../../lib/http.ts';
import * as orgs from './orgs.service.ts';

const orgDetail = orgView.extend({ ancestors: z.array(z.object({ id: z.string(), name: z.string() })) });

export function orgRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['organisations'];
    app.get('/orgs/roots', { schema: { tags, summary: 'Top organisations the caller may browse', response: { 200: z.array(orgView) } } }, async (request) =>
      orgs.listRoots(ctx, { actor: requireActor(request) }),
    );
    app.get('/orgs/search', { schema: { tags, summary: 'Find organisations by name or code', querystring: orgSearchQuery, response: { 200: z.array(orgView) } } }, async (request) =>
      orgs.searchOrgs(ctx, { actor: requireActor(request), ...request.query }),
    );
    app.get('/orgs/:id', { schema: { tags, summary: 'One organisation with its ancestors', params: orgIdParams, response: { 200: orgDetail } } }, async (request) =>
      orgs.getOrg(ctx, { actor: requireActor(request), id: request.params.id }),
    );
    app.get('/orgs/:id/children', { schema: { tags, summary: 'Direct sub-organisations', params: orgIdParams, response: { 200: z.array(orgView) } } }, async (request) =>
      orgs.listChildren(ctx, { actor: requireActor(request), id: request.params.id }),
    );
    app.get('/orgs/:id/counts', { schema: { tags, summary: 'People by category in the whole subtree', params: orgIdParams, response: { 200: orgCounts } } }, async (request) =>
      orgs.subtreeCounts(ctx, { actor: requireActor(request), id: request.params.id }),
    );
    app.post('/orgs', { schema: { tags, summary: 'Create an organisation', body: orgCreateInput, response: { 201: orgView } } }, async (request, reply) => {
      const created = await orgs.createOrg(ctx, { actor: requireActor(request), ip: clientIp(request), input: request.body });
      return reply.code(201).send(created);
    });
    app.patch('/orgs/:id', { schema: { tags, summary: 'Edit an organisation', params: orgIdParams, body: orgUpdateInput, response: { 200: orgView } } }, async (request) =>
      orgs.updateOrg(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id, input: request.body }),
    );
    app.post('/orgs/:id/move', { schema: { tags, summary: 'Move under another parent', params: orgIdParams, body: orgMoveInput, response: { 200: orgView } } }, async (request) =>
      orgs.moveOrg(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id, parentId: request.body.parentId }),
    );
    app.post('/orgs/:id/deactivate', { schema: { tags, summary: 'Deactivate (history is kept)', params: orgIdParams, response: { 200: orgView } } }, async (request) =>
      orgs.deactivateOrg(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id }),
    );
  };
}
