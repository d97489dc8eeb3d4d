/**
 * Attendance (出席): the secretary's marking, QR sign-in, members' leave requests, and the
 * member's own views (my obligations, my activities). Who should attend is derived by the
 * activities module, which writes the attendee rows; this module only sets their status.
 *
 * Every attendance write runs in one transaction with its audit entry and with
 * `afterActivityChange`, so the study-hour ledger, make-up study and the compliance figures derived
 * from the record change together with it. Writers lock the activity row first: marking exclusively,
 * sign-in and leave shared (members sign in side by side; a recording of the activity waits).
 */
import crypto from 'node:crypto';
import {
  localDayStart,
  obligationsHorizonDays,
  type ActivityKind,
  type ActivityStatus,
  type AttendanceCounts,
  type AttendanceMarkEntry,
  type AttendanceMarkInput,
  type AttendanceMarkStatus,
  type AttendanceSheet,
  type AttendanceStatus,
  type AttendeeRole,
  type AttendanceMarkedVia,
  type MyActivitiesView,
  type MyActivityView,
  type ObligationsView,
  type SigninOpened,
  type SigninState,
  type SigninView,
} from '@pioneer/domain';
import type { Transaction } from 'kysely';
import type { ServerContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { todayIn } from '../../lib/time.ts';
import { afterActivityChange } from '../activities/activity-changed.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import * as makeup from '../makeup/makeup.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import * as policy from './attendance.policy.ts';
import * as repo from './attendance.repo.ts';

type Caller = { actor: Actor; ip: string | null };

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** Sign-in tokens are 24 random bytes (base64url, 32 characters); the database keeps their SHA-256 only. */
export const hashSigninToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
const newSigninToken = () => crypto.randomBytes(24).toString('base64url');

/** 'YYYY-MM-DD HH:mm' in the deployment's time zone, as notifications show instants. */
function localDateTime(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

type SigninWindow = { signin_opens_at: Date | string | null; signin_expires_at: Date | string | null };

export function signinStateOf(row: SigninWindow, now: Date): SigninState {
  const opens = row.signin_opens_at === null ? null : new Date(row.signin_opens_at);
  const expires = row.signin_expires_at === null ? null : new Date(row.signin_expires_at);
  return { open: opens !== null && expires !== null && opens <= now && now < expires, opensAt: iso(opens), expiresAt: iso(expires) };
}

function requirePerson(actor: Actor): string {
  const personId = policy.ownPersonId(actor);
  if (!personId) throw new AppError('PROFILE_NOT_LINKED');
  return personId;
}

/** The activity, if the caller manages its organisation; otherwise it does not exist for them. */
async function loadManaged(ctx: ServerContext, actor: Actor, id: string): Promise<repo.AttendanceActivityRow> {
  const activity = await repo.findActivity(ctx.db, id);
  if (!activity || !policy.canManageAttendance(actor, activity)) throw new AppError('ACTIVITY_NOT_FOUND');
  return activity;
}

const stateOf = (a: { status: string; held_on: string | null; kind: string; org_id: string }) => ({ status: a.status, heldOn: a.held_on, kind: a.kind, orgId: a.org_id });

/** Attendance changed, the activity itself did not: before and after are the same state. */
async function attendanceChanged(trx: Transaction<DB>, ctx: ServerContext, activity: { id: string; status: string; held_on: string | null; kind: string; org_id: string }, actorUserId: string) {
  const state = stateOf(activity);
  await afterActivityChange(trx, ctx, { activityId: activity.id, before: state, after: state, attendanceChanged: true, actorUserId });
}

function countsOf(rows: Array<{ role: string; status: string }>): AttendanceCounts {
  const expected = rows.filter((r) => r.role === 'expected');
  const n = (status: AttendanceStatus) => expected.filter((r) => r.status === status).length;
  return { expected: expected.length, present: n('present'), absent: n('absent'), leave: n('leave'), pending: n('pending') };
}

async function sheetOf(ctx: ServerContext, activity: repo.AttendanceActivityRow): Promise<AttendanceSheet> {
  const rows = await repo.listAttendees(ctx.db, activity.id);
  return {
    activityId: activity.id,
    activityStatus: activity.status as ActivityStatus,
    signin: signinStateOf(activity, ctx.now()),
    counts: countsOf(rows),
    attendees: rows.map((r) => ({
      personId: r.person_id,
      name: r.name,
      orgId: r.org_id,
      orgName: r.org_name,
      role: r.role as AttendeeRole,
      voting: r.voting,
      status: r.status as AttendanceStatus,
      leaveReason: r.leave_reason,
      leaveRequestedAt: iso(r.leave_requested_at),
      signedInAt: iso(r.signed_in_at),
      markedVia: r.marked_via as AttendanceMarkedVia | null,
      updatedAt: new Date(r.updated_at).toISOString(),
    })),
  };
}

export async function getSheet(ctx: ServerContext, options: { actor: Actor; activityId: string }): Promise<AttendanceSheet> {
  return sheetOf(ctx, await loadManaged(ctx, options.actor, options.activityId));
}

/**
 * Writes the secretary's marks inside the caller's transaction (the activity row locked by the
 * caller), without telling the derived modules: the caller runs `afterActivityChange` once for
 * everything it wrote. All or nothing: only attendees of the activity, each person once, a reason
 * for every leave (the member's own request's reason counts). Unchanged entries are left as they
 * are, so a member's QR sign-in keeps its time when the secretary confirms them present. Used by
 * the marking endpoint and by recording an activity together with its attendance.
 */
export async function applyMarks(
  trx: Transaction<DB>,
  o: { activity: { id: string; org_id: string }; entries: readonly AttendanceMarkEntry[]; actor: Actor; ip: string | null; now: Date; via?: string },
): Promise<number> {
  const { actor, activity, entries } = o;
  if (entries.length === 0) return 0;
  const nameOf = async (personId: string) => (await repo.personNames(trx, [personId])).get(personId) ?? personId;
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.personId)) throw new AppError('ATTENDANCE_DUPLICATE_ENTRY', { name: await nameOf(e.personId) });
    seen.add(e.personId);
  }
  const current = new Map((await repo.findAttendees(trx, activity.id, [...seen])).map((r) => [r.person_id, r]));
  const stranger = entries.find((e) => !current.has(e.personId));
  if (stranger) throw new AppError('ATTENDANCE_NOT_ATTENDEE', { name: await nameOf(stranger.personId) });

  const changes: Array<{ personId: string; from: string; to: AttendanceMarkStatus; leaveReason?: string }> = [];
  const groups = new Map<string, { status: AttendanceMarkStatus; leaveReason: string | null; personIds: string[] }>();
  for (const entry of entries) {
    const row = current.get(entry.personId)!;
    const leaveReason = entry.status === 'leave' ? (entry.leaveReason ?? row.leave_reason ?? null) : null;
    if (entry.status === 'leave' && !leaveReason) throw new AppError('ATTENDANCE_LEAVE_REASON_REQUIRED', { name: await nameOf(entry.personId) });
    if (row.status === entry.status && (entry.status !== 'leave' || row.leave_reason === leaveReason)) continue;
    changes.push({ personId: entry.personId, from: row.status, to: entry.status, ...(leaveReason ? { leaveReason } : {}) });
    const key = `${entry.status}\u0000${leaveReason ?? ''}`;
    const group = groups.get(key) ?? { status: entry.status, leaveReason, personIds: [] };
    group.personIds.push(entry.personId);
    groups.set(key, group);
  }
  for (const g of groups.values()) await repo.markAttendees(trx, { activityId: activity.id, personIds: g.personIds, status: g.status, leaveReason: g.leaveReason, markedBy: actor.userId, now: o.now });
  if (changes.length > 0) {
    await recordAudit(trx, {
      actor,
      action: 'attendance.mark',
      entityType: 'activity',
      entityId: activity.id,
      orgId: activity.org_id,
      ip: o.ip,
      detail: { changes, ...(o.via ? { via: o.via } : {}) },
    });
  }
  return changes.length;
}

