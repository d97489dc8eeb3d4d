/**
 * Central-group study (理论学习中心组): the group and its members, the annual study plan and its
 * approval, one-study-one-report (the report is assembled from a held session's record and frozen),
 * auditors assigned by the working committee, members' writings, and study notes called in for
 * review. Every write is audited in its own transaction; a new group or a change of members tells
 * compliance that the tree changed (which organisations owe central-group study, who is expected).
 */
import crypto from 'node:crypto';
import {
  parsePeriodKey,
  periodBounds,
  researchReportsPerYear,
  researchReportsShort,
  type AuditOverview,
  type AuditView,
  type CentralGroupAuditFigures,
  type CentralGroupCreateInput,
  type CentralGroupDetail,
  type CentralGroupMembersInput,
  type CentralGroupRole,
  type CentralGroupSummary,
  type NoteReviewView,
  type StudyPlanInput,
  type StudyPlanItem,
  type StudyPlanView,
  type StudyReportSnapshot,
  type StudyReportView,
  type WritingInput,
  type WritingView,
  type WritingsSummary,
} from '@pioneer/domain';
import type { Kysely, Transaction } from 'kysely';
import type { ServerContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { todayIn } from '../../lib/time.ts';
import { attachmentsOf } from '../attachments/attachments.service.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { treeChanged } from '../compliance/compliance.service.ts';
import * as policy from './central-groups.policy.ts';
import * as repo from './central-groups.repo.ts';

type Db = Kysely<DB> | Transaction<DB>;
type Caller = { actor: Actor; ip: string | null };

const CENTRAL_GROUP_ORG_KINDS = new Set(['party_committee', 'leading_party_group']);
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

// --- groups and members -----------------------------------------------------------------------

async function loadGroup(db: Db, actor: Actor, id: string, access: 'manage' | 'read'): Promise<repo.GroupRow> {
  const group = await repo.findGroup(db, id);
  if (!group) throw new AppError('CENTRAL_GROUP_NOT_FOUND');
  if (policy.managesGroup(actor, group)) return group;
  if (access === 'read') {
    const members = await repo.currentMembers(db, id);
    if (policy.canReadGroup(actor, group, members.map((m) => m.person_id))) return group;
  }
  throw new AppError('CENTRAL_GROUP_NOT_FOUND');
}

async function detailOf(db: Db, group: repo.GroupRow): Promise<CentralGroupDetail> {
  const members = await repo.currentMembers(db, group.id);
  return {
    id: group.id,
    orgId: group.org_id,
    orgName: group.org_name,
    name: group.name,
    memberCount: members.length,
    members: members.map((m) => ({ personId: m.person_id, name: m.name, role: m.role as CentralGroupRole, branchId: m.branch_id, branchName: m.branch_name })),
  };
}

export async function createGroup(ctx: ServerContext, options: Caller & { input: CentralGroupCreateInput }): Promise<CentralGroupDetail> {
  const { actor, input } = options;
  const org = await repo.findOrg(ctx.db, input.orgId);
  if (!org || !policy.managesGroup(actor, { org_path: org.path })) throw new AppError('ORG_NOT_FOUND');
  if (!CENTRAL_GROUP_ORG_KINDS.has(org.kind)) throw new AppError('CENTRAL_GROUP_ORG_KIND', { org: org.name });
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.groupOfOrg(trx, org.id);
    if (existing) throw new AppError('CENTRAL_GROUP_EXISTS', { org: org.name, group: existing.name });
    const id = newId();
    await repo.insertGroup(trx, { id, orgId: org.id, orgPath: org.path, name: input.name });
    await treeChanged(trx);
    await recordAudit(trx, { actor, ip: options.ip, action: 'central_group.create', entityType: 'central_group', entityId: id, orgId: org.id, after: { name: input.name } });
    return detailOf(trx, (await repo.findGroup(trx, id))!);
  });
}

