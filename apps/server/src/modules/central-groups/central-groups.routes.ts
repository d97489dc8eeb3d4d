/**
 * /central-groups (and the central-group parts of /activities and /me): central-group study. The
 * two upload routes read the multipart body with the attachments module's reader.
 */
import {
  auditCompleteInput,
  auditOverview,
  auditOverviewQuery,
  auditorAssignInput,
  auditView,
  centralGroupCreateInput,
  centralGroupDetail,
  centralGroupListQuery,
  centralGroupMembersInput,
  centralGroupSummary,
  linkedAttachmentView,
  myCentralGroup,
  myWritingInput,
  myWritings,
  noteReturnInput,
  noteReviewInput,
  noteReviewView,
  noteSubmitInput,
  studyPlanInput,
  studyPlanReturnInput,
  studyPlansQuery,
  studyPlanUpdateInput,
  studyPlanView,
  studyReportAcknowledgeInput,
  studyReportsQuery,
  studyReportView,
  writingInput,
  writingsQuery,
  writingsSummary,
  writingView,
} from '@pioneer/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerContext } from '../../context.ts';
import { clientIp, requireActor } from '../../lib/http.ts';
import { readUpload } from '../attachments/attachments.routes.ts';
import * as groups from './central-groups.service.ts';

const idParams = z.object({ id: z.uuid() });
const planParams = z.object({ planId: z.uuid() });
const auditParams = z.object({ auditId: z.uuid() });