/** The secretary marks attendance in bulk (corrections after the record, or before it is held). */
export async function markAttendance(ctx: ServerContext, options: Caller & { activityId: string; input: AttendanceMarkInput }): Promise<AttendanceSheet> {
  const { actor, input } = options;
  const activity = await loadManaged(ctx, actor, options.activityId);
  if (activity.status === 'cancelled') throw new AppError('ATTENDANCE_ACTIVITY_CANCELLED');
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockActivity(trx, activity.id, 'update');
    if (!locked) throw new AppError('ACTIVITY_NOT_FOUND');
    if (locked.status === 'cancelled') throw new AppError('ATTENDANCE_ACTIVITY_CANCELLED');
    await applyMarks(trx, { activity, entries: input.entries, actor, ip: options.ip, now: ctx.now() });
    // Saving the sheet always re-derives: the derived figures are idempotent, and a save is how a
    // secretary asks for them to be brought in line.
    await attendanceChanged(trx, ctx, locked, actor.userId);
  });
  return sheetOf(ctx, await loadManaged(ctx, actor, activity.id));
}

/**
 * Opens (or reopens) QR sign-in for a number of minutes. Each opening makes a new random token, so
 * a QR code photographed and passed on stops working when the secretary reopens. The token is
 * answered here; the database keeps its hash (for look-up) and a sealed copy (so the managers can
 * show the open code again, see currentSignin). Attendees not yet signed in are told sign-in is open.
 */
