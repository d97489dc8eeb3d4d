/**
 * Activities of organisational life (三会一课, theme party days, central-group study…): planning,
 * recording as held (and correcting the record), cancelling, guests and auditors, resolutions
 * with the quorum and majority rules, and the attachments of the record.
 *
 * Every write runs in one transaction with its audit entry, holds the activity row locked, and
 * calls `afterActivityChange` when it changes the status, the day held, the kind or the
 * attendance, so the figures derived from the record (study hours, make-up study, compliance,
 * notifications) land or fail with it. Who should attend is derived (expected-attendees.ts) when
 * the activity is planned and again on every edit and recording.
 */
import {
  branchLevelOrgKinds,
  centralGroupOrgKinds,
  partyLessonOrgKinds,
  activityKindLabels,
  activityStatuses,
  checkActivityFields,
  checkCommitteeQuorum,
  checkMotion,
  checkQuorum,
  creditHoursFor,
  guestKindLabels,
  isCentralGroupKind,
  localDateOf,
  orgKindLabels,
  resolutionActivityKinds,
  type ActivityCalendar,
  type ActivityCalendarQuery,
  type ActivityCreateInput,
  type ActivityDetail,
  type ActivityGuestInput,
  type ActivityKind,
  type ActivityListQuery,
  type ActivityPage,
  type ActivityRecordInput,
  type ActivityStatus,
  type ActivityUpdateInput,
  type OrgKind,
  type ResolutionInput,
  type ResolutionRecorded,
} from '@pioneer/domain';
import type { Kysely, Transaction } from 'kysely';
import type { ServerContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { ActivityRow } from '../../db/schema-org-life.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { attachmentsOf, linkAttachment, unlinkAttachment } from '../attachments/attachments.service.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import { ruleSetOn } from '../compliance/compliance.service.ts';
import { applyMarks } from '../attendance/attendance.service.ts';
import { afterActivityChange, type ActivityState } from './activity-changed.ts';
import * as policy from './activities.policy.ts';
import { isoOrNull, presentDetail, presentResolution, presentSummary } from './activities.presenter.ts';
import * as repo from './activities.repo.ts';
import { deriveExpectedAttendees, syncExpectedAttendees } from './expected-attendees.ts';

type Db = Kysely<DB> | Transaction<DB>;
type Caller = { actor: Actor; ip: string | null };
type OrgForPlacement = { id: string; name: string; kind: string; has_committee: boolean };

/** The entity type attachments are linked to activities with. */
export const ACTIVITY_ENTITY = 'activity';

export const stateOf = (a: { status: string; held_on: string | null; kind: string; org_id: string }): ActivityState => ({
  status: a.status,
  heldOn: a.held_on,
  kind: a.kind,
  orgId: a.org_id,
});

// --- rules of placement ------------------------------------------------------------------------

const BRANCH_LEVEL = new Set(branchLevelOrgKinds);
const LESSON_ORGS = new Set(partyLessonOrgKinds);
const CENTRAL_GROUP_ORGS = new Set(centralGroupOrgKinds);

function kindParams(kind: string, org: OrgForPlacement) {
  const k = activityKindLabels[kind as ActivityKind];
  const o = orgKindLabels[org.kind as OrgKind] ?? { 'zh-CN': org.kind, en: org.kind };
  return { kindZh: k['zh-CN'], kindEn: k.en.toLowerCase(), org: org.name, orgKindZh: o['zh-CN'], orgKindEn: o.en.toLowerCase() };
}

/**
 * Which organisation holds which kind (domain.md §4): branch-level meetings in a branch or general
 * branch; committee meetings only where there is a committee; party-group meetings in a party
 * group; central-group study and democratic life meetings in a party committee or leading party
 * group, by its own central group. A party lesson may also be given in a party committee or
 * leading party group (their secretary gives one a year, a requirement of the default rule set).
 * Answers the central group when the kind has one.
 */
export async function checkPlacement(
  db: Db,
  kind: ActivityKind,
  org: OrgForPlacement,
  centralGroupId: string | null,
): Promise<{ id: string; name: string } | null> {
  switch (kind) {
    case 'member_assembly':
    case 'theme_party_day':
    case 'org_life_meeting':
    case 'democratic_review':
      if (!BRANCH_LEVEL.has(org.kind)) throw new AppError('ACTIVITY_KIND_NEEDS_BRANCH', kindParams(kind, org));
      return null;
    case 'party_lesson':
      if (!LESSON_ORGS.has(org.kind)) throw new AppError('ACTIVITY_KIND_NEEDS_BRANCH_OR_COMMITTEE', kindParams(kind, org));
      return null;
    case 'committee_meeting':
      if (!BRANCH_LEVEL.has(org.kind)) throw new AppError('ACTIVITY_KIND_NEEDS_BRANCH', kindParams(kind, org));
      if (!org.has_committee) throw new AppError('ACTIVITY_NEEDS_COMMITTEE', { org: org.name });
      return null;
    case 'party_group_meeting':
      if (org.kind !== 'party_group') throw new AppError('ACTIVITY_KIND_NEEDS_PARTY_GROUP', kindParams(kind, org));
      return null;
    case 'central_group_study':
    case 'democratic_life_meeting': {
      if (!CENTRAL_GROUP_ORGS.has(org.kind)) throw new AppError('ACTIVITY_KIND_NEEDS_CENTRAL_GROUP_ORG', kindParams(kind, org));
      const group = centralGroupId ? await repo.findCentralGroup(db, centralGroupId) : undefined;
      if (!group) throw new AppError('ACTIVITY_CENTRAL_GROUP_NOT_FOUND');
      if (group.org_id !== org.id) throw new AppError('ACTIVITY_CENTRAL_GROUP_MISMATCH', { group: group.name, org: org.name });
      return { id: group.id, name: group.name };
    }
    case 'heart_to_heart_talk':
      return null;
  }
}

/** People and organisations the record names must exist. */
async function checkReferences(
  db: Db,
  refs: { speakerPersonId?: string | null | undefined; participantIds?: readonly string[] | undefined; partnerOrgIds?: readonly string[] | undefined },
) {
  const personIds = [...new Set([...(refs.speakerPersonId ? [refs.speakerPersonId] : []), ...(refs.participantIds ?? [])])];
  if (personIds.length > 0 && (await repo.peopleByIds(db, personIds)).length !== personIds.length) throw new AppError('PERSON_NOT_FOUND');
  const orgIds = [...new Set(refs.partnerOrgIds ?? [])];
  if (orgIds.length > 0 && (await repo.orgsByIds(db, orgIds)).length !== orgIds.length) throw new AppError('ORG_NOT_FOUND');
}

function fieldIssues(issues: ReturnType<typeof checkActivityFields>) {
  if (issues.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      {},
      issues.map((i) => ({ path: i.path, code: i.code, message: i.code })),
    );
}

/** 'YYYY-MM-DD HH:mm' in the deployment's time zone, for messages. */
function localDateTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

const statusLabel = (status: string) => {
  const labels: Record<ActivityStatus, { 'zh-CN': string; en: string }> = {
    planned: { 'zh-CN': '计划中', en: 'planned' },
    held: { 'zh-CN': '已召开', en: 'held' },
    cancelled: { 'zh-CN': '已取消', en: 'cancelled' },
  };
  return (activityStatuses as readonly string[]).includes(status) ? labels[status as ActivityStatus] : { 'zh-CN': status, en: status };
};

// --- reading -----------------------------------------------------------------------------------

async function viewModeOf(db: Db, actor: Actor, row: { id: string; org_path: string }): Promise<policy.ActivityViewMode | null> {
  if (policy.canManageActivity(actor, row)) return 'full';
  const attendee = actor.personId ? await repo.findAttendee(db, row.id, actor.personId) : undefined;
  return policy.activityViewMode(actor, row, new Set(attendee ? [attendee.person_id] : []));
}

/** An activity the actor manages. Hidden ones are not found; an attendee trying to change one is refused. */
async function loadManaged(ctx: ServerContext, actor: Actor, id: string): Promise<repo.ActivityDetailRow> {
  const row = await repo.findActivity(ctx.db, id);
  if (!row) throw new AppError('ACTIVITY_NOT_FOUND');
  const mode = await viewModeOf(ctx.db, actor, row);
  if (mode === 'full') return row;
  throw new AppError(mode === 'attendee' ? 'FORBIDDEN' : 'ACTIVITY_NOT_FOUND');
}

async function detailOf(db: Db, id: string, view: { actor: Actor; mode: policy.ActivityViewMode }): Promise<ActivityDetail> {
  const row = await repo.findActivity(db, id);
  if (!row) throw new AppError('ACTIVITY_NOT_FOUND');
  const [attendees, guests, resolutions, attachments, partnerOrgs, centralGroup, speaker] = await Promise.all([
    repo.listAttendees(db, id),
    repo.listGuests(db, id),
    repo.listResolutions(db, id),
    attachmentsOf(db, ACTIVITY_ENTITY, id),
    repo.orgsByIds(db, row.partner_org_ids),
    row.central_group_id ? repo.findCentralGroup(db, row.central_group_id) : Promise.resolve(undefined),
    row.speaker_person_id ? repo.peopleByIds(db, [row.speaker_person_id]) : Promise.resolve([]),
  ]);
  return presentDetail(
    row,
    {
      attendees,
      guests,
      resolutions,
      attachments,
      partnerOrgs: partnerOrgs.map((o) => ({ id: o.id, name: o.name })),
      centralGroup: centralGroup ? { id: centralGroup.id, name: centralGroup.name } : null,
      speakerPersonName: speaker[0]?.name ?? null,
    },
    view,
  );
}

export async function getActivity(ctx: ServerContext, options: { actor: Actor; id: string }): Promise<ActivityDetail> {
  const row = await repo.findActivity(ctx.db, options.id);
  const mode = row ? await viewModeOf(ctx.db, options.actor, row) : null;
  if (!row || !mode) throw new AppError('ACTIVITY_NOT_FOUND');
  return detailOf(ctx.db, row.id, { actor: options.actor, mode });
}

const managerDetail = (ctx: ServerContext, actor: Actor, id: string) => detailOf(ctx.db, id, { actor, mode: 'full' });

export async function listActivities(ctx: ServerContext, options: { actor: Actor; query: ActivityListQuery }): Promise<ActivityPage> {
  const { actor, query } = options;
  if (!policy.canListActivities(actor)) throw new AppError('FORBIDDEN');
  let org: { path: string } | null = null;
  if (query.orgId) {
    org = (await findOrg(ctx.db, query.orgId)) ?? null;
    if (!org) throw new AppError('ORG_NOT_FOUND');
  }
  const paths = policy.listScope(actor, org);
  if (!paths) throw new AppError('ORG_NOT_FOUND');
  const { rows, total } = await repo.listActivities(ctx.db, {
    paths,
    from: query.from,
    to: query.to,
    timeZone: ctx.config.timeZone,
    kind: query.kind,
    status: query.status,
    page: query.page,
    pageSize: query.pageSize,
  });
  const counts = await repo.attendanceCounts(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => presentSummary(r, counts.get(r.id))), total, page: query.page, pageSize: query.pageSize };
}

