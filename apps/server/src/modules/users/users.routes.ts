/** /users (accounts, system administrator) and /grants (roles, security administrator). */
import { grantCreateInput, grantDetailView, grantIdParams, grantListQuery, grantPage, okBody, userCreateInput, userIdParams, userListQuery, userPage, userView, userWithPassword } from '@pioneer/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../../context.ts';
import { clientIp, requireActor } from '../../lib/http.ts';
import * as users from './users.service.ts';

export function userRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['accounts'];
    app.get('/users', { schema: { tags, summary: 'Find accounts (no personal data)', querystring: userListQuery, response: { 200: userPage } } }, async (request) =>
      users.listUsers(ctx, { actor: requireActor(request), query: request.query }),
    );
    app.get('/users/:id', { schema: { tags, summary: 'One account with its roles', params: userIdParams, response: { 200: userView } } }, async (request) =>
      users.getUser(ctx, { actor: requireActor(request), id: request.params.id }),
    );
    app.post('/users', { schema: { tags, summary: 'Create an account with a one-time password', body: userCreateInput, response: { 201: userWithPassword } } }, async (request, reply) => {
      const created = await users.createUser(ctx, { actor: requireActor(request), ip: clientIp(request), input: request.body });
      return reply.code(201).send(created);
    });
    app.post('/users/:id/reset-password', { schema: { tags, summary: 'Reset to a one-time password and end all sessions', params: userIdParams, response: { 200: userWithPassword } } }, async (request) =>
      users.resetPassword(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id }),
    );
    app.post('/users/:id/unlock', { schema: { tags, summary: 'Lift a lockout after failed logins', params: userIdParams, response: { 200: userView } } }, async (request) =>
      users.unlockUser(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id }),
    );
    app.post('/users/:id/disable', { schema: { tags, summary: 'Disable the account and end its sessions', params: userIdParams, response: { 200: userView } } }, async (request) =>
      users.setUserActive(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id, active: false }),
    );
    app.post('/users/:id/enable', { schema: { tags, summary: 'Enable a disabled account', params: userIdParams, response: { 200: userView } } }, async (request) =>
      users.setUserActive(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id, active: true }),
    );

    const grantTags = ['roles'];
    app.get('/grants', { schema: { tags: grantTags, summary: 'Role grants', querystring: grantListQuery, response: { 200: grantPage } } }, async (request) =>
      users.listGrants(ctx, { actor: requireActor(request), query: request.query }),
    );
    app.post('/grants', { schema: { tags: grantTags, summary: 'Grant a role (三员分立 enforced)', body: grantCreateInput, response: { 201: grantDetailView } } }, async (request, reply) => {
      const created = await users.grantRole(ctx, { actor: requireActor(request), ip: clientIp(request), input: request.body });
      return reply.code(201).send(created);
    });
    app.delete('/grants/:id', { schema: { tags: grantTags, summary: 'Revoke a role grant', params: grantIdParams, response: { 200: okBody } } }, async (request) => {
      await users.revokeGrant(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id });
      return { ok: true as const };
    });
  };
}
