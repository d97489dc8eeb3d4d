/**
 * /people: the registry, for managers of a subtree; /me/profile: a member's own record. There is
 * no DELETE (a record is history) and no organisation change here (that is a transfer).
 */
import { ownProfileInput, peopleListQuery, peoplePage, personIdParams, personInput, personPiiView, personUpdateInput, personView } from '@pioneer/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../../context.ts';
import { clientIp, requireActor } from '../../lib/http.ts';
import * as people from './people.service.ts';

export function peopleRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['people'];
    app.get(
      '/people',
      { schema: { tags, summary: 'People of an organisation or its subtree: filter, search (name, pinyin, initials, ID/phone tail), paginate', querystring: peopleListQuery, response: { 200: peoplePage } } },
      async (request) => people.listPeople(ctx, { actor: requireActor(request), query: request.query }),
    );
    app.get('/people/:id', { schema: { tags, summary: 'One person, ID and phone masked', params: personIdParams, response: { 200: personView } } }, async (request) =>
      people.getPerson(ctx, { actor: requireActor(request), id: request.params.id }),
    );
    app.get('/people/:id/pii', { schema: { tags, summary: 'Full ID and phone numbers (every call is audited)', params: personIdParams, response: { 200: personPiiView } } }, async (request) =>
      people.getPersonPii(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id }),
    );
    app.post('/people', { schema: { tags, summary: 'Register a person', body: personInput, response: { 201: personView } } }, async (request, reply) => {
      const created = await people.createPerson(ctx, { actor: requireActor(request), ip: clientIp(request), input: request.body });
      return reply.code(201).send(created);
    });
    app.patch('/people/:id', { schema: { tags, summary: 'Edit a person (optimistic version check)', params: personIdParams, body: personUpdateInput, response: { 200: personView } } }, async (request) =>
      people.updatePerson(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id, input: request.body }),
    );
    app.get('/me/profile', { schema: { tags, summary: "The caller's own member record", response: { 200: personView } } }, async (request) =>
      people.getOwnProfile(ctx, { actor: requireActor(request) }),
    );
    app.patch('/me/profile', { schema: { tags, summary: 'Update own phone, address or education', body: ownProfileInput, response: { 200: personView } } }, async (request) =>
      people.updateOwnProfile(ctx, { actor: requireActor(request), ip: clientIp(request), input: request.body }),
    );
  };
}
