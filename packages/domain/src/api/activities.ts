/**
 * Activities contract (三会一课 and the rest of organisational life, domain.md §4): plan an activity,
 * record it as held, correct the record, cancel it; guests and auditors; resolutions with their
 * vote. Who should attend is never typed: the server derives it from the organisation (the branch's
 * members, the committee, the party group, the central group's members…) when the activity is
 * planned and again when it is recorded. Heart-to-heart talks name their participants.
 *
 * Endpoints (all under /api/v1):
 *   POST   /activities                              plan one (managers of the organisation)
 *   GET    /activities?orgId&from&to&kind&status&page   a subtree's activities with attendance counts (managers)
 *   GET    /activities/calendar?orgId&month&kind&status  a month's activities per local day, counted by kind and status (managers)
 *   GET    /activities/{id}                         the full record (managers; an attendee sees a limited view)
 *   PATCH  /activities/{id}                         edit a planned or held one (optimistic `version`)
 *   POST   /activities/{id}/cancel                  cancel a planned one with a reason
 *   POST   /activities/{id}/record                  record as held (or correct a held record), with the attendance in one go
 *   POST   /activities/{id}/guests                  add a guest or auditor (by name, or a person of the deployment)
 *   DELETE /activities/{id}/guests/{guestId}        remove one (guestId = the guest's id, or the person's id)
 *   POST   /activities/{id}/resolutions             record a resolution of a held assembly or committee meeting
 *   POST   /activities/{id}/attachments             link an uploaded attachment (see attachments.ts)
 *   DELETE /activities/{id}/attachments/{attachmentId}  unlink it (the file stays for other records)
 *
 * Instants are ISO 8601 with an offset ('2026-07-01T09:00:00+08:00'); `heldOn` is the local
 * calendar day in the deployment's time zone, the key of every month/quarter/year figure.
 */
import { z } from 'zod';
import { activityKinds, activityStatuses, attendanceStatuses, attendeeRoles, studyForms, type ActivityKind } from '../rules/org-life/kinds.ts';
import { attendanceCounts, attendanceMarkEntry, attendanceMarkMaxEntries, attendanceMarkedVia } from './attendance.ts';
import { isoDate, page, pageQuery } from './common.ts';

/** Kinds run by a central study group (理论学习中心组): they need `centralGroupId`. */
export const centralGroupActivityKinds = ['central_group_study', 'democratic_life_meeting'] as const satisfies readonly ActivityKind[];
export const isCentralGroupKind = (kind: ActivityKind) => (centralGroupActivityKinds as readonly string[]).includes(kind);

/** Kinds that vote on resolutions (quorum and majority rules of meeting-rules.ts). */
export const resolutionActivityKinds = ['member_assembly', 'committee_meeting'] as const satisfies readonly ActivityKind[];

/** Heart-to-heart talks name at least two people (the one who talks and the one talked with). */
export const talkParticipants = { min: 2, max: 20 } as const;

/** Message codes of this contract's own validation rules (spread into apiMessages). */
export const activityApiMessages = {
  ACTIVITY_END_BEFORE_START: { 'zh-CN': '结束时间必须晚于开始时间。', en: 'The end must be later than the start.' },
  ACTIVITY_SPEAKER_ONE_OF: {
    'zh-CN': '主讲人请从人员中选择，或填写姓名，二者只能选其一。',
    en: 'Choose the speaker from the people or type a name, not both.',
  },
  ACTIVITY_PARTICIPANTS_REQUIRED: {
    'zh-CN': '谈心谈话请选择谈话双方（至少 2 人）。',
    en: 'A heart-to-heart talk needs its participants (at least 2 people).',
  },
  ACTIVITY_PARTICIPANTS_ONLY_TALKS: {
    'zh-CN': '只有谈心谈话需要选择参加人员；其他活动的应到人员由系统根据组织自动确定。',
    en: 'Only heart-to-heart talks name their participants; for other activities those who should attend are derived from the organisation.',
  },
  ACTIVITY_CENTRAL_GROUP_REQUIRED: {
    'zh-CN': '理论学习中心组学习和民主生活会请选择所属的中心组。',
    en: 'Central group study and democratic life meetings need their central study group.',
  },
  ACTIVITY_CENTRAL_GROUP_ONLY_CENTRAL_KINDS: {
    'zh-CN': '只有理论学习中心组学习和民主生活会属于中心组，请不要为其他活动选择中心组。',
    en: 'Only central group study and democratic life meetings belong to a central group; leave it empty for other activities.',
  },
  ACTIVITY_PARTICIPANTS_DUPLICATE: { 'zh-CN': '同一人员只能选择一次。', en: 'Each person may be chosen only once.' },
} as const satisfies Record<string, { 'zh-CN': string; en: string }>;