/** The month view: per local day, how many activities of the subtree by kind and status (never capped). */
export async function activityCalendar(ctx: ServerContext, options: { actor: Actor; query: ActivityCalendarQuery }): Promise<ActivityCalendar> {
  const { actor, query } = options;
  if (!policy.canListActivities(actor)) throw new AppError('FORBIDDEN');
  let org: { path: string } | null = null;
  if (query.orgId) {
    org = (await findOrg(ctx.db, query.orgId)) ?? null;
    if (!org) throw new AppError('ORG_NOT_FOUND');
  }
  const paths = policy.listScope(actor, org);
  if (!paths) throw new AppError('ORG_NOT_FOUND');
  const [year, month] = query.month.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const rows = await repo.calendarCounts(ctx.db, { paths, first: `${query.month}-01`, last: `${query.month}-${String(lastDay).padStart(2, '0')}`, timeZone: ctx.config.timeZone, kind: query.kind, status: query.status });
  const days = new Map<string, ActivityCalendar['days'][number]>();
  for (const r of rows) {
    const d = days.get(r.day) ?? { day: r.day, total: 0, byKind: {}, byStatus: {} };
    d.total += r.n;
    d.byKind[r.kind as ActivityKind] = (d.byKind[r.kind as ActivityKind] ?? 0) + r.n;
    d.byStatus[r.status as ActivityStatus] = (d.byStatus[r.status as ActivityStatus] ?? 0) + r.n;
    days.set(r.day, d);
  }
  const list = [...days.values()];
  return { month: query.month, total: list.reduce((sum, d) => sum + d.total, 0), days: list };
}

