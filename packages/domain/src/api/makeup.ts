/**
 * Make-up study contract (补学). When an activity is recorded as held, each expected attendee who
 * was absent or on leave gets an assignment: read the meeting's materials, then write a short note;
 * the note closes it. Secretaries see what is outstanding in their subtree. Make-up study earns no
 * study hours: credit is for attended sessions.
 *
 * Endpoints (all under /api/v1):
 *   GET  /makeup?orgId&status&page     assignments of a subtree (managers)
 *   GET  /me/makeup                    my assignments, open ones first
 *   GET  /me/makeup/{id}               one of mine, with the meeting's materials and attachments
 *   POST /me/makeup/{id}/read          I have read the materials (needed before completing); answers the detail
 *   POST /me/makeup/{id}/complete      my note (20–2000 characters) closes it; answers the detail
 */
import { z } from 'zod';
import { activityKinds, studyForms } from '../rules/org-life/kinds.ts';
import { page, pageQuery } from './common.ts';

export const makeupStatuses = ['open', 'done'] as const;
export type MakeupStatus = (typeof makeupStatuses)[number];

export const makeupStatusLabels: Record<MakeupStatus, { 'zh-CN': string; en: string }> = {
  open: { 'zh-CN': '待补学', en: 'Open' },
  done: { 'zh-CN': '已完成', en: 'Done' },
};

/** Limits of the member's note. */
export const makeupNoteLength = { min: 20, max: 2000 } as const;

/** Message codes of this contract's own validation rules (spread into apiMessages). */
export const makeupApiMessages = {
  MAKEUP_NOTE_LENGTH: {
    'zh-CN': '学习体会请写 20 至 2000 个字，说明学到了什么、有什么打算。',
    en: 'Write 20 to 2,000 characters: what you learned and what you will do.',
  },
} as const satisfies Record<string, { 'zh-CN': string; en: string }>;

export const makeupListQuery = pageQuery.extend({
  /** A subtree the caller manages; without it, every subtree the caller manages. */
  orgId: z.uuid().optional(),
  status: z.enum(makeupStatuses).optional(),
});
export type MakeupListQuery = z.infer<typeof makeupListQuery>;

export const makeupIdParams = z.object({ id: z.uuid() });

export const makeupView = z.object({
  id: z.string(),
  activityId: z.string(),
  activityKind: z.enum(activityKinds),
  activityTopic: z.string(),
  /** Local day the missed activity was held. */
  heldOn: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  personId: z.string(),
  personName: z.string(),
  assignedAt: z.string(),
  /** Last day to complete it (held day + the rule set's make-up days). */
  dueOn: z.string().nullable(),
  status: z.enum(makeupStatuses),
  /** Open and past its due day (deployment time zone). */
  overdue: z.boolean(),
  readAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  note: z.string().nullable(),
  /**
   * The attendance was later corrected to present: the assignment was closed by the system
   * (it had been read already, so it is kept rather than deleted).
   */
  attendedAfterAll: z.boolean(),
});
export type MakeupView = z.infer<typeof makeupView>;

export const makeupPage = page(makeupView);
export type MakeupPage = z.infer<typeof makeupPage>;

/** GET /me/makeup: all of mine (a few a year), open ones first by due day, then done ones newest first. */
export const myMakeupList = z.array(makeupView);
export type MyMakeupList = z.infer<typeof myMakeupList>;

export const makeupAttachmentView = z.object({
  id: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  /** API path that downloads the file for the assignee. */
  downloadUrl: z.string(),
});
export type MakeupAttachmentView = z.infer<typeof makeupAttachmentView>;

/** What the absentee studies: the meeting's record. */
export const makeupDetail = makeupView.extend({
  studyForm: z.enum(studyForms).nullable(),
  speakerName: z.string().nullable(),
  place: z.string().nullable(),
  materials: z.string().nullable(),
  /** The start of the minutes (at most 2,000 characters; `minutesTruncated` says when cut). */
  minutesExcerpt: z.string().nullable(),
  minutesTruncated: z.boolean(),
  attachments: z.array(makeupAttachmentView),
});
export type MakeupDetail = z.infer<typeof makeupDetail>;

export const makeupCompleteInput = z.object({
  note: z.string().trim().min(makeupNoteLength.min, 'MAKEUP_NOTE_LENGTH').max(makeupNoteLength.max, 'MAKEUP_NOTE_LENGTH'),
});
export type MakeupCompleteInput = z.infer<typeof makeupCompleteInput>;