/** An instant with its offset, e.g. '2026-07-01T09:00:00+08:00' or '2026-07-01T01:00:00Z'. */
export const instant = z.iso.datetime({ offset: true });

const topic = z.string().trim().min(1).max(200);
const place = z.string().trim().min(1).max(200);
const onlineLink = z.url().max(500);
const speakerName = z.string().trim().min(1).max(50);
const materials = z.string().trim().max(20000);
const minutesText = z.string().trim().max(50000);

/** Field-level rules that do not depend on the database, shared by the schemas and the server. */
export type ActivityFieldsIssue = { path: string; code: keyof typeof activityApiMessages };

export function checkActivityFields(input: {
  kind: ActivityKind;
  plannedStart?: string | null | undefined;
  plannedEnd?: string | null | undefined;
  speakerPersonId?: string | null | undefined;
  speakerName?: string | null | undefined;
  centralGroupId?: string | null | undefined;
  participantIds?: readonly string[] | null | undefined;
}): ActivityFieldsIssue[] {
  const issues: ActivityFieldsIssue[] = [];
  if (input.plannedStart && input.plannedEnd && Date.parse(input.plannedEnd) <= Date.parse(input.plannedStart)) {
    issues.push({ path: 'plannedEnd', code: 'ACTIVITY_END_BEFORE_START' });
  }
  if (input.speakerPersonId && input.speakerName) issues.push({ path: 'speakerName', code: 'ACTIVITY_SPEAKER_ONE_OF' });
  const talk = input.kind === 'heart_to_heart_talk';
  const participants = input.participantIds ?? [];
  if (talk && participants.length < talkParticipants.min) issues.push({ path: 'participantIds', code: 'ACTIVITY_PARTICIPANTS_REQUIRED' });
  if (!talk && participants.length > 0) issues.push({ path: 'participantIds', code: 'ACTIVITY_PARTICIPANTS_ONLY_TALKS' });
  if (new Set(participants).size !== participants.length) issues.push({ path: 'participantIds', code: 'ACTIVITY_PARTICIPANTS_DUPLICATE' });
  const central = isCentralGroupKind(input.kind);
  if (central && !input.centralGroupId) issues.push({ path: 'centralGroupId', code: 'ACTIVITY_CENTRAL_GROUP_REQUIRED' });
  if (!central && input.centralGroupId) issues.push({ path: 'centralGroupId', code: 'ACTIVITY_CENTRAL_GROUP_ONLY_CENTRAL_KINDS' });
  return issues;
}

const withFieldChecks = <T extends z.ZodType<Parameters<typeof checkActivityFields>[0]>>(schema: T) =>
  schema.superRefine((value, ctx) => {
    for (const issue of checkActivityFields(value)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.code });
  });

/**
 * Plan an activity. Who should attend is derived by the server; only a heart-to-heart talk names
 * its `participantIds`. `speakerPersonId` (a person of the deployment) or `speakerName`, not both.
 */