export async function listGroups(ctx: ServerContext, options: { actor: Actor; orgId: string }): Promise<CentralGroupSummary[]> {
  const org = await repo.findOrg(ctx.db, options.orgId);
  if (!org || !policy.managesGroup(options.actor, { org_path: org.path })) throw new AppError('ORG_NOT_FOUND');
  const rows = await repo.groupsUnder(ctx.db, org.path);
  return rows.map((g) => ({ id: g.id, orgId: g.org_id, orgName: g.org_name, name: g.name, memberCount: Number(g.member_count ?? 0) }));
}

export async function getGroup(ctx: ServerContext, options: { actor: Actor; id: string }): Promise<CentralGroupDetail> {
  return detailOf(ctx.db, await loadGroup(ctx.db, options.actor, options.id, 'read'));
}

/** Replaces the membership: newcomers join today, those left out leave today (history stays for past sessions). */
export async function setMembers(ctx: ServerContext, options: Caller & { id: string; input: CentralGroupMembersInput }): Promise<CentralGroupDetail> {
  const { actor, input } = options;
  const group = await loadGroup(ctx.db, actor, options.id, 'manage');
  const ids = input.members.map((m) => m.personId);
  if ((await repo.peopleByIds(ctx.db, ids)).length !== new Set(ids).size) throw new AppError('PERSON_NOT_FOUND');
  const today = todayIn(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await repo.currentMembers(trx, group.id);
    for (const m of input.members) await repo.upsertMember(trx, { groupId: group.id, personId: m.personId, role: m.role, joinedOn: today });
    await repo.markLeft(trx, group.id, before.map((b) => b.person_id).filter((p) => !ids.includes(p)), today);
    await repo.touchGroup(trx, group.id);
    await treeChanged(trx);
    await recordAudit(trx, {
      actor,
      ip: options.ip,
      action: 'central_group.members.set',
      entityType: 'central_group',
      entityId: group.id,
      orgId: group.org_id,
      before: before.map((b) => ({ personId: b.person_id, role: b.role })),
      after: input.members,
    });
    return detailOf(trx, group);
  });
}

// --- annual study plan ------------------------------------------------------------------------

const presentPlan = (p: repo.PlanRow): StudyPlanView => ({
  id: p.id,
  groupId: p.group_id,
  year: p.year,
  status: p.status as StudyPlanView['status'],
  items: p.items as StudyPlanItem[],
  submittedAt: iso(p.submitted_at),
  decidedAt: iso(p.decided_at),
  decidedBy: p.decided_by_name,
  comment: p.comment,
});

/** Saves a year's plan as a draft; a draft or returned plan is replaced, an approved one is read-only. */
export async function savePlan(ctx: ServerContext, options: Caller & { id: string; input: StudyPlanInput }): Promise<{ plan: StudyPlanView; created: boolean }> {
  const { actor, input } = options;
  const group = await loadGroup(ctx.db, actor, options.id, 'manage');
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.planOfYear(trx, group.id, input.year);
    if (existing && (existing.status === 'approved' || existing.status === 'submitted')) {
      throw existing.status === 'approved' ? new AppError('CENTRAL_GROUP_PLAN_APPROVED', { year: input.year }) : new AppError('CENTRAL_GROUP_PLAN_STATE', { status: existing.status });
    }
    const id = existing?.id ?? newId();
    if (existing) await repo.updatePlan(trx, id, { status: 'draft', items: input.items });
    else await repo.insertPlan(trx, { id, groupId: group.id, year: input.year, items: input.items, createdBy: actor.userId });
    await recordAudit(trx, { actor, ip: options.ip, action: 'central_group.plan.save', entityType: 'central_group_plan', entityId: id, orgId: group.org_id, after: input });
    return { plan: presentPlan((await repo.findPlan(trx, id))!), created: !existing };
  });
}

export async function listPlans(ctx: ServerContext, options: { actor: Actor; id: string; year?: number | undefined }): Promise<StudyPlanView[]> {
  const group = await loadGroup(ctx.db, options.actor, options.id, 'read');
  return (await repo.listPlans(ctx.db, group.id, options.year)).map(presentPlan);
}