// --- planning ----------------------------------------------------------------------------------

/**
 * Inserts a planned activity with its derived attendees and tells the derived modules, inside the
 * caller's transaction. Used by planning here and by recurring plans; the caller audits.
 */
export async function insertPlannedActivity(
  trx: Transaction<DB>,
  ctx: ServerContext,
  options: { values: repo.ActivityInsert; participantIds?: readonly string[] | undefined; actorUserId: string | null },
): Promise<void> {
  const v = options.values;
  await repo.insertActivity(trx, v);
  const derived = await deriveExpectedAttendees(
    trx,
    { id: v.id, kind: v.kind, org_id: v.orgId, org_path: v.orgPath, central_group_id: v.centralGroupId, held_on: null, planned_start: v.plannedStart },
    { timeZone: ctx.config.timeZone, participantIds: options.participantIds },
  );
  await repo.insertAttendees(
    trx,
    v.id,
    derived.map((d) => ({ personId: d.personId, role: 'expected', voting: d.voting })),
    v.now,
  );
  await afterActivityChange(trx, ctx, {
    activityId: v.id,
    before: null,
    after: { status: 'planned', heldOn: null, kind: v.kind, orgId: v.orgId },
    attendanceChanged: derived.length > 0,
    actorUserId: options.actorUserId,
  });
}

export async function createActivity(ctx: ServerContext, options: Caller & { input: ActivityCreateInput }): Promise<ActivityDetail> {
  const { actor, input } = options;
  const org = await findOrg(ctx.db, input.orgId);
  if (!org || !policy.canPlanIn(actor, org)) throw new AppError('ORG_NOT_FOUND');
  if (!org.active) throw new AppError('ORG_INACTIVE', { name: org.name });
  const group = await checkPlacement(ctx.db, input.kind, org, input.centralGroupId ?? null);
  await checkReferences(ctx.db, input);
  const id = newId();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await insertPlannedActivity(trx, ctx, {
      values: {
        id,
        orgId: org.id,
        orgPath: org.path,
        kind: input.kind,
        topic: input.topic,
        plannedStart: new Date(input.plannedStart),
        plannedEnd: input.plannedEnd ? new Date(input.plannedEnd) : null,
        place: input.place ?? null,
        onlineLink: input.onlineLink ?? null,
        studyForm: input.studyForm ?? null,
        speakerPersonId: input.speakerPersonId ?? null,
        speakerName: input.speakerName ?? null,
        materials: input.materials ?? null,
        partnerOrgIds: [...new Set(input.partnerOrgIds ?? [])],
        centralGroupId: group?.id ?? null,
        planId: null,
        createdBy: actor.userId,
        now,
      },
      participantIds: input.participantIds,
      actorUserId: actor.userId,
    });
    await recordAudit(trx, { actor, action: 'activity.create', entityType: 'activity', entityId: id, orgId: org.id, ip: options.ip, after: { ...input } });
  });
  return managerDetail(ctx, actor, id);
}

