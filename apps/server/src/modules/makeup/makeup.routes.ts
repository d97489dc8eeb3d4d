/** /makeup and /me/makeup: make-up study (补学) for managers and for the assignee. */
import { makeupCompleteInput, makeupDetail, makeupIdParams, makeupListQuery, makeupPage, myMakeupList } from '@pioneer/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../../context.ts';
import { clientIp, requireActor } from '../../lib/http.ts';
import * as makeup from './makeup.service.ts';

export function makeupRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['make-up study'];
    app.get('/makeup', { schema: { tags, summary: "A subtree's make-up assignments (managers)", querystring: makeupListQuery, response: { 200: makeupPage } } }, async (request) =>
      makeup.listMakeup(ctx, { actor: requireActor(request), query: request.query }),
    );
    app.get('/me/makeup', { schema: { tags, summary: 'My make-up assignments, open ones first', response: { 200: myMakeupList } } }, async (request) =>
      makeup.listMine(ctx, { actor: requireActor(request) }),
    );
    app.get('/me/makeup/:id', { schema: { tags, summary: 'One of my assignments with the meeting record', params: makeupIdParams, response: { 200: makeupDetail } } }, async (request) =>
      makeup.getMine(ctx, { actor: requireActor(request), id: request.params.id }),
    );
    app.post('/me/makeup/:id/read', { schema: { tags, summary: 'I have read the materials', params: makeupIdParams, response: { 200: makeupDetail } } }, async (request) =>
      makeup.markRead(ctx, { actor: requireActor(request), id: request.params.id }),
    );
    app.post(
      '/me/makeup/:id/complete',
      { schema: { tags, summary: 'Close it with my note (after reading)', params: makeupIdParams, body: makeupCompleteInput, response: { 200: makeupDetail } } },
      async (request) => makeup.complete(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id, note: request.body.note }),
    );
  };
}
