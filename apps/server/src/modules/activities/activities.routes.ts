/** /activities: plan, list, read, edit, cancel and record activities; guests, resolutions and attachments of a record. */
import {
  activityAttachmentInput,
  activityAttachmentParams,
  activityCalendar,
  activityCalendarQuery,
  activityCancelInput,
  activityCreateInput,
  activityDetail,
  activityGuestInput,
  activityGuestParams,
  activityIdParams,
  activityListQuery,
  activityPage,
  activityRecordInput,
  activityUpdateInput,
  resolutionInput,
  resolutionRecorded,
} from '@pioneer/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../../context.ts';
import { clientIp, requireActor } from '../../lib/http.ts';
import * as activities from './activities.service.ts';

export function activityRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['activities'];
    app.post(
      '/activities',
      { schema: { tags, summary: 'Plan an activity; who should attend is derived', body: activityCreateInput, response: { 201: activityDetail } } },
      async (request, reply) => {
        const created = await activities.createActivity(ctx, { actor: requireActor(request), ip: clientIp(request), input: request.body });
        return reply.code(201).send(created);
      },
    );
    app.get(
      '/activities',
      { schema: { tags, summary: 'Activities of a subtree with attendance counts', querystring: activityListQuery, response: { 200: activityPage } } },
      async (request) => activities.listActivities(ctx, { actor: requireActor(request), query: request.query }),
    );
    app.get(
      '/activities/calendar',
      { schema: { tags, summary: 'A month of a subtree per local day: counts by kind and status', querystring: activityCalendarQuery, response: { 200: activityCalendar } } },
      async (request) => activities.activityCalendar(ctx, { actor: requireActor(request), query: request.query }),
    );
    app.get(
      '/activities/:id',
      {
        schema: {
          tags,
          summary: 'One activity’s record (managers; an attendee sees a limited view)',
          params: activityIdParams,
          response: { 200: activityDetail },
        },
      },
      async (request) => activities.getActivity(ctx, { actor: requireActor(request), id: request.params.id }),
    );
    app.patch(
      '/activities/:id',
      {
        schema: {
          tags,
          summary: 'Edit a planned or held activity (optimistic version)',
          params: activityIdParams,
          body: activityUpdateInput,
          response: { 200: activityDetail },
        },
      },
      async (request) => activities.updateActivity(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id, input: request.body }),
    );
    app.post(
      '/activities/:id/cancel',
      {
        schema: {
          tags,
          summary: 'Cancel a planned activity with a reason',
          params: activityIdParams,
          body: activityCancelInput,
          response: { 200: activityDetail },
        },
      },
      async (request) =>
        activities.cancelActivity(ctx, {
          actor: requireActor(request),
          ip: clientIp(request),
          id: request.params.id,
          reason: request.body.reason,
          version: request.body.version,
        }),
    );
    app.post(
      '/activities/:id/record',
      {
        schema: {
          tags,
          summary: 'Record the activity as held, or correct the record',
          params: activityIdParams,
          body: activityRecordInput,
          response: { 200: activityDetail },
        },
      },
      async (request) => activities.recordActivity(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id, input: request.body }),
    );
    app.post(
      '/activities/:id/guests',
      {
        schema: {
          tags,
          summary: 'Add a guest or auditor (by name, or a person of the deployment)',
          params: activityIdParams,
          body: activityGuestInput,
          response: { 200: activityDetail },
        },
      },
      async (request) => activities.addGuest(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id, input: request.body }),
    );
    app.delete(
      '/activities/:id/guests/:guestId',
      { schema: { tags, summary: 'Remove a guest or auditor', params: activityGuestParams, response: { 200: activityDetail } } },
      async (request) =>
        activities.removeGuest(ctx, { actor: requireActor(request), ip: clientIp(request), id: request.params.id, guestId: request.params.guestId }),
    );
    app.post(
      '/activities/:id/resolutions',
      {
        schema: {
          tags,
          summary: 'Record a resolution; quorum and majority are checked against the attendance',
          params: activityIdParams,
          body: resolutionInput,
          response: { 201: resolutionRecorded },
        },
      },
      async (request, reply) => {
        const recorded = await activities.recordResolution(ctx, {
          actor: requireActor(request),
          ip: clientIp(request),
          id: request.params.id,
          input: request.body,
        });
        return reply.code(201).send(recorded);
      },
    );
    app.post(
      '/activities/:id/attachments',
      {
        schema: {
          tags,
          summary: 'Link an uploaded attachment to the activity',
          params: activityIdParams,
          body: activityAttachmentInput,
          response: { 200: activityDetail },
        },
      },
      async (request) =>
        activities.linkActivityAttachment(ctx, {
          actor: requireActor(request),
          ip: clientIp(request),
          id: request.params.id,
          attachmentId: request.body.attachmentId,
        }),
    );
    app.delete(
      '/activities/:id/attachments/:attachmentId',
      {
        schema: {
          tags,
          summary: 'Unlink an attachment (the file stays for other records)',
          params: activityAttachmentParams,
          response: { 200: activityDetail },
        },
      },
      async (request) =>
        activities.unlinkActivityAttachment(ctx, {
          actor: requireActor(request),
          ip: clientIp(request),
          id: request.params.id,
          attachmentId: request.params.attachmentId,
        }),
    );
  };
}
