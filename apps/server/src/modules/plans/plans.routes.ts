/** /plans: a branch's recurring year plans and the planned activities they generate. */
import { planCreateInput, planDeleted, planDetail, planIdParams, planListQuery, planPage, planUpdateInput } from '@pioneer/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../../context.ts';
import { clientIp, requireActor } from '../../lib/http.ts';
import * as plans from './plans.service.ts';

export function planRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['plans'];
    app.post(
      '/plans',
      {
        schema: {
          tags,
          summary: 'Create a recurring plan and its planned activities from today on (200 with the existing plan when identical)',
          body: planCreateInput,
          response: { 200: planDetail, 201: planDetail },
        },
      },
      async (request, reply) => {
        const result = await plans.createPlan(ctx, { actor: requireActor(request), ip: clientIp(request), input: request.body });
        return reply.code(result.created ? 201 : 200).send(result.plan);
      },
    );
    app.get(
      '/plans',
      { schema: { tags, summary: 'The plans of a year under a subtree', querystring: planListQuery, response: { 200: planPage } } },
      async (request) => plans.listPlans(ctx, { actor: requireActor(request), query: request.query }),
    );
    app.get('/plans/:id', { schema: { tags, summary: 'One plan with its activities', params: planIdParams, response: { 200: planDetail } } }, async (request) =>
      plans.getPlan(ctx, { actor: requireActor(request), id: request.params.id }),
    );
    app.patch(
      '/plans/:id',
      {
        schema: {
          tags,
          summary: 'Change a plan; its future planned activities are regenerated',
          params: planIdParams,
          body: planUpdateInput,
          response: { 200: planDetail },
        },
      },
      async (request) => plans.updatePlan(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id, input: request.body }),
    );
    app.delete(
      '/plans/:id',
      { schema: { tags, summary: 'Remove a plan; its future planned activities are cancelled', params: planIdParams, response: { 200: planDeleted } } },
      async (request) => plans.deletePlan(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id }),
    );
  };
}
