/**
 * Central-group study (理论学习中心组): the group and its members, the annual study plan and its
 * approval, one-study-one-report (the report is assembled from a held session's record and frozen),
 * auditors assigned by the working committee, members' writings, and study notes called in for
 * review. Every write is audited in its own transaction; a new group or a change of members tells
 * compliance that the tree changed (which organisations owe central-group study, who is expected).
 * An assigned auditor joins the session's record as an auditor (activities' tables, apart from
 * those expected); the people concerned are notified (notifications module) in the same
 * transaction as the write; members upload the files of their own notes and writings.
 */
import crypto from 'node:crypto';
import {
  parsePeriodKey,
  periodBounds,
  researchReportsPerYear,
  researchReportsShort,
  type AuditCompleteInput,
  type AuditOverview,
  type AuditorAssignInput,
  type AuditView,
  type CentralGroupAuditFigures,
  type LinkedAttachmentView,
  type MyCentralGroup,
  type MyWritingInput,
  type MyWritings,
  type CentralGroupCreateInput,
  type CentralGroupDetail,
  type CentralGroupMembersInput,
  type CentralGroupRole,
  type CentralGroupSummary,
  type NoteReviewInput,
  type NoteReviewView,
  type NoteSubmitInput,
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
import { managedPaths, type Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { isoDateIn, todayIn } from '../../lib/time.ts';
import * as activitiesRepo from '../activities/activities.repo.ts';
import type { StagedUpload } from '../attachments/attachments.storage.ts';
import { attachmentsOf, discardStaged, linkAttachment, registerAttachmentReader, unlinkAttachment, uploadAttachment } from '../attachments/attachments.service.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { treeChanged } from '../compliance/compliance.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import * as policy from './central-groups.policy.ts';
import { iso, presentAudit, presentDetail, presentPlan, presentReport, presentReview, presentWriting, type AttachmentRef } from './central-groups.presenter.ts';
import * as repo from './central-groups.repo.ts';

type Db = Kysely<DB> | Transaction<DB>;
type Caller = { actor: Actor; ip: string | null };
type UploadedFile = { name: string; staged: StagedUpload } | null;

const CENTRAL_GROUP_ORG_KINDS = new Set(['party_committee', 'leading_party_group']);
const PARTY_MEMBER_CATEGORIES = new Set(['full', 'probationary']);
export const WRITING_ENTITY = 'central_group_writing';
export const NOTE_REVIEW_ENTITY = 'central_group_note_review';

// A file linked to a writing or a note review is readable by the member it belongs to and by the
// group's managers (attachments.access.ts asks every registered reader).
registerAttachmentReader(WRITING_ENTITY, (db, actor, attachmentId) =>
  repo.fileUsedByOwnRecord(db, { table: 'central_group_writings', entityType: WRITING_ENTITY }, attachmentId, { personId: actor.personId, managedPaths: managedPaths(actor) }),
);
registerAttachmentReader(NOTE_REVIEW_ENTITY, (db, actor, attachmentId) =>
  repo.fileUsedByOwnRecord(db, { table: 'central_group_note_reviews', entityType: NOTE_REVIEW_ENTITY }, attachmentId, { personId: actor.personId, managedPaths: managedPaths(actor) }),
);

async function filesById(db: Db, ids: Array<string | null>): Promise<Map<string, AttachmentRef>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  return new Map((await repo.attachmentsByIds(db, wanted)).map((a) => [a.id, a]));
}

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

const detailOf = async (db: Db, group: repo.GroupRow): Promise<CentralGroupDetail> => presentDetail(group, await repo.currentMembers(db, group.id));

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
    // Running a central group brings the organisation under the central-group requirements.
    await treeChanged(trx, ctx, { orgId: org.id });
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

/**
 * Replaces the membership: newcomers join today, those left out leave today (history stays for
 * past sessions). Members are party members of any organisation of the deployment — leading
 * cadres whose own branch may lie anywhere under the working committee, not only under the
 * group's organisation. The leading-cadre flag is shown, not required (see the contract).
 */
export async function setMembers(ctx: ServerContext, options: Caller & { id: string; input: CentralGroupMembersInput }): Promise<CentralGroupDetail> {
  const { actor, input } = options;
  const group = await loadGroup(ctx.db, actor, options.id, 'manage');
  const ids = input.members.map((m) => m.personId);
  const people = await repo.peopleByIds(ctx.db, ids);
  if (people.length !== new Set(ids).size) throw new AppError('PERSON_NOT_FOUND');
  const notParty = people.find((p) => !PARTY_MEMBER_CATEGORIES.has(p.category));
  if (notParty) throw new AppError('CENTRAL_GROUP_MEMBER_NOT_PARTY', { name: notParty.name });
  const today = todayIn(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await repo.currentMembers(trx, group.id);
    for (const m of input.members) await repo.upsertMember(trx, { groupId: group.id, personId: m.personId, role: m.role, joinedOn: today });
    await repo.markLeft(trx, group.id, before.map((b) => b.person_id).filter((p) => !ids.includes(p)), today);
    await repo.touchGroup(trx, group.id);
    // No compliance figure reads the membership (attendance is what was recorded at each session).
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

/**
 * Saves a year's working plan as a draft: the draft or returned version is replaced; with none, or
 * when the latest version is approved, a new version is created (an approved plan is never
 * changed; once the new version is approved it supersedes the old one).
 */
export async function savePlan(ctx: ServerContext, options: Caller & { id: string; input: StudyPlanInput }): Promise<{ plan: StudyPlanView; created: boolean }> {
  const { actor, input } = options;
  const group = await loadGroup(ctx.db, actor, options.id, 'manage');
  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockGroup(trx, group.id);
    const latest = await repo.latestPlanOfYear(trx, group.id, input.year);
    if (latest?.status === 'submitted') throw new AppError('CENTRAL_GROUP_PLAN_PENDING');
    const replace = latest !== undefined && latest.status !== 'approved';
    const id = replace ? latest.id : newId();
    const version = replace ? latest.version : (latest?.version ?? 0) + 1;
    if (replace) await repo.updatePlan(trx, id, { status: 'draft', items: input.items });
    else await repo.insertPlan(trx, { id, groupId: group.id, year: input.year, version, items: input.items, createdBy: actor.userId });
    await recordAudit(trx, { actor, ip: options.ip, action: 'central_group.plan.save', entityType: 'central_group_plan', entityId: id, orgId: group.org_id, after: { ...input, version } });
    return { plan: presentPlan((await repo.findPlan(trx, id))!), created: !replace };
  });
}

/** A plan with its group (who may act on it is each action's own check). */
async function loadPlan(db: Db, actor: Actor, planId: string) {
  const plan = await repo.findPlan(db, planId);
  const group = plan ? await repo.findGroup(db, plan.group_id) : undefined;
  if (!plan || !group) throw new AppError('CENTRAL_GROUP_PLAN_NOT_FOUND');
  return { plan, group };
}

/** Changes the items of a draft or returned version (it becomes a draft again). */
export async function updatePlan(ctx: ServerContext, options: Caller & { planId: string; items: StudyPlanItem[] }): Promise<StudyPlanView> {
  const { actor } = options;
  return ctx.db.transaction().execute(async (trx) => {
    const { plan, group } = await loadPlan(trx, actor, options.planId);
    if (!policy.managesGroup(actor, group)) throw new AppError('CENTRAL_GROUP_PLAN_NOT_FOUND');
    if (plan.status === 'approved') throw new AppError('CENTRAL_GROUP_PLAN_APPROVED', { year: plan.year, version: plan.version });
    if (plan.status === 'submitted') throw new AppError('CENTRAL_GROUP_PLAN_PENDING');
    await repo.updatePlan(trx, plan.id, { status: 'draft', items: options.items });
    await recordAudit(trx, {
      actor,
      ip: options.ip,
      action: 'central_group.plan.update',
      entityType: 'central_group_plan',
      entityId: plan.id,
      orgId: group.org_id,
      before: { status: plan.status, items: plan.items },
      after: { status: 'draft', items: options.items },
    });
    return presentPlan((await repo.findPlan(trx, plan.id))!);
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

/**
 * Submitting is the managers'. Approving and returning belong only to the group's leader (the
 * account linked to the person who is its leader) or a secretary granted over the group's
 * organisation: the working committee's officers run the group but do not approve its plan.
 */
export async function decidePlan(ctx: ServerContext, options: Caller & { planId: string; action: PlanAction; comment?: string }): Promise<StudyPlanView> {
  const { actor, action } = options;
  return ctx.db.transaction().execute(async (trx) => {
    const { plan, group } = await loadPlan(trx, actor, options.planId);
    if (action === 'submit') {
      if (!policy.managesGroup(actor, group)) throw new AppError('CENTRAL_GROUP_PLAN_NOT_FOUND');
    } else {
      const leader = (await repo.currentMembers(trx, group.id)).find((m) => m.role === 'leader');
      if (!policy.canDecidePlan(actor, group, leader?.person_id ?? null)) {
        throw new AppError(policy.managesGroup(actor, group) ? 'FORBIDDEN' : 'CENTRAL_GROUP_PLAN_NOT_FOUND');
      }
    }
    if (action === 'submit' && plan.status === 'approved') throw new AppError('CENTRAL_GROUP_PLAN_APPROVED', { year: plan.year, version: plan.version });
    if (action === 'submit' && plan.status === 'submitted') throw new AppError('CENTRAL_GROUP_PLAN_PENDING');
    const t = planTransitions[action];
    if (!t.from.includes(plan.status)) throw new AppError('CENTRAL_GROUP_PLAN_STATE');
    const now = ctx.now();
    await repo.updatePlan(
      trx,
      plan.id,
      action === 'submit' ? { status: t.to, submittedAt: now, decidedAt: null, decidedBy: null } : { status: t.to, decidedAt: now, decidedBy: actor.userId, comment: options.comment ?? null },
    );
    await recordAudit(trx, {
      actor,
      ip: options.ip,
      action: `central_group.plan.${action}`,
      entityType: 'central_group_plan',
      entityId: plan.id,
      orgId: group.org_id,
      before: { status: plan.status },
      after: { status: t.to, comment: options.comment },
    });
    return presentPlan((await repo.findPlan(trx, plan.id))!);
  });
}

// --- one study, one report --------------------------------------------------------------------

/** A central-group study session the caller may act on (others' are not found). */
async function loadStudy(db: Db, activityId: string, canAccess: (path: string) => boolean) {
  const activity = await repo.findActivity(db, activityId);
  if (!activity || !canAccess(activity.org_path)) throw new AppError('ACTIVITY_NOT_FOUND');
  if (activity.kind !== 'central_group_study' || !activity.central_group_id) throw new AppError('CENTRAL_GROUP_NOT_STUDY');
  const group = (await repo.findGroup(db, activity.central_group_id))!;
  return { activity, group };
}

async function assembleSnapshot(db: Db, activity: repo.ActivityRow, group: repo.GroupRow): Promise<StudyReportSnapshot> {
  const [attendees, attachments, speaker, resolutions] = await Promise.all([
    repo.expectedAttendees(db, activity.id),
    attachmentsOf(db, 'activity', activity.id),
    activity.speaker_person_id ? repo.peopleByIds(db, [activity.speaker_person_id]) : Promise.resolve([]),
    repo.resolutionsOf(db, activity.id),
  ]);
  return {
    activityId: activity.id,
    groupName: group.name,
    orgName: group.org_name,
    topic: activity.topic,
    heldOn: activity.held_on!,
    startedAt: iso(activity.actual_start)!,
    endedAt: iso(activity.actual_end),
    place: activity.place,
    studyForm: activity.study_form,
    speaker: speaker[0]?.name ?? activity.speaker_name,
    expected: attendees.length,
    present: attendees.filter((a) => a.status === 'present').map((a) => a.name),
    leave: attendees.filter((a) => a.status === 'leave').map((a) => ({ name: a.name, reason: a.leave_reason })),
    // Not marked present or on leave at a held session: absent.
    absent: attendees.filter((a) => a.status === 'absent' || a.status === 'pending').map((a) => a.name),
    materials: activity.materials,
    minutes: activity.minutes,
    attachments: attachments.map((a) => a.fileName).sort(),
    resolutions: resolutions.map((r) => ({ title: r.title, ayes: r.ayes, nays: r.nays, abstentions: r.abstentions, passed: r.passed })),
  };
}

/**
 * Assembles the report from the record and submits it in one action. The same record gives the
 * same report back (created: false); a changed record gives a new version.
 */
export async function submitStudyReport(ctx: ServerContext, options: Caller & { activityId: string }): Promise<{ report: StudyReportView; created: boolean }> {
  const { actor } = options;
  return ctx.db.transaction().execute(async (trx) => {
    const { activity, group } = await loadStudy(trx, options.activityId, (path) => policy.managesGroup(actor, { org_path: path }));
    if (activity.status !== 'held' || !activity.held_on) throw new AppError('CENTRAL_GROUP_STUDY_NOT_HELD');
    // Two submissions of the same record at once would race for the version number.
    await repo.lockGroup(trx, group.id);
    const snapshot = await assembleSnapshot(trx, activity, group);
    const hash = crypto.createHash('sha256').update(JSON.stringify(snapshot)).digest('hex');
    const latest = await repo.latestReport(trx, activity.id);
    if (latest && latest.snapshot_hash === hash) return { report: presentReport((await repo.findReport(trx, latest.id))!), created: false };
    const id = newId();
    const version = (latest?.version ?? 0) + 1;
    await repo.insertReport(trx, { id, groupId: group.id, activityId: activity.id, heldOn: activity.held_on, version, snapshot, hash, submittedBy: actor.userId, submittedAt: ctx.now() });
    await recordAudit(trx, { actor, ip: options.ip, action: 'central_group.report.submit', entityType: 'central_group_report', entityId: id, orgId: group.org_id, after: { activityId: activity.id, version } });
    // The working committee over the group acknowledges it; an officer who submitted it needs no message.
    const officers = (await repo.committeeOfficersOver(trx, group.org_path)).filter((userId) => userId !== actor.userId);
    await notify(trx, ctx, {
      recipients: { userIds: officers },
      kind: 'central_group_report_submitted',
      params: { groupName: group.name, topic: activity.topic, heldOn: activity.held_on, version },
      link: `/central-groups?tab=reports&period=${activity.held_on.slice(0, 4)}&orgId=${group.org_id}`,
      dedupeKey: `central_group_report_submitted:${id}`,
    });
    return { report: presentReport((await repo.findReport(trx, id))!), created: true };
  });
}

/** Reports of a subtree's groups for sessions held in the year: officers see all under them, a secretary those of the groups they manage. */
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

const auditOut = (ctx: ServerContext, actor: Actor, a: repo.AuditRow) =>
  presentAudit(a, { timeZone: ctx.config.timeZone, showRating: policy.isCommitteeOfficerOver(actor, a.org_path) || a.auditor_user_id === actor.userId });

/** How an auditor is written on the session's record: a person of the deployment, or a name with a unit. */
type RecordAuditor = { personId: string } | { name: string; unit: string };

/**
 * The record's auditor for an assignment: an account linked to a person is that person; an
 * account without one is its display name with the organisation of the committee-officer grant
 * that covers the group (the working committee); a named auditor is their name and unit.
 */
async function recordAuditorOf(db: Db, groupPath: string, auditor: { userId: string | null; name: string | null; unit: string | null }): Promise<RecordAuditor | null> {
  if (auditor.userId === null) return auditor.name !== null && auditor.unit !== null ? { name: auditor.name, unit: auditor.unit } : null;
  const user = await repo.findUserWithGrants(db, auditor.userId);
  if (!user) return null;
  if (user.person_id) return { personId: user.person_id };
  const grant = user.grants
    .filter((g) => g.role === 'committee_officer' && g.path !== null && groupPath.startsWith(g.path))
    .sort((a, b) => (a.path ?? '').localeCompare(b.path ?? ''))[0];
  return { name: user.display_name, unit: grant?.org_name ?? '' };
}

/**
 * Puts an auditor on the session's record (activities' tables): a person as an attendee with the
 * role 'auditor' — never expected, never counted for quorum or credits until marked present — and
 * anyone else as a guest row of kind 'auditor'. Someone already on the record (a member expected
 * there, a guest) keeps their place. A new pending auditor changes no derived figure (credits
 * follow presence, make-up and compliance only expected attendees), so the derived modules are
 * not called. Answers whether a row was added.
 */
async function putAuditorOnRecord(trx: Transaction<DB>, activityId: string, who: RecordAuditor, now: Date): Promise<boolean> {
  if ('personId' in who) {
    if (await activitiesRepo.findAttendee(trx, activityId, who.personId)) return false;
    await activitiesRepo.insertAttendees(trx, activityId, [{ personId: who.personId, role: 'auditor', voting: false }], now);
    return true;
  }
  const guests = await activitiesRepo.listGuests(trx, activityId);
  if (guests.some((g) => g.kind === 'auditor' && g.name === who.name && (g.unit ?? '') === who.unit)) return false;
  await activitiesRepo.insertGuest(trx, { id: newId(), activityId, kind: 'auditor', name: who.name, unit: who.unit || null, note: null, now });
  return true;
}

/**
 * Takes a withdrawn auditor off the record, unless the record already says they came: a person's
 * auditor row only while unmarked (a marked presence happened and stays), a named guest row only
 * while the session is not yet recorded as held. Answers whether a row was removed.
 */
async function takeAuditorOffRecord(trx: Transaction<DB>, activity: { id: string; status: string }, who: RecordAuditor): Promise<boolean> {
  if ('personId' in who) {
    const row = await activitiesRepo.findAttendee(trx, activity.id, who.personId);
    if (!row || row.role !== 'auditor' || row.status !== 'pending') return false;
    await activitiesRepo.deleteAttendees(trx, activity.id, [who.personId]);
    return true;
  }
  if (activity.status === 'held') return false;
  const guest = (await activitiesRepo.listGuests(trx, activity.id)).find((g) => g.kind === 'auditor' && g.name === who.name && (g.unit ?? '') === who.unit);
  if (!guest) return false;
  await activitiesRepo.deleteGuest(trx, activity.id, guest.id);
  return true;
}

/**
 * The working committee (a committee officer over the group) assigns an auditor to a planned or
 * held session: a committee officer's account over the group, who records their own notes, or a
 * person named with their unit (a retired cadre, say), whose notes an officer records for them.
 */
export async function assignAuditor(ctx: ServerContext, options: Caller & { activityId: string; input: AuditorAssignInput }): Promise<AuditView> {
  const { actor, input } = options;
  return ctx.db.transaction().execute(async (trx) => {
    const { activity, group } = await loadStudy(trx, options.activityId, (path) => policy.managesGroup(actor, { org_path: path }));
    if (!policy.isCommitteeOfficerOver(actor, group.org_path)) throw new AppError('FORBIDDEN');
    // The record is the activities module's: its writes lock the row, so this one waits its turn.
    await activitiesRepo.lockActivity(trx, activity.id);
    if (activity.status === 'cancelled') throw new AppError('CENTRAL_GROUP_STUDY_CANCELLED');
    let auditor: { userId: string | null; name: string | null; unit: string | null };
    if ('auditorUserId' in input) {
      const user = await repo.findUserWithGrants(trx, input.auditorUserId);
      if (!user || !user.active) throw new AppError('CENTRAL_GROUP_AUDITOR_NOT_FOUND');
      if (!user.grants.some((g) => g.role === 'committee_officer' && g.path !== null && group.org_path.startsWith(g.path))) {
        throw new AppError('CENTRAL_GROUP_AUDITOR_NOT_OFFICER', { name: user.display_name });
      }
      if (await repo.accountAuditOf(trx, activity.id, user.id)) throw new AppError('CENTRAL_GROUP_AUDITOR_ASSIGNED');
      auditor = { userId: user.id, name: null, unit: null };
    } else {
      if (await repo.namedAuditOf(trx, activity.id, input.name, input.unit)) throw new AppError('CENTRAL_GROUP_AUDITOR_ASSIGNED');
      auditor = { userId: null, name: input.name, unit: input.unit };
    }
    const id = newId();
    const now = ctx.now();
    await repo.insertAudit(trx, { id, groupId: group.id, activityId: activity.id, auditorUserId: auditor.userId, name: auditor.name, unit: auditor.unit, assignedBy: actor.userId, at: now });
    const who = await recordAuditorOf(trx, group.org_path, auditor);
    const onRecord = who !== null && (await putAuditorOnRecord(trx, activity.id, who, now));
    await recordAudit(trx, {
      actor,
      ip: options.ip,
      action: 'central_group.audit.assign',
      entityType: 'central_group_audit',
      entityId: id,
      orgId: group.org_id,
      after: { activityId: activity.id, ...input },
      detail: { addedToRecord: onRecord },
    });
    const audit = (await repo.findAudit(trx, id))!;
    if (auditor.userId !== null) {
      const sessionOn = activity.held_on ?? isoDateIn(new Date(activity.planned_start), ctx.config.timeZone);
      await notify(trx, ctx, {
        recipients: { userIds: [auditor.userId] },
        kind: 'central_group_audit_assigned',
        params: { groupName: group.name, topic: activity.topic, sessionOn },
        link: `/central-groups?tab=myAudits&audit=${id}`,
        dedupeKey: `central_group_audit_assigned:${id}`,
      });
    }
    return auditOut(ctx, actor, audit);
  });
}

/**
 * The working committee withdraws an assignment not yet written up; the auditor leaves the
 * session's record unless the record already says they came (see takeAuditorOffRecord).
 */
export async function removeAuditor(ctx: ServerContext, options: Caller & { auditId: string }): Promise<AuditView[]> {
  const { actor } = options;
  const activityId = await ctx.db.transaction().execute(async (trx) => {
    const audit = await repo.findAudit(trx, options.auditId);
    if (!audit || !policy.managesGroup(actor, audit)) throw new AppError('CENTRAL_GROUP_AUDIT_NOT_FOUND');
    if (!policy.isCommitteeOfficerOver(actor, audit.org_path)) throw new AppError('FORBIDDEN');
    const activity = await activitiesRepo.lockActivity(trx, audit.activity_id);
    if (audit.status === 'completed') throw new AppError('CENTRAL_GROUP_AUDIT_KEEP_COMPLETED', { name: audit.auditor_name });
    const who = await recordAuditorOf(trx, audit.org_path, { userId: audit.auditor_user_id, name: audit.auditor_name, unit: audit.auditor_unit });
    const offRecord = activity !== undefined && who !== null && (await takeAuditorOffRecord(trx, activity, who));
    await repo.deleteAudit(trx, audit.id);
    await recordAudit(trx, {
      actor,
      ip: options.ip,
      action: 'central_group.audit.remove',
      entityType: 'central_group_audit',
      entityId: audit.id,
      orgId: audit.org_id,
      before: { activityId: audit.activity_id, auditorUserId: audit.auditor_user_id, name: audit.auditor_name, unit: audit.auditor_unit },
      detail: { removedFromRecord: offRecord },
    });
    return audit.activity_id;
  });
  return (await repo.auditsOfActivity(ctx.db, activityId)).map((a) => auditOut(ctx, actor, a));
}

/** A session's auditors, for the group's managers (ratings only for the working committee). */
export async function listAuditors(ctx: ServerContext, options: { actor: Actor; activityId: string }): Promise<AuditView[]> {
  const { actor } = options;
  const { activity } = await loadStudy(ctx.db, options.activityId, (path) => policy.managesGroup(actor, { org_path: path }));
  return (await repo.auditsOfActivity(ctx.db, activity.id)).map((a) => auditOut(ctx, actor, a));
}

/** The sessions this account is assigned to audit; only committee officers are ever auditors. */
export async function myAudits(ctx: ServerContext, options: { actor: Actor }): Promise<AuditView[]> {
  const { actor } = options;
  if (!actor.grants.some((g) => g.role === 'committee_officer')) throw new AppError('FORBIDDEN');
  return (await repo.auditsOfUser(ctx.db, actor.userId)).map((a) => auditOut(ctx, actor, a));
}

/**
 * The auditor's notes and private rating, once the session is held: written by the assigned
 * account itself, or for an auditor named with their unit by a committee officer over the group.
 */
export async function completeAudit(ctx: ServerContext, options: Caller & { auditId: string; input: AuditCompleteInput }): Promise<AuditView> {
  const { actor, input } = options;
  return ctx.db.transaction().execute(async (trx) => {
    const audit = await repo.findAudit(trx, options.auditId);
    const officer = audit !== undefined && policy.isCommitteeOfficerOver(actor, audit.org_path);
    const mayWrite = audit !== undefined && (audit.auditor_user_id === null ? officer : audit.auditor_user_id === actor.userId);
    if (!audit || !mayWrite) throw new AppError(officer ? 'FORBIDDEN' : 'CENTRAL_GROUP_AUDIT_NOT_FOUND');
    if (audit.status === 'completed') throw new AppError('CENTRAL_GROUP_AUDIT_COMPLETED');
    if (audit.session_status !== 'held') throw new AppError('CENTRAL_GROUP_STUDY_NOT_HELD');
    await repo.completeAudit(trx, audit.id, { notes: input.notes, rating: input.rating ?? null, by: actor.userId, at: ctx.now() });
    await recordAudit(trx, {
      actor,
      ip: options.ip,
      action: 'central_group.audit.complete',
      entityType: 'central_group_audit',
      entityId: audit.id,
      orgId: audit.org_id,
      after: { notes: input.notes, rating: input.rating ?? null },
    });
    return auditOut(ctx, actor, (await repo.findAudit(trx, audit.id))!);
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

/**
 * Audit figures of a subtree's central groups for a period ('2026-Q3', also '2026-07' or '2026'),
 * for the quarterly circular: sessions held in the period (by local day) and those with a
 * completed audit, per group summed up, and the groups with none audited. No access check: the
 * caller (the circulars module) has already checked the subtree.
 */
export async function auditFigures(ctx: Pick<ServerContext, 'db'>, options: { orgId: string; period: string }): Promise<CentralGroupAuditFigures> {
  const period = parsePeriodKey(options.period);
  if (!period) throw new AppError('CENTRAL_GROUP_PERIOD_INVALID', { period: options.period });
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

/** Records a member's statement or research report, linked to one of the group's sessions and to its file when given. */
export async function addWriting(ctx: ServerContext, options: Caller & { id: string; input: WritingInput }): Promise<WritingView> {
  const { actor, input } = options;
  const group = await loadGroup(ctx.db, actor, options.id, 'manage');
  return ctx.db.transaction().execute(async (trx) => {
    await requireMember(trx, group.id, input.personId);
    return insertWriting(trx, ctx, { actor, ip: options.ip, group, input });
  });
}

/** The member records their own writing in a group they belong to; its file is uploaded to it afterwards. */
export async function addMyWriting(ctx: ServerContext, options: Caller & { input: MyWritingInput }): Promise<WritingView> {
  const { actor } = options;
  const { groupId, ...rest } = options.input;
  const personId = actor.personId;
  if (personId === null) throw new AppError('FORBIDDEN');
  return ctx.db.transaction().execute(async (trx) => {
    const group = await repo.findGroup(trx, groupId);
    // Someone else's group is answered like a missing one.
    if (!group || !(await repo.currentMembers(trx, group.id)).some((m) => m.person_id === personId)) throw new AppError('CENTRAL_GROUP_NOT_FOUND');
    return insertWriting(trx, ctx, { actor, ip: options.ip, group, input: { ...rest, personId } });
  });
}

async function insertWriting(trx: Transaction<DB>, ctx: ServerContext, options: Caller & { group: repo.GroupRow; input: WritingInput }): Promise<WritingView> {
  const { actor, group, input } = options;
  if (input.activityId !== undefined) {
    const activity = await repo.findActivity(trx, input.activityId);
    if (!activity || activity.central_group_id !== group.id) throw new AppError('CENTRAL_GROUP_WRITING_ACTIVITY');
  }
  const id = newId();
  await repo.insertWriting(trx, {
    id,
    groupId: group.id,
    personId: input.personId,
    year: input.year,
    kind: input.kind,
    title: input.title,
    submittedOn: input.submittedOn,
    activityId: input.activityId ?? null,
    attachmentId: input.attachmentId ?? null,
    createdBy: actor.userId,
  });
  if (input.attachmentId !== undefined) {
    await linkAttachment(trx, { attachmentId: input.attachmentId, entityType: WRITING_ENTITY, entityId: id, actor, orgId: group.org_id, ip: options.ip, now: ctx.now() });
  }
  await recordAudit(trx, { actor, ip: options.ip, action: 'central_group.writing.add', entityType: WRITING_ENTITY, entityId: id, orgId: group.org_id, after: input });
  const row = (await repo.findWriting(trx, id))!;
  return presentWriting(row, await filesById(trx, [row.attachment_id]));
}

/** Drops an upload refused before it reached the attachments module (which discards its own refusals). */
async function refuseUpload(file: UploadedFile, error: AppError): Promise<never> {
  if (file) await discardStaged(file.staged);
  throw error;
}

/**
 * The member uploads the file of their own writing: stored for the group's organisation (its
 * managers read it), linked to the writing and made its file in one transaction; an earlier file
 * is unlinked (it stays for any other record using it).
 */
export async function attachMyWritingFile(ctx: ServerContext, options: Caller & { id: string; file: UploadedFile }): Promise<WritingView> {
  const { actor, file } = options;
  const writing = await repo.findWriting(ctx.db, options.id);
  if (!writing || actor.personId === null || writing.person_id !== actor.personId) return refuseUpload(file, new AppError('CENTRAL_GROUP_WRITING_NOT_FOUND'));
  const group = (await repo.findGroup(ctx.db, writing.group_id))!;
  await uploadAttachment(ctx, {
    actor,
    ip: options.ip,
    orgId: group.org_id,
    file,
    forRecord: {
      entityType: WRITING_ENTITY,
      entityId: writing.id,
      mayUpload: async (org) => org.id === group.org_id,
      afterLink: async (trx, attachmentId) => {
        const before = (await repo.findWriting(trx, writing.id))!.attachment_id;
        await repo.setWritingAttachment(trx, writing.id, attachmentId);
        if (before !== null && before !== attachmentId) {
          await unlinkAttachment(trx, { attachmentId: before, entityType: WRITING_ENTITY, entityId: writing.id, actor, orgId: group.org_id, ip: options.ip });
        }
        await recordAudit(trx, { actor, ip: options.ip, action: 'central_group.writing.file', entityType: WRITING_ENTITY, entityId: writing.id, orgId: group.org_id, before: { attachmentId: before }, after: { attachmentId } });
      },
    },
  });
  const row = (await repo.findWriting(ctx.db, writing.id))!;
  return presentWriting(row, await filesById(ctx.db, [row.attachment_id]));
}

/** Per current member: the year's statements and research reports, and whether the reports fall short of the practice. */
/** The groups the member currently belongs to, with their role. */
export async function myGroups(ctx: ServerContext, options: { actor: Actor }): Promise<MyCentralGroup[]> {
  if (!options.actor.personId) throw new AppError('FORBIDDEN');
  const rows = await repo.groupsOfPerson(ctx.db, options.actor.personId);
  return rows.map((g) => ({ id: g.id, orgId: g.org_id, orgName: g.org_name, name: g.name, memberCount: Number(g.member_count ?? 0), role: g.role as CentralGroupRole }));
}

/** The member's own writings of a year, per group (the current ones and any they wrote for that year), against the practice. */
export async function myWritings(ctx: ServerContext, options: { actor: Actor; year: number }): Promise<MyWritings> {
  const personId = options.actor.personId;
  if (!personId) throw new AppError('FORBIDDEN');
  const [current, writings] = await Promise.all([repo.groupsOfPerson(ctx.db, personId), repo.writingsOfPerson(ctx.db, personId, options.year)]);
  const names = new Map(current.map((g) => [g.id, g.name]));
  for (const id of new Set(writings.map((w) => w.group_id))) {
    if (!names.has(id)) names.set(id, (await repo.findGroup(ctx.db, id))?.name ?? '');
  }
  const files = await filesById(ctx.db, writings.map((w) => w.attachment_id));
  return {
    year: options.year,
    researchReportsMin: researchReportsPerYear.min,
    researchReportsMax: researchReportsPerYear.max,
    yearEnded: todayIn(ctx) > `${options.year}-12-31`,
    groups: [...names].map(([groupId, groupName]) => {
      const own = writings.filter((w) => w.group_id === groupId).map((w) => presentWriting(w, files));
      const researchReports = own.filter((w) => w.kind === 'research_report');
      return { groupId, groupName, statements: own.filter((w) => w.kind === 'statement'), researchReports, researchReportsShort: researchReportsShort(researchReports.length) };
    }),
  };
}

export async function listWritings(ctx: ServerContext, options: { actor: Actor; id: string; year: number }): Promise<WritingsSummary> {
  const group = await loadGroup(ctx.db, options.actor, options.id, 'manage');
  const [members, writings] = await Promise.all([repo.currentMembers(ctx.db, group.id), repo.writingsOf(ctx.db, group.id, options.year)]);
  const files = await filesById(ctx.db, writings.map((w) => w.attachment_id));
  return {
    groupId: group.id,
    year: options.year,
    researchReportsMin: researchReportsPerYear.min,
    researchReportsMax: researchReportsPerYear.max,
    yearEnded: todayIn(ctx) > `${options.year}-12-31`,
    members: members.map((m) => {
      const own = writings.filter((w) => w.person_id === m.person_id).map((w) => presentWriting(w, files));
      const statements = own.filter((w) => w.kind === 'statement');
      const researchReports = own.filter((w) => w.kind === 'research_report');
      return {
        personId: m.person_id,
        name: m.name,
        role: m.role as CentralGroupRole,
        statementCount: statements.length,
        researchReportCount: researchReports.length,
        statements,
        researchReports,
        researchReportsShort: researchReportsShort(researchReports.length),
      };
    }),
  };
}

// --- study-note review ------------------------------------------------------------------------

async function reviewsOut(db: Db, rows: repo.ReviewRow[], today: string): Promise<NoteReviewView[]> {
  const files = await filesById(db, rows.map((r) => r.attachment_id));
  return rows.map((r) => presentReview(r, today, files));
}

/** Calls in the notes of the given members: one review per person, due on a local day. */
export async function requestNotes(ctx: ServerContext, options: Caller & { id: string; input: NoteReviewInput }): Promise<NoteReviewView[]> {
  const { actor, input } = options;
  const group = await loadGroup(ctx.db, actor, options.id, 'manage');
  const today = todayIn(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (const personId of [...new Set(input.personIds)]) {
      await requireMember(trx, group.id, personId);
      const id = newId();
      await repo.insertReview(trx, { id, groupId: group.id, personId, dueOn: input.dueOn, note: input.note ?? null, requestedBy: actor.userId, at: ctx.now() });
      await notify(trx, ctx, {
        recipients: { personIds: [personId] },
        kind: 'central_group_notes_requested',
        params: { groupName: group.name, dueOn: input.dueOn },
        link: `/my-central-group?tab=notes&review=${id}`,
        dedupeKey: `central_group_notes_requested:${id}`,
      });
      ids.push(id);
    }
    await recordAudit(trx, { actor, ip: options.ip, action: 'central_group.notes.request', entityType: 'central_group', entityId: group.id, orgId: group.org_id, after: { ...input, reviewIds: ids } });
    return reviewsOut(trx, (await repo.reviewsOfGroup(trx, group.id)).filter((r) => ids.includes(r.id)), today);
  });
}

export async function listGroupReviews(ctx: ServerContext, options: { actor: Actor; id: string }): Promise<NoteReviewView[]> {
  const group = await loadGroup(ctx.db, options.actor, options.id, 'manage');
  return reviewsOut(ctx.db, await repo.reviewsOfGroup(ctx.db, group.id), todayIn(ctx));
}

export async function myReviews(ctx: ServerContext, options: { actor: Actor }): Promise<NoteReviewView[]> {
  if (!options.actor.personId) throw new AppError('FORBIDDEN');
  return reviewsOut(ctx.db, await repo.reviewsOfPerson(ctx.db, options.actor.personId), todayIn(ctx));
}

/**
 * The member uploads the file of their notes while the review is still requested: stored for the
 * group's organisation and linked to the review in one transaction (so the member may read it);
 * handing in then names it (submitNotes with its id).
 */
export async function attachMyNotesFile(ctx: ServerContext, options: Caller & { id: string; file: UploadedFile }): Promise<LinkedAttachmentView> {
  const { actor, file } = options;
  const review = await repo.findReview(ctx.db, options.id);
  if (!review || actor.personId === null || review.person_id !== actor.personId) return refuseUpload(file, new AppError('CENTRAL_GROUP_NOTE_REVIEW_NOT_FOUND'));
  if (review.status !== 'requested') return refuseUpload(file, new AppError('CENTRAL_GROUP_NOTES_ALREADY_SUBMITTED'));
  const uploaded = await uploadAttachment(ctx, {
    actor,
    ip: options.ip,
    orgId: review.org_id,
    file,
    forRecord: { entityType: NOTE_REVIEW_ENTITY, entityId: review.id, mayUpload: async (org) => org.id === review.org_id },
  });
  return { id: uploaded.id, fileName: uploaded.fileName, mediaType: uploaded.mediaType, sizeBytes: uploaded.sizeBytes, createdAt: uploaded.createdAt, downloadUrl: uploaded.downloadUrl };
}

/** The member hands in their notes: text, a file they may read (linked to the review), or both. */
export async function submitNotes(ctx: ServerContext, options: Caller & { id: string; input: NoteSubmitInput }): Promise<NoteReviewView> {
  const { actor, input } = options;
  return ctx.db.transaction().execute(async (trx) => {
    const review = await repo.findReview(trx, options.id);
    if (!review || actor.personId === null || review.person_id !== actor.personId) throw new AppError('CENTRAL_GROUP_NOTE_REVIEW_NOT_FOUND');
    if (review.status !== 'requested') throw new AppError('CENTRAL_GROUP_NOTES_ALREADY_SUBMITTED');
    if (input.attachmentId !== undefined) {
      await linkAttachment(trx, { attachmentId: input.attachmentId, entityType: NOTE_REVIEW_ENTITY, entityId: review.id, actor, orgId: review.org_id, ip: options.ip, now: ctx.now() });
    }
    await repo.submitReview(trx, review.id, { text: input.text ?? null, attachmentId: input.attachmentId ?? null, at: ctx.now() });
    await recordAudit(trx, {
      actor,
      ip: options.ip,
      action: 'central_group.notes.submit',
      entityType: NOTE_REVIEW_ENTITY,
      entityId: review.id,
      orgId: review.org_id,
      after: { attachmentId: input.attachmentId ?? null, textLength: input.text?.length ?? 0 },
    });
    return (await reviewsOut(trx, [(await repo.findReview(trx, review.id))!], todayIn(ctx)))[0]!;
  });
}

export async function returnNotes(ctx: ServerContext, options: Caller & { id: string; comments: string }): Promise<NoteReviewView> {
  const { actor } = options;
  return ctx.db.transaction().execute(async (trx) => {
    const review = await repo.findReview(trx, options.id);
    if (!review || !policy.managesGroup(actor, review)) throw new AppError('CENTRAL_GROUP_NOTE_REVIEW_NOT_FOUND');
    if (review.status !== 'submitted') throw new AppError('CENTRAL_GROUP_NOTES_NOT_RETURNABLE');
    await repo.returnReview(trx, review.id, { comments: options.comments, by: actor.userId, at: ctx.now() });
    await notify(trx, ctx, {
      recipients: { personIds: [review.person_id] },
      kind: 'central_group_notes_returned',
      params: { groupName: review.group_name },
      link: `/my-central-group?tab=notes&review=${review.id}`,
      dedupeKey: `central_group_notes_returned:${review.id}`,
    });
    await recordAudit(trx, {
      actor,
      ip: options.ip,
      action: 'central_group.notes.return',
      entityType: NOTE_REVIEW_ENTITY,
      entityId: review.id,
      orgId: review.org_id,
      after: { comments: options.comments },
    });
    return (await reviewsOut(trx, [(await repo.findReview(trx, review.id))!], todayIn(ctx)))[0]!;
  });
}
