/**
 * Attendance contract (出席): the secretary marks who attended, members sign in with a
 * time-limited QR code (no GPS, no photo), and members ask for leave with a reason. Also the
 * member's own views of organisational life: "my obligations" (what is coming and what is open)
 * and "my activities" (the year's history with my status).
 *
 * Endpoints (all under /api/v1):
 *   GET  /activities/{id}/attendance          the attendance sheet (managers of the activity's organisation)
 *   PUT  /activities/{id}/attendance          mark present / absent / leave in bulk; answers the sheet (managers)
 *   POST /activities/{id}/signin              open or reopen sign-in; a new token each time (managers)
 *   GET  /activities/{id}/signin              the code open now, the same one (another device shows it; managers)
 *   POST /activities/{id}/signin/close        close sign-in; answers the sign-in state (managers)
 *   GET  /signin/{token}                      what the QR code opens: the activity and my status (any linked account)
 *   POST /signin/{token}                      sign myself in; a second call answers the same (any linked account)
 *   POST /me/activities/{id}/leave            ask for leave with a reason (the attendee, while the activity is planned);
 *                                             answers my view of the activity
 *   DELETE /me/activities/{id}/leave          withdraw my own leave request while the activity is planned (back to
 *                                             not signed in); answers my view of the activity
 *   GET  /me/obligations                      upcoming activities (60 days) I am expected at, open make-up study, counts
 *   GET  /me/activities?year                  the held activities of a year I was expected at, with my status
 */
import { z } from 'zod';
import { activityKinds, activityStatuses, attendanceStatuses, attendeeRoles } from '../rules/org-life/kinds.ts';
import { makeupView } from './makeup.ts';

/** What a secretary may set; 'pending' is only the state before anyone marks. */
export const attendanceMarkStatuses = ['present', 'absent', 'leave'] as const;
export type AttendanceMarkStatus = (typeof attendanceMarkStatuses)[number];

/** How an attendee's status was last set. */
export const attendanceMarkedVia = ['secretary', 'qr', 'leave_request'] as const;
export type AttendanceMarkedVia = (typeof attendanceMarkedVia)[number];

export const attendanceActivityParams = z.object({ id: z.uuid() });

/**
 * Bulk marking. Every person must already be an attendee of the activity (expected, guest or
 * auditor); `leave` needs a reason (the form can prefill the reason of the member's own leave
 * request). The whole list is written in one transaction or not at all; the error names the first
 * person that is refused.
 */
export const attendanceMarkEntry = z.object({
  personId: z.uuid(),
  status: z.enum(attendanceMarkStatuses),
  leaveReason: z.string().trim().min(1).max(500).optional(),
});
export type AttendanceMarkEntry = z.infer<typeof attendanceMarkEntry>;

/** The most entries one marking (or one record with its attendance) may carry. */
export const attendanceMarkMaxEntries = 5000;

export const attendanceMarkInput = z.object({
  entries: z.array(attendanceMarkEntry).min(1).max(attendanceMarkMaxEntries),
});
export type AttendanceMarkInput = z.infer<typeof attendanceMarkInput>;

export const attendanceEntryView = z.object({
  personId: z.string(),
  name: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  role: z.enum(attendeeRoles),
  /** Full members vote; probationary members do not. */
  voting: z.boolean(),
  status: z.enum(attendanceStatuses),
  leaveReason: z.string().nullable(),
  leaveRequestedAt: z.string().nullable(),
  signedInAt: z.string().nullable(),
  markedVia: z.enum(attendanceMarkedVia).nullable(),
  updatedAt: z.string(),
});
export type AttendanceEntryView = z.infer<typeof attendanceEntryView>;

/** Counts over the expected attendees only (guests and auditors are listed but not counted). */
export const attendanceCounts = z.object({
  expected: z.number().int(),
  present: z.number().int(),
  absent: z.number().int(),
  leave: z.number().int(),
  pending: z.number().int(),
});
export type AttendanceCounts = z.infer<typeof attendanceCounts>;