export const activityCreateInput = withFieldChecks(
  z.object({
    orgId: z.uuid(),
    kind: z.enum(activityKinds),
    topic,
    plannedStart: instant,
    plannedEnd: instant.optional(),
    place: place.optional(),
    onlineLink: onlineLink.optional(),
    studyForm: z.enum(studyForms).optional(),
    speakerPersonId: z.uuid().optional(),
    speakerName: speakerName.optional(),
    materials: materials.optional(),
    partnerOrgIds: z.array(z.uuid()).max(50).optional(),
    centralGroupId: z.uuid().optional(),
    participantIds: z.array(z.uuid()).max(talkParticipants.max).optional(),
  }),
);
export type ActivityCreateInput = z.infer<typeof activityCreateInput>;

/**
 * Edit a planned or held activity. Absent fields stay as they are; null clears an optional field.
 * Changing `kind`, `centralGroupId` or `participantIds` re-derives who should attend (people
 * already marked keep their mark). The organisation cannot change: cancel and plan anew.
 */
export const activityUpdateInput = z.object({
  version: z.number().int().min(1),
  kind: z.enum(activityKinds).optional(),
  topic: topic.optional(),
  plannedStart: instant.optional(),
  plannedEnd: instant.nullable().optional(),
  place: place.nullable().optional(),
  onlineLink: onlineLink.nullable().optional(),
  studyForm: z.enum(studyForms).nullable().optional(),
  speakerPersonId: z.uuid().nullable().optional(),
  speakerName: speakerName.nullable().optional(),
  materials: materials.nullable().optional(),
  partnerOrgIds: z.array(z.uuid()).max(50).optional(),
  centralGroupId: z.uuid().nullable().optional(),
  participantIds: z.array(z.uuid()).max(talkParticipants.max).optional(),
});
export type ActivityUpdateInput = z.infer<typeof activityUpdateInput>;

export const activityCancelInput = z.object({
  reason: z.string().trim().min(1).max(500),
  /** When given, the cancellation is refused if someone changed the activity since it was read. */
  version: z.number().int().min(1).optional(),
});
export type ActivityCancelInput = z.infer<typeof activityCancelInput>;

/**
 * Record an activity as held, or correct the record of a held one. `actualStart` cannot be in the
 * future. The server sets heldOn (local day of actualStart), the credit hours (from the length and
 * the rule set) and re-derives who should attend. Absent optional fields keep their value.
 */
export const activityRecordInput = z
  .object({
    version: z.number().int().min(1),
    actualStart: instant,
    actualEnd: instant.nullable().optional(),
    topic: topic.optional(),
    place: place.nullable().optional(),
    onlineLink: onlineLink.nullable().optional(),
    studyForm: z.enum(studyForms).nullable().optional(),
    speakerPersonId: z.uuid().nullable().optional(),
    speakerName: speakerName.nullable().optional(),
    materials: materials.nullable().optional(),
    minutes: minutesText.nullable().optional(),
    /**
     * Attendance written in the same transaction as the record (same entries as PUT
     * /activities/{id}/attendance). Entries may name people the recording itself makes expected
     * (someone who joined the branch since planning). Every expected attendee must end up marked:
     * a record leaving anyone 'pending' is refused with their names.
     */
    attendance: z.array(attendanceMarkEntry).max(attendanceMarkMaxEntries).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.actualEnd && Date.parse(value.actualEnd) <= Date.parse(value.actualStart)) {
      ctx.addIssue({ code: 'custom', path: ['actualEnd'], message: 'ACTIVITY_END_BEFORE_START' });
    }
    if (value.speakerPersonId && value.speakerName) ctx.addIssue({ code: 'custom', path: ['speakerName'], message: 'ACTIVITY_SPEAKER_ONE_OF' });
  });
export type ActivityRecordInput = z.infer<typeof activityRecordInput>;

/**
 * A subtree's activities. Without orgId: every subtree the caller manages. `from`/`to` are local
 * days (inclusive): a held activity is placed on the day it was held, any other on the local day
 * of its planned start.
 */
export const activityListQuery = pageQuery.extend({
  orgId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  kind: z.enum(activityKinds).optional(),
  status: z.enum(activityStatuses).optional(),
});
export type ActivityListQuery = z.infer<typeof activityListQuery>;