export async function openSignin(ctx: ServerContext, options: Caller & { activityId: string; minutes: number }): Promise<SigninOpened> {
  const { actor } = options;
  const activity = await loadManaged(ctx, actor, options.activityId);
  if (activity.status === 'cancelled') throw new AppError('ATTENDANCE_ACTIVITY_CANCELLED');
  const token = newSigninToken();
  const opensAt = ctx.now();
  const expiresAt = new Date(opensAt.getTime() + options.minutes * 60_000);
  await ctx.db.transaction().execute(async (trx) => {
    // The hash finds a scanned code; the sealed copy lets a manager show the open code on another device.
    await repo.setSignin(trx, activity.id, { tokenHash: hashSigninToken(token), tokenSealed: ctx.pii.encrypt(token), opensAt, expiresAt });
    await recordAudit(trx, {
      actor,
      action: 'attendance.signin_open',
      entityType: 'activity',
      entityId: activity.id,
      orgId: activity.org_id,
      ip: options.ip,
      after: { opensAt: opensAt.toISOString(), expiresAt: expiresAt.toISOString(), minutes: options.minutes },
    });
    const waiting = (await repo.listAttendees(trx, activity.id)).filter((r) => r.status === 'pending').map((r) => r.person_id);
    if (waiting.length > 0) {
      await notify(trx, ctx, {
        recipients: { personIds: waiting },
        kind: 'signin_open',
        params: { activityKind: activity.kind as ActivityKind, topic: activity.topic, expiresAt: localDateTime(expiresAt, ctx.config.timeZone) },
        // Not the sign-in link itself: members sign in by scanning the code shown at the meeting.
        link: '/my-life',
        dedupeKey: `signin_open:${activity.id}:${opensAt.getTime()}`,
      });
    }
  });
  return { token, path: `/s/${token}`, opensAt: opensAt.toISOString(), expiresAt: expiresAt.toISOString() };
}

/**
 * The sign-in code that is open now, for a manager of the activity on another device (the meeting
 * room's screen, a colleague's laptop): the same code, not a new one, so codes already scanned keep
 * working. Refused when nothing is open; a code opened before codes were kept sealed (or closed
 * since) cannot be shown again, and the secretary reopens instead.
 */
export async function currentSignin(ctx: ServerContext, options: { actor: Actor; activityId: string }): Promise<SigninOpened> {
  const activity = await loadManaged(ctx, options.actor, options.activityId);
  const row = await repo.findSealedSignin(ctx.db, activity.id);
  if (!row || !row.signin_token_sealed || !signinStateOf(row, ctx.now()).open) throw new AppError('SIGNIN_NOT_OPEN');
  const token = ctx.pii.decrypt(row.signin_token_sealed);
  return { token, path: `/s/${token}`, opensAt: new Date(row.signin_opens_at!).toISOString(), expiresAt: new Date(row.signin_expires_at!).toISOString() };
}

