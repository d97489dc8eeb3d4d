/**
 * Attendance routes: the secretary's sheet, marking and sign-in window; the member's QR sign-in
 * and leave requests; "my obligations" and "my activities".
 */
import {
  attendanceActivityParams,
  attendanceMarkInput,
  attendanceSheet,
  leaveRequestInput,
  myActivitiesQuery,
  myActivitiesView,
  myActivityView,
  obligationsView,
  signinOpenInput,
  signinOpened,
  signinState,
  signinTokenParams,
  signinView,
} from '@pioneer/domain';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../../context.ts';
import { clientIp, requireActor } from '../../lib/http.ts';
import * as attendance from './attendance.service.ts';

/**
 * Per session, not per address: a whole meeting signs in from behind one office NAT. A member
 * needs two or three calls; 30 a minute leaves room for retries on a poor connection and stops a
 * script from walking through tokens (which are 192-bit random anyway).
 */
const SIGNIN_RATE_LIMIT_PER_MINUTE = 30;
const perSession = (request: FastifyRequest) => request.cookies?.pioneer_session ?? request.ip;
const signinRateLimit = { rateLimit: { max: SIGNIN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute', keyGenerator: perSession } };

export function attendanceRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['attendance'];
    app.get(
      '/activities/:id/attendance',
      { schema: { tags, summary: 'The attendance sheet of an activity (managers)', params: attendanceActivityParams, response: { 200: attendanceSheet } } },
      async (request) => attendance.getSheet(ctx, { actor: requireActor(request), activityId: request.params.id }),
    );
    app.put(
      '/activities/:id/attendance',
      { schema: { tags, summary: 'Mark attendance in bulk (managers)', params: attendanceActivityParams, body: attendanceMarkInput, response: { 200: attendanceSheet } } },
      async (request) => attendance.markAttendance(ctx, { actor: requireActor(request), ip: clientIp(request), activityId: request.params.id, input: request.body }),
    );
    app.post(
      '/activities/:id/signin',
      { schema: { tags, summary: 'Open or reopen QR sign-in with a new token (managers)', params: attendanceActivityParams, body: signinOpenInput, response: { 200: signinOpened } } },
      async (request) => attendance.openSignin(ctx, { actor: requireActor(request), ip: clientIp(request), activityId: request.params.id, minutes: request.body.minutes }),
    );
    app.get(
      '/activities/:id/signin',
      { schema: { tags, summary: 'The sign-in code open now, without rotating it (managers)', params: attendanceActivityParams, response: { 200: signinOpened } } },
      async (request) => attendance.currentSignin(ctx, { actor: requireActor(request), activityId: request.params.id }),
    );
    app.post(
      '/activities/:id/signin/close',
      { schema: { tags, summary: 'Close QR sign-in (managers)', params: attendanceActivityParams, response: { 200: signinState } } },
      async (request) => attendance.closeSignin(ctx, { actor: requireActor(request), ip: clientIp(request), activityId: request.params.id }),
    );
    app.get(
      '/signin/:token',
      { config: signinRateLimit, schema: { tags, summary: 'What a sign-in QR code opens: the activity and my status', params: signinTokenParams, response: { 200: signinView } } },
      async (request) => attendance.viewSignin(ctx, { actor: requireActor(request), token: request.params.token }),
    );
    app.post(
      '/signin/:token',
      { config: signinRateLimit, schema: { tags, summary: 'Sign myself in (idempotent)', params: signinTokenParams, response: { 200: signinView } } },
      async (request) => attendance.signIn(ctx, { actor: requireActor(request), token: request.params.token }),
    );
    app.post(
      '/me/activities/:id/leave',
      { schema: { tags, summary: 'Ask for leave with a reason (while the activity is planned)', params: attendanceActivityParams, body: leaveRequestInput, response: { 200: myActivityView } } },
      async (request) => attendance.requestLeave(ctx, { actor: requireActor(request), ip: clientIp(request), activityId: request.params.id, reason: request.body.reason }),
    );
    app.delete(
      '/me/activities/:id/leave',
      { schema: { tags, summary: 'Withdraw my own leave request (while the activity is planned)', params: attendanceActivityParams, response: { 200: myActivityView } } },
      async (request) => attendance.withdrawLeave(ctx, { actor: requireActor(request), ip: clientIp(request), activityId: request.params.id }),
    );
    app.get('/me/obligations', { schema: { tags, summary: 'My upcoming activities (60 days) and open make-up study', response: { 200: obligationsView } } }, async (request) =>
      attendance.myObligations(ctx, { actor: requireActor(request) }),
    );
    app.get(
      '/me/activities',
      { schema: { tags, summary: 'The held activities of a year I was expected at, with my status', querystring: myActivitiesQuery, response: { 200: myActivitiesView } } },
      async (request) => attendance.myActivities(ctx, { actor: requireActor(request), year: request.query.year }),
    );
  };
}
