/**
 * Make-up study (补学). When an activity is recorded as held, each expected attendee who was
 * absent or on leave gets an assignment, due a number of days after the meeting (the rule set's
 * `makeupDueDays`). The assignee reads the meeting's record and materials, then writes a short note
 * that closes the assignment; secretaries see what is outstanding in their subtrees.
 *
 * Make-up study earns no study hours, by rule: 学时 are credited for sessions attended (domain.md
 * §9, "credit comes from attended sessions"), and reading the materials afterwards is how a member
 * catches up on the content, not a second way to earn the session's hours. The ledger therefore
 * reads attendance only and never looks at this table.
 */
import { activityKindLabels, addDays, attachmentDownloadPath, type ActivityKind, type MakeupDetail, type MakeupListQuery, type MakeupPage, type MakeupView, type StudyForm } from '@pioneer/domain';
import type { Transaction } from 'kysely';
import type { ServerContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { isoDateIn, todayIn } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { ruleSetOn } from '../compliance/compliance.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import * as policy from './makeup.policy.ts';
import * as repo from './makeup.repo.ts';

/**
 * The note the system closes an assignment with when the assignee's attendance is corrected to
 * present after they had already opened (read) it. An unread one is simply deleted: nothing of the
 * member's is lost. A read one is kept, so the record of their reading stays, and closed — it no
 * longer counts as outstanding — with this note instead of one of theirs (views flag it as
 * `attendedAfterAll`). Should the attendance go back to absent, the assignment opens again.
 */
export const CLOSED_BY_ATTENDANCE_NOTE = '已补记出席：出席情况已更正为出席，本次补学无需再做。';

/** How much of the minutes the assignee is shown; the full text stays with the activity. */
const MINUTES_EXCERPT_CHARS = 2000;

/** Days to complete make-up study for an activity held on a day: the stored rule set in effect then. */
export async function makeupDueDaysFor(db: Transaction<DB>, heldOn: string): Promise<number> {
  return (await ruleSetOn(db, heldOn)).makeupDueDays;
}

export type MakeupSyncResult = { assigned: string[]; withdrawn: string[]; closed: string[]; reopened: string[] };

/**
 * Makes an activity's make-up assignments match its attendance: while it is held, every expected
 * attendee marked absent or on leave has exactly one assignment (unique per activity and person);
 * anyone else's open assignment is withdrawn (deleted if unread, closed with
 * CLOSED_BY_ATTENDANCE_NOTE if read). Completed assignments are the member's work and stay as they
 * are. A new assignment is announced to the assignee (makeup_assigned, once per assignment).
 * Calling it again changes nothing.
 *
 * Call it inside the transaction of the attendance or record write, which holds a lock on the
 * activity row (FOR SHARE at least).
 */
export async function syncMakeupAssignments(trx: Transaction<DB>, ctx: Pick<ServerContext, 'now'>, options: { activityId: string; actorUserId: string | null }): Promise<MakeupSyncResult> {
  const result: MakeupSyncResult = { assigned: [], withdrawn: [], closed: [], reopened: [] };
  const activity = await repo.findActivityForMakeup(trx, options.activityId);
  if (!activity) return result;
  const heldOn = activity.status === 'held' ? activity.held_on : null;
  // Not held (planned, cancelled): only open assignments can need withdrawing, one indexed look-up
  // that does not read the attendees — this runs on every QR sign-in.
  const rows = heldOn ? await repo.missingAndAssignments(trx, activity.id) : await repo.openAssignments(trx, activity.id);
  const toAssign: string[] = [];
  const toDelete: repo.MissingAndAssignmentRow[] = [];
  const toClose: repo.MissingAndAssignmentRow[] = [];
  const toReopen: repo.MissingAndAssignmentRow[] = [];
  for (const r of rows) {
    if (heldOn && r.missing) {
      if (!r.assignment_id) toAssign.push(r.person_id);
      else if (r.completed_at && r.note === CLOSED_BY_ATTENDANCE_NOTE) toReopen.push(r);
    } else if (r.assignment_id && !r.completed_at) {
      (r.read_at ? toClose : toDelete).push(r);
    }
  }
  if (toAssign.length + toDelete.length + toClose.length + toReopen.length === 0) return result;

  const now = ctx.now();
  const ids = (list: repo.MissingAndAssignmentRow[]) => list.map((r) => r.assignment_id as string);
  await repo.deleteUnstarted(trx, ids(toDelete));
  await repo.closeWithNote(trx, ids(toClose), { note: CLOSED_BY_ATTENDANCE_NOTE, now });
  await repo.reopenSystemClosed(trx, ids(toReopen), CLOSED_BY_ATTENDANCE_NOTE);
  const dueOn = heldOn ? addDays(heldOn, await makeupDueDaysFor(trx, heldOn)) : null;
  const created =
    heldOn && dueOn
      ? await repo.insertAssignments(
          trx,
          toAssign.map((personId) => ({ id: newId(), activityId: activity.id, personId, orgId: activity.org_id, orgPath: activity.org_path, assignedBy: options.actorUserId, assignedAt: now, dueOn })),
        )
      : [];
  for (const a of created) {
    await notify(trx, ctx, {
      recipients: { personIds: [a.person_id] },
      kind: 'makeup_assigned',
      params: { activityKind: activity.kind as ActivityKind, topic: activity.topic, heldOn: heldOn as string, dueOn: dueOn ?? '' },
      link: `/my-life/makeup/${a.id}`,
      dedupeKey: `makeup_assigned:${a.id}`,
    });
  }
  result.assigned = created.map((a) => a.person_id);
  result.withdrawn = toDelete.map((r) => r.person_id);
  result.closed = toClose.map((r) => r.person_id);
  result.reopened = toReopen.map((r) => r.person_id);

  const actor = options.actorUserId ? await trx.selectFrom('users').select(['id', 'display_name']).where('id', '=', options.actorUserId).executeTakeFirst() : undefined;
  await recordAudit(trx, {
    actor: actor ? { userId: actor.id, displayName: actor.display_name } : null,
    action: 'makeup.sync',
    entityType: 'activity',
    entityId: activity.id,
    orgId: activity.org_id,
    after: result,
    detail: { dueOn },
  });
  return result;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function presentAssignment(row: repo.AssignmentRow, today: string): MakeupView {
  const done = row.completed_at !== null;
  return {
    id: row.id,
    activityId: row.activity_id,
    activityKind: row.activity_kind as ActivityKind,
    activityTopic: row.activity_topic,
    heldOn: row.held_on ?? '',
    orgId: row.org_id,
    orgName: row.org_name,
    personId: row.person_id,
    personName: row.person_name,
    assignedAt: new Date(row.assigned_at).toISOString(),
    dueOn: row.due_on,
    status: done ? 'done' : 'open',
    overdue: !done && row.due_on !== null && row.due_on < today,
    readAt: iso(row.read_at),
    completedAt: iso(row.completed_at),
    note: row.note,
    attendedAfterAll: row.attendance_status === 'present',
  };
}

/** A manager's list: the assignments of one subtree (or of all they manage). */
export async function listMakeup(ctx: ServerContext, options: { actor: Actor; query: MakeupListQuery }): Promise<MakeupPage> {
  const { actor, query } = options;
  if (!policy.canListMakeup(actor)) throw new AppError('FORBIDDEN');
  let org: { path: string } | null = null;
  if (query.orgId) {
    org = (await findOrg(ctx.db, query.orgId)) ?? null;
    if (!org) throw new AppError('ORG_NOT_FOUND');
  }
  const paths = policy.listScope(actor, org);
  if (!paths) throw new AppError('ORG_NOT_FOUND');
  const { rows, total } = await repo.listForSubtrees(ctx.db, { paths, status: query.status, page: query.page, pageSize: query.pageSize });
  const today = todayIn(ctx);
  return { items: rows.map((r) => presentAssignment(r, today)), total, page: query.page, pageSize: query.pageSize };
}

function ownPersonId(actor: Actor): string {
  if (!actor.personId) throw new AppError('PROFILE_NOT_LINKED');
  return actor.personId;
}

/** The caller's own assignments (open first), also what "my obligations" lists. */
export async function listMine(ctx: ServerContext, options: { actor: Actor; openOnly?: boolean }): Promise<MakeupView[]> {
  const rows = await repo.listForPerson(ctx.db, ownPersonId(options.actor), { openOnly: options.openOnly ?? false });
  const today = todayIn(ctx);
  return rows.map((r) => presentAssignment(r, today));
}

/** One of the caller's assignments; anyone else's (and a withdrawn one) is not found. */
async function loadOwn(ctx: ServerContext, actor: Actor, id: string): Promise<repo.AssignmentRow> {
  ownPersonId(actor);
  const row = await repo.findAssignment(ctx.db, id);
  if (!row || !policy.isAssignee(actor, row)) throw new AppError('MAKEUP_NOT_FOUND');
  return row;
}

async function detailOf(ctx: ServerContext, row: repo.AssignmentRow): Promise<MakeupDetail> {
  // The attachments module lets every attendee of the activity download its files, absentees included.
  const [record, files] = await Promise.all([repo.findActivityRecord(ctx.db, row.activity_id), repo.listLinkedAttachments(ctx.db, 'activity', row.activity_id)]);
  const minutes = record?.minutes ?? null;
  return {
    ...presentAssignment(row, todayIn(ctx)),
    studyForm: (record?.study_form ?? null) as StudyForm | null,
    speakerName: record?.speaker_name ?? record?.speaker_person_name ?? null,
    place: record?.place ?? null,
    materials: record?.materials ?? null,
    minutesExcerpt: minutes === null ? null : minutes.slice(0, MINUTES_EXCERPT_CHARS),
    minutesTruncated: minutes !== null && minutes.length > MINUTES_EXCERPT_CHARS,
    attachments: files.map((f) => ({ id: f.id, fileName: f.file_name, mediaType: f.media_type, sizeBytes: f.size_bytes, downloadUrl: attachmentDownloadPath(f.id) })),
  };
}

export async function getMine(ctx: ServerContext, options: { actor: Actor; id: string }): Promise<MakeupDetail> {
  return detailOf(ctx, await loadOwn(ctx, options.actor, options.id));
}

/** The assignee has read the materials; reading again keeps the first time. */
export async function markRead(ctx: ServerContext, options: { actor: Actor; id: string }): Promise<MakeupDetail> {
  const row = await loadOwn(ctx, options.actor, options.id);
  await repo.markRead(ctx.db, row.id, ctx.now());
  return detailOf(ctx, await loadOwn(ctx, options.actor, row.id));
}

/** The assignee's note closes a read assignment; audited with the organisation of the missed activity. */
export async function complete(ctx: ServerContext, options: { actor: Actor; ip: string | null; id: string; note: string }): Promise<MakeupDetail> {
  const { actor } = options;
  const row = await loadOwn(ctx, actor, options.id);
  const alreadyDone = (completedAt: Date | string) => new AppError('MAKEUP_ALREADY_DONE', { completedAt: isoDateIn(new Date(completedAt), ctx.config.timeZone) });
  if (row.completed_at) throw alreadyDone(row.completed_at);
  if (!row.read_at) throw new AppError('MAKEUP_NOT_READ');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const done = await repo.complete(trx, row.id, { note: options.note, now });
    if (!done) throw alreadyDone(now);
    await recordAudit(trx, {
      actor,
      action: 'makeup.complete',
      entityType: 'makeup_assignment',
      entityId: row.id,
      orgId: row.org_id,
      ip: options.ip,
      before: { status: 'open' },
      after: { status: 'done', noteLength: options.note.length },
      detail: { activityId: row.activity_id, activityKind: activityKindLabels[row.activity_kind as ActivityKind]?.['zh-CN'] ?? row.activity_kind },
    });
  });
  return detailOf(ctx, await loadOwn(ctx, actor, row.id));
}
