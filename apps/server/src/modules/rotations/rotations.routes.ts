/** Rotation training routes: declare, edit, close, list, coverage over a subtree and its people. */
import {
  coveragePeople,
  coveragePeopleQuery,
  coverageQuery,
  rotationCoverage,
  rotationCreateInput,
  rotationList,
  rotationListQuery,
  rotationParams,
  rotationUpdateInput,
  rotationView,
} from '@pioneer/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../../context.ts';
import { clientIp, requireActor } from '../../lib/http.ts';
import * as rotations from './rotations.service.ts';

export function rotationRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['rotations'];
    app.get('/rotations', { schema: { tags, summary: 'Rotations on, above or below my organisations', querystring: rotationListQuery, response: { 200: rotationList } } }, async (request) =>
      rotations.listRotations(ctx, { actor: requireActor(request), year: request.query.year }),
    );
    app.post('/rotations', { schema: { tags, summary: "Declare a year's rotation training (committee officers)", body: rotationCreateInput, response: { 201: rotationView } } }, async (request, reply) => {
      const view = await rotations.declareRotation(ctx, { actor: requireActor(request), ip: clientIp(request), input: request.body });
      return reply.code(201).send(view);
    });
    app.get('/rotations/:id', { schema: { tags, summary: 'A rotation with its batches', params: rotationParams, response: { 200: rotationView } } }, async (request) =>
      rotations.getRotation(ctx, { actor: requireActor(request), id: request.params.id }),
    );
    app.patch('/rotations/:id', { schema: { tags, summary: 'Edit a rotation (version required)', params: rotationParams, body: rotationUpdateInput, response: { 200: rotationView } } }, async (request) =>
      rotations.updateRotation(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id, input: request.body }),
    );
    app.post('/rotations/:id/close', { schema: { tags, summary: 'Close a rotation', params: rotationParams, response: { 200: rotationView } } }, async (request) =>
      rotations.closeRotation(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id }),
    );
    app.get(
      '/rotations/:id/coverage',
      { schema: { tags, summary: 'Coverage over a subtree: trained, in progress, not yet, exempt; one row per sub-organisation', params: rotationParams, querystring: coverageQuery, response: { 200: rotationCoverage } } },
      async (request) => rotations.getCoverage(ctx, { actor: requireActor(request), id: request.params.id, orgId: request.query.orgId }),
    );
    app.get(
      '/rotations/:id/coverage/people',
      { schema: { tags, summary: 'The people of a subtree with their coverage status and why', params: rotationParams, querystring: coveragePeopleQuery, response: { 200: coveragePeople } } },
      async (request) =>
        rotations.getCoveragePeople(ctx, { actor: requireActor(request), id: request.params.id, orgId: request.query.orgId, status: request.query.status, page: request.query.page, pageSize: request.query.pageSize }),
    );
  };
}
