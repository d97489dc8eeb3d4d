/**
 * Training classes (培训班): organisers create a class for a target group with a capacity (a batch
 * of a rotation when it names one), schedule its sessions (a lecturer of the pool or a free-text
 * name, a course whose direction goes onto the credits), units nominate their people or members
 * ask to join and the organisers approve; capacity is enforced under the class row's lock, so
 * concurrent nominations never overbook. Attendance per session comes from QR sign-in (a
 * time-limited token whose SHA-256 only is stored), the roster, or a member's leave request.
 *
 * Completion (POST /classes/{id}/complete, after every session has ended) derives, in one
 * transaction under the class lock: each enrolled person's outcome by the 1/7 leave rule
 * (classOutcome), one standing study credit per attended session (source 'class_session', the
 * course's direction, capped at 8 hours a day with the person's other credits), and one standing
 * training_completions row per person who completed (contract 2). It is idempotent; a roster
 * correction on a completed class re-derives at once, reversing credits and revoking completions
 * that no longer stand (append-only ledger: reversal rows), and restoring those that stand again.
 */
import crypto from 'node:crypto';
import {
  classOutcome,
  creditWithinDailyCap,
  inTargetGroup,
  trainingTargetGroupLabels,
  type ClassCreateInput,
  type ClassList,
  type ClassOutcomeReason,
  type ClassReport,
  type ClassRoster,
  type ClassRosterInput,
  type ClassSessionInput,
  type ClassSessionUpdateInput,
  type ClassSessionView,
  type ClassSigninOpened,
  type ClassSigninView,
  type ClassStatistics,
  type ClassSummaryView,
  type ClassType,
  type ClassUpdateInput,
  type ClassView,
  type EnrolmentList,
  type EnrolmentStatus,
  type MyClasses,
  type MyClassView,
  type SessionAttendance,
  type TrainingTargetGroup,
  classTypes,
} from '@pioneer/domain';
import type { Transaction } from 'kysely';
import type { ServerContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { managedPaths, type Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { isoDateIn, todayIn } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import * as ledgerRepo from '../ledger/ledger.repo.ts';
import { standingCredits } from '../ledger/ledger.service.ts';
import * as policy from './classes.policy.ts';
import * as repo from './classes.repo.ts';

type Caller = { actor: Actor; ip: string | null };
type Ctx = Pick<ServerContext, 'db' | 'now' | 'config'>;

const iso = (d: Date | string | null | undefined): string | null => (d === null || d === undefined ? null : new Date(d).toISOString());
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Sign-in tokens: 24 random bytes (base64url); the database keeps their SHA-256 only. */
export const hashClassSigninToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

function signinStateOf(row: { signin_opens_at: Date | string | null; signin_expires_at: Date | string | null }, now: Date) {
  const opens = row.signin_opens_at === null ? null : new Date(row.signin_opens_at);
  const expires = row.signin_expires_at === null ? null : new Date(row.signin_expires_at);
  return { open: opens !== null && expires !== null && opens <= now && now < expires, opensAt: iso(opens), expiresAt: iso(expires) };
}

function requirePerson(actor: Actor): string {
  const personId = policy.ownPersonId(actor);
  if (!personId) throw new AppError('PROFILE_NOT_LINKED');
  return personId;
}

function summarise(row: repo.ClassRow, actor: Actor | null): ClassSummaryView {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    year: row.year,
    title: row.title,
    type: row.type as ClassType,
    targetGroup: row.target_group as TrainingTargetGroup,
    level: row.level as 'county' | 'unit',
    capacity: row.capacity,
    selfEnrolment: row.self_enrolment,
    rotationId: row.rotation_id,
    rotationTitle: row.rotation_title,
    venue: row.venue,
    notes: row.notes,
    status: row.status as 'open' | 'completed',
    enrolled: Number(row.enrolled ?? 0),
    requested: Number(row.requested ?? 0),
    sessionCount: Number(row.session_count ?? 0),
    totalHours: round1(Number(row.total_hours ?? 0)),
    firstDay: row.first_day ?? null,
    lastDay: row.last_day ?? null,
    completedAt: iso(row.completed_at),
    version: row.version,
    canManage: actor ? policy.canManageClass(actor, row) : false,
  };
}

function presentSession(s: repo.SessionRow, now: Date): ClassSessionView {
  return {
    id: s.id,
    classId: s.class_id,
    startsAt: new Date(s.starts_at).toISOString(),
    endsAt: new Date(s.ends_at).toISOString(),
    heldOn: s.held_on,
    hours: Number(s.hours),
    topic: s.topic,
    lecturerId: s.lecturer_id,
    lecturerName: s.lecturer_name,
    courseId: s.course_id,
    courseTitle: s.course_title,
    direction: s.direction,
    venue: s.venue,
    signin: signinStateOf(s, now),
    present: Number(s.present ?? 0),
    version: s.version,
  };
}

async function loadVisible(ctx: Ctx, actor: Actor, id: string) {
  const row = await repo.findClass(ctx.db, id);
  if (!row || !policy.canSeeClass(actor, row)) throw new AppError('CLASS_NOT_FOUND');
  return row;
}

async function loadManaged(ctx: Ctx, actor: Actor, id: string) {
  const row = await repo.findClass(ctx.db, id);
  if (!row || !policy.canManageClass(actor, row)) throw new AppError('CLASS_NOT_FOUND');
  return row;
}

async function loadManagedSession(ctx: Ctx, actor: Actor, sessionId: string) {
  const session = await repo.findSession(ctx.db, sessionId);
  const cls = session ? await repo.findClass(ctx.db, session.class_id) : undefined;
  if (!session || !cls || !policy.canManageClass(actor, cls)) throw new AppError('CLASS_SESSION_NOT_FOUND');
  return { session, cls };
}

function assertOpen(status: string) {
  if (status !== 'open') throw new AppError('CLASS_COMPLETED');
}

// ---- classes

export async function listClasses(ctx: Ctx, options: { actor: Actor; year?: number | undefined; orgId?: string | undefined; status?: 'open' | 'completed' | undefined; rotationId?: string | undefined }): Promise<ClassList> {
  // Class management is for managers; members find their classes under /me/classes.
  if (managedPaths(options.actor).length === 0) throw new AppError('FORBIDDEN');
  let underPath: string | undefined;
  if (options.orgId) {
    const org = await repo.findOrg(ctx.db, options.orgId);
    if (!org) throw new AppError('ORG_NOT_FOUND');
    underPath = org.path;
  }
  const rows = await repo.listClasses(ctx.db, { paths: managedPaths(options.actor), year: options.year, underPath, status: options.status, rotationId: options.rotationId });
  return { items: rows.map((r) => summarise(r, options.actor)) };
}

export async function getClass(ctx: Ctx, options: { actor: Actor; id: string }): Promise<ClassView> {
  const row = await loadVisible(ctx, options.actor, options.id);
  const sessions = await repo.listSessions(ctx.db, row.id);
  const now = ctx.now();
  return { ...summarise(row, options.actor), sessions: sessions.map((s) => presentSession(s, now)) };
}

/** A rotation a class may be a batch of: open, of the class's year, declared on or above its organiser. */
async function checkRotation(ctx: Ctx, rotationId: string | null | undefined, cls: { year: number; org_path: string }) {
  if (!rotationId) return;
  const rotation = await repo.findRotation(ctx.db, rotationId);
  if (!rotation || rotation.status !== 'open' || rotation.year !== cls.year || !cls.org_path.startsWith(rotation.org_path)) throw new AppError('CLASS_ROTATION_MISMATCH');
}

export async function createClass(ctx: Ctx, options: Caller & { input: ClassCreateInput }): Promise<ClassView> {
  const { actor, input } = options;
  const org = await repo.findOrg(ctx.db, input.orgId);
  if (!org || !policy.canManageClass(actor, { org_path: org.path })) throw new AppError('ORG_NOT_FOUND');
  await checkRotation(ctx, input.rotationId, { year: input.year, org_path: org.path });
  const id = newId();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertClass(trx, {
      id,
      org_id: org.id,
      org_path: org.path,
      rotation_id: input.rotationId ?? null,
      year: input.year,
      title: input.title,
      type: input.type,
      target_group: input.targetGroup,
      // A class run by the working committee is a county-level centralised training.
      level: org.kind === 'working_committee' ? 'county' : 'unit',
      capacity: input.capacity,
      self_enrolment: input.selfEnrolment,
      venue: input.venue ?? null,
      notes: input.notes ?? null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, { actor, action: 'class.create', entityType: 'training_class', entityId: id, orgId: org.id, ip: options.ip, after: input });
  });
  return getClass(ctx, { actor, id });
}

