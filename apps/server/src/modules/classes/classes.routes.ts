/**
 * Training class routes: organisers' class management (sessions, enrolment, roster, QR sign-in,
 * completion, report), units' nominations, statistics, and the member's own classes, QR sign-in
 * and leave.
 */
import {
  classCreateInput,
  classEnrolmentParams,
  classLeaveInput,
  classList,
  classListQuery,
  classParams,
  classReport,
  classRoster,
  classRosterInput,
  classSessionInput,
  classSessionUpdateInput,
  classSigninOpened,
  classSigninOpenInput,
  classSigninParams,
  classSigninView,
  classStatistics,
  classStatisticsQuery,
  classUpdateInput,
  classView,
  enrolmentList,
  myClasses,
  myClassView,
  nominationInput,
  rejectInput,
} from '@pioneer/domain';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../../context.ts';
import { clientIp, requireActor } from '../../lib/http.ts';
import * as classes from './classes.service.ts';
// Registers class sessions with the teacher pool (feedback, linked requests) when the routes load.
import './classes.teachers.ts';

/** Per session, not per address: a whole class signs in from behind one NAT (as attendance does). */
const perSession = (request: FastifyRequest) => request.cookies?.pioneer_session ?? request.ip;
const signinRateLimit = { rateLimit: { max: 30, timeWindow: '1 minute', keyGenerator: perSession } };

