/** /training-groups and /me/training-plans: differentiated training groups and their annual plans. */
import {
  myTrainingPlans,
  myTrainingPlansQuery,
  okBody,
  trainingGroupCreateInput,
  trainingGroupListQuery,
  trainingGroupMemberPage,
  trainingGroupMembersInput,
  trainingGroupMembersQuery,
  trainingGroupUpdateInput,
  trainingGroupView,
  trainingPlanInput,
  trainingPlanParams,
  trainingPlanView,
} from '@pioneer/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerContext } from '../../context.ts';
import { clientIp, requireActor } from '../../lib/http.ts';
import * as groups from './training-groups.service.ts';

const idParams = z.object({ id: z.uuid() });
const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export function trainingGroupRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['training-groups'];
    const caller = (request: Parameters<typeof requireActor>[0]) => ({ actor: requireActor(request), ip: clientIp(request) });

    app.get('/training-groups', { schema: { tags, summary: 'Training groups covering an organisation', querystring: trainingGroupListQuery, response: { 200: z.array(trainingGroupView) } } }, async (request) =>
      groups.listGroups(ctx, { actor: requireActor(request), orgId: request.query.orgId, year: request.query.year }),
    );
    app.post('/training-groups', { schema: { tags, summary: 'Declare a training group on an organisation', body: trainingGroupCreateInput, response: { 201: trainingGroupView } } }, async (request, reply) =>
      reply.code(201).send(await groups.createGroup(ctx, { ...caller(request), input: request.body })),
    );
    app.get('/training-groups/:id', { schema: { tags, summary: 'A training group', params: idParams, querystring: yearQuery, response: { 200: trainingGroupView } } }, async (request) =>
      groups.getGroup(ctx, { actor: requireActor(request), id: request.params.id, year: request.query.year }),
    );
    app.patch('/training-groups/:id', { schema: { tags, summary: 'Rename a training group', params: idParams, body: trainingGroupUpdateInput, response: { 200: trainingGroupView } } }, async (request) =>
      groups.renameGroup(ctx, { ...caller(request), id: request.params.id, version: request.body.version, name: request.body.name }),
    );
    app.delete('/training-groups/:id', { schema: { tags, summary: 'Remove a training group with its plans', params: idParams, response: { 200: okBody } } }, async (request) =>
      groups.deleteGroup(ctx, { ...caller(request), id: request.params.id }),
    );
    app.get('/training-groups/:id/members', { schema: { tags, summary: "A group's members (derived from the records, or named)", params: idParams, querystring: trainingGroupMembersQuery, response: { 200: trainingGroupMemberPage } } }, async (request) =>
      groups.listMembers(ctx, { actor: requireActor(request), id: request.params.id, ...request.query }),
    );
    app.put('/training-groups/:id/members', { schema: { tags, summary: "Replace a custom group's named members", params: idParams, body: trainingGroupMembersInput, response: { 200: trainingGroupView } } }, async (request) =>
      groups.setMembers(ctx, { ...caller(request), id: request.params.id, personIds: request.body.personIds }),
    );
    app.get('/training-groups/:id/plans', { schema: { tags, summary: "A group's annual plans", params: idParams, response: { 200: z.array(trainingPlanView) } } }, async (request) =>
      groups.listPlans(ctx, { actor: requireActor(request), id: request.params.id }),
    );
    app.put('/training-groups/:id/plans/:year', { schema: { tags, summary: "Save a group's plan of a year", params: trainingPlanParams, body: trainingPlanInput, response: { 200: trainingPlanView, 201: trainingPlanView } } }, async (request, reply) => {
      const saved = await groups.savePlan(ctx, { ...caller(request), id: request.params.id, year: request.params.year, input: request.body });
      return reply.code(saved.created ? 201 : 200).send(saved.plan);
    });
    app.get('/me/training-plans', { schema: { tags, summary: 'The plans of the training groups I belong to', querystring: myTrainingPlansQuery, response: { 200: myTrainingPlans } } }, async (request) =>
      groups.myPlans(ctx, { actor: requireActor(request), year: request.query.year }),
    );
  };
}