export async function updateClass(ctx: Ctx, options: Caller & { id: string; input: ClassUpdateInput }): Promise<ClassView> {
  const { actor, input } = options;
  const row = await loadManaged(ctx, actor, options.id);
  assertOpen(row.status);
  if (input.rotationId !== undefined) await checkRotation(ctx, input.rotationId, row);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockClass(trx, row.id, 'update');
    if (!locked || locked.version !== input.version) throw new AppError('CONFLICT_VERSION');
    assertOpen(locked.status);
    if (input.capacity !== undefined) {
      const enrolled = await repo.countEnrolled(trx, row.id);
      if (input.capacity < enrolled) throw new AppError('CLASS_CAPACITY_BELOW_ENROLLED', { enrolled });
    }
    const set = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
      ...(input.selfEnrolment !== undefined ? { self_enrolment: input.selfEnrolment } : {}),
      ...(input.rotationId !== undefined ? { rotation_id: input.rotationId } : {}),
      ...(input.venue !== undefined ? { venue: input.venue } : {}),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
    };
    await repo.updateClass(trx, row.id, set, ctx.now());
    await recordAudit(trx, { actor, action: 'class.update', entityType: 'training_class', entityId: row.id, orgId: row.org_id, ip: options.ip, before: { title: row.title, capacity: row.capacity, rotationId: row.rotation_id }, after: set });
  });
  return getClass(ctx, { actor, id: row.id });
}

// ---- sessions

async function sessionValues(ctx: Ctx, cls: { year: number }, input: ClassSessionInput): Promise<repo.SessionValues> {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const heldOn = isoDateIn(startsAt, ctx.config.timeZone);
  if (endsAt <= startsAt || Number(heldOn.slice(0, 4)) !== cls.year) throw new AppError('CLASS_SESSION_TIMES');
  let lecturerId = input.lecturerId ?? null;
  let lecturerName = input.lecturerName ?? null;
  let direction: string | null = null;
  if (input.courseId) {
    const course = await repo.findCourse(ctx.db, input.courseId);
    if (!course || course.status !== 'active' || (lecturerId !== null && course.lecturer_id !== lecturerId)) throw new AppError('CLASS_SESSION_COURSE_MISMATCH');
    lecturerId = course.lecturer_id;
    direction = course.direction;
  }
  if (lecturerId) {
    const lecturer = await repo.findLecturer(ctx.db, lecturerId);
    if (!lecturer || lecturer.status !== 'active') throw new AppError('CLASS_SESSION_COURSE_MISMATCH');
    lecturerName = lecturer.name;
  }
  if (!lecturerId && !lecturerName) throw new AppError('CLASS_SESSION_LECTURER_REQUIRED');
  return { starts_at: startsAt, ends_at: endsAt, held_on: heldOn, hours: input.hours, topic: input.topic, lecturer_id: lecturerId, lecturer_name: lecturerName, course_id: input.courseId ?? null, direction, venue: input.venue ?? null };
}

export async function addSession(ctx: Ctx, options: Caller & { classId: string; input: ClassSessionInput }): Promise<ClassView> {
  const { actor } = options;
  const cls = await loadManaged(ctx, actor, options.classId);
  assertOpen(cls.status);
  const values = await sessionValues(ctx, cls, options.input);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockClass(trx, cls.id, 'update');
    assertOpen(locked!.status);
    const now = ctx.now();
    await repo.insertSession(trx, { id, class_id: cls.id, ...values, created_at: now, updated_at: now });
    await recordAudit(trx, { actor, action: 'class.session_add', entityType: 'class_session', entityId: id, orgId: cls.org_id, ip: options.ip, after: { classId: cls.id, ...options.input } });
  });
  return getClass(ctx, { actor, id: cls.id });
}

