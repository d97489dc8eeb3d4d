/** /compliance: verdicts of organisational life for a subtree and period, the trend, the rule sets. */
import { complianceQuery, complianceSummary, orgCompliance, orgComplianceQuery, recomputeInput, recomputeResult, ruleSetCreateInput, ruleSetView, shortfallPage, shortfallsQuery, trendQuery, trendView } from '@pioneer/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerContext } from '../../context.ts';
import { clientIp, requireActor } from '../../lib/http.ts';
import * as compliance from './compliance.service.ts';

export function complianceRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['compliance'];
    app.get('/compliance/summary', { schema: { tags, summary: 'Compliance of a subtree in a period, by requirement', querystring: complianceQuery, response: { 200: complianceSummary } } }, async (request) =>
      compliance.getSummary(ctx, { actor: requireActor(request), ...request.query, lang: request.lang }),
    );
    app.get('/compliance/shortfalls', { schema: { tags, summary: 'Organisations of a subtree that fall short, with reasons', querystring: shortfallsQuery, response: { 200: shortfallPage } } }, async (request) =>
      compliance.listShortfalls(ctx, { actor: requireActor(request), ...request.query, lang: request.lang }),
    );
    app.get('/compliance/trend', { schema: { tags, summary: 'Twelve months of compliance and attendance rates', querystring: trendQuery, response: { 200: trendView } } }, async (request) =>
      compliance.getTrend(ctx, { actor: requireActor(request), ...request.query, lang: request.lang }),
    );
    app.get('/compliance/orgs/:id', { schema: { tags, summary: "One organisation's verdicts and the activities counted", params: z.object({ id: z.uuid() }), querystring: orgComplianceQuery, response: { 200: orgCompliance } } }, async (request) =>
      compliance.getOrgCompliance(ctx, { actor: requireActor(request), orgId: request.params.id, period: request.query.period, lang: request.lang }),
    );
    app.get('/compliance/rule-sets', { schema: { tags, summary: 'The versioned rule sets', response: { 200: z.array(ruleSetView) } } }, async (request) =>
      compliance.listRuleSets(ctx, { actor: requireActor(request) }),
    );
    app.post('/compliance/rule-sets', { schema: { tags, summary: 'Add a rule set taking effect from a future day', body: ruleSetCreateInput, response: { 201: ruleSetView } } }, async (request, reply) => {
      const created = await compliance.createRuleSet(ctx, { actor: requireActor(request), ip: clientIp(request), input: request.body });
      return reply.code(201).send(created);
    });
    app.post('/compliance/recompute', { schema: { tags, summary: 'Recompute the verdicts of a year', body: recomputeInput, response: { 200: recomputeResult } } }, async (request) =>
      compliance.recompute(ctx, { actor: requireActor(request), ip: clientIp(request), orgId: request.body.orgId, year: request.body.year }),
    );
  };
}