// --- editing, cancelling, recording --------------------------------------------------------------

/** `undefined` keeps the stored value; null clears it. */
const pick = <T>(given: T | undefined, stored: T): T => (given === undefined ? stored : given);

/** Choosing a speaker from the people clears a typed name, and typing a name clears the person. */
function speakerOf(
  input: { speakerPersonId?: string | null | undefined; speakerName?: string | null | undefined },
  stored: { speaker_person_id: string | null; speaker_name: string | null },
) {
  if (input.speakerPersonId) return { speakerPersonId: input.speakerPersonId, speakerName: input.speakerName === undefined ? null : input.speakerName };
  if (input.speakerName) return { speakerPersonId: input.speakerPersonId === undefined ? null : input.speakerPersonId, speakerName: input.speakerName };
  return { speakerPersonId: pick(input.speakerPersonId, stored.speaker_person_id), speakerName: pick(input.speakerName, stored.speaker_name) };
}

const derivationSubject = (row: ActivityRow) => ({
  id: row.id,
  kind: row.kind,
  org_id: row.org_id,
  org_path: row.org_path,
  central_group_id: row.central_group_id,
  held_on: row.held_on,
  planned_start: row.planned_start,
});

/** Length in minutes of a held activity (null when its end was not recorded): the basis of its study credit. */
const lengthInMinutes = (start: Date | string | null, end: Date | string | null) =>
  start === null || end === null ? null : Math.max(0, Math.round((new Date(end).getTime() - new Date(start).getTime()) / 60000));

/** Study credit one attendance earns, by the stored rule set in effect on the day it was held. */
async function creditFor(db: Transaction<DB>, kind: string, heldOn: string, minutes: number | null): Promise<number> {
  const ruleSet = await ruleSetOn(db, heldOn);
  return creditHoursFor({ kind: kind as ActivityKind, minutes, ruleSet });
}

/** The locked row, refusing a cancelled activity and a stale version. */
async function lockForWrite(trx: Transaction<DB>, id: string, version: number | undefined): Promise<ActivityRow> {
  const locked = await repo.lockActivity(trx, id);
  if (!locked) throw new AppError('ACTIVITY_NOT_FOUND');
  if (locked.status === 'cancelled') throw new AppError('ACTIVITY_CANCELLED');
  if (version !== undefined && locked.version !== version) throw new AppError('CONFLICT_VERSION');
  return locked;
}

/** Re-derives who should attend a written row; answers whether the attendee rows changed. */
async function rederiveAttendees(trx: Transaction<DB>, ctx: ServerContext, row: ActivityRow, participantIds: readonly string[] | undefined, now: Date): Promise<boolean> {
  const derived = await deriveExpectedAttendees(trx, derivationSubject(row), { timeZone: ctx.config.timeZone, participantIds });
  return syncExpectedAttendees(trx, row.id, derived, now);
}

/** How many unmarked people an error names before "and N more". */
const PENDING_NAMES_SHOWN = 10;

/**
 * A held meeting says who attended: refuses the record while an expected attendee is still
 * 'pending', naming them (details carry each person, so a form can offer their rows).
 */
async function requireAllMarked(trx: Transaction<DB>, activityId: string): Promise<void> {
  const pending = await repo.pendingExpected(trx, activityId);
  if (pending.length === 0) return;
  const shown = pending.slice(0, PENDING_NAMES_SHOWN).map((p) => p.name);
  const more = pending.length - shown.length;
  throw new AppError(
    'ACTIVITY_ATTENDANCE_PENDING',
    {
      count: pending.length,
      countEn: pending.length === 1 ? '1 expected attendee is' : `${pending.length} expected attendees are`,
      namesZh: shown.join('、') + (more > 0 ? ` 等 ${pending.length} 人` : ''),
      namesEn: shown.join(', ') + (more > 0 ? ` and ${more} more` : ''),
    },
    pending.map((p) => ({ path: `attendance.${p.person_id}`, code: 'ACTIVITY_ATTENDANCE_PENDING', message: p.name })),
  );
}