export function centralGroupRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['central-groups'];
    const caller = (request: Parameters<typeof requireActor>[0]) => ({ actor: requireActor(request), ip: clientIp(request) });

    app.post('/central-groups', { schema: { tags, summary: 'Set up the central study group of a party committee or leading party group', body: centralGroupCreateInput, response: { 201: centralGroupDetail } } }, async (request, reply) =>
      reply.code(201).send(await groups.createGroup(ctx, { ...caller(request), input: request.body })),
    );
    app.get('/central-groups', { schema: { tags, summary: "A subtree's central study groups", querystring: centralGroupListQuery, response: { 200: z.array(centralGroupSummary) } } }, async (request) =>
      groups.listGroups(ctx, { actor: requireActor(request), orgId: request.query.orgId }),
    );
    app.get('/central-groups/study-reports', { schema: { tags, summary: "A subtree's one-study-one-reports of a year", querystring: studyReportsQuery, response: { 200: z.array(studyReportView) } } }, async (request) =>
      groups.listStudyReports(ctx, { actor: requireActor(request), ...request.query }),
    );
    app.post('/central-groups/study-reports/:id/acknowledge', { schema: { tags, summary: 'The working committee acknowledges a report', params: idParams, body: studyReportAcknowledgeInput, response: { 200: studyReportView } } }, async (request) =>
      groups.acknowledgeStudyReport(ctx, { ...caller(request), id: request.params.id, comment: request.body.comment }),
    );
    app.get('/central-groups/audit-overview', { schema: { tags, summary: 'Per group: sessions held and audited in a year, and groups never audited', querystring: auditOverviewQuery, response: { 200: auditOverview } } }, async (request) =>
      groups.auditOverview(ctx, { actor: requireActor(request), ...request.query }),
    );
    app.post('/central-groups/audits/:auditId/complete', { schema: { tags, summary: 'The assigned auditor records their notes', params: auditParams, body: auditCompleteInput, response: { 200: auditView } } }, async (request) =>
      groups.completeAudit(ctx, { ...caller(request), auditId: request.params.auditId, input: request.body }),
    );
    app.delete('/central-groups/audits/:auditId', { schema: { tags, summary: "Withdraw an auditor assignment not yet completed; answers the session's remaining auditors", params: auditParams, response: { 200: z.array(auditView) } } }, async (request) =>
      groups.removeAuditor(ctx, { ...caller(request), auditId: request.params.auditId }),
    );
    app.patch('/central-groups/plans/:planId', { schema: { tags, summary: "Change a draft or returned study plan's items", params: planParams, body: studyPlanUpdateInput, response: { 200: studyPlanView } } }, async (request) =>
      groups.updatePlan(ctx, { ...caller(request), planId: request.params.planId, items: request.body.items }),
    );
    app.post('/central-groups/plans/:planId/submit', { schema: { tags, summary: 'Submit an annual study plan for approval', params: planParams, response: { 200: studyPlanView } } }, async (request) =>
      groups.decidePlan(ctx, { ...caller(request), planId: request.params.planId, action: 'submit' }),
    );
    app.post('/central-groups/plans/:planId/approve', { schema: { tags, summary: "Approve a study plan (the group's leader or the secretary)", params: planParams, response: { 200: studyPlanView } } }, async (request) =>
      groups.decidePlan(ctx, { ...caller(request), planId: request.params.planId, action: 'approve' }),
    );
    app.post('/central-groups/plans/:planId/return', { schema: { tags, summary: 'Return a study plan with a comment', params: planParams, body: studyPlanReturnInput, response: { 200: studyPlanView } } }, async (request) =>
      groups.decidePlan(ctx, { ...caller(request), planId: request.params.planId, action: 'return', comment: request.body.comment }),
    );
    app.post('/central-groups/note-reviews/:id/return', { schema: { tags, summary: 'Return study notes with comments', params: idParams, body: noteReturnInput, response: { 200: noteReviewView } } }, async (request) =>
      groups.returnNotes(ctx, { ...caller(request), id: request.params.id, comments: request.body.comments }),
    );
    app.get('/central-groups/:id', { schema: { tags, summary: 'A central study group with its members', params: idParams, response: { 200: centralGroupDetail } } }, async (request) =>
      groups.getGroup(ctx, { actor: requireActor(request), id: request.params.id }),
    );
    app.put('/central-groups/:id/members', { schema: { tags, summary: 'Replace the members (exactly one leader)', params: idParams, body: centralGroupMembersInput, response: { 200: centralGroupDetail } } }, async (request) =>
      groups.setMembers(ctx, { ...caller(request), id: request.params.id, input: request.body }),
    );
    app.post('/central-groups/:id/plans', { schema: { tags, summary: "Save a year's study plan as a draft", params: idParams, body: studyPlanInput, response: { 200: studyPlanView, 201: studyPlanView } } }, async (request, reply) => {
      const saved = await groups.savePlan(ctx, { ...caller(request), id: request.params.id, input: request.body });
      return reply.code(saved.created ? 201 : 200).send(saved.plan);
    });
    app.get('/central-groups/:id/plans', { schema: { tags, summary: "A group's study plans", params: idParams, querystring: studyPlansQuery, response: { 200: z.array(studyPlanView) } } }, async (request) =>
      groups.listPlans(ctx, { actor: requireActor(request), id: request.params.id, year: request.query.year }),
    );
    app.post('/central-groups/:id/writings', { schema: { tags, summary: "Record a member's written statement or research report", params: idParams, body: writingInput, response: { 201: writingView } } }, async (request, reply) =>
      reply.code(201).send(await groups.addWriting(ctx, { ...caller(request), id: request.params.id, input: request.body })),
    );
    app.get('/central-groups/:id/writings', { schema: { tags, summary: "Members' writings of a year, with research reports short of the practice", params: idParams, querystring: writingsQuery, response: { 200: writingsSummary } } }, async (request) =>
      groups.listWritings(ctx, { actor: requireActor(request), id: request.params.id, year: request.query.year }),
    );
    app.post('/central-groups/:id/note-reviews', { schema: { tags, summary: "Call in members' study notes for review", params: idParams, body: noteReviewInput, response: { 201: z.array(noteReviewView) } } }, async (request, reply) =>
      reply.code(201).send(await groups.requestNotes(ctx, { ...caller(request), id: request.params.id, input: request.body })),
    );
    app.get('/central-groups/:id/note-reviews', { schema: { tags, summary: "A group's study-note reviews", params: idParams, response: { 200: z.array(noteReviewView) } } }, async (request) =>
      groups.listGroupReviews(ctx, { actor: requireActor(request), id: request.params.id }),
    );
    app.post('/activities/:id/study-report', { schema: { tags, summary: 'Assemble and submit the one-study-one-report of a held session', params: idParams, response: { 200: studyReportView, 201: studyReportView } } }, async (request, reply) => {
      const submitted = await groups.submitStudyReport(ctx, { ...caller(request), activityId: request.params.id });
      return reply.code(submitted.created ? 201 : 200).send(submitted.report);
    });
    app.post('/activities/:id/auditors', { schema: { tags, summary: 'Assign an auditor to a central-group study session', params: idParams, body: auditorAssignInput, response: { 201: auditView } } }, async (request, reply) =>
      reply.code(201).send(await groups.assignAuditor(ctx, { ...caller(request), activityId: request.params.id, input: request.body })),
    );
    app.get('/activities/:id/auditors', { schema: { tags, summary: "A central-group study session's auditors", params: idParams, response: { 200: z.array(auditView) } } }, async (request) =>
      groups.listAuditors(ctx, { actor: requireActor(request), activityId: request.params.id }),
    );
    app.get('/me/audits', { schema: { tags, summary: 'Central-group study sessions I am assigned to audit', response: { 200: z.array(auditView) } } }, async (request) =>
      groups.myAudits(ctx, { actor: requireActor(request) }),
    );
    app.get('/me/note-reviews', { schema: { tags, summary: 'My study notes called in for review', response: { 200: z.array(noteReviewView) } } }, async (request) =>
      groups.myReviews(ctx, { actor: requireActor(request) }),
    );
    app.post(
      '/me/note-reviews/:id/attachment',
      { schema: { tags, summary: 'Upload the file of my study notes (multipart: file); hand it in with submit', params: idParams, consumes: ['multipart/form-data'], response: { 201: linkedAttachmentView } } },
      async (request, reply) => {
        const actor = requireActor(request);
        const upload = await readUpload(ctx, request);
        return reply.code(201).send(await groups.attachMyNotesFile(ctx, { actor, ip: clientIp(request), id: request.params.id, file: upload.file }));
      },
    );
    app.get('/me/central-groups', { schema: { tags, summary: 'The central study groups I am a member of', response: { 200: z.array(myCentralGroup) } } }, async (request) =>
      groups.myGroups(ctx, { actor: requireActor(request) }),
    );
    app.get('/me/writings', { schema: { tags, summary: 'My statements and research reports of a year', querystring: writingsQuery, response: { 200: myWritings } } }, async (request) =>
      groups.myWritings(ctx, { actor: requireActor(request), year: request.query.year }),
    );
    app.post('/me/writings', { schema: { tags, summary: 'Record my own statement or research report', body: myWritingInput, response: { 201: writingView } } }, async (request, reply) =>
      reply.code(201).send(await groups.addMyWriting(ctx, { ...caller(request), input: request.body })),
    );
    app.post(
      '/me/writings/:id/attachment',
      { schema: { tags, summary: 'Upload the file of my writing (multipart: file), replacing an earlier one', params: idParams, consumes: ['multipart/form-data'], response: { 200: writingView } } },
      async (request) => {
        const actor = requireActor(request);
        const upload = await readUpload(ctx, request);
        return groups.attachMyWritingFile(ctx, { actor, ip: clientIp(request), id: request.params.id, file: upload.file });
      },
    );
    app.post('/me/note-reviews/:id/submit', { schema: { tags, summary: 'Hand in my study notes', params: idParams, body: noteSubmitInput, response: { 200: noteReviewView } } }, async (request) =>
      groups.submitNotes(ctx, { ...caller(request), id: request.params.id, input: request.body }),
    );
  };
}