export async function updateSession(ctx: Ctx, options: Caller & { sessionId: string; input: ClassSessionUpdateInput }): Promise<ClassView> {
  const { actor } = options;
  const { session, cls } = await loadManagedSession(ctx, actor, options.sessionId);
  assertOpen(cls.status);
  const { version, ...input } = options.input;
  const values = await sessionValues(ctx, cls, input);
  await ctx.db.transaction().execute(async (trx) => {
    const lockedClass = await repo.lockClass(trx, cls.id, 'update');
    assertOpen(lockedClass!.status);
    const locked = await repo.lockSession(trx, session.id);
    if (!locked || locked.version !== version) throw new AppError('CONFLICT_VERSION');
    await repo.updateSession(trx, session.id, values, ctx.now());
    await recordAudit(trx, { actor, action: 'class.session_update', entityType: 'class_session', entityId: session.id, orgId: cls.org_id, ip: options.ip, before: presentSession(session, ctx.now()), after: input });
  });
  return getClass(ctx, { actor, id: cls.id });
}

export async function deleteSession(ctx: Ctx, options: Caller & { sessionId: string }): Promise<ClassView> {
  const { actor } = options;
  const { session, cls } = await loadManagedSession(ctx, actor, options.sessionId);
  assertOpen(cls.status);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockClass(trx, cls.id, 'update');
    assertOpen(locked!.status);
    if (await repo.sessionHasAttendance(trx, session.id)) throw new AppError('CLASS_SESSION_HAS_ATTENDANCE');
    await repo.deleteSession(trx, session.id);
    await recordAudit(trx, { actor, action: 'class.session_delete', entityType: 'class_session', entityId: session.id, orgId: cls.org_id, ip: options.ip, before: presentSession(session, ctx.now()) });
  });
  return getClass(ctx, { actor, id: cls.id });
}

// ---- enrolment

export async function listEnrolments(ctx: Ctx, options: { actor: Actor; classId: string }): Promise<EnrolmentList> {
  const cls = await loadVisible(ctx, options.actor, options.classId);
  // Organisers see everyone; a unit below sees the people it manages.
  const rows = await repo.listEnrolments(ctx.db, cls.id, policy.canManageClass(options.actor, cls) ? null : managedPaths(options.actor));
  return {
    items: rows.map((r) => ({
      personId: r.person_id,
      name: r.name,
      orgId: r.org_id,
      orgName: r.org_name,
      category: r.category,
      status: r.status as EnrolmentStatus,
      via: r.via as 'nomination' | 'self',
      reason: r.reason,
      outcome: r.outcome as 'completed' | 'not_completed' | null,
      outcomeReason: r.outcome_reason as ClassOutcomeReason | null,
      updatedAt: new Date(r.updated_at).toISOString(),
    })),
    enrolled: Number(cls.enrolled ?? 0),
    capacity: cls.capacity,
  };
}

const groupLabel = (g: string) => trainingTargetGroupLabels[g as TrainingTargetGroup]?.['zh-CN'] ?? g;

/** Refuses more enrolled people than places; called under the class row's FOR UPDATE lock. */
async function assertCapacity(trx: Transaction<DB>, cls: { id: string; capacity: number }, asked: number) {
  const enrolled = await repo.countEnrolled(trx, cls.id);
  if (enrolled + asked > cls.capacity) throw new AppError('CLASS_FULL', { capacity: cls.capacity, enrolled, asked });
}

/**
 * A unit nominates people of its subtree: they are enrolled at once (a pending self-enrolment
 * becomes an enrolment), all or none, within the places left.
 */
export async function nominate(ctx: Ctx, options: Caller & { classId: string; personIds: string[] }): Promise<EnrolmentList> {
  const { actor } = options;
  const cls = await loadVisible(ctx, actor, options.classId);
  const ids = [...new Set(options.personIds)];
  const people = await repo.findPeople(ctx.db, ids);
  const byId = new Map(people.map((p) => [p.id, p]));
  for (const id of ids) {
    const p = byId.get(id);
    if (!p) throw new AppError('PERSON_NOT_FOUND');
    if (!policy.canNominate(actor, cls, p)) throw new AppError('CLASS_PERSON_OUTSIDE', { name: p.name });
    if (!inTargetGroup(p, cls.target_group as TrainingTargetGroup)) throw new AppError('CLASS_PERSON_NOT_IN_TARGET_GROUP', { name: p.name, group: groupLabel(cls.target_group) });
  }
  const grantOrg = (path: string) => actor.grants.filter((g) => g.orgPath && path.startsWith(g.orgPath) && (g.role === 'secretary' || g.role === 'committee_officer')).sort((a, b) => b.orgPath!.length - a.orgPath!.length)[0]?.orgId ?? null;
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockClass(trx, cls.id, 'update');
    if (!locked) throw new AppError('CLASS_NOT_FOUND');
    assertOpen(locked.status);
    const existing = new Map((await repo.findEnrolments(trx, cls.id, ids)).map((e) => [e.person_id, e]));
    const already = ids.find((id) => existing.get(id)?.status === 'enrolled');
    if (already) throw new AppError('CLASS_ALREADY_ENROLLED', { name: byId.get(already)!.name });
    await assertCapacity(trx, locked, ids.length);
    const now = ctx.now();
    await repo.upsertEnrolments(
      trx,
      ids.map((id) => ({ class_id: cls.id, person_id: id, status: 'enrolled', via: 'nomination', nominated_by_org_id: grantOrg(byId.get(id)!.org_path), requested_by: actor.userId, decided_by: actor.userId, decided_at: now, reason: null, now })),
    );
    await recordAudit(trx, { actor, action: 'class.nominate', entityType: 'training_class', entityId: cls.id, orgId: cls.org_id, ip: options.ip, detail: { personIds: ids } });
  });
  return listEnrolments(ctx, { actor, classId: cls.id });
}

