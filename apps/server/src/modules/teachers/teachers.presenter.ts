/** Rows of the teacher pool as the API shows them (contract: packages/domain/src/api/teachers.ts). */
import {
  maskPhone,
  type CourseFormat,
  type CourseView,
  type FeedbackSessionType,
  type LecturerDetail,
  type LecturerFeedbackSummary,
  type LecturerFeedbackView,
  type LecturerKind,
  type LecturerRequestStatus,
  type LecturerRequestTarget,
  type LecturerRequestView,
  type LecturerStatus,
  type LecturerSummary,
} from '@pioneer/domain';
import type { Pii } from '../../lib/pii.ts';
import type * as repo from './teachers.repo.ts';

export const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The phone masked for lists; a number that no longer decrypts shows its last four digits only. */
function maskedPhone(pii: Pii, row: { phone_enc: string | null; phone_tail: string | null }): string | null {
  if (!row.phone_enc) return null;
  try {
    return maskPhone(pii.decrypt(row.phone_enc));
  } catch {
    return `****${row.phone_tail ?? ''}`;
  }
}

export const presentLecturerSummary = (pii: Pii, l: repo.LecturerRow): LecturerSummary => ({
  id: l.id,
  kind: l.kind as LecturerKind,
  name: l.name,
  title: l.title,
  unit: l.unit,
  directions: l.directions,
  status: l.status as LecturerStatus,
  courseCount: Number(l.course_count ?? 0),
  phone: maskedPhone(pii, l),
  hasAccount: Boolean(l.has_account),
});

export const presentCourse = (c: repo.CourseRow): CourseView => ({
  id: c.id,
  lecturerId: c.lecturer_id,
  lecturerName: c.lecturer_name,
  title: c.title,
  direction: c.direction,
  minutes: c.minutes,
  format: c.format as CourseFormat,
  summary: c.summary,
  status: c.status as CourseView['status'],
  version: c.version,
});

export const presentLecturerDetail = (pii: Pii, l: repo.LecturerRow, courses: repo.CourseRow[]): LecturerDetail => ({
  ...presentLecturerSummary(pii, l),
  personId: l.person_id,
  bio: l.bio,
  proposedByOrgId: l.proposed_by_org_id,
  proposedByOrgName: l.proposed_by_org_name,
  rejectReason: l.reject_reason,
  courses: courses.map(presentCourse),
  version: l.version,
});

export const presentRequest = (r: repo.RequestRow): LecturerRequestView => ({
  id: r.id,
  lecturerId: r.lecturer_id,
  lecturerName: r.lecturer_name,
  courseId: r.course_id,
  courseTitle: r.course_title,
  orgId: r.org_id,
  orgName: r.org_name,
  targetType: r.target_type as LecturerRequestTarget,
  activityId: r.activity_id,
  activityTopic: r.activity_topic,
  classSessionId: r.class_session_id,
  purpose: r.purpose,
  preferredDate: r.preferred_date,
  status: r.status as LecturerRequestStatus,
  decisionReason: r.decision_reason,
  decidedAt: iso(r.decided_at),
  requestedByName: r.requested_by_name,
  createdAt: iso(r.created_at)!,
});

export const presentFeedback = (
  f: Awaited<ReturnType<typeof repo.feedbackOfLecturer>>[number],
  session: { title: string; heldOn: string | null } | undefined,
): LecturerFeedbackView => ({
  id: f.id,
  sessionType: f.session_type as FeedbackSessionType,
  sessionId: f.session_id,
  sessionTitle: session?.title ?? '',
  heldOn: session?.heldOn ?? null,
  rating: f.rating,
  comment: f.comment,
  createdAt: iso(f.created_at)!,
});

export const presentSummary = (s: repo.FeedbackSummaryRow): LecturerFeedbackSummary => ({
  lecturerId: s.lecturer_id,
  lecturerName: s.lecturer_name,
  count: Number(s.n),
  average: s.average === null ? null : Number(s.average),
  ratings: [s.r1, s.r2, s.r3, s.r4, s.r5].map(Number),
  sessions: Number(s.sessions),
});

export const emptySummary = (lecturerId: string, lecturerName: string): LecturerFeedbackSummary => ({ lecturerId, lecturerName, count: 0, average: null, ratings: [0, 0, 0, 0, 0], sessions: 0 });
