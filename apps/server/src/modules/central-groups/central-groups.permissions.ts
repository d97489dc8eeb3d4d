/**
 * Permission-matrix rows of /central-groups (and its routes under /activities and /me). Central
 * groups are run by party committees, never under the secretary's branch A, so the secretary
 * manages none: "inside" is the group of the test tree's party committee, whose leader is the
 * matrix member; "outside" is a group of another committee led by someone else. The officer runs
 * both; the member reads and decides (as leader) only their own group's plan and hands in only their
 * own notes; administrators see nothing. Auditors are committee officers: inside, the officer's own
 * account audits the session; outside, an auditor named with their unit, whose notes the officer
 * writes. Writes that a second allowed caller would repeat are refused by the rules (409), which
 * still counts as allowed. The member's own routes (/me/…) act only on the member's own records:
 * inside, a writing and a review of the member (the inside group's leader); outside, another
 * person's.
 */
import { newId } from '../../lib/ids.ts';
import { multipartBody } from '../imports/imports.testkit.ts';
import { makeOrg, TEST_PASSWORD } from '../../test/factories.ts';
import { loginClient } from '../../test/harness.ts';
import { definePermissions, managers, nobodyElse, org, person, type Side } from '../../test/permission-fragment.ts';

const officerOnly = { officer: 'allow', secretary: 'deny', ...nobodyElse } as const;
const leaderOnly = { member: 'subtree', officer: 'deny', secretary: 'deny', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny' } as const;
const items = [{ month: 1, topic: '矩阵学习', studyForm: 'collective_study' }];
const notesFile = () => multipartBody({}, { name: '学习笔记.txt', data: Buffer.from('学习笔记：矩阵\n') });
const auditor = (f: { users: { officer: { id: string } } }, side: Side) => (side === 'inside' ? { auditorUserId: f.users.officer.id } : { name: '矩阵旁听人', unit: '矩阵单位' });

export const permissions = definePermissions({
  setup: async (env, f) => {
    const officer = await loginClient(env.app, f.users.officer.username, TEST_PASSWORD);
    const ok = async (res: { statusCode: number; body: string; json: () => unknown }, status = 201) => {
      if (res.statusCode !== status) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
      return res.json() as { id: string; version: number };
    };
    const memberPersonId = (await env.ctx.db.selectFrom('users').select('person_id').where('id', '=', f.users.member.id).executeTakeFirstOrThrow()).person_id!;
    const farCommittee = await makeOrg(env.ctx, { parentId: f.tree.root.id, kind: 'party_committee' });
    const now = env.ctx.now().getTime();
    const later = new Date(now + 7 * 86_400_000).toISOString();
    const earlier = new Date(now - 3_600_000).toISOString();

    const build = async (side: Side) => {
      const orgId = side === 'inside' ? f.tree.unit.id : farCommittee.id;
      const group = await ok(await officer.post('/api/v1/central-groups', { orgId, name: `矩阵中心组${side}` }));
      const leaderId = side === 'inside' ? memberPersonId : f.personB.id;
      await ok(await officer.put(`/api/v1/central-groups/${group.id}/members`, { members: side === 'inside' ? [{ personId: leaderId, role: 'leader' }, { personId: f.personA.id, role: 'member' }] : [{ personId: leaderId, role: 'leader' }] }), 200);
      const plan = async (year: number, submit: boolean) => {
        const p = await ok(await officer.post(`/api/v1/central-groups/${group.id}/plans`, { year, items }));
        if (submit) await ok(await officer.post(`/api/v1/central-groups/plans/${p.id}/submit`), 200);
        return p.id;
      };
      const planned = await ok(await officer.post('/api/v1/activities', { orgId, kind: 'central_group_study', centralGroupId: group.id, topic: '矩阵中心组学习', plannedStart: later }));
      const attendance = (planned as unknown as { attendees: Array<{ personId: string }> }).attendees.map((a) => ({ personId: a.personId, status: 'present' }));
      const held = await ok(await officer.post(`/api/v1/activities/${planned.id}/record`, { version: planned.version, actualStart: earlier, attendance }), 200);
      const report = await ok(await officer.post(`/api/v1/activities/${held.id}/study-report`));
      const audit = await ok(await officer.post(`/api/v1/activities/${held.id}/auditors`, auditor(f, side)));
      const review = async (personId: string) => ((await officer.post(`/api/v1/central-groups/${group.id}/note-reviews`, { personIds: [personId], dueOn: '2030-01-01' })).json() as Array<{ id: string }>)[0]!.id;
      const writing = await ok(await officer.post(`/api/v1/central-groups/${group.id}/writings`, { personId: leaderId, year: 2026, kind: 'research_report', title: '矩阵调研', submittedOn: '2026-01-05' }));
      return {
        groupId: group.id,
        leaderId,
        submitPlan: await plan(2031, false),
        patchPlan: await plan(2034, false),
        approvePlan: await plan(2032, true),
        returnPlan: await plan(2033, true),
        activityId: held.id,
        reportId: report.id,
        auditId: audit.id,
        submitReview: await review(leaderId),
        returnReview: await review(leaderId),
        attachReview: await review(leaderId),
        writingId: writing.id,
      };
    };
    return { ctx: env.ctx, inside: await build('inside'), outside: await build('outside') };
  },
  rules: {
    'POST /api/v1/central-groups': {
      // Branches A and B: allowed callers are refused by the rules (only a party committee or leading party group runs one).
      call: (f, s) => ({ method: 'POST', url: '/api/v1/central-groups', body: { orgId: org(f, s).id, name: '矩阵' } }),
      expect: { ...managers, ...nobodyElse },
    },
    'GET /api/v1/central-groups': { call: (f, s) => ({ method: 'GET', url: `/api/v1/central-groups?orgId=${org(f, s).id}` }), expect: { ...managers, ...nobodyElse } },
    'GET /api/v1/central-groups/{id}': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/central-groups/${x[s].groupId}` }), expect: { ...officerOnly, member: 'subtree' } },
    'PUT /api/v1/central-groups/{id}/members': {
      // The same membership again, so the member stays the inside group's leader for later rows.
      call: (f, s, x) => ({
        method: 'PUT',
        url: `/api/v1/central-groups/${x[s].groupId}/members`,
        body: { members: s === 'inside' ? [{ personId: x[s].leaderId, role: 'leader' }, { personId: f.personA.id, role: 'member' }] : [{ personId: x[s].leaderId, role: 'leader' }] },
      }),
      expect: officerOnly,
    },
    'POST /api/v1/central-groups/{id}/plans': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/central-groups/${x[s].groupId}/plans`, body: { year: 2035, items } }), expect: officerOnly },
    'GET /api/v1/central-groups/{id}/plans': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/central-groups/${x[s].groupId}/plans` }), expect: { ...officerOnly, member: 'subtree' } },
    'PATCH /api/v1/central-groups/plans/{planId}': { call: (_f, s, x) => ({ method: 'PATCH', url: `/api/v1/central-groups/plans/${x[s].patchPlan}`, body: { items } }), expect: officerOnly },
    'POST /api/v1/central-groups/plans/{planId}/submit': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/central-groups/plans/${x[s].submitPlan}/submit` }), expect: officerOnly },
    'POST /api/v1/central-groups/plans/{planId}/approve': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/central-groups/plans/${x[s].approvePlan}/approve` }), expect: leaderOnly },
    'POST /api/v1/central-groups/plans/{planId}/return': {
      call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/central-groups/plans/${x[s].returnPlan}/return`, body: { comment: '矩阵退回' } }),
      expect: leaderOnly,
    },
    'POST /api/v1/activities/{id}/study-report': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/activities/${x[s].activityId}/study-report` }), expect: officerOnly },
    'GET /api/v1/central-groups/study-reports': { call: (f, s) => ({ method: 'GET', url: `/api/v1/central-groups/study-reports?orgId=${org(f, s).id}&year=2026` }), expect: { ...managers, ...nobodyElse } },
    'POST /api/v1/central-groups/study-reports/{id}/acknowledge': {
      call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/central-groups/study-reports/${x[s].reportId}/acknowledge`, body: {} }),
      expect: officerOnly,
    },
    'POST /api/v1/activities/{id}/auditors': {
      // Already assigned in setup: allowed callers get CENTRAL_GROUP_AUDITOR_ASSIGNED.
      call: (f, s, x) => ({ method: 'POST', url: `/api/v1/activities/${x[s].activityId}/auditors`, body: auditor(f, s) }),
      expect: officerOnly,
    },
    'GET /api/v1/activities/{id}/auditors': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/activities/${x[s].activityId}/auditors` }), expect: officerOnly },
    'GET /api/v1/me/audits': { call: () => ({ method: 'GET', url: '/api/v1/me/audits' }), expect: officerOnly },
    'POST /api/v1/central-groups/audits/{auditId}/complete': {
      // Inside the officer's own account audit, outside a named auditor's written up by the officer.
      call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/central-groups/audits/${x[s].auditId}/complete`, body: { notes: '矩阵旁听', rating: 'good' } }),
      expect: officerOnly,
    },
    'DELETE /api/v1/central-groups/audits/{auditId}': {
      // A fresh assignment for every call, so an allowed caller always has one to withdraw.
      call: async (_f, s, x) => {
        const id = newId();
        await x.ctx.db.insertInto('central_group_audits').values({ id, group_id: x[s].groupId, activity_id: x[s].activityId, auditor_name: `矩阵撤销${id.slice(-6)}`, auditor_unit: '矩阵单位' }).execute();
        return { method: 'DELETE', url: `/api/v1/central-groups/audits/${id}` };
      },
      expect: officerOnly,
    },
    'GET /api/v1/central-groups/audit-overview': { call: (f, s) => ({ method: 'GET', url: `/api/v1/central-groups/audit-overview?orgId=${org(f, s).id}&year=2026` }), expect: officerOnly },
    'POST /api/v1/central-groups/{id}/writings': {
      call: (f, s, x) => ({ method: 'POST', url: `/api/v1/central-groups/${x[s].groupId}/writings`, body: { personId: person(f, s).id, year: 2026, kind: 'statement', title: '矩阵发言', submittedOn: '2026-01-05' } }),
      expect: officerOnly,
    },
    'GET /api/v1/central-groups/{id}/writings': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/central-groups/${x[s].groupId}/writings?year=2026` }), expect: officerOnly },
    'POST /api/v1/central-groups/{id}/note-reviews': {
      call: (f, s, x) => ({ method: 'POST', url: `/api/v1/central-groups/${x[s].groupId}/note-reviews`, body: { personIds: [person(f, s).id], dueOn: '2030-01-01' } }),
      expect: officerOnly,
    },
    'GET /api/v1/central-groups/{id}/note-reviews': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/central-groups/${x[s].groupId}/note-reviews` }), expect: officerOnly },
    'GET /api/v1/me/note-reviews': { call: () => ({ method: 'GET', url: '/api/v1/me/note-reviews' }), expect: { member: 'allow', officer: 'deny', secretary: 'deny', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny' } },
    'POST /api/v1/me/note-reviews/{id}/submit': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/me/note-reviews/${x[s].submitReview}/submit`, body: { text: '矩阵笔记' } }), expect: leaderOnly },
    'POST /api/v1/me/note-reviews/{id}/attachment': {
      call: (_f, s, x) => {
        const body = notesFile();
        return { method: 'POST', url: `/api/v1/me/note-reviews/${x[s].attachReview}/attachment`, body: body.payload, headers: { 'content-type': body.contentType } };
      },
      expect: leaderOnly,
    },
    'GET /api/v1/me/central-groups': { call: () => ({ method: 'GET', url: '/api/v1/me/central-groups' }), expect: { member: 'allow', officer: 'deny', secretary: 'deny', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny' } },
    'GET /api/v1/me/writings': { call: () => ({ method: 'GET', url: '/api/v1/me/writings?year=2026' }), expect: { member: 'allow', officer: 'deny', secretary: 'deny', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny' } },
    'POST /api/v1/me/writings': {
      call: (_f, s, x) => ({ method: 'POST', url: '/api/v1/me/writings', body: { groupId: x[s].groupId, year: 2026, kind: 'statement', title: '矩阵本人发言', submittedOn: '2026-01-06' } }),
      expect: leaderOnly,
    },
    'POST /api/v1/me/writings/{id}/attachment': {
      call: (_f, s, x) => {
        const body = notesFile();
        return { method: 'POST', url: `/api/v1/me/writings/${x[s].writingId}/attachment`, body: body.payload, headers: { 'content-type': body.contentType } };
      },
      expect: leaderOnly,
    },
    'POST /api/v1/central-groups/note-reviews/{id}/return': {
      // Still requested: allowed callers get CENTRAL_GROUP_NOTE_REVIEW_STATE.
      call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/central-groups/note-reviews/${x[s].returnReview}/return`, body: { comments: '矩阵退回' } }),
      expect: officerOnly,
    },
  },
});