export async function approve(ctx: Ctx, options: Caller & { classId: string; personId: string }): Promise<EnrolmentList> {
  const { actor } = options;
  const cls = await loadManaged(ctx, actor, options.classId);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockClass(trx, cls.id, 'update');
    assertOpen(locked!.status);
    const [row] = await repo.findEnrolments(trx, cls.id, [options.personId]);
    if (!row || row.status !== 'requested') throw new AppError('CLASS_NO_REQUEST', { name: (await repo.findPerson(trx, options.personId))?.name ?? options.personId });
    await assertCapacity(trx, locked!, 1);
    await repo.setEnrolmentStatus(trx, { classId: cls.id, personId: options.personId, status: 'enrolled', decidedBy: actor.userId, reason: null, now: ctx.now() });
    await recordAudit(trx, { actor, action: 'class.approve', entityType: 'training_class', entityId: cls.id, orgId: cls.org_id, ip: options.ip, detail: { personId: options.personId } });
  });
  return listEnrolments(ctx, { actor, classId: cls.id });
}

export async function reject(ctx: Ctx, options: Caller & { classId: string; personId: string; reason: string }): Promise<EnrolmentList> {
  const { actor } = options;
  const cls = await loadManaged(ctx, actor, options.classId);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockClass(trx, cls.id, 'update');
    assertOpen(locked!.status);
    const [row] = await repo.findEnrolments(trx, cls.id, [options.personId]);
    if (!row || row.status !== 'requested') throw new AppError('CLASS_NO_REQUEST', { name: (await repo.findPerson(trx, options.personId))?.name ?? options.personId });
    await repo.setEnrolmentStatus(trx, { classId: cls.id, personId: options.personId, status: 'rejected', decidedBy: actor.userId, reason: options.reason, now: ctx.now() });
    await recordAudit(trx, { actor, action: 'class.reject', entityType: 'training_class', entityId: cls.id, orgId: cls.org_id, ip: options.ip, detail: { personId: options.personId, reason: options.reason } });
  });
  return listEnrolments(ctx, { actor, classId: cls.id });
}

async function withdrawPerson(ctx: Ctx, options: Caller & { cls: repo.ClassRow; personId: string; action: string }) {
  const { actor, cls } = options;
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockClass(trx, cls.id, 'update');
    assertOpen(locked!.status);
    const [row] = await repo.findEnrolments(trx, cls.id, [options.personId]);
    if (!row || (row.status !== 'requested' && row.status !== 'enrolled')) throw new AppError('CLASS_NOT_ENROLLED');
    await repo.setEnrolmentStatus(trx, { classId: cls.id, personId: options.personId, status: 'withdrawn', decidedBy: actor.userId, reason: null, now: ctx.now() });
    await recordAudit(trx, { actor, action: options.action, entityType: 'training_class', entityId: cls.id, orgId: cls.org_id, ip: options.ip, before: { status: row.status }, detail: { personId: options.personId } });
  });
}

/** Organisers withdraw anyone; a unit withdraws the people it manages. */
export async function withdraw(ctx: Ctx, options: Caller & { classId: string; personId: string }): Promise<EnrolmentList> {
  const { actor } = options;
  const cls = await loadVisible(ctx, actor, options.classId);
  const person = await repo.findPerson(ctx.db, options.personId);
  if (!person) throw new AppError('PERSON_NOT_FOUND');
  if (!policy.canManageClass(actor, cls) && !policy.canNominate(actor, cls, person)) throw new AppError('CLASS_PERSON_OUTSIDE', { name: person.name });
  await withdrawPerson(ctx, { ...options, cls, action: 'class.withdraw' });
  return listEnrolments(ctx, { actor, classId: cls.id });
}

// ---- attendance

export async function getRoster(ctx: Ctx, options: { actor: Actor; sessionId: string }): Promise<ClassRoster> {
  const { session, cls } = await loadManagedSession(ctx, options.actor, options.sessionId);
  const rows = await repo.rosterOf(ctx.db, cls.id, session.id);
  const n = (s: string | null) => rows.filter((r) => r.status === s).length;
  return {
    sessionId: session.id,
    classId: cls.id,
    signin: signinStateOf(session, ctx.now()),
    counts: { enrolled: rows.length, present: n('present'), absent: n('absent'), leave: n('leave'), unmarked: n(null) },
    entries: rows.map((r) => ({
      personId: r.person_id,
      name: r.name,
      orgName: r.org_name,
      status: (r.status ?? null) as ClassRoster['entries'][number]['status'],
      via: (r.via ?? null) as ClassRoster['entries'][number]['via'],
      leaveReason: r.leave_reason ?? null,
      signedInAt: iso(r.signed_in_at),
    })),
  };
}

/**
 * The organisers mark the roster in bulk (all or nothing; enrolled people only; a reason for every
 * leave, the member's own request's reason counts). Unchanged entries keep their QR time. On a
 * completed class this is the correction: the completion is re-derived in the same transaction.
 */
export async function markRoster(ctx: Ctx, options: Caller & { sessionId: string; input: ClassRosterInput }): Promise<ClassRoster> {
  const { actor, input } = options;
  const { session, cls } = await loadManagedSession(ctx, actor, options.sessionId);
  const ids = input.entries.map((e) => e.personId);
  const people = new Map((await repo.findPeople(ctx.db, ids)).map((p) => [p.id, p]));
  const nameOf = (id: string) => people.get(id)?.name ?? id;
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new AppError('CLASS_DUPLICATE_ENTRY', { name: nameOf(id) });
    seen.add(id);
  }
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockClass(trx, cls.id, 'update');
    if (!locked) throw new AppError('CLASS_NOT_FOUND');
    const enrolled = new Set((await repo.findEnrolments(trx, cls.id, ids)).filter((e) => e.status === 'enrolled').map((e) => e.person_id));
    const stranger = ids.find((id) => !enrolled.has(id));
    if (stranger) throw new AppError('CLASS_NOT_ENROLLED_PERSON', { name: nameOf(stranger) });
    const current = new Map((await repo.findAttendance(trx, session.id, ids)).map((a) => [a.person_id, a]));
    const now = ctx.now();
    const rows: Parameters<typeof repo.upsertAttendance>[1] = [];
    const changes: Array<{ personId: string; from: string | null; to: string }> = [];
    for (const e of input.entries) {
      const row = current.get(e.personId);
      const leaveReason = e.status === 'leave' ? (e.leaveReason ?? row?.leave_reason ?? null) : null;
      if (e.status === 'leave' && !leaveReason) throw new AppError('CLASS_LEAVE_REASON_REQUIRED', { name: nameOf(e.personId) });
      if (row && row.status === e.status && (e.status !== 'leave' || row.leave_reason === leaveReason)) continue;
      changes.push({ personId: e.personId, from: row?.status ?? null, to: e.status });
      rows.push({ session_id: session.id, person_id: e.personId, status: e.status, via: 'roster', leave_reason: leaveReason, signed_in_at: e.status === 'present' ? (row?.signed_in_at ?? null) : null, marked_by: actor.userId, updated_at: now });
    }
    await repo.upsertAttendance(trx, rows);
    if (changes.length > 0) await recordAudit(trx, { actor, action: 'class.roster', entityType: 'class_session', entityId: session.id, orgId: cls.org_id, ip: options.ip, detail: { changes } });
    if (locked.status === 'completed' && changes.length > 0) await deriveCompletion(trx, ctx, { classId: cls.id, actorUserId: actor.userId });
  });
  return getRoster(ctx, { actor, sessionId: session.id });
}

