/** Training needs routes: progress (mine, a person's), coverage, missed/weak lists, delivered study, manual entries, rule sets. */
import {
  deliveredStudyInput,
  deliveredStudyList,
  deliveredStudyRecord,
  manualCreditDecision,
  manualCreditInput,
  manualCreditList,
  manualCreditListQuery,
  manualCreditRejection,
  manualCreditView,
  trainingCoverageView,
  trainingExceptionList,
  trainingExceptionsQuery,
  trainingIdParams,
  trainingProgressView,
  trainingRuleSetCreateInput,
  trainingRuleSetList,
  trainingRuleSetView,
  trainingYearQuery,
} from '@pioneer/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../../context.ts';
import { clientIp, requireActor } from '../../lib/http.ts';
import * as needs from './training-needs.service.ts';

export function trainingNeedsRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['training needs'];
    const params = trainingIdParams;
    app.get('/me/training-progress', { schema: { tags, summary: 'My progress against the year’s study requirement, with reasons and recommendations', querystring: trainingYearQuery, response: { 200: trainingProgressView } } }, async (request) =>
      needs.getMyProgress(ctx, { actor: requireActor(request), year: request.query.year }),
    );
    app.get('/people/:id/training-progress', { schema: { tags, summary: "A person's progress (managers of the person's organisation)", params, querystring: trainingYearQuery, response: { 200: trainingProgressView } } }, async (request) =>
      needs.getPersonProgress(ctx, { actor: requireActor(request), personId: request.params.id, year: request.query.year }),
    );
    app.get('/orgs/:id/training-coverage', { schema: { tags, summary: 'Coverage of a subtree for a year: required, met, short, exempt, hours, centralised training', params, querystring: trainingYearQuery, response: { 200: trainingCoverageView } } }, async (request) =>
      needs.getCoverage(ctx, { actor: requireActor(request), orgId: request.params.id, year: request.query.year }),
    );
    app.get('/orgs/:id/training-exceptions', { schema: { tags, summary: 'Missed (漏训) or weak (弱训) people of a subtree with reasons and the next action', params, querystring: trainingExceptionsQuery, response: { 200: trainingExceptionList } } }, async (request) =>
      needs.listExceptions(ctx, { actor: requireActor(request), orgId: request.params.id, query: request.query }),
    );
    app.get('/orgs/:id/delivered-study', { schema: { tags, summary: 'Delivered-study records (送学上门) of a subtree for a year', params, querystring: trainingYearQuery, response: { 200: deliveredStudyList } } }, async (request) =>
      needs.listDelivered(ctx, { actor: requireActor(request), orgId: request.params.id, year: request.query.year }),
    );
    app.post('/people/:id/delivered-study', { schema: { tags, summary: 'Record study delivered to an exempt member', params, body: deliveredStudyInput, response: { 201: deliveredStudyRecord } } }, async (request, reply) =>
      reply.code(201).send(await needs.recordDelivered(ctx, { actor: requireActor(request), ip: clientIp(request), personId: request.params.id, input: request.body })),
    );
    app.get('/me/manual-credits', { schema: { tags, summary: 'My manual entry requests', response: { 200: manualCreditList } } }, async (request) => needs.listMyManual(ctx, { actor: requireActor(request) }));
    app.post('/me/manual-credits', { schema: { tags, summary: 'Ask for hours studied (credited once a manager approves)', body: manualCreditInput, response: { 201: manualCreditView } } }, async (request, reply) =>
      reply.code(201).send(await needs.requestMyManual(ctx, { actor: requireActor(request), ip: clientIp(request), input: request.body })),
    );
    app.post('/people/:id/manual-credits', { schema: { tags, summary: 'Ask for hours a member studied (managers)', params, body: manualCreditInput, response: { 201: manualCreditView } } }, async (request, reply) =>
      reply.code(201).send(await needs.requestManualFor(ctx, { actor: requireActor(request), ip: clientIp(request), personId: request.params.id, input: request.body })),
    );
    app.get('/orgs/:id/manual-credits', { schema: { tags, summary: 'Manual entry requests of a subtree', params, querystring: manualCreditListQuery, response: { 200: manualCreditList } } }, async (request) =>
      needs.listOrgManual(ctx, { actor: requireActor(request), orgId: request.params.id, status: request.query.status }),
    );
    app.post('/manual-credits/:id/approve', { schema: { tags, summary: 'Approve a request: the hours become a ledger credit', params, body: manualCreditDecision, response: { 200: manualCreditView } } }, async (request) =>
      needs.decideManual(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id, approve: true, note: request.body.note }),
    );
    app.post('/manual-credits/:id/reject', { schema: { tags, summary: 'Reject a request with a reason', params, body: manualCreditRejection, response: { 200: manualCreditView } } }, async (request) =>
      needs.decideManual(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id, approve: false, note: request.body.note }),
    );
    app.get('/training-rule-sets', { schema: { tags, summary: 'The study-hour requirement sets and their effective years', response: { 200: trainingRuleSetList } } }, async (request) => needs.listRuleSets(ctx, { actor: requireActor(request) }));
    app.post('/training-rule-sets', { schema: { tags, summary: 'Publish a requirement set from 1 January of a later year (working committee)', body: trainingRuleSetCreateInput, response: { 201: trainingRuleSetView } } }, async (request, reply) =>
      reply.code(201).send(await needs.createRuleSet(ctx, { actor: requireActor(request), ip: clientIp(request), input: request.body })),
    );
  };
}
