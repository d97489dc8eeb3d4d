/** /transfers: letters of transfer of organisational relation (组织关系转接介绍信). */
import { transferCreateInput, transferIdParams, transferListQuery, transferPage, transferReturnInput, transferView } from '@pioneer/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../../context.ts';
import { clientIp, requireActor } from '../../lib/http.ts';
import * as transfers from './transfers.service.ts';

export function transferRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['transfers'];
    app.post('/transfers', { schema: { tags, summary: 'Issue a transfer letter for a member', body: transferCreateInput, response: { 201: transferView } } }, async (request, reply) => {
      const created = await transfers.issueTransfer(ctx, { actor: requireActor(request), ip: clientIp(request), input: request.body });
      return reply.code(201).send(created);
    });
    app.get('/transfers/inbox', { schema: { tags, summary: 'Letters addressed to an organisation subtree', querystring: transferListQuery, response: { 200: transferPage } } }, async (request) =>
      transfers.listTransfers(ctx, { actor: requireActor(request), side: 'inbox', query: request.query }),
    );
    app.get('/transfers/outbox', { schema: { tags, summary: 'Letters issued by an organisation subtree', querystring: transferListQuery, response: { 200: transferPage } } }, async (request) =>
      transfers.listTransfers(ctx, { actor: requireActor(request), side: 'outbox', query: request.query }),
    );
    app.get('/transfers/:id', { schema: { tags, summary: 'One transfer letter', params: transferIdParams, response: { 200: transferView } } }, async (request) =>
      transfers.getTransfer(ctx, { actor: requireActor(request), id: request.params.id }),
    );
    app.post('/transfers/:id/accept', { schema: { tags, summary: 'Accept: the member moves to the receiving organisation', params: transferIdParams, response: { 200: transferView } } }, async (request) =>
      transfers.acceptTransfer(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id }),
    );
    app.post(
      '/transfers/:id/return',
      { schema: { tags, summary: 'Return to the sender with a reason', params: transferIdParams, body: transferReturnInput, response: { 200: transferView } } },
      async (request) => transfers.returnTransfer(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id, reason: request.body.reason }),
    );
    app.post('/transfers/:id/cancel', { schema: { tags, summary: 'Cancel a pending letter (sender)', params: transferIdParams, response: { 200: transferView } } }, async (request) =>
      transfers.cancelTransfer(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id }),
    );
  };
}