/**
 * The month view of the calendar: how many activities fall on each local day (placed as in the
 * list), by kind and by status — never capped, however many a subtree holds. A day's activities
 * are then listed with GET /activities?from=day&to=day. Without orgId: every subtree the caller manages.
 */
export const activityCalendarQuery = z.object({
  orgId: z.uuid().optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
  kind: z.enum(activityKinds).optional(),
  status: z.enum(activityStatuses).optional(),
});
export type ActivityCalendarQuery = z.infer<typeof activityCalendarQuery>;

export const activityCalendarDay = z.object({
  /** Local calendar day, 'YYYY-MM-DD'. */
  day: isoDate,
  total: z.number().int(),
  byKind: z.partialRecord(z.enum(activityKinds), z.number().int()),
  byStatus: z.partialRecord(z.enum(activityStatuses), z.number().int()),
});
export type ActivityCalendarDay = z.infer<typeof activityCalendarDay>;

/** Only days with at least one activity, in order. */
export const activityCalendar = z.object({ month: z.string(), total: z.number().int(), days: z.array(activityCalendarDay) });
export type ActivityCalendar = z.infer<typeof activityCalendar>;

export const activityIdParams = z.object({ id: z.uuid() });
export const activityGuestParams = z.object({ id: z.uuid(), guestId: z.uuid() });
export const activityAttachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });

/** One line of the list and the calendar. Counts are over the expected attendees only. */
export const activitySummary = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  kind: z.enum(activityKinds),
  status: z.enum(activityStatuses),
  topic: z.string(),
  plannedStart: z.string(),
  plannedEnd: z.string().nullable(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  heldOn: z.string().nullable(),
  place: z.string().nullable(),
  onlineLink: z.string().nullable(),
  studyForm: z.enum(studyForms).nullable(),
  planId: z.string().nullable(),
  centralGroupId: z.string().nullable(),
  /** Study credit one attendance earns (学时); null until held. */
  creditHours: z.number().nullable(),
  counts: attendanceCounts,
  version: z.number().int(),
});
export type ActivitySummary = z.infer<typeof activitySummary>;

export const activityPage = page(activitySummary);
export type ActivityPage = z.infer<typeof activityPage>;

export const activityAttendeeView = z.object({
  personId: z.string(),
  name: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  role: z.enum(attendeeRoles),
  /** Full members vote; probationary members do not. */
  voting: z.boolean(),
  status: z.enum(attendanceStatuses),
  /** Null in an attendee's limited view for everyone but themselves. */
  leaveReason: z.string().nullable(),
  signedInAt: z.string().nullable(),
  markedVia: z.enum(attendanceMarkedVia).nullable(),
});
export type ActivityAttendeeView = z.infer<typeof activityAttendeeView>;

export const guestKinds = ['guest', 'auditor'] as const;
export type GuestKind = (typeof guestKinds)[number];
export const guestKindLabels: Record<GuestKind, { 'zh-CN': string; en: string }> = {
  guest: { 'zh-CN': '列席', en: 'Guest' },
  auditor: { 'zh-CN': '列席旁听（督导）', en: 'Auditor' },
};

/**
 * A guest or auditor: recorded by name (personId null; id is the guest's own id) or a person of
 * the deployment (personId set; id equals personId, and they also appear among the attendees so
 * their attendance can be marked).
 */
export const activityGuestView = z.object({
  id: z.string(),
  kind: z.enum(guestKinds),
  personId: z.string().nullable(),
  name: z.string(),
  unit: z.string().nullable(),
  note: z.string().nullable(),
});
export type ActivityGuestView = z.infer<typeof activityGuestView>;

export const activityGuestInput = z.union([
  z.object({ kind: z.enum(guestKinds), personId: z.uuid() }),
  z.object({
    kind: z.enum(guestKinds),
    name: z.string().trim().min(1).max(50),
    unit: z.string().trim().min(1).max(100).optional(),
    note: z.string().trim().min(1).max(500).optional(),
  }),
]);
export type ActivityGuestInput = z.infer<typeof activityGuestInput>;