/** Ends the sign-in window now; members are then told to ask the secretary to reopen or mark them. */
export async function closeSignin(ctx: ServerContext, options: Caller & { activityId: string }): Promise<SigninState> {
  const { actor } = options;
  const activity = await loadManaged(ctx, actor, options.activityId);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.closeSignin(trx, activity.id, now);
    await recordAudit(trx, { actor, action: 'attendance.signin_close', entityType: 'activity', entityId: activity.id, orgId: activity.org_id, ip: options.ip });
  });
  const after = await repo.findActivity(ctx.db, activity.id);
  return signinStateOf(after ?? activity, now);
}

function presentSignin(row: repo.SigninLookupRow, now: Date): SigninView {
  return {
    activityId: row.id,
    kind: row.kind as ActivityKind,
    topic: row.topic,
    orgId: row.org_id,
    orgName: row.org_name,
    activityStatus: row.status as ActivityStatus,
    plannedStart: new Date(row.planned_start).toISOString(),
    plannedEnd: iso(row.planned_end),
    place: row.place,
    onlineLink: row.online_link,
    signin: signinStateOf(row, now),
    myRole: (row.my_role ?? null) as AttendeeRole | null,
    myStatus: (row.my_status ?? null) as AttendanceStatus | null,
    signedInAt: iso(row.my_signed_in_at ?? null),
  };
}

/** What the QR code opens. A token that was never issued, or was replaced by a reopening, reads as closed. */
export async function viewSignin(ctx: ServerContext, options: { actor: Actor; token: string }): Promise<SigninView> {
  const personId = requirePerson(options.actor);
  const row = await repo.findBySigninHash(ctx.db, hashSigninToken(options.token), personId, false);
  if (!row) throw new AppError('SIGNIN_CLOSED');
  return presentSignin(row, ctx.now());
}

/**
 * Signs the caller's own person in. The hot path is one indexed read (token hash + own attendee
 * row, holding the activity row shared) and one update. Someone already present gets the same
 * answer again, even after the window closed, so a phone that retries never sees an error.
 */
export async function signIn(ctx: ServerContext, options: { actor: Actor; token: string }): Promise<SigninView> {
  const { actor } = options;
  const personId = requirePerson(actor);
  const tokenHash = hashSigninToken(options.token);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findBySigninHash(trx, tokenHash, personId, true);
    if (!row) throw new AppError('SIGNIN_CLOSED');
    if (row.status === 'cancelled') throw new AppError('ATTENDANCE_ACTIVITY_CANCELLED');
    if (!row.my_role) throw new AppError('SIGNIN_NOT_EXPECTED');
    if (row.my_status === 'present') return presentSignin(row, now);
    if (!signinStateOf(row, now).open) throw new AppError('SIGNIN_CLOSED');
    const marked = await repo.markSignedIn(trx, { activityId: row.id, personId, userId: actor.userId, now });
    await attendanceChanged(trx, ctx, row, actor.userId);
    return presentSignin({ ...row, my_status: 'present', my_signed_in_at: marked?.signed_in_at ?? now }, now);
  });
}

function presentMine(row: repo.MyActivityRow, now: Date): MyActivityView {
  return {
    activityId: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    kind: row.kind as ActivityKind,
    topic: row.topic,
    activityStatus: row.status as ActivityStatus,
    plannedStart: new Date(row.planned_start).toISOString(),
    plannedEnd: iso(row.planned_end),
    heldOn: row.held_on,
    place: row.place,
    onlineLink: row.online_link,
    myRole: row.my_role as AttendeeRole,
    myStatus: row.my_status as AttendanceStatus,
    leaveReason: row.leave_reason,
    signedInAt: iso(row.my_signed_in_at),
    signinOpen: row.status !== 'cancelled' && signinStateOf(row, now).open,
  };
}

/**
 * The caller's own attendee row of a planned activity, locked with the activity for a leave write.
 * An activity the caller is not an attendee of does not exist for them.
 */
async function lockOwnPlanned(trx: Transaction<DB>, activityId: string, personId: string) {
  const locked = await repo.lockActivity(trx, activityId, 'share');
  const mine = locked ? await repo.findMyActivity(trx, personId, activityId) : undefined;
  if (!locked || !mine) throw new AppError('ACTIVITY_NOT_FOUND');
  if (mine.status === 'cancelled') throw new AppError('ATTENDANCE_ACTIVITY_CANCELLED');
  if (mine.status !== 'planned') throw new AppError('LEAVE_TOO_LATE');
  return mine;
}