export async function openSignin(ctx: Ctx, options: Caller & { sessionId: string; minutes: number }): Promise<ClassSigninOpened> {
  const { actor } = options;
  const { session, cls } = await loadManagedSession(ctx, actor, options.sessionId);
  assertOpen(cls.status);
  const token = crypto.randomBytes(24).toString('base64url');
  const opensAt = ctx.now();
  const expiresAt = new Date(opensAt.getTime() + options.minutes * 60_000);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setSignin(trx, session.id, { tokenHash: hashClassSigninToken(token), opensAt, expiresAt, now: opensAt });
    await recordAudit(trx, { actor, action: 'class.signin_open', entityType: 'class_session', entityId: session.id, orgId: cls.org_id, ip: options.ip, detail: { expiresAt: expiresAt.toISOString() } });
  });
  return { token, path: `/cs/${token}`, opensAt: opensAt.toISOString(), expiresAt: expiresAt.toISOString() };
}

export async function closeSignin(ctx: Ctx, options: Caller & { sessionId: string }): Promise<ClassRoster> {
  const { actor } = options;
  const { session, cls } = await loadManagedSession(ctx, actor, options.sessionId);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const state = signinStateOf(session, now);
    await repo.setSignin(trx, session.id, { tokenHash: null, opensAt: state.opensAt ? new Date(state.opensAt) : null, expiresAt: state.open ? now : state.expiresAt ? new Date(state.expiresAt) : null, now });
    await recordAudit(trx, { actor, action: 'class.signin_close', entityType: 'class_session', entityId: session.id, orgId: cls.org_id, ip: options.ip });
  });
  return getRoster(ctx, { actor, sessionId: session.id });
}

function presentSignin(row: repo.SigninRow, now: Date): ClassSigninView {
  return {
    sessionId: row.id,
    classId: row.class_id,
    classTitle: row.class_title,
    topic: row.topic,
    orgName: row.org_name,
    startsAt: new Date(row.starts_at).toISOString(),
    endsAt: new Date(row.ends_at).toISOString(),
    venue: row.venue,
    signin: signinStateOf(row, now),
    enrolled: row.enrolment === 'enrolled',
    myStatus: (row.my_status ?? null) as ClassSigninView['myStatus'],
    signedInAt: iso(row.my_signed_in_at),
  };
}

export async function viewSignin(ctx: Ctx, options: { actor: Actor; token: string }): Promise<ClassSigninView> {
  const personId = requirePerson(options.actor);
  const row = await repo.findBySigninHash(ctx.db, hashClassSigninToken(options.token), personId, false);
  if (!row) throw new AppError('CLASS_SIGNIN_CLOSED');
  return presentSignin(row, ctx.now());
}

/**
 * Signs the caller in: one indexed read (token hash, own enrolment and attendance, the class row
 * held FOR SHARE so a completion waits) and one upsert. Signing in again answers the same, even
 * after the window closed. Credits come only from the completion, so nothing else is written.
 */
export async function signIn(ctx: Ctx, options: { actor: Actor; token: string }): Promise<ClassSigninView> {
  const { actor } = options;
  const personId = requirePerson(actor);
  const tokenHash = hashClassSigninToken(options.token);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findBySigninHash(trx, tokenHash, personId, true);
    if (!row) throw new AppError('CLASS_SIGNIN_CLOSED');
    if (row.enrolment !== 'enrolled') throw new AppError('CLASS_SIGNIN_NOT_ENROLLED');
    if (row.my_status === 'present') return presentSignin(row, now);
    if (row.class_status !== 'open' || !signinStateOf(row, now).open) throw new AppError('CLASS_SIGNIN_CLOSED');
    const marked = await repo.markSignedIn(trx, { sessionId: row.id, personId, userId: actor.userId, now });
    return presentSignin({ ...row, my_status: 'present', my_signed_in_at: marked?.signed_in_at ?? now }, now);
  });
}

// ---- completion

type SessionForCredit = { id: string; hours: number; held_on: string; direction: string | null; topic: string; ends_at: Date };

/**
 * Derives everything a completed class stands for (see the header): outcomes, credits per
 * attended session, completions. Idempotent; call under the class row's FOR UPDATE lock.
 */
