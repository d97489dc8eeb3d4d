/**
 * The Fastify instance: security headers, cookies, rate limits, the zod type provider (so the
 * schemas in packages/domain validate requests and generate the OpenAPI document), session
 * loading and CSRF checks, one error handler, the modules' routes, and the built web app.
 */
import fs from 'node:fs';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { ServerContext } from './context.ts';
import { AppError, errorMessage, pickLang, type Lang } from './errors.ts';
import type { Actor } from './lib/actor.ts';
import { localizeDetails, localizeValidationIssues } from './lib/validation.ts';
import { loadSession, SESSION_COOKIE } from './modules/auth/session.ts';
import { registerModules } from './modules/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    lang: Lang;
  }
}


const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function buildApp(ctx: ServerContext) {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    trustProxy: ctx.config.trustProxy,
    bodyLimit: ctx.config.maxUploadBytes,
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);
  app.decorateRequest('lang', 'zh-CN');
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (request, reply) => {
    request.lang = pickLang(request.headers['accept-language']);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (!request.url.startsWith('/api/docs')) {
      reply.header(
        'Content-Security-Policy',
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
      );
    }
  });

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
  });
  await app.register(multipart, { limits: { fileSize: ctx.config.maxUploadBytes, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Pioneer API (先锋学堂)', version: '1.0.0', description: 'REST API of Pioneer. Writes need the X-CSRF-Token header returned by login.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Sessions are loaded for API calls only, before the body is validated; a write must carry the
  // session's CSRF token.
  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/api/v1/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const actor = await loadSession(ctx, token);
    if (!actor) return;
    if (WRITE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== actor.csrfToken) {
      throw new AppError('CSRF_TOKEN_INVALID');
    }
    request.actor = actor.actor;
    request.csrfToken = actor.csrfToken;
  });

  app.setErrorHandler((error, request, reply) => sendError(error, request, reply));
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !fs.existsSync(ctx.config.webDist)) {
      return sendError(new AppError('ROUTE_NOT_FOUND', { method: request.method, url: request.url.split('?')[0] ?? '' }), request, reply);
    }
    // Client-side routes of the single-page app all get index.html.
    return reply.type('text/html').sendFile('index.html');
  });

  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  await app.register(async (api) => registerModules(api.withTypeProvider<ZodTypeProvider>(), ctx), { prefix: '/api/v1' });

  if (fs.existsSync(ctx.config.webDist)) {
    await app.register(fastifyStatic, { root: ctx.config.webDist, wildcard: false });
  }
  return app;
}

function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const lang = request.lang ?? 'zh-CN';
  if (error instanceof AppError) {
    if (error.cause !== undefined) request.log.warn({ err: error.cause, code: error.code }, 'request refused; underlying cause');
    return reply.code(error.status).send({
      error: { code: error.code, message: errorMessage(error.code, lang, error.params), details: localizeDetails(error.details, lang) },
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = localizeValidationIssues(error.validation, error.validationContext ?? 'body', lang);
    return reply.code(400).send({
      error: { code: 'VALIDATION_FAILED', message: errorMessage('VALIDATION_FAILED', lang), details },
    });
  }
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 413 || (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
    const maxMb = Math.round((request.server.initialConfig.bodyLimit ?? 0) / 1024 / 1024);
    return reply.code(413).send({ error: { code: 'FILE_TOO_LARGE', message: errorMessage('FILE_TOO_LARGE', lang, { maxMb }), details: [] } });
  }
  if (status === 429) {
    return reply.code(429).send({ error: { code: 'RATE_LIMITED', message: errorMessage('RATE_LIMITED', lang), details: [] } });
  }
  if (status && status >= 400 && status < 500) {
    // Malformed JSON, wrong content type and the like: the client's fault, said plainly.
    return reply.code(status).send({
      error: { code: 'VALIDATION_FAILED', message: errorMessage('VALIDATION_FAILED', lang), details: [{ path: '', code: 'REQUEST_MALFORMED', message: (error as Error).message }] },
    });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.code(500).send({
    error: { code: 'INTERNAL', message: errorMessage('INTERNAL', lang, { requestId: request.id }), details: [] },
  });
}