type PlanAction = 'submit' | 'approve' | 'return';
const planTransitions: Record<PlanAction, { from: string[]; to: string }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted'], to: 'returned' },
};

/** Submitting is the managers'; approving and returning only the leader's or the organisation's secretary's. */
export async function decidePlan(ctx: ServerContext, options: Caller & { planId: string; action: PlanAction; comment?: string }): Promise<StudyPlanView> {
  const { actor, action } = options;
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await repo.findPlan(trx, options.planId);
    const group = plan ? await repo.findGroup(trx, plan.group_id) : undefined;
    if (!plan || !group) throw new AppError('CENTRAL_GROUP_PLAN_NOT_FOUND');
    if (action === 'submit') {
      if (!policy.managesGroup(actor, group)) throw new AppError('CENTRAL_GROUP_PLAN_NOT_FOUND');
    } else {
      const leader = (await repo.currentMembers(trx, group.id)).find((m) => m.role === 'leader');
      if (!policy.canDecidePlan(actor, group, leader?.person_id ?? null)) {
        throw new AppError(policy.managesGroup(actor, group) ? 'FORBIDDEN' : 'CENTRAL_GROUP_PLAN_NOT_FOUND');
      }
    }
    const t = planTransitions[action];
    if (plan.status === 'approved' && action === 'submit') throw new AppError('CENTRAL_GROUP_PLAN_APPROVED', { year: plan.year });
    if (!t.from.includes(plan.status)) throw new AppError('CENTRAL_GROUP_PLAN_STATE', { status: plan.status });
    const now = ctx.now();
    await repo.updatePlan(
      trx,
      plan.id,
      action === 'submit' ? { status: t.to, submittedAt: now, decidedAt: null, decidedBy: null } : { status: t.to, decidedAt: now, decidedBy: actor.userId, comment: options.comment ?? null },
    );
    await recordAudit(trx, { actor, ip: options.ip, action: `central_group.plan.${action}`, entityType: 'central_group_plan', entityId: plan.id, orgId: group.org_id, before: { status: plan.status }, after: { status: t.to, comment: options.comment } });
    return presentPlan((await repo.findPlan(trx, plan.id))!);
  });
}

// --- one study, one report --------------------------------------------------------------------

/** A central-group study session of a group the caller manages (others' are not found). */
async function loadStudy(db: Db, actor: Actor, activityId: string, canAccess: (path: string) => boolean) {
  const activity = await repo.findActivity(db, activityId);
  if (!activity || !canAccess(activity.org_path)) throw new AppError('ACTIVITY_NOT_FOUND');
  if (activity.kind !== 'central_group_study' || !activity.central_group_id) throw new AppError('CENTRAL_GROUP_NOT_STUDY');
  const group = (await repo.findGroup(db, activity.central_group_id))!;
  return { activity, group };
}

async function assembleSnapshot(db: Db, activity: repo.ActivityRow, group: repo.GroupRow): Promise<StudyReportSnapshot> {
  const [attendees, attachments, speaker] = await Promise.all([
    repo.expectedAttendees(db, activity.id),
    attachmentsOf(db, 'activity', activity.id),
    activity.speaker_person_id ? repo.peopleByIds(db, [activity.speaker_person_id]) : Promise.resolve([]),
  ]);
  return {
    activityId: activity.id,
    groupName: group.name,
    orgName: group.org_name,
    topic: activity.topic,
    heldOn: activity.held_on!,
    place: activity.place,
    studyForm: activity.study_form,
    speaker: speaker[0]?.name ?? activity.speaker_name,
    expected: attendees.length,
    present: attendees.filter((a) => a.status === 'present').map((a) => a.name),
    leave: attendees.filter((a) => a.status === 'leave').map((a) => ({ name: a.name, reason: a.leave_reason })),
    // Not marked present or on leave at a held session: absent.
    absent: attendees.filter((a) => a.status === 'absent' || a.status === 'pending').map((a) => a.name),
    minutes: activity.minutes,
    attachments: attachments.map((a) => a.fileName).sort(),
  };
}