/** Re-derives the expected attendees of a written row and tells the derived modules what changed. */
async function settle(
  trx: Transaction<DB>,
  ctx: ServerContext,
  o: {
    before: ActivityRow;
    after: ActivityRow;
    participantIds?: readonly string[] | undefined;
    actorUserId: string;
    now: Date;
    rederive?: boolean;
  },
): Promise<boolean> {
  let attendanceChanged = false;
  if (o.after.status !== 'cancelled' && o.rederive !== false) attendanceChanged = await rederiveAttendees(trx, ctx, o.after, o.participantIds, o.now);
  const before = stateOf(o.before);
  const after = stateOf(o.after);
  const stateChanged = before.status !== after.status || before.heldOn !== after.heldOn || before.kind !== after.kind;
  if (stateChanged || attendanceChanged) {
    await afterActivityChange(trx, ctx, { activityId: o.after.id, before, after, attendanceChanged, actorUserId: o.actorUserId });
  }
  return attendanceChanged;
}

/** The changed fields only, as audit entries keep them. */
function diff(before: Record<string, unknown>, changes: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    const old = before[key] instanceof Date ? (before[key] as Date).toISOString() : before[key];
    const now = value instanceof Date ? value.toISOString() : value;
    if (JSON.stringify(old) === JSON.stringify(now)) continue;
    b[key] = old;
    a[key] = now;
  }
  return { before: b, after: a };
}

export async function updateActivity(ctx: ServerContext, options: Caller & { id: string; input: ActivityUpdateInput }): Promise<ActivityDetail> {
  const { actor, input } = options;
  const row = await loadManaged(ctx, actor, options.id);
  const org: OrgForPlacement = { id: row.org_id, name: row.org_name, kind: row.org_kind, has_committee: row.org_has_committee };
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await lockForWrite(trx, row.id, input.version);
    const kind = (input.kind ?? locked.kind) as ActivityKind;
    // Moving away from a central-group kind drops the group unless one is given.
    const centralGroupId = input.centralGroupId !== undefined ? input.centralGroupId : isCentralGroupKind(kind) ? locked.central_group_id : null;
    const speaker = speakerOf(input, locked);
    const currentTalkers =
      kind === 'heart_to_heart_talk' && locked.kind === 'heart_to_heart_talk' && input.participantIds === undefined
        ? (await repo.attendeeRows(trx, locked.id)).filter((r) => r.role === 'expected').map((r) => r.person_id)
        : undefined;
    fieldIssues(
      checkActivityFields({
        kind,
        plannedStart: input.plannedStart ?? isoOrNull(locked.planned_start),
        plannedEnd: input.plannedEnd === undefined ? isoOrNull(locked.planned_end) : input.plannedEnd,
        ...speaker,
        centralGroupId,
        participantIds: input.participantIds ?? currentTalkers,
      }),
    );
    if (kind !== locked.kind || centralGroupId !== locked.central_group_id) await checkPlacement(trx, kind, org, centralGroupId);
    await checkReferences(trx, { speakerPersonId: speaker.speakerPersonId, participantIds: input.participantIds, partnerOrgIds: input.partnerOrgIds });

    const changes: repo.ActivityChanges = {
      kind,
      central_group_id: centralGroupId,
      speaker_person_id: speaker.speakerPersonId,
      speaker_name: speaker.speakerName,
      ...(input.topic !== undefined ? { topic: input.topic } : {}),
      ...(input.plannedStart !== undefined ? { planned_start: new Date(input.plannedStart) } : {}),
      ...(input.plannedEnd !== undefined ? { planned_end: input.plannedEnd === null ? null : new Date(input.plannedEnd) } : {}),
      ...(input.place !== undefined ? { place: input.place } : {}),
      ...(input.onlineLink !== undefined ? { online_link: input.onlineLink } : {}),
      ...(input.studyForm !== undefined ? { study_form: input.studyForm } : {}),
      ...(input.materials !== undefined ? { materials: input.materials } : {}),
      ...(input.partnerOrgIds !== undefined ? { partner_org_ids: [...new Set(input.partnerOrgIds)] } : {}),
      // A held activity whose kind changes earns what the new kind earns.
      ...(locked.status === 'held' && kind !== locked.kind
        ? { credit_hours: await creditFor(trx, kind, locked.held_on!, lengthInMinutes(locked.actual_start, locked.actual_end)) }
        : {}),
    };
    const now = ctx.now();
    await repo.updateActivity(trx, locked.id, changes, now);
    const after = (await repo.lockActivity(trx, locked.id))!;
    const participantIds = kind === 'heart_to_heart_talk' ? input.participantIds : undefined;
    // Who should attend follows the organisation until the activity is held; afterwards an edit
    // re-derives only when it changes what they are derived from (kind, central group, participants),
    // so that fixing a held record's topic does not make later newcomers expected at a past meeting.
    const rederive = locked.status === 'planned' || kind !== locked.kind || centralGroupId !== locked.central_group_id || input.participantIds !== undefined;
    const attendanceChanged = await settle(trx, ctx, { before: locked, after, participantIds, actorUserId: actor.userId, now, rederive });
    const d = diff(locked as unknown as Record<string, unknown>, changes as Record<string, unknown>);
    await recordAudit(trx, {
      actor,
      action: 'activity.update',
      entityType: 'activity',
      entityId: locked.id,
      orgId: locked.org_id,
      ip: options.ip,
      before: d.before,
      after: d.after,
      detail: { attendeesRederived: attendanceChanged, ...(input.participantIds ? { participantIds: input.participantIds } : {}) },
    });
  });
  return managerDetail(ctx, actor, row.id);
}