export function classRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['classes'];
    const caller = (request: FastifyRequest) => ({ actor: requireActor(request), ip: clientIp(request) });

    app.get('/classes', { schema: { tags, summary: 'Classes on, above or below my organisations', querystring: classListQuery, response: { 200: classList } } }, async (request) =>
      classes.listClasses(ctx, { actor: requireActor(request), ...request.query }),
    );
    app.post('/classes', { schema: { tags, summary: 'Create a training class (organisers)', body: classCreateInput, response: { 201: classView } } }, async (request, reply) =>
      reply.code(201).send(await classes.createClass(ctx, { ...caller(request), input: request.body })),
    );
    app.get('/classes/statistics', { schema: { tags, summary: 'Classes held (班次) and person-times (人次) by type over a subtree and year', querystring: classStatisticsQuery, response: { 200: classStatistics } } }, async (request) =>
      classes.getStatistics(ctx, { actor: requireActor(request), orgId: request.query.orgId, year: request.query.year }),
    );
    app.get('/classes/:id', { schema: { tags, summary: 'A class with its sessions', params: classParams, response: { 200: classView } } }, async (request) =>
      classes.getClass(ctx, { actor: requireActor(request), id: request.params.id }),
    );
    app.patch('/classes/:id', { schema: { tags, summary: 'Edit a class (version required)', params: classParams, body: classUpdateInput, response: { 200: classView } } }, async (request) =>
      classes.updateClass(ctx, { ...caller(request), id: request.params.id, input: request.body }),
    );
    app.post('/classes/:id/sessions', { schema: { tags, summary: 'Add a session', params: classParams, body: classSessionInput, response: { 201: classView } } }, async (request, reply) =>
      reply.code(201).send(await classes.addSession(ctx, { ...caller(request), classId: request.params.id, input: request.body })),
    );
    app.patch('/class-sessions/:id', { schema: { tags, summary: 'Edit a session (version required)', params: classParams, body: classSessionUpdateInput, response: { 200: classView } } }, async (request) =>
      classes.updateSession(ctx, { ...caller(request), sessionId: request.params.id, input: request.body }),
    );
    app.delete('/class-sessions/:id', { schema: { tags, summary: 'Remove a session nobody was marked at', params: classParams, response: { 200: classView } } }, async (request) =>
      classes.deleteSession(ctx, { ...caller(request), sessionId: request.params.id }),
    );
    app.get('/classes/:id/enrolments', { schema: { tags, summary: 'Enrolments (organisers: all; a unit: its own people)', params: classParams, response: { 200: enrolmentList } } }, async (request) =>
      classes.listEnrolments(ctx, { actor: requireActor(request), classId: request.params.id }),
    );
    app.post('/classes/:id/nominations', { schema: { tags, summary: 'Nominate people of my subtree (enrolled at once, capacity permitting)', params: classParams, body: nominationInput, response: { 200: enrolmentList } } }, async (request) =>
      classes.nominate(ctx, { ...caller(request), classId: request.params.id, personIds: request.body.personIds }),
    );
    app.post('/classes/:id/enrolments/:personId/approve', { schema: { tags, summary: 'Approve a self-enrolment (organisers)', params: classEnrolmentParams, response: { 200: enrolmentList } } }, async (request) =>
      classes.approve(ctx, { ...caller(request), classId: request.params.id, personId: request.params.personId }),
    );
    app.post('/classes/:id/enrolments/:personId/reject', { schema: { tags, summary: 'Reject a self-enrolment with a reason (organisers)', params: classEnrolmentParams, body: rejectInput, response: { 200: enrolmentList } } }, async (request) =>
      classes.reject(ctx, { ...caller(request), classId: request.params.id, personId: request.params.personId, reason: request.body.reason }),
    );
    app.delete('/classes/:id/enrolments/:personId', { schema: { tags, summary: 'Withdraw a person (organisers, or the unit managing them)', params: classEnrolmentParams, response: { 200: enrolmentList } } }, async (request) =>
      classes.withdraw(ctx, { ...caller(request), classId: request.params.id, personId: request.params.personId }),
    );
    app.get('/class-sessions/:id/roster', { schema: { tags, summary: "A session's roster with attendance (organisers)", params: classParams, response: { 200: classRoster } } }, async (request) =>
      classes.getRoster(ctx, { actor: requireActor(request), sessionId: request.params.id }),
    );
    app.put('/class-sessions/:id/roster', { schema: { tags, summary: 'Mark attendance in bulk (organisers); a correction re-derives a completed class', params: classParams, body: classRosterInput, response: { 200: classRoster } } }, async (request) =>
      classes.markRoster(ctx, { ...caller(request), sessionId: request.params.id, input: request.body }),
    );
    app.post('/class-sessions/:id/signin', { schema: { tags, summary: 'Open QR sign-in with a new token (organisers)', params: classParams, body: classSigninOpenInput, response: { 200: classSigninOpened } } }, async (request) =>
      classes.openSignin(ctx, { ...caller(request), sessionId: request.params.id, minutes: request.body.minutes }),
    );
    app.post('/class-sessions/:id/signin/close', { schema: { tags, summary: 'Close QR sign-in (organisers)', params: classParams, response: { 200: classRoster } } }, async (request) =>
      classes.closeSignin(ctx, { ...caller(request), sessionId: request.params.id }),
    );
    app.post('/classes/:id/complete', { schema: { tags, summary: 'Complete the class (idempotent): outcomes, credits, completions', params: classParams, response: { 200: classReport } } }, async (request) =>
      classes.completeClass(ctx, { ...caller(request), classId: request.params.id }),
    );
    app.get('/classes/:id/report', { schema: { tags, summary: 'Per person completed or not and why', params: classParams, response: { 200: classReport } } }, async (request) =>
      classes.getReport(ctx, { actor: requireActor(request), classId: request.params.id }),
    );
    app.get('/class-signin/:token', { config: signinRateLimit, schema: { tags, summary: 'What a class QR code opens', params: classSigninParams, response: { 200: classSigninView } } }, async (request) =>
      classes.viewSignin(ctx, { actor: requireActor(request), token: request.params.token }),
    );
    app.post('/class-signin/:token', { config: signinRateLimit, schema: { tags, summary: 'Sign myself in to a class session (idempotent)', params: classSigninParams, response: { 200: classSigninView } } }, async (request) =>
      classes.signIn(ctx, { actor: requireActor(request), token: request.params.token }),
    );
    app.get('/me/classes', { schema: { tags, summary: 'My classes and those open to me', response: { 200: myClasses } } }, async (request) => classes.myClasses(ctx, { actor: requireActor(request) }));
    app.get('/me/classes/:id', { schema: { tags, summary: 'One class as I see it', params: classParams, response: { 200: myClassView } } }, async (request) =>
      classes.myClass(ctx, { actor: requireActor(request), classId: request.params.id }),
    );
    app.post('/me/classes/:id/enrol', { schema: { tags, summary: 'Ask to join a class (self-enrolment)', params: classParams, response: { 200: myClassView } } }, async (request) =>
      classes.enrolSelf(ctx, { ...caller(request), classId: request.params.id }),
    );
    app.delete('/me/classes/:id/enrolment', { schema: { tags, summary: 'Withdraw my enrolment or request', params: classParams, response: { 200: myClassView } } }, async (request) =>
      classes.withdrawSelf(ctx, { ...caller(request), classId: request.params.id }),
    );
    app.post('/me/class-sessions/:id/leave', { schema: { tags, summary: 'Ask for leave from a session (before it starts)', params: classParams, body: classLeaveInput, response: { 200: myClassView } } }, async (request) =>
      classes.requestLeave(ctx, { ...caller(request), sessionId: request.params.id, reason: request.body.reason }),
    );
    app.delete('/me/class-sessions/:id/leave', { schema: { tags, summary: 'Withdraw my own leave request (before the session starts)', params: classParams, response: { 200: myClassView } } }, async (request) =>
      classes.withdrawLeave(ctx, { ...caller(request), sessionId: request.params.id }),
    );
  };
}