const presentReport = (r: repo.ReportRow): StudyReportView => ({
  id: r.id,
  activityId: r.activity_id,
  groupId: r.group_id,
  groupName: r.group_name,
  version: r.version,
  status: r.status as StudyReportView['status'],
  snapshot: r.snapshot as StudyReportSnapshot,
  submittedAt: iso(r.submitted_at)!,
  submittedBy: r.submitted_by_name,
  acknowledgedAt: iso(r.acknowledged_at),
  acknowledgeComment: r.acknowledge_comment,
});

/**
 * Assembles the report from the record and submits it in one action. The same record gives the
 * same report back (created: false); a changed record gives a new version.
 */
export async function submitStudyReport(ctx: ServerContext, options: Caller & { activityId: string }): Promise<{ report: StudyReportView; created: boolean }> {
  const { actor } = options;
  return ctx.db.transaction().execute(async (trx) => {
    const { activity, group } = await loadStudy(trx, actor, options.activityId, (path) => policy.managesGroup(actor, { org_path: path }));
    if (activity.status !== 'held' || !activity.held_on) throw new AppError('CENTRAL_GROUP_STUDY_NOT_HELD');
    const snapshot = await assembleSnapshot(trx, activity, group);
    const hash = crypto.createHash('sha256').update(JSON.stringify(snapshot)).digest('hex');
    const latest = await repo.latestReport(trx, activity.id);
    if (latest && latest.snapshot_hash === hash) return { report: presentReport((await repo.findReport(trx, latest.id))!), created: false };
    const id = newId();
    const version = (latest?.version ?? 0) + 1;
    await repo.insertReport(trx, { id, groupId: group.id, orgPath: group.org_path, activityId: activity.id, heldOn: activity.held_on, version, snapshot, hash, submittedBy: actor.userId, submittedAt: ctx.now() });
    await recordAudit(trx, { actor, ip: options.ip, action: 'central_group.report.submit', entityType: 'central_group_report', entityId: id, orgId: group.org_id, after: { activityId: activity.id, version } });
    return { report: presentReport((await repo.findReport(trx, id))!), created: true };
  });
}

export async function listStudyReports(ctx: ServerContext, options: { actor: Actor; orgId: string; year: number }): Promise<StudyReportView[]> {
  const org = await repo.findOrg(ctx.db, options.orgId);
  if (!org || !policy.managesGroup(options.actor, { org_path: org.path })) throw new AppError('ORG_NOT_FOUND');
  return (await repo.reportsUnder(ctx.db, org.path, `${options.year}-01-01`, `${options.year}-12-31`)).map(presentReport);
}

export async function acknowledgeStudyReport(ctx: ServerContext, options: Caller & { id: string; comment?: string | undefined }): Promise<StudyReportView> {
  const { actor } = options;
  return ctx.db.transaction().execute(async (trx) => {
    const report = await repo.findReport(trx, options.id);
    if (!report || !policy.managesGroup(actor, report)) throw new AppError('CENTRAL_GROUP_REPORT_NOT_FOUND');
    if (!policy.isCommitteeOfficerOver(actor, report.org_path)) throw new AppError('FORBIDDEN');
    if (report.status === 'acknowledged') throw new AppError('CENTRAL_GROUP_REPORT_ACKNOWLEDGED');
    await repo.acknowledgeReport(trx, report.id, { by: actor.userId, at: ctx.now(), comment: options.comment ?? null });
    await recordAudit(trx, { actor, ip: options.ip, action: 'central_group.report.acknowledge', entityType: 'central_group_report', entityId: report.id, after: { comment: options.comment } });
    return presentReport((await repo.findReport(trx, report.id))!);
  });
}

