/** /lecturers, /lecturer-courses, /lecturer-requests, /lecturer-feedback, /teacher-directions and their /me parts: the teacher pool. */
import {
  activityLecturerInput,
  activityLecturerView,
  courseInput,
  courseListQuery,
  coursePage,
  courseUpdateInput,
  courseView,
  feedbackSessionView,
  lecturerCreateInput,
  lecturerDeclineInput,
  lecturerDetail,
  lecturerFeedbackInput,
  lecturerFeedbackReport,
  lecturerFeedbackSummary,
  lecturerListQuery,
  lecturerPage,
  lecturerPiiView,
  lecturerRejectInput,
  lecturerRequestInput,
  lecturerRequestListQuery,
  lecturerRequestView,
  lecturerUpdateInput,
  myLecturerRequestsQuery,
  okBody,
  trainingDirectionInput,
  trainingDirectionView,
} from '@pioneer/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerContext } from '../../context.ts';
import { clientIp, requireActor } from '../../lib/http.ts';
import * as teachers from './teachers.service.ts';

const idParams = z.object({ id: z.uuid() });

export function teacherRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['teachers'];
    const caller = (request: Parameters<typeof requireActor>[0]) => ({ actor: requireActor(request), ip: clientIp(request) });

    app.get('/teacher-directions', { schema: { tags, summary: "The teacher pool's directions (built-in and custom)", response: { 200: z.array(trainingDirectionView) } } }, async (request) =>
      teachers.listDirections(ctx, { actor: requireActor(request) }),
    );
    app.post('/teacher-directions', { schema: { tags, summary: 'Add a custom direction (working committee)', body: trainingDirectionInput, response: { 201: trainingDirectionView } } }, async (request, reply) =>
      reply.code(201).send(await teachers.createDirection(ctx, { ...caller(request), input: request.body })),
    );

    app.get('/lecturers', { schema: { tags, summary: 'Search the teacher pool by name (or pinyin), direction, course format, kind, status', querystring: lecturerListQuery, response: { 200: lecturerPage } } }, async (request) =>
      teachers.searchLecturers(ctx, { actor: requireActor(request), query: request.query }),
    );
    app.post('/lecturers', { schema: { tags, summary: 'Add a lecturer (working committee) or propose one (secretaries)', body: lecturerCreateInput, response: { 201: lecturerDetail } } }, async (request, reply) =>
      reply.code(201).send(await teachers.createLecturer(ctx, { ...caller(request), input: request.body })),
    );
    app.get('/lecturers/:id', { schema: { tags, summary: 'A lecturer with their courses', params: idParams, response: { 200: lecturerDetail } } }, async (request) =>
      teachers.getLecturer(ctx, { actor: requireActor(request), id: request.params.id }),
    );
    app.patch('/lecturers/:id', { schema: { tags, summary: 'Edit a lecturer (working committee)', params: idParams, body: lecturerUpdateInput, response: { 200: lecturerDetail } } }, async (request) =>
      teachers.updateLecturer(ctx, { ...caller(request), id: request.params.id, input: request.body }),
    );
    app.get('/lecturers/:id/pii', { schema: { tags, summary: "A lecturer's full phone number (working committee; audited)", params: idParams, response: { 200: lecturerPiiView } } }, async (request) =>
      teachers.lecturerPii(ctx, { ...caller(request), id: request.params.id }),
    );
    app.post('/lecturers/:id/approve', { schema: { tags, summary: "Approve a secretary's proposal into the pool", params: idParams, response: { 200: lecturerDetail } } }, async (request) =>
      teachers.decideProposal(ctx, { ...caller(request), id: request.params.id, decision: 'approve' }),
    );
    app.post('/lecturers/:id/reject', { schema: { tags, summary: "Reject a secretary's proposal with the reason", params: idParams, body: lecturerRejectInput, response: { 200: lecturerDetail } } }, async (request) =>
      teachers.decideProposal(ctx, { ...caller(request), id: request.params.id, decision: 'reject', reason: request.body.reason }),
    );
    app.post('/lecturers/:id/courses', { schema: { tags, summary: "Add a course to a lecturer's catalogue", params: idParams, body: courseInput, response: { 201: courseView } } }, async (request, reply) =>
      reply.code(201).send(await teachers.addCourse(ctx, { ...caller(request), lecturerId: request.params.id, input: request.body })),
    );
    app.get('/lecturers/:id/feedback', { schema: { tags, summary: "A lecturer's feedback, without raters' names (working committee)", params: idParams, response: { 200: lecturerFeedbackReport } } }, async (request) =>
      teachers.lecturerFeedback(ctx, { actor: requireActor(request), id: request.params.id }),
    );
    app.patch('/lecturer-courses/:id', { schema: { tags, summary: 'Edit or retire a course', params: idParams, body: courseUpdateInput, response: { 200: courseView } } }, async (request) =>
      teachers.updateCourse(ctx, { ...caller(request), id: request.params.id, input: request.body }),
    );
    app.get('/lecturer-courses', { schema: { tags, summary: 'The course catalogue by direction, format, lecturer', querystring: courseListQuery, response: { 200: coursePage } } }, async (request) =>
      teachers.searchCourses(ctx, { actor: requireActor(request), query: request.query }),
    );
    app.get('/lecturer-feedback/summary', { schema: { tags, summary: 'Feedback counts and averages per lecturer (working committee)', response: { 200: z.array(lecturerFeedbackSummary) } } }, async (request) =>
      teachers.feedbackSummary(ctx, { actor: requireActor(request) }),
    );
    app.post('/lecturer-feedback', { schema: { tags, summary: 'Rate a session I attended (once)', body: lecturerFeedbackInput, response: { 201: okBody } } }, async (request, reply) =>
      reply.code(201).send(await teachers.giveFeedback(ctx, { ...caller(request), input: request.body })),
    );

    app.post('/lecturer-requests', { schema: { tags, summary: 'Request a lecturer for a party lesson or a class session', body: lecturerRequestInput, response: { 201: lecturerRequestView } } }, async (request, reply) =>
      reply.code(201).send(await teachers.createRequest(ctx, { ...caller(request), input: request.body })),
    );
    app.get('/lecturer-requests', { schema: { tags, summary: "A subtree's requests for lecturers", querystring: lecturerRequestListQuery, response: { 200: z.array(lecturerRequestView) } } }, async (request) =>
      teachers.listRequests(ctx, { actor: requireActor(request), orgId: request.query.orgId, status: request.query.status }),
    );
    app.post('/lecturer-requests/:id/cancel', { schema: { tags, summary: 'Withdraw a request', params: idParams, response: { 200: lecturerRequestView } } }, async (request) =>
      teachers.cancelRequest(ctx, { ...caller(request), id: request.params.id }),
    );

    app.get('/me/lecturer', { schema: { tags, summary: 'My lecturer profile in the pool', response: { 200: lecturerDetail } } }, async (request) => teachers.myLecturer(ctx, { actor: requireActor(request) }));
    app.get('/me/lecturer-requests', { schema: { tags, summary: 'Requests addressed to me (accepted = my schedule)', querystring: myLecturerRequestsQuery, response: { 200: z.array(lecturerRequestView) } } }, async (request) =>
      teachers.myRequests(ctx, { actor: requireActor(request), status: request.query.status }),
    );
    app.post('/me/lecturer-requests/:id/accept', { schema: { tags, summary: 'Accept a request', params: idParams, response: { 200: lecturerRequestView } } }, async (request) =>
      teachers.answerRequest(ctx, { ...caller(request), id: request.params.id, answer: 'accept' }),
    );
    app.post('/me/lecturer-requests/:id/decline', { schema: { tags, summary: 'Decline a request with a reason', params: idParams, body: lecturerDeclineInput, response: { 200: lecturerRequestView } } }, async (request) =>
      teachers.answerRequest(ctx, { ...caller(request), id: request.params.id, answer: 'decline', reason: request.body.reason }),
    );
    app.get('/me/lecturer-feedback', { schema: { tags, summary: 'Feedback I received as a lecturer (no raters)', response: { 200: lecturerFeedbackReport } } }, async (request) =>
      teachers.myFeedback(ctx, { actor: requireActor(request) }),
    );
    app.get('/me/feedback-sessions', { schema: { tags, summary: 'Sessions I attended with a lecturer of the pool', response: { 200: z.array(feedbackSessionView) } } }, async (request) =>
      teachers.myFeedbackSessions(ctx, { actor: requireActor(request) }),
    );

    app.get('/activities/:id/lecturer', { schema: { tags, summary: "A party lesson's speaker from the pool", params: idParams, response: { 200: activityLecturerView } } }, async (request) =>
      teachers.getActivityLecturer(ctx, { actor: requireActor(request), activityId: request.params.id }),
    );
    app.put('/activities/:id/lecturer', { schema: { tags, summary: "Choose (or clear) a party lesson's speaker from the pool", params: idParams, body: activityLecturerInput, response: { 200: activityLecturerView } } }, async (request) =>
      teachers.setActivityLecturer(ctx, { ...caller(request), activityId: request.params.id, lecturerId: request.body.lecturerId }),
    );
  };
}