export async function deriveCompletion(trx: Transaction<DB>, ctx: Pick<ServerContext, 'now'>, options: { classId: string; actorUserId: string }) {
  const cls = (await repo.findClass(trx, options.classId))!;
  const sessions: SessionForCredit[] = (await repo.listSessions(trx, cls.id)).map((s) => ({ id: s.id, hours: Number(s.hours), held_on: s.held_on, direction: s.direction, topic: s.topic, ends_at: new Date(s.ends_at) }));
  const { people, attendance } = await repo.completionInputs(trx, cls.id);
  const status = new Map(attendance.map((a) => [`${a.session_id}|${a.person_id}`, a.status as SessionAttendance]));
  const enrolled = people.filter((p) => p.status === 'enrolled');
  const now = ctx.now();

  // Outcomes by the 1/7 rule.
  const outcomes = new Map(enrolled.map((p) => [p.person_id, classOutcome(sessions.map((s) => ({ hours: s.hours, attendance: status.get(`${s.id}|${p.person_id}`) ?? null })))]));
  const groups = new Map<string, string[]>();
  for (const [personId, o] of outcomes) {
    const key = `${o.completed ? 'completed' : 'not_completed'}|${o.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), personId]);
  }
  for (const [key, personIds] of groups) {
    const [outcome, reason] = key.split('|') as [string, string];
    await repo.setOutcome(trx, { classId: cls.id, personIds, outcome, reason, now });
  }
  await repo.setOutcome(trx, { classId: cls.id, personIds: people.filter((p) => p.status !== 'enrolled').map((p) => p.person_id), outcome: null, reason: null, now });

  // Completions (contract 2): one standing row per person who completed.
  const lastDay = sessions.map((s) => s.held_on).sort().at(-1)!;
  const existing = new Map((await repo.completionsOfClass(trx, cls.id)).map((c) => [c.person_id, c]));
  const inserts: Parameters<typeof repo.insertCompletions>[1] = [];
  const revoke: string[] = [];
  for (const p of people) {
    const o = outcomes.get(p.person_id);
    const have = existing.get(p.person_id);
    if (o?.completed) {
      const values = { year: Number(lastDay.slice(0, 4)), completed_on: lastDay, level: cls.level, rotation_id: cls.rotation_id, title: cls.title, hours: o.attendedHours };
      if (!have) inserts.push({ id: newId(), person_id: p.person_id, kind: 'class', source_type: 'class', source_id: cls.id, created_by: options.actorUserId, created_at: now, ...values });
      else if (have.revoked_at !== null || String(have.completed_on) !== lastDay || Number(have.hours) !== o.attendedHours || have.rotation_id !== cls.rotation_id || have.title !== cls.title)
        await repo.restoreCompletion(trx, have.id, values);
    } else if (have && have.revoked_at === null) revoke.push(have.id);
  }
  await repo.insertCompletions(trx, inserts);
  await repo.revokeCompletions(trx, revoke, now);

  // Credits: one standing credit per attended session (enrolled people), capped per day.
  const whoById = new Map(enrolled.map((p) => [p.person_id, p]));
  const credits = await repo.creditsOfSessions(trx, sessions.map((s) => s.id));
  let ledgerRows = 0;
  let creditedHours = 0;
  for (const s of sessions) {
    // Written session by session, so the next session's daily cap sees this one's credits.
    const rows: ledgerRepo.NewCredit[] = [];
    const present = enrolled.filter((p) => status.get(`${s.id}|${p.person_id}`) === 'present').map((p) => p.person_id);
    const mine = credits.filter((c) => c.source_id === s.id);
    const standing = new Map<string, typeof mine>();
    for (const c of standingCredits(mine.map((c) => ({ ...c, hours: Number(c.hours), credited_on: String(c.credited_on) })))) standing.set(c.person_id, [...(standing.get(c.person_id) ?? []), c]);
    const elsewhere = await ledgerRepo.dayTotalsExcept(trx, { personIds: present, day: s.held_on, sourceType: 'class_session', sourceId: s.id });
    const description = `${s.held_on} 培训班：${cls.title}（${s.topic}）`;
    for (const personId of new Set([...present, ...standing.keys()])) {
      const who = present.includes(personId) ? whoById.get(personId) : undefined;
      const target = who ? creditWithinDailyCap({ creditedThatDay: elsewhere.get(personId) ?? 0, credit: s.hours }) : 0;
      const have = standing.get(personId) ?? [];
      if (target > 0 && have.length === 1 && Number(have[0]!.hours) === target && String(have[0]!.credited_on) === s.held_on) {
        creditedHours += target;
        continue;
      }
      if (target === 0 && have.length === 0) continue;
      for (const old of have) {
        rows.push({ id: newId(), personId, orgId: old.org_id, orgPath: old.org_path, year: old.year, creditedOn: String(old.credited_on), hours: -Number(old.hours), sourceType: 'class_session', sourceId: s.id, description: `冲销：${old.description}`, reversesId: old.id, createdBy: options.actorUserId, createdAt: now, direction: old.direction });
      }
      if (target > 0 && who) {
        rows.push({ id: newId(), personId, orgId: who.org_id, orgPath: who.org_path, year: Number(s.held_on.slice(0, 4)), creditedOn: s.held_on, hours: target, sourceType: 'class_session', sourceId: s.id, description, reversesId: null, createdBy: options.actorUserId, createdAt: now, direction: s.direction });
        creditedHours += target;
      }
    }
    await ledgerRepo.insertCredits(trx, rows);
    ledgerRows += rows.length;
  }
  return { completed: [...outcomes.values()].filter((o) => o.completed).length, notCompleted: [...outcomes.values()].filter((o) => !o.completed).length, creditedHours: round1(creditedHours), ledgerRows };
}

export async function completeClass(ctx: Ctx, options: Caller & { classId: string }): Promise<ClassReport> {
  const { actor } = options;
  const cls = await loadManaged(ctx, actor, options.classId);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockClass(trx, cls.id, 'update');
    if (!locked) throw new AppError('CLASS_NOT_FOUND');
    const sessions = await repo.listSessions(trx, cls.id);
    if (sessions.length === 0) throw new AppError('CLASS_NO_SESSIONS');
    const now = ctx.now();
    const pending = sessions.filter((s) => new Date(s.ends_at) > now);
    if (pending.length > 0) {
      const last = new Date(Math.max(...pending.map((s) => new Date(s.ends_at).getTime())));
      throw new AppError('CLASS_SESSIONS_NOT_OVER', { count: pending.length, endsAt: `${isoDateIn(last, ctx.config.timeZone)} ${last.toLocaleTimeString('en-GB', { timeZone: ctx.config.timeZone, hour: '2-digit', minute: '2-digit' })}` });
    }
    const first = locked.status !== 'completed';
    if (first) await repo.updateClass(trx, cls.id, { status: 'completed', completed_at: now, completed_by: actor.userId }, now);
    const result = await deriveCompletion(trx, ctx, { classId: cls.id, actorUserId: actor.userId });
    await recordAudit(trx, { actor, action: first ? 'class.complete' : 'class.recomplete', entityType: 'training_class', entityId: cls.id, orgId: cls.org_id, ip: options.ip, detail: result });
  });
  return getReport(ctx, { actor, classId: cls.id });
}

/** Per enrolled person: completed or not and why, from the attendance as it stands (a preview before completion). */
export async function getReport(ctx: Ctx, options: { actor: Actor; classId: string }): Promise<ClassReport> {
  const cls = await loadManaged(ctx, options.actor, options.classId);
  return ctx.db.transaction().execute(async (trx) => {
    const sessions = await repo.listSessions(trx, cls.id);
    const { people, attendance } = await repo.completionInputs(trx, cls.id);
    const status = new Map(attendance.map((a) => [`${a.session_id}|${a.person_id}`, a.status as SessionAttendance]));
    const rows = people
      .filter((p) => p.status === 'enrolled')
      .map((p) => {
        const o = classOutcome(sessions.map((s) => ({ hours: Number(s.hours), attendance: status.get(`${s.id}|${p.person_id}`) ?? null })));
        return { personId: p.person_id, name: p.name, orgName: p.org_name, completed: o.completed, reason: o.reason, attendedHours: o.attendedHours, leaveHours: o.leaveHours, absentHours: o.absentHours };
      });
    const credits = standingCredits((await repo.creditsOfSessions(trx, sessions.map((s) => s.id))).map((c) => ({ ...c, hours: Number(c.hours) })));
    const total = classOutcome(sessions.map((s) => ({ hours: Number(s.hours), attendance: 'present' as const })));
    return {
      classId: cls.id,
      status: cls.status as 'open' | 'completed',
      completedAt: iso(cls.completed_at),
      totalHours: sessions.length ? total.totalHours : 0,
      allowedMissHours: sessions.length ? total.allowedMissHours : 0,
      completed: rows.filter((r) => r.completed).length,
      notCompleted: rows.filter((r) => !r.completed).length,
      creditedHours: round1(credits.reduce((s, c) => s + c.hours, 0)),
      rows,
    };
  });
}

// ---- statistics

export async function getStatistics(ctx: Ctx, options: { actor: Actor; orgId?: string | undefined; year?: number | undefined }): Promise<ClassStatistics> {
  const { actor } = options;
  let org;
  if (options.orgId) {
    org = await repo.findOrg(ctx.db, options.orgId);
    if (!org || !policy.canManageClass(actor, { org_path: org.path })) throw new AppError('ORG_NOT_FOUND');
  } else {
    const top = managedPaths(actor).sort((a, b) => a.length - b.length)[0];
    org = top ? await repo.findOrgByPath(ctx.db, top) : undefined;
    if (!org) throw new AppError('FORBIDDEN');
  }
  const year = options.year ?? Number(todayIn(ctx).slice(0, 4));
  return { orgId: org.id, year, ...(await subtreeStatistics(ctx, { orgPath: org.path, year })) };
}

/**
 * Classes completed in a year (班次) under a subtree, their enrolled people (人次) and those who
 * completed, by class type (every type, zeros included) with totals. No permission check: the
 * callers decide who may see the subtree (the statistics endpoint, the training statistics export).
 */
export async function subtreeStatistics(ctx: Pick<Ctx, 'db'>, options: { orgPath: string; year: number }): Promise<Pick<ClassStatistics, 'byType' | 'total'>> {
  const rows = await repo.statistics(ctx.db, options.orgPath, options.year);
  const byType = classTypes.map((type) => {
    const r = rows.find((x) => x.type === type);
    return { type, classes: Number(r?.classes ?? 0), personTimes: Number(r?.person_times ?? 0), completedPersons: Number(r?.completed_persons ?? 0) };
  });
  const sum = (k: 'classes' | 'personTimes' | 'completedPersons') => byType.reduce((s, r) => s + r[k], 0);
  return { byType, total: { classes: sum('classes'), personTimes: sum('personTimes'), completedPersons: sum('completedPersons') } };
}

// ---- the member's own

function mySummary(row: repo.ClassRow, mine: { my_status: string | null; my_outcome: string | null; my_outcome_reason: string | null } | null, canEnrol: boolean) {
  const { canManage: _manage, ...summary } = summarise(row, null);
  return {
    ...summary,
    myStatus: (mine?.my_status ?? null) as EnrolmentStatus | null,
    myOutcome: (mine?.my_outcome ?? null) as 'completed' | 'not_completed' | null,
    myOutcomeReason: (mine?.my_outcome_reason ?? null) as ClassOutcomeReason | null,
    canEnrol,
  };
}

async function requireOwnPerson(ctx: Ctx, actor: Actor) {
  const person = await repo.findPerson(ctx.db, requirePerson(actor));
  if (!person) throw new AppError('PROFILE_NOT_LINKED');
  return person;
}

const mayEnrol = (row: repo.ClassRow, person: repo.PersonRow) => row.status === 'open' && row.self_enrolment && inTargetGroup(person, row.target_group as TrainingTargetGroup);

export async function myClasses(ctx: Ctx, options: { actor: Actor }): Promise<MyClasses> {
  const person = await requireOwnPerson(ctx, options.actor);
  const [mine, open] = await Promise.all([repo.classesOfPerson(ctx.db, person.id), repo.openClassesFor(ctx.db, person)]);
  return {
    mine: mine.map((r) => mySummary(r, r, (r.my_status === 'withdrawn') && mayEnrol(r, person))),
    open: open.filter((r) => inTargetGroup(person, r.target_group as TrainingTargetGroup) && !mine.some((m) => m.id === r.id)).map((r) => mySummary(r, null, true)),
  };
}

export async function myClass(ctx: Ctx, options: { actor: Actor; classId: string }): Promise<MyClassView> {
  const person = await requireOwnPerson(ctx, options.actor);
  const row = await repo.findClass(ctx.db, options.classId);
  const [mine] = row ? await repo.findEnrolments(ctx.db, row.id, [person.id]) : [];
  if (!row || (!mine && !(policy.classReachesPerson(row, person) && mayEnrol(row, person)))) throw new AppError('CLASS_NOT_FOUND');
  const [sessions, attendance] = await Promise.all([repo.listSessions(ctx.db, row.id), repo.myAttendance(ctx.db, row.id, person.id)]);
  const byId = new Map(attendance.map((a) => [a.session_id, a]));
  const now = ctx.now();
  const enrolled = mine?.status === 'enrolled';
  const canEnrol = (!mine || mine.status === 'withdrawn') && policy.classReachesPerson(row, person) && mayEnrol(row, person);
  return {
    ...mySummary(row, mine ? { my_status: mine.status, my_outcome: mine.outcome, my_outcome_reason: mine.outcome_reason } : null, canEnrol),
    sessions: sessions.map((s) => ({
      id: s.id,
      startsAt: new Date(s.starts_at).toISOString(),
      endsAt: new Date(s.ends_at).toISOString(),
      heldOn: s.held_on,
      hours: Number(s.hours),
      topic: s.topic,
      lecturerName: s.lecturer_name,
      venue: s.venue,
      myStatus: (byId.get(s.id)?.status ?? null) as MyClassView['sessions'][number]['myStatus'],
      leaveReason: byId.get(s.id)?.leave_reason ?? null,
      signinOpen: enrolled && row.status === 'open' && signinStateOf(s, now).open,
    })),
  };
}

export async function enrolSelf(ctx: Ctx, options: Caller & { classId: string }): Promise<MyClassView> {
  const { actor } = options;
  const person = await requireOwnPerson(ctx, actor);
  const row = await repo.findClass(ctx.db, options.classId);
  if (!row || !policy.classReachesPerson(row, person)) throw new AppError('CLASS_NOT_FOUND');
  assertOpen(row.status);
  if (!row.self_enrolment) throw new AppError('CLASS_SELF_ENROLMENT_CLOSED');
  if (!inTargetGroup(person, row.target_group as TrainingTargetGroup)) throw new AppError('CLASS_PERSON_NOT_IN_TARGET_GROUP', { name: person.name, group: groupLabel(row.target_group) });
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockClass(trx, row.id, 'update');
    assertOpen(locked!.status);
    const [existing] = await repo.findEnrolments(trx, row.id, [person.id]);
    if (existing && existing.status !== 'withdrawn') throw new AppError('CLASS_ALREADY_ENROLLED', { name: person.name });
    await repo.upsertEnrolments(trx, [{ class_id: row.id, person_id: person.id, status: 'requested', via: 'self', nominated_by_org_id: null, requested_by: actor.userId, decided_by: null, decided_at: null, reason: null, now: ctx.now() }]);
    await recordAudit(trx, { actor, action: 'class.enrol_request', entityType: 'training_class', entityId: row.id, orgId: row.org_id, ip: options.ip, detail: { personId: person.id } });
  });
  return myClass(ctx, { actor, classId: row.id });
}

export async function withdrawSelf(ctx: Ctx, options: Caller & { classId: string }): Promise<MyClassView> {
  const { actor } = options;
  const person = await requireOwnPerson(ctx, actor);
  const row = await repo.findClass(ctx.db, options.classId);
  const [mine] = row ? await repo.findEnrolments(ctx.db, row.id, [person.id]) : [];
  if (!row || !mine) throw new AppError('CLASS_NOT_FOUND');
  await withdrawPerson(ctx, { ...options, cls: row, personId: person.id, action: 'class.withdraw_self' });
  return myClass(ctx, { actor, classId: row.id });
}

/** The caller's own session of a class they are enrolled in, locked with the class for a leave write. */
async function ownSession(trx: Transaction<DB>, ctx: Ctx, sessionId: string, personId: string) {
  const session = await repo.findSession(trx, sessionId);
  const locked = session ? await repo.lockClass(trx, session.class_id, 'share') : undefined;
  const [mine] = session ? await repo.findEnrolments(trx, session.class_id, [personId]) : [];
  if (!session || !locked || mine?.status !== 'enrolled') throw new AppError('CLASS_SESSION_NOT_FOUND');
  assertOpen(locked.status);
  if (new Date(session.starts_at) <= ctx.now()) throw new AppError('CLASS_LEAVE_TOO_LATE');
  return { session, cls: locked };
}

export async function requestLeave(ctx: Ctx, options: Caller & { sessionId: string; reason: string }): Promise<MyClassView> {
  const { actor } = options;
  const personId = requirePerson(actor);
  const classId = await ctx.db.transaction().execute(async (trx) => {
    const { session, cls } = await ownSession(trx, ctx, options.sessionId, personId);
    const [current] = await repo.findAttendance(trx, session.id, [personId]);
    if (current?.status === 'present') throw new AppError('CLASS_LEAVE_ALREADY_PRESENT');
    await repo.upsertAttendance(trx, [{ session_id: session.id, person_id: personId, status: 'leave', via: 'leave_request', leave_reason: options.reason, signed_in_at: null, marked_by: actor.userId, updated_at: ctx.now() }]);
    await recordAudit(trx, { actor, action: 'class.leave_request', entityType: 'class_session', entityId: session.id, orgId: cls.org_id, ip: options.ip, after: { reason: options.reason } });
    return session.class_id;
  });
  return myClass(ctx, { actor, classId });
}

export async function withdrawLeave(ctx: Ctx, options: Caller & { sessionId: string }): Promise<MyClassView> {
  const { actor } = options;
  const personId = requirePerson(actor);
  const classId = await ctx.db.transaction().execute(async (trx) => {
    const { session, cls } = await ownSession(trx, ctx, options.sessionId, personId);
    const [current] = await repo.findAttendance(trx, session.id, [personId]);
    if (current?.status !== 'leave' || current.via !== 'leave_request') throw new AppError('CLASS_LEAVE_NOT_REQUESTED');
    await repo.deleteAttendance(trx, session.id, personId);
    await recordAudit(trx, { actor, action: 'class.leave_withdraw', entityType: 'class_session', entityId: session.id, orgId: cls.org_id, ip: options.ip, before: { reason: current.leave_reason } });
    return session.class_id;
  });
  return myClass(ctx, { actor, classId });
}