/**
 * Cancels a planned activity inside the caller's transaction (the row locked by the caller):
 * used here and by recurring plans. Audited as `activity.cancel`.
 */
export async function cancelLocked(
  trx: Transaction<DB>,
  ctx: ServerContext,
  o: { locked: ActivityRow; reason: string; actor: Actor; ip: string | null; via?: string },
): Promise<void> {
  const now = ctx.now();
  await repo.updateActivity(trx, o.locked.id, { status: 'cancelled', cancel_reason: o.reason }, now);
  const after = (await repo.lockActivity(trx, o.locked.id))!;
  await settle(trx, ctx, { before: o.locked, after, actorUserId: o.actor.userId, now });
  await recordAudit(trx, {
    actor: o.actor,
    action: 'activity.cancel',
    entityType: 'activity',
    entityId: o.locked.id,
    orgId: o.locked.org_id,
    ip: o.ip,
    before: { status: o.locked.status },
    after: { status: 'cancelled', cancelReason: o.reason },
    ...(o.via ? { detail: { via: o.via } } : {}),
  });
}

export async function cancelActivity(
  ctx: ServerContext,
  options: Caller & { id: string; reason: string; version?: number | undefined },
): Promise<ActivityDetail> {
  const { actor } = options;
  const row = await loadManaged(ctx, actor, options.id);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockActivity(trx, row.id);
    if (!locked) throw new AppError('ACTIVITY_NOT_FOUND');
    if (locked.status !== 'planned') {
      const label = statusLabel(locked.status);
      throw new AppError('ACTIVITY_CANCEL_NOT_PLANNED', { statusZh: label['zh-CN'], statusEn: label.en });
    }
    if (options.version !== undefined && locked.version !== options.version) throw new AppError('CONFLICT_VERSION');
    await cancelLocked(trx, ctx, { locked, reason: options.reason, actor, ip: options.ip });
  });
  return managerDetail(ctx, actor, row.id);
}

/**
 * Records the activity as held, or corrects the record of a held one. The day held is the local
 * day of the actual start in the deployment's time zone; the credit one attendance earns follows
 * from the kind and the length (rule set in effect that day); who should attend is derived again,
 * so someone who joined the branch since planning is expected and someone who left is not (unless
 * already marked). The request's `attendance` is written in the same transaction, and a record
 * that leaves an expected attendee unmarked is refused, so a held meeting always says who came.
 */
export async function recordActivity(ctx: ServerContext, options: Caller & { id: string; input: ActivityRecordInput }): Promise<ActivityDetail> {
  const { actor, input } = options;
  const row = await loadManaged(ctx, actor, options.id);
  const actualStart = new Date(input.actualStart);
  if (actualStart.getTime() > ctx.now().getTime())
    throw new AppError('ACTIVITY_START_IN_FUTURE', { actualStart: localDateTime(actualStart, ctx.config.timeZone) });
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await lockForWrite(trx, row.id, input.version);
    const actualEnd =
      input.actualEnd === undefined
        ? locked.actual_end === null
          ? null
          : new Date(locked.actual_end)
        : input.actualEnd === null
          ? null
          : new Date(input.actualEnd);
    if (actualEnd && actualEnd.getTime() <= actualStart.getTime()) {
      throw new AppError('VALIDATION_FAILED', {}, [{ path: 'actualEnd', code: 'ACTIVITY_END_BEFORE_START', message: 'ACTIVITY_END_BEFORE_START' }]);
    }
    const speaker = speakerOf(input, locked);
    await checkReferences(trx, { speakerPersonId: speaker.speakerPersonId });
    const heldOn = localDateOf(actualStart, ctx.config.timeZone);
    const changes: repo.ActivityChanges = {
      status: 'held',
      actual_start: actualStart,
      actual_end: actualEnd,
      held_on: heldOn,
      credit_hours: await creditFor(trx, locked.kind, heldOn, lengthInMinutes(actualStart, actualEnd)),
      speaker_person_id: speaker.speakerPersonId,
      speaker_name: speaker.speakerName,
      ...(input.topic !== undefined ? { topic: input.topic } : {}),
      ...(input.place !== undefined ? { place: input.place } : {}),
      ...(input.onlineLink !== undefined ? { online_link: input.onlineLink } : {}),
      ...(input.studyForm !== undefined ? { study_form: input.studyForm } : {}),
      ...(input.materials !== undefined ? { materials: input.materials } : {}),
      ...(input.minutes !== undefined ? { minutes: input.minutes } : {}),
    };
    const now = ctx.now();
    await repo.updateActivity(trx, locked.id, changes, now);
    const after = (await repo.lockActivity(trx, locked.id))!;
    // Attendees first (someone who joined since planning becomes expected and may be marked by
    // this very request), then the marks, then the check that nobody is left unmarked; the
    // derived modules are told once, whenever the record is written, as the length (credit) may
    // change even when nothing else does.
    const attendeesRederived = await rederiveAttendees(trx, ctx, after, undefined, now);
    const marked = await applyMarks(trx, { activity: after, entries: input.attendance ?? [], actor, ip: options.ip, now, via: 'record' });
    await requireAllMarked(trx, after.id);
    await afterActivityChange(trx, ctx, {
      activityId: after.id,
      before: stateOf(locked),
      after: stateOf(after),
      attendanceChanged: attendeesRederived || marked > 0,
      actorUserId: actor.userId,
    });
    const d = diff(locked as unknown as Record<string, unknown>, changes as Record<string, unknown>);
    await recordAudit(trx, {
      actor,
      action: locked.status === 'held' ? 'activity.record.correct' : 'activity.record',
      entityType: 'activity',
      entityId: locked.id,
      orgId: locked.org_id,
      ip: options.ip,
      before: d.before,
      after: d.after,
      detail: { attendeesRederived, attendanceMarked: marked },
    });
  });
  return managerDetail(ctx, actor, row.id);
}

