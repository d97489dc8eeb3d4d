/** /auth: login, logout, who am I, change password. */
import { changePasswordInput, loginInput, meView, okBody } from '@pioneer/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../../context.ts';
import type { Actor } from '../../lib/actor.ts';
import { clientIp, requireActor } from '../../lib/http.ts';
import { grantOrgNames } from './auth.repo.ts';
import * as auth from './auth.service.ts';
import { loadSession, SESSION_COOKIE } from './session.ts';

export function authRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: ctx.config.session.cookieSecure };

    app.post(
      '/auth/login',
      {
        config: { rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
        schema: { tags: ['auth'], summary: 'Log in by username or phone number', body: loginInput, response: { 200: meView } },
      },
      async (request, reply) => {
        const session = await auth.login(ctx, { ...request.body, ip: clientIp(request), userAgent: request.headers['user-agent'] ?? null });
        reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, maxAge: ctx.config.session.absoluteHours * 3600 });
        const loaded = await loadSession(ctx, session.token);
        return presentMe(ctx, loaded!.actor, session.csrfToken);
      },
    );

    app.post('/auth/logout', { schema: { tags: ['auth'], summary: 'Log out', response: { 200: okBody } } }, async (request, reply) => {
      const actor = requireActor(request, { allowPendingPasswordChange: true });
      await auth.logout(ctx, { actor, ip: clientIp(request) });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    });

    app.get('/auth/me', { schema: { tags: ['auth'], summary: 'The logged-in account', response: { 200: meView } } }, async (request) => {
      const actor = requireActor(request, { allowPendingPasswordChange: true });
      return presentMe(ctx, actor, request.csrfToken ?? '');
    });

    app.post(
      '/auth/password',
      { schema: { tags: ['auth'], summary: 'Change own password', body: changePasswordInput, response: { 200: okBody } } },
      async (request) => {
        const actor = requireActor(request, { allowPendingPasswordChange: true });
        await auth.changePassword(ctx, { actor, ...request.body, ip: clientIp(request) });
        return { ok: true as const };
      },
    );
  };
}

async function presentMe(ctx: ServerContext, actor: Actor, csrfToken: string) {
  const names = await grantOrgNames(ctx.db, actor.grants.flatMap((g) => (g.orgId ? [g.orgId] : [])));
  return {
    userId: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    personId: actor.personId,
    mustChangePassword: actor.mustChangePassword,
    grants: actor.grants.map((g) => ({ role: g.role, orgId: g.orgId, orgName: g.orgId ? (names.get(g.orgId) ?? null) : null })),
    csrfToken,
    idleTimeoutMinutes: ctx.config.session.idleMinutes,
  };
}