/** Whether QR sign-in is open now; the token itself comes only from opening, or GET /activities/{id}/signin (managers). */
export const signinState = z.object({
  open: z.boolean(),
  opensAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type SigninState = z.infer<typeof signinState>;

export const attendanceSheet = z.object({
  activityId: z.string(),
  activityStatus: z.enum(activityStatuses),
  signin: signinState,
  counts: attendanceCounts,
  /** Expected attendees first, then guests and auditors; by name within each. */
  attendees: z.array(attendanceEntryView),
});
export type AttendanceSheet = z.infer<typeof attendanceSheet>;

/** Sign-in stays open for 5 minutes to 4 hours; 30 minutes unless the secretary chooses. */
export const signinMinutes = { min: 5, max: 240, default: 30 } as const;

export const signinOpenInput = z.object({
  minutes: z.number().int().min(signinMinutes.min).max(signinMinutes.max).default(signinMinutes.default),
});
export type SigninOpenInput = z.infer<typeof signinOpenInput>;

/**
 * Answer to opening sign-in, and to asking for the code open now: the server looks codes up by
 * their hash and keeps a sealed copy so managers can show the same code on another device.
 * `path` is the web app's route the QR code encodes ('/s/<token>'); the client prefixes its origin.
 * Reopening gives a new token and the old QR code stops working.
 */
export const signinOpened = z.object({
  token: z.string(),
  path: z.string(),
  opensAt: z.string(),
  expiresAt: z.string(),
});
export type SigninOpened = z.infer<typeof signinOpened>;

export const signinTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/) });

/**
 * What a member sees on opening the QR link, and what signing in answers (the same shape, so a
 * repeated sign-in answers exactly as the first). `myStatus` is null when the caller is not an
 * attendee of the activity.
 */
export const signinView = z.object({
  activityId: z.string(),
  kind: z.enum(activityKinds),
  topic: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  activityStatus: z.enum(activityStatuses),
  plannedStart: z.string(),
  plannedEnd: z.string().nullable(),
  place: z.string().nullable(),
  onlineLink: z.string().nullable(),
  signin: signinState,
  myRole: z.enum(attendeeRoles).nullable(),
  myStatus: z.enum(attendanceStatuses).nullable(),
  signedInAt: z.string().nullable(),
});
export type SigninView = z.infer<typeof signinView>;

export const leaveRequestInput = z.object({ reason: z.string().trim().min(2).max(500) });
export type LeaveRequestInput = z.infer<typeof leaveRequestInput>;

/** One activity as its attendee sees it (obligations, history, the answer to a leave request). */
export const myActivityView = z.object({
  activityId: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  kind: z.enum(activityKinds),
  topic: z.string(),
  activityStatus: z.enum(activityStatuses),
  plannedStart: z.string(),
  plannedEnd: z.string().nullable(),
  /** Local calendar day it was held (deployment time zone); null until recorded. */
  heldOn: z.string().nullable(),
  place: z.string().nullable(),
  onlineLink: z.string().nullable(),
  myRole: z.enum(attendeeRoles),
  myStatus: z.enum(attendanceStatuses),
  leaveReason: z.string().nullable(),
  signedInAt: z.string().nullable(),
  /** Sign-in is open right now (the member opens the QR code shown at the meeting to sign in). */
  signinOpen: z.boolean(),
});
export type MyActivityView = z.infer<typeof myActivityView>;

/** How far ahead "my obligations" looks. */
export const obligationsHorizonDays = 60;

export const obligationsView = z.object({
  /** Planned activities I am expected at, from today to 60 days ahead, soonest first. */
  upcoming: z.array(myActivityView),
  /** My open make-up study, earliest due first. */
  makeup: z.array(makeupView),
  counts: z.object({
    upcoming: z.number().int(),
    signinOpen: z.number().int(),
    makeupOpen: z.number().int(),
    makeupOverdue: z.number().int(),
  }),
});
export type ObligationsView = z.infer<typeof obligationsView>;

export const myActivitiesQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export type MyActivitiesQuery = z.infer<typeof myActivitiesQuery>;

export const myActivitiesView = z.object({
  year: z.number().int(),
  /** Held activities of the year I was expected at, newest first. */
  items: z.array(myActivityView),
  counts: z.object({ expected: z.number().int(), present: z.number().int(), absent: z.number().int(), leave: z.number().int() }),
});
export type MyActivitiesView = z.infer<typeof myActivitiesView>;
