/**
 * /circulars: generate a quarter's circular for an organisation's subtree, list and read them,
 * download the stored .docx and .pdf, publish one (which notifies the subtree's secretaries).
 */
import { circularCreateInput, circularIdParams, circularListQuery, circularPublishResult, circularSummary, circularView } from '@pioneer/domain';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerContext } from '../../context.ts';
import { clientIp, requireActor } from '../../lib/http.ts';
import * as circulars from './circulars.service.ts';
import { defaultCircularSources } from './circulars.sources.ts';

/** An attachment with a Chinese file name (RFC 6266 / 5987) and a plain ASCII fallback. */
function sendDocument(reply: FastifyReply, document: circulars.CircularDocument) {
  return reply
    .type(document.mediaType)
    .header('Content-Disposition', `attachment; filename="${document.fallbackName}"; filename*=UTF-8''${encodeURIComponent(document.fileName)}`)
    .header('Cache-Control', 'no-store')
    .send(document.bytes);
}

export function circularRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['circulars'];
    app.post('/circulars', { schema: { tags, summary: "Generate (a new version of) an organisation's quarterly circular", body: circularCreateInput, response: { 201: circularView } } }, async (request, reply) => {
      const created = await circulars.generateCircular(ctx, { actor: requireActor(request), ip: clientIp(request), input: request.body, sources: defaultCircularSources });
      return reply.code(201).send(created);
    });
    app.get('/circulars', { schema: { tags, summary: 'Circulars the caller may read, newest quarter first', querystring: circularListQuery, response: { 200: z.array(circularSummary) } } }, async (request) =>
      circulars.listCirculars(ctx, { actor: requireActor(request), query: request.query }),
    );
    app.get('/circulars/:id', { schema: { tags, summary: 'One circular with the figures it was generated from', params: circularIdParams, response: { 200: circularView } } }, async (request) =>
      circulars.getCircular(ctx, { actor: requireActor(request), id: request.params.id }),
    );
    app.get('/circulars/:id/docx', { schema: { tags, summary: 'The stored Word document', params: circularIdParams } }, async (request, reply) =>
      sendDocument(reply, await circulars.downloadCircular(ctx, { actor: requireActor(request), id: request.params.id, format: 'docx' })),
    );
    app.get('/circulars/:id/pdf', { schema: { tags, summary: 'The stored PDF', params: circularIdParams } }, async (request, reply) =>
      sendDocument(reply, await circulars.downloadCircular(ctx, { actor: requireActor(request), id: request.params.id, format: 'pdf' })),
    );
    app.post(
      '/circulars/:id/publish',
      { schema: { tags, summary: "Publish a version and notify the subtree's secretaries", params: circularIdParams, response: { 200: circularPublishResult } } },
      async (request) => circulars.publishCircular(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id }),
    );
  };
}