// --- auditors ---------------------------------------------------------------------------------

const presentAudit = (a: repo.AuditRow): AuditView => ({
  id: a.id,
  activityId: a.activity_id,
  groupId: a.group_id,
  auditorUserId: a.auditor_user_id,
  auditorName: a.auditor_name,
  status: a.status as AuditView['status'],
  notes: a.notes,
  completedAt: iso(a.completed_at),
});

export async function assignAuditor(ctx: ServerContext, options: Caller & { activityId: string; auditorUserId: string }): Promise<AuditView> {
  const { actor } = options;
  return ctx.db.transaction().execute(async (trx) => {
    const activity = await repo.findActivity(trx, options.activityId);
    if (!activity || !policy.managesGroup(actor, activity)) throw new AppError('ACTIVITY_NOT_FOUND');
    if (!policy.isCommitteeOfficerOver(actor, activity.org_path)) throw new AppError('FORBIDDEN');
    const { group } = await loadStudy(trx, actor, activity.id, () => true);
    if (activity.status === 'cancelled') throw new AppError('CENTRAL_GROUP_STUDY_NOT_HELD');
    if (!(await repo.findUser(trx, options.auditorUserId))) throw new AppError('CENTRAL_GROUP_AUDITOR_NOT_FOUND');
    if (await repo.auditOf(trx, activity.id, options.auditorUserId)) throw new AppError('CENTRAL_GROUP_AUDITOR_ASSIGNED');
    const id = newId();
    await repo.insertAudit(trx, { id, groupId: group.id, activityId: activity.id, auditorUserId: options.auditorUserId, assignedBy: actor.userId });
    await recordAudit(trx, { actor, ip: options.ip, action: 'central_group.audit.assign', entityType: 'central_group_audit', entityId: id, orgId: group.org_id, after: { activityId: activity.id, auditorUserId: options.auditorUserId } });
    return presentAudit((await repo.findAudit(trx, id))!);
  });
}

export async function completeAudit(ctx: ServerContext, options: Caller & { auditId: string; notes: string }): Promise<AuditView> {
  const { actor } = options;
  return ctx.db.transaction().execute(async (trx) => {
    const audit = await repo.findAudit(trx, options.auditId);
    if (!audit || audit.auditor_user_id !== actor.userId) throw new AppError('CENTRAL_GROUP_AUDIT_NOT_FOUND');
    if (audit.status === 'completed') throw new AppError('CENTRAL_GROUP_AUDIT_COMPLETED');
    const activity = (await repo.findActivity(trx, audit.activity_id))!;
    if (activity.status !== 'held') throw new AppError('CENTRAL_GROUP_STUDY_NOT_HELD');
    await repo.completeAudit(trx, audit.id, { notes: options.notes, at: ctx.now() });
    await recordAudit(trx, { actor, ip: options.ip, action: 'central_group.audit.complete', entityType: 'central_group_audit', entityId: audit.id, after: { notes: options.notes } });
    return presentAudit((await repo.findAudit(trx, audit.id))!);
  });
}

export async function auditOverview(ctx: ServerContext, options: { actor: Actor; orgId: string; year: number }): Promise<AuditOverview> {
  const org = await repo.findOrg(ctx.db, options.orgId);
  if (!org || !policy.managesGroup(options.actor, { org_path: org.path })) throw new AppError('ORG_NOT_FOUND');
  if (!policy.isCommitteeOfficerOver(options.actor, org.path)) throw new AppError('FORBIDDEN');
  const rows = await repo.auditFiguresUnder(ctx.db, org.path, `${options.year}-01-01`, `${options.year}-12-31`);
  return {
    orgId: org.id,
    year: options.year,
    groups: rows.map((r) => ({ groupId: r.group_id, name: r.name, orgName: r.org_name, sessionsHeld: r.held, sessionsAudited: r.audited, lastAuditedOn: r.last_audited_on })),
    neverAudited: rows.filter((r) => r.audited === 0).map((r) => ({ groupId: r.group_id, name: r.name })),
  };
}