export const resolutionInput = z.object({
  title: z.string().trim().min(1).max(300),
  ayes: z.number().int().min(0),
  nays: z.number().int().min(0),
  abstentions: z.number().int().min(0),
});
export type ResolutionInput = z.infer<typeof resolutionInput>;

/**
 * A recorded resolution. votingMembers (those who should attend with a vote; for a committee
 * meeting, the committee) and presentVoting come from the attendance record, never typed.
 * `verdict` says in both languages whether it passed and why.
 */
export const resolutionView = z.object({
  id: z.string(),
  activityId: z.string(),
  title: z.string(),
  votingMembers: z.number().int(),
  presentVoting: z.number().int(),
  ayes: z.number().int(),
  nays: z.number().int(),
  abstentions: z.number().int(),
  /** Ayes a motion needs: more than half of those who should attend. */
  ayesNeeded: z.number().int(),
  passed: z.boolean(),
  verdict: z.object({ 'zh-CN': z.string(), en: z.string() }),
  recordedAt: z.string(),
});
export type ResolutionView = z.infer<typeof resolutionView>;

/** '应到有表决权党员 9 人，赞成 5 票，超过半数（需 5 票），通过。' and its English. */
export function resolutionVerdict(r: {
  kind: 'member_assembly' | 'committee_meeting';
  votingMembers: number;
  ayes: number;
  ayesNeeded: number;
  passed: boolean;
}): { 'zh-CN': string; en: string } {
  const whoZh = r.kind === 'committee_meeting' ? `应到支委 ${r.votingMembers} 人` : `应到有表决权党员 ${r.votingMembers} 人`;
  const whoEn = r.kind === 'committee_meeting' ? `${r.votingMembers} committee members` : `${r.votingMembers} voting members should attend`;
  return r.passed
    ? {
        'zh-CN': `${whoZh}，赞成 ${r.ayes} 票，超过半数（至少 ${r.ayesNeeded} 票），表决通过。`,
        en: `${whoEn}; ${r.ayes} ayes, more than half (at least ${r.ayesNeeded}): passed.`,
      }
    : {
        'zh-CN': `${whoZh}，赞成 ${r.ayes} 票，未超过应到人数的半数（至少需要 ${r.ayesNeeded} 票），未通过。`,
        en: `${whoEn}; ${r.ayes} ayes is not more than half of them (at least ${r.ayesNeeded} needed): not passed.`,
      };
}

export const activityAttachmentInput = z.object({ attachmentId: z.uuid() });
export type ActivityAttachmentInput = z.infer<typeof activityAttachmentInput>;

/** An attachment as a record lists it; download with GET /attachments/{id}/download. */
export const linkedAttachmentView = z.object({
  id: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
  /** API path that downloads the file. */
  downloadUrl: z.string(),
});
export type LinkedAttachmentView = z.infer<typeof linkedAttachmentView>;

export const activityDetail = activitySummary.extend({
  speakerPersonId: z.string().nullable(),
  /** The person's name when the speaker is a person of the deployment, else the typed name. */
  speakerName: z.string().nullable(),
  materials: z.string().nullable(),
  minutes: z.string().nullable(),
  cancelReason: z.string().nullable(),
  partnerOrgs: z.array(z.object({ id: z.string(), name: z.string() })),
  centralGroup: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Expected attendees first, then guests and auditors who are people; by name within each. */
  attendees: z.array(activityAttendeeView),
  guests: z.array(activityGuestView),
  resolutions: z.array(resolutionView),
  attachments: z.array(linkedAttachmentView),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** True for managers (full view, may edit); false for an attendee's limited view. */
  canManage: z.boolean(),
});
export type ActivityDetail = z.infer<typeof activityDetail>;

/** The answer to recording a resolution: the resolution with its verdict, and the activity. */
export const resolutionRecorded = z.object({ resolution: resolutionView, activity: activityDetail });
export type ResolutionRecorded = z.infer<typeof resolutionRecorded>;