// --- guests and auditors -----------------------------------------------------------------------

export async function addGuest(ctx: ServerContext, options: Caller & { id: string; input: ActivityGuestInput }): Promise<ActivityDetail> {
  const { actor, input } = options;
  const row = await loadManaged(ctx, actor, options.id);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await lockForWrite(trx, row.id, undefined);
    const now = ctx.now();
    if ('personId' in input) {
      const [person] = await repo.peopleByIds(trx, [input.personId]);
      if (!person) throw new AppError('PERSON_NOT_FOUND');
      const existing = await repo.findAttendee(trx, locked.id, person.id);
      if (existing) {
        const role = existing.role === 'expected' ? { 'zh-CN': '应到人员', en: 'an expected attendee' } : guestKindLabels[existing.role as 'guest' | 'auditor'];
        throw new AppError('ACTIVITY_GUEST_IS_ATTENDEE', { name: person.name, roleZh: role['zh-CN'], roleEn: role.en.toLowerCase() });
      }
      await repo.insertAttendees(trx, locked.id, [{ personId: person.id, role: input.kind, voting: false }], now);
      await afterActivityChange(trx, ctx, {
        activityId: locked.id,
        before: stateOf(locked),
        after: stateOf(locked),
        attendanceChanged: true,
        actorUserId: actor.userId,
      });
      await recordAudit(trx, {
        actor,
        action: 'activity.guest.add',
        entityType: 'activity',
        entityId: locked.id,
        orgId: locked.org_id,
        ip: options.ip,
        after: { kind: input.kind, personId: person.id, name: person.name },
      });
    } else {
      const guestId = newId();
      await repo.insertGuest(trx, {
        id: guestId,
        activityId: locked.id,
        kind: input.kind,
        name: input.name,
        unit: input.unit ?? null,
        note: input.note ?? null,
        now,
      });
      await recordAudit(trx, {
        actor,
        action: 'activity.guest.add',
        entityType: 'activity',
        entityId: locked.id,
        orgId: locked.org_id,
        ip: options.ip,
        after: { guestId, kind: input.kind, name: input.name, unit: input.unit ?? null },
      });
    }
  });
  return managerDetail(ctx, actor, row.id);
}

/** Removes a guest or auditor: one recorded by name (guestId = its id) or a person (guestId = the person's id). */
export async function removeGuest(ctx: ServerContext, options: Caller & { id: string; guestId: string }): Promise<ActivityDetail> {
  const { actor } = options;
  const row = await loadManaged(ctx, actor, options.id);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockActivity(trx, row.id);
    if (!locked) throw new AppError('ACTIVITY_NOT_FOUND');
    const named = await repo.findGuest(trx, locked.id, options.guestId);
    if (named) {
      await repo.deleteGuest(trx, locked.id, named.id);
      await recordAudit(trx, {
        actor,
        action: 'activity.guest.remove',
        entityType: 'activity',
        entityId: locked.id,
        orgId: locked.org_id,
        ip: options.ip,
        before: { guestId: named.id, kind: named.kind, name: named.name },
      });
      return;
    }
    const attendee = await repo.findAttendee(trx, locked.id, options.guestId);
    if (!attendee || attendee.role === 'expected') throw new AppError('ACTIVITY_GUEST_NOT_FOUND');
    await repo.deleteAttendees(trx, locked.id, [attendee.person_id]);
    await afterActivityChange(trx, ctx, {
      activityId: locked.id,
      before: stateOf(locked),
      after: stateOf(locked),
      attendanceChanged: true,
      actorUserId: actor.userId,
    });
    await recordAudit(trx, {
      actor,
      action: 'activity.guest.remove',
      entityType: 'activity',
      entityId: locked.id,
      orgId: locked.org_id,
      ip: options.ip,
      before: { kind: attendee.role, personId: attendee.person_id, status: attendee.status },
    });
  });
  return managerDetail(ctx, actor, row.id);
}

// --- resolutions -------------------------------------------------------------------------------