/** Audit figures of a subtree's central groups for a quarter ('2026-Q3'), for the quarterly circular. */
export async function auditFigures(ctx: Pick<ServerContext, 'db'>, options: { orgId: string; period: string }): Promise<CentralGroupAuditFigures> {
  const period = parsePeriodKey(options.period);
  if (!period || period.kind !== 'quarter') throw new AppError('CENTRAL_GROUP_PERIOD_INVALID', { period: options.period });
  const org = await repo.findOrg(ctx.db, options.orgId);
  if (!org) throw new AppError('ORG_NOT_FOUND');
  const { first, last } = periodBounds(period);
  const rows = await repo.auditFiguresUnder(ctx.db, org.path, first, last);
  return {
    groups: rows.length,
    sessionsHeld: rows.reduce((n, r) => n + r.held, 0),
    sessionsAudited: rows.reduce((n, r) => n + r.audited, 0),
    groupsAudited: rows.filter((r) => r.audited > 0).length,
    groupsNotAudited: rows.filter((r) => r.audited === 0).map((r) => r.name),
  };
}

// --- writings ---------------------------------------------------------------------------------

async function requireMember(db: Db, groupId: string, personId: string) {
  const member = (await repo.currentMembers(db, groupId)).find((m) => m.person_id === personId);
  if (member) return member;
  const person = (await repo.peopleByIds(db, [personId]))[0];
  if (!person) throw new AppError('PERSON_NOT_FOUND');
  throw new AppError('CENTRAL_GROUP_NOT_MEMBER', { name: person.name });
}

const presentWriting = (w: { id: string; person_id: string; year: number; kind: string; title: string; submitted_on: string }): WritingView => ({
  id: w.id,
  personId: w.person_id,
  year: w.year,
  kind: w.kind as WritingView['kind'],
  title: w.title,
  submittedOn: w.submitted_on,
});

export async function addWriting(ctx: ServerContext, options: Caller & { id: string; input: WritingInput }): Promise<WritingView> {
  const { actor, input } = options;
  const group = await loadGroup(ctx.db, actor, options.id, 'manage');
  return ctx.db.transaction().execute(async (trx) => {
    await requireMember(trx, group.id, input.personId);
    const id = newId();
    await repo.insertWriting(trx, { id, groupId: group.id, personId: input.personId, year: input.year, kind: input.kind, title: input.title, submittedOn: input.submittedOn, createdBy: actor.userId });
    await recordAudit(trx, { actor, ip: options.ip, action: 'central_group.writing.add', entityType: 'central_group_writing', entityId: id, orgId: group.org_id, after: input });
    return { id, personId: input.personId, year: input.year, kind: input.kind, title: input.title, submittedOn: input.submittedOn };
  });
}

export async function listWritings(ctx: ServerContext, options: { actor: Actor; id: string; year: number }): Promise<WritingsSummary> {
  const group = await loadGroup(ctx.db, options.actor, options.id, 'manage');
  const [members, writings] = await Promise.all([repo.currentMembers(ctx.db, group.id), repo.writingsOf(ctx.db, group.id, options.year)]);
  return {
    groupId: group.id,
    year: options.year,
    researchReportsMin: researchReportsPerYear.min,
    researchReportsMax: researchReportsPerYear.max,
    members: members.map((m) => {
      const own = writings.filter((w) => w.person_id === m.person_id).map(presentWriting);
      const researchReports = own.filter((w) => w.kind === 'research_report');
      return {
        personId: m.person_id,
        name: m.name,
        role: m.role as CentralGroupRole,
        statements: own.filter((w) => w.kind === 'statement'),
        researchReports,
        researchReportsShort: researchReportsShort(researchReports.length),
      };
    }),
  };
}

// --- study-note review ------------------------------------------------------------------------

