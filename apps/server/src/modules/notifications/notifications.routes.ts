/** /me/notifications: the caller's own in-app inbox. Every account has one; nobody sees another's. */
import { notificationIdParams, notificationListQuery, notificationPage, notificationView, readAllResult, unreadCountView } from '@pioneer/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../../context.ts';
import { requireActor } from '../../lib/http.ts';
import * as notifications from './notifications.service.ts';

export function notificationRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['notifications'];
    app.get('/me/notifications', { schema: { tags, summary: 'My notifications, newest first', querystring: notificationListQuery, response: { 200: notificationPage } } }, async (request) =>
      notifications.listMine(ctx, { actor: requireActor(request), lang: request.lang, query: request.query }),
    );
    app.get('/me/notifications/unread-count', { schema: { tags, summary: 'How many of my notifications are unread', response: { 200: unreadCountView } } }, async (request) =>
      notifications.unreadCount(ctx, { actor: requireActor(request) }),
    );
    app.post('/me/notifications/:id/read', { schema: { tags, summary: 'Mark one of my notifications read', params: notificationIdParams, response: { 200: notificationView } } }, async (request) =>
      notifications.markRead(ctx, { actor: requireActor(request), lang: request.lang, id: request.params.id }),
    );
    app.post('/me/notifications/read-all', { schema: { tags, summary: 'Mark all my notifications read', response: { 200: readAllResult } } }, async (request) =>
      notifications.markAllRead(ctx, { actor: requireActor(request) }),
    );
  };
}