/**
 * Records a resolution of a held member assembly or committee meeting. Who should attend and who
 * was present come from the attendance record: for an assembly, the expected full members (who
 * vote) and those of them present; for a committee meeting, the committee and its members present.
 * Without a quorum the vote is refused with the counts; a motion lacking a majority is recorded as
 * not passed, and the verdict says why.
 */
export async function recordResolution(ctx: ServerContext, options: Caller & { id: string; input: ResolutionInput }): Promise<ResolutionRecorded> {
  const { actor, input } = options;
  const row = await loadManaged(ctx, actor, options.id);
  if (!(resolutionActivityKinds as readonly string[]).includes(row.kind)) {
    const k = activityKindLabels[row.kind as ActivityKind];
    throw new AppError('RESOLUTION_KIND', { kindZh: k['zh-CN'], kindEn: k.en.toLowerCase() });
  }
  const resolutionId = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockActivity(trx, row.id);
    if (!locked) throw new AppError('ACTIVITY_NOT_FOUND');
    if (locked.status !== 'held') throw new AppError('RESOLUTION_NOT_HELD');
    const committee = locked.kind === 'committee_meeting';
    const expected = (await repo.attendeeRows(trx, locked.id)).filter((a) => a.role === 'expected' && (committee || a.voting));
    const votingMembers = expected.length;
    const presentVoting = expected.filter((a) => a.status === 'present').length;
    if (votingMembers === 0) throw new AppError('RESOLUTION_NO_VOTING_MEMBERS');
    const quorum = committee
      ? checkCommitteeQuorum({ committeeMembers: votingMembers, presentMembers: presentVoting })
      : checkQuorum({ votingMembers, presentVoting });
    if (quorum) throw new AppError(committee ? 'RESOLUTION_COMMITTEE_QUORUM_NOT_MET' : 'RESOLUTION_QUORUM_NOT_MET', { votingMembers, presentVoting });
    const motion = checkMotion({ shouldAttend: votingMembers, ayes: input.ayes, nays: input.nays, abstentions: input.abstentions, presentVoting });
    if (motion.problem === 'VOTES_EXCEED_PRESENT') {
      throw new AppError('RESOLUTION_VOTES_EXCEED_PRESENT', {
        ayes: input.ayes,
        nays: input.nays,
        abstentions: input.abstentions,
        total: input.ayes + input.nays + input.abstentions,
        presentVoting,
      });
    }
    // Quorum was checked above and the counts are whole numbers: no other problem can remain.
    if (motion.problem) throw new Error(`Unexpected motion problem ${motion.problem}`);
    await repo.insertResolution(trx, {
      id: resolutionId,
      activityId: locked.id,
      title: input.title,
      votingMembers,
      presentVoting,
      ayes: input.ayes,
      nays: input.nays,
      abstentions: input.abstentions,
      passed: motion.passed,
      recordedBy: actor.userId,
      now: ctx.now(),
    });
    await recordAudit(trx, {
      actor,
      action: 'activity.resolution',
      entityType: 'activity',
      entityId: locked.id,
      orgId: locked.org_id,
      ip: options.ip,
      after: {
        resolutionId,
        title: input.title,
        votingMembers,
        presentVoting,
        ayes: input.ayes,
        nays: input.nays,
        abstentions: input.abstentions,
        passed: motion.passed,
        ayesNeeded: motion.ayesNeeded,
      },
    });
  });
  const activity = await managerDetail(ctx, actor, row.id);
  const resolution = (await repo.listResolutions(ctx.db, row.id)).find((r) => r.id === resolutionId);
  if (!resolution) throw new AppError('ACTIVITY_NOT_FOUND');
  return { resolution: presentResolution(resolution, row.kind), activity };
}

// --- attachments -------------------------------------------------------------------------------

export async function linkActivityAttachment(ctx: ServerContext, options: Caller & { id: string; attachmentId: string }): Promise<ActivityDetail> {
  const { actor } = options;
  const row = await loadManaged(ctx, actor, options.id);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockActivity(trx, row.id);
    if (!locked) throw new AppError('ACTIVITY_NOT_FOUND');
    await linkAttachment(trx, {
      attachmentId: options.attachmentId,
      entityType: ACTIVITY_ENTITY,
      entityId: locked.id,
      actor,
      orgId: locked.org_id,
      ip: options.ip,
      now: ctx.now(),
    });
  });
  return managerDetail(ctx, actor, row.id);
}

export async function unlinkActivityAttachment(ctx: ServerContext, options: Caller & { id: string; attachmentId: string }): Promise<ActivityDetail> {
  const { actor } = options;
  const row = await loadManaged(ctx, actor, options.id);
  await ctx.db.transaction().execute(async (trx) => {
    const removed = await unlinkAttachment(trx, {
      attachmentId: options.attachmentId,
      entityType: ACTIVITY_ENTITY,
      entityId: row.id,
      actor,
      orgId: row.org_id,
      ip: options.ip,
    });
    if (!removed) throw new AppError('ACTIVITY_ATTACHMENT_NOT_LINKED');
  });
  return managerDetail(ctx, actor, row.id);
}