const presentReview = (r: repo.ReviewRow, today: string): NoteReviewView => ({
  id: r.id,
  groupId: r.group_id,
  groupName: r.group_name,
  personId: r.person_id,
  personName: r.person_name,
  dueOn: r.due_on,
  status: r.status as NoteReviewView['status'],
  text: r.text,
  submittedAt: iso(r.submitted_at),
  comments: r.comments,
  returnedAt: iso(r.returned_at),
  overdue: r.status === 'requested' && today > r.due_on,
});

export async function requestNotes(ctx: ServerContext, options: Caller & { id: string; personIds: string[]; dueOn: string }): Promise<NoteReviewView[]> {
  const { actor } = options;
  const group = await loadGroup(ctx.db, actor, options.id, 'manage');
  const today = todayIn(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (const personId of [...new Set(options.personIds)]) {
      await requireMember(trx, group.id, personId);
      const id = newId();
      await repo.insertReview(trx, { id, groupId: group.id, personId, dueOn: options.dueOn, requestedBy: actor.userId });
      ids.push(id);
    }
    await recordAudit(trx, { actor, ip: options.ip, action: 'central_group.notes.request', entityType: 'central_group', entityId: group.id, orgId: group.org_id, after: { personIds: options.personIds, dueOn: options.dueOn, reviewIds: ids } });
    return (await repo.reviewsOfGroup(trx, group.id)).filter((r) => ids.includes(r.id)).map((r) => presentReview(r, today));
  });
}

export async function listGroupReviews(ctx: ServerContext, options: { actor: Actor; id: string }): Promise<NoteReviewView[]> {
  const group = await loadGroup(ctx.db, options.actor, options.id, 'manage');
  const today = todayIn(ctx);
  return (await repo.reviewsOfGroup(ctx.db, group.id)).map((r) => presentReview(r, today));
}

export async function myReviews(ctx: ServerContext, options: { actor: Actor }): Promise<NoteReviewView[]> {
  if (!options.actor.personId) throw new AppError('FORBIDDEN');
  const today = todayIn(ctx);
  return (await repo.reviewsOfPerson(ctx.db, options.actor.personId)).map((r) => presentReview(r, today));
}

export async function submitNotes(ctx: ServerContext, options: Caller & { id: string; text: string }): Promise<NoteReviewView> {
  const { actor } = options;
  return ctx.db.transaction().execute(async (trx) => {
    const review = await repo.findReview(trx, options.id);
    if (!review || actor.personId === null || review.person_id !== actor.personId) throw new AppError('CENTRAL_GROUP_NOTE_REVIEW_NOT_FOUND');
    if (review.status !== 'requested') throw new AppError('CENTRAL_GROUP_NOTE_REVIEW_STATE', { status: review.status });
    await repo.submitReview(trx, review.id, { text: options.text, at: ctx.now() });
    await recordAudit(trx, { actor, ip: options.ip, action: 'central_group.notes.submit', entityType: 'central_group_note_review', entityId: review.id });
    return presentReview((await repo.findReview(trx, review.id))!, todayIn(ctx));
  });
}

export async function returnNotes(ctx: ServerContext, options: Caller & { id: string; comments: string }): Promise<NoteReviewView> {
  const { actor } = options;
  return ctx.db.transaction().execute(async (trx) => {
    const review = await repo.findReview(trx, options.id);
    if (!review || !policy.managesGroup(actor, review)) throw new AppError('CENTRAL_GROUP_NOTE_REVIEW_NOT_FOUND');
    if (review.status !== 'submitted') throw new AppError('CENTRAL_GROUP_NOTE_REVIEW_STATE', { status: review.status });
    await repo.returnReview(trx, review.id, { comments: options.comments, by: actor.userId, at: ctx.now() });
    await recordAudit(trx, { actor, ip: options.ip, action: 'central_group.notes.return', entityType: 'central_group_note_review', entityId: review.id, after: { comments: options.comments } });
    return presentReview((await repo.findReview(trx, review.id))!, todayIn(ctx));
  });
}