/**
 * A member asks for leave (请假) while the activity is still planned; a second request replaces the
 * reason. The secretary's marking overrides it later if need be. Someone already present (signed
 * in or marked) cannot ask for leave: that would undo a record of attendance.
 */
export async function requestLeave(ctx: ServerContext, options: Caller & { activityId: string; reason: string }): Promise<MyActivityView> {
  const { actor } = options;
  const personId = requirePerson(actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const mine = await lockOwnPlanned(trx, options.activityId, personId);
    if (mine.my_status === 'present') throw new AppError('LEAVE_ALREADY_PRESENT');
    await repo.recordLeaveRequest(trx, { activityId: mine.id, personId, userId: actor.userId, reason: options.reason, now });
    await recordAudit(trx, {
      actor,
      action: 'attendance.leave_request',
      entityType: 'activity',
      entityId: mine.id,
      orgId: mine.org_id,
      ip: options.ip,
      before: { status: mine.my_status },
      after: { status: 'leave', reason: options.reason },
    });
    await attendanceChanged(trx, ctx, mine, actor.userId);
  });
  return presentMine((await repo.findMyActivity(ctx.db, personId, options.activityId))!, now);
}

/** A member withdraws their own leave request while the activity is planned; a leave the secretary marked is theirs to change. */
export async function withdrawLeave(ctx: ServerContext, options: Caller & { activityId: string }): Promise<MyActivityView> {
  const { actor } = options;
  const personId = requirePerson(actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const mine = await lockOwnPlanned(trx, options.activityId, personId);
    const via = (await repo.findAttendees(trx, mine.id, [personId]))[0]?.marked_via ?? null;
    if (mine.my_status !== 'leave' || via !== 'leave_request') throw new AppError('LEAVE_NOT_REQUESTED');
    await repo.withdrawLeaveRequest(trx, { activityId: mine.id, personId, now });
    await recordAudit(trx, {
      actor,
      action: 'attendance.leave_withdraw',
      entityType: 'activity',
      entityId: mine.id,
      orgId: mine.org_id,
      ip: options.ip,
      before: { status: 'leave', reason: mine.leave_reason },
      after: { status: 'pending' },
    });
    await attendanceChanged(trx, ctx, mine, actor.userId);
  });
  return presentMine((await repo.findMyActivity(ctx.db, personId, options.activityId))!, now);
}

/** What is coming (planned activities I am expected at, 60 days ahead) and what is open (make-up study). */
export async function myObligations(ctx: ServerContext, options: { actor: Actor }): Promise<ObligationsView> {
  const personId = requirePerson(options.actor);
  const now = ctx.now();
  const from = localDayStart(todayIn(ctx), ctx.config.timeZone);
  const until = new Date(now.getTime() + obligationsHorizonDays * 86_400_000);
  const [rows, open] = await Promise.all([repo.listUpcomingForPerson(ctx.db, { personId, from, until, now }), makeup.listMine(ctx, { actor: options.actor, openOnly: true })]);
  const upcoming = rows.map((r) => presentMine(r, now));
  return {
    upcoming,
    makeup: open,
    counts: { upcoming: upcoming.length, signinOpen: upcoming.filter((u) => u.signinOpen).length, makeupOpen: open.length, makeupOverdue: open.filter((m) => m.overdue).length },
  };
}

/** The held activities of a year (local days) I was expected at, with my status. */
export async function myActivities(ctx: ServerContext, options: { actor: Actor; year?: number | undefined }): Promise<MyActivitiesView> {
  const personId = requirePerson(options.actor);
  const year = options.year ?? Number(todayIn(ctx).slice(0, 4));
  const rows = await repo.listHeldForPerson(ctx.db, { personId, firstDay: `${year}-01-01`, lastDay: `${year}-12-31` });
  const now = ctx.now();
  const items = rows.map((r) => presentMine(r, now));
  const n = (s: AttendanceStatus) => items.filter((i) => i.myStatus === s).length;
  return { year, items, counts: { expected: items.length, present: n('present'), absent: n('absent'), leave: n('leave') } };
}
