/**
 * Activity rows → API shapes. The list line carries the attendance counts; the detail carries the
 * attendees, guests, resolutions with their verdicts, attachments and names of what the record
 * refers to. In an attendee's limited view, other people's leave reasons are left out.
 */
import {
  moreThanHalfOf,
  resolutionVerdict,
  type ActivityDetail,
  type ActivityGuestView,
  type ActivityKind,
  type ActivityStatus,
  type ActivitySummary,
  type AttendanceCounts,
  type AttendanceStatus,
  type AttendeeRole,
  type GuestKind,
  type LinkedAttachmentView,
  type ResolutionView,
  type StudyForm,
} from '@pioneer/domain';
import type { Actor } from '../../lib/actor.ts';
import type { ActivityDetailRow, AttendeeListRow } from './activities.repo.ts';
import * as repo from './activities.repo.ts';
import { canSeeLeaveReason, type ActivityViewMode } from './activities.policy.ts';

type Instant = Date | string | null;
export const isoOrNull = (v: Instant): string | null => (v === null ? null : new Date(v).toISOString());
const iso = (v: Date | string): string => new Date(v).toISOString();

const noCounts: AttendanceCounts = { expected: 0, present: 0, absent: 0, leave: 0, pending: 0 };

type SummaryRow = Pick<
  ActivityDetailRow,
  | 'id'
  | 'org_id'
  | 'org_name'
  | 'kind'
  | 'status'
  | 'topic'
  | 'planned_start'
  | 'planned_end'
  | 'actual_start'
  | 'actual_end'
  | 'held_on'
  | 'place'
  | 'online_link'
  | 'study_form'
  | 'plan_id'
  | 'central_group_id'
  | 'credit_hours'
  | 'version'
>;

export function presentSummary(row: SummaryRow, counts: AttendanceCounts | undefined): ActivitySummary {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    kind: row.kind as ActivityKind,
    status: row.status as ActivityStatus,
    topic: row.topic,
    plannedStart: iso(row.planned_start),
    plannedEnd: isoOrNull(row.planned_end),
    actualStart: isoOrNull(row.actual_start),
    actualEnd: isoOrNull(row.actual_end),
    heldOn: row.held_on,
    place: row.place,
    onlineLink: row.online_link,
    studyForm: row.study_form as StudyForm | null,
    planId: row.plan_id,
    centralGroupId: row.central_group_id,
    creditHours: row.credit_hours === null ? null : Number(row.credit_hours),
    counts: counts ?? noCounts,
    version: row.version,
  };
}

type ResolutionRow = Awaited<ReturnType<typeof repo.listResolutions>>[number];

export function presentResolution(row: ResolutionRow, kind: string): ResolutionView {
  const ayesNeeded = moreThanHalfOf(row.voting_members);
  return {
    id: row.id,
    activityId: row.activity_id,
    title: row.title,
    votingMembers: row.voting_members,
    presentVoting: row.present_voting,
    ayes: row.ayes,
    nays: row.nays,
    abstentions: row.abstentions,
    ayesNeeded,
    passed: row.passed,
    verdict: resolutionVerdict({
      kind: kind === 'committee_meeting' ? 'committee_meeting' : 'member_assembly',
      votingMembers: row.voting_members,
      ayes: row.ayes,
      ayesNeeded,
      passed: row.passed,
    }),
    recordedAt: row.created_at.toISOString(),
  };
}

type GuestRow = Awaited<ReturnType<typeof repo.listGuests>>[number];

export type DetailParts = {
  attendees: AttendeeListRow[];
  guests: GuestRow[];
  resolutions: ResolutionRow[];
  attachments: LinkedAttachmentView[];
  partnerOrgs: Array<{ id: string; name: string }>;
  centralGroup: { id: string; name: string } | null;
  speakerPersonName: string | null;
};

export function presentDetail(row: ActivityDetailRow, parts: DetailParts, view: { actor: Actor; mode: ActivityViewMode }): ActivityDetail {
  const expected = parts.attendees.filter((a) => a.role === 'expected');
  const count = (s: AttendanceStatus) => expected.filter((a) => a.status === s).length;
  const counts: AttendanceCounts = {
    expected: expected.length,
    present: count('present'),
    absent: count('absent'),
    leave: count('leave'),
    pending: count('pending'),
  };
  const personGuests: ActivityGuestView[] = parts.attendees
    .filter((a) => a.role !== 'expected')
    .map((a) => ({ id: a.person_id, kind: a.role as GuestKind, personId: a.person_id, name: a.name, unit: a.org_name, note: null }));
  const namedGuests: ActivityGuestView[] = parts.guests.map((g) => ({
    id: g.id,
    kind: g.kind as GuestKind,
    personId: null,
    name: g.name,
    unit: g.unit,
    note: g.note,
  }));
  return {
    ...presentSummary(row, counts),
    speakerPersonId: row.speaker_person_id,
    speakerName: parts.speakerPersonName ?? row.speaker_name,
    materials: row.materials,
    minutes: row.minutes,
    cancelReason: row.cancel_reason,
    partnerOrgs: parts.partnerOrgs,
    centralGroup: parts.centralGroup,
    attendees: parts.attendees.map((a) => ({
      personId: a.person_id,
      name: a.name,
      orgId: a.org_id,
      orgName: a.org_name,
      role: a.role as AttendeeRole,
      voting: a.voting,
      status: a.status as AttendanceStatus,
      leaveReason: canSeeLeaveReason(view.actor, view.mode, a.person_id) ? a.leave_reason : null,
      signedInAt: isoOrNull(a.signed_in_at),
      markedVia: a.marked_via as ActivityDetail['attendees'][number]['markedVia'],
    })),
    guests: [...personGuests, ...namedGuests],
    resolutions: parts.resolutions.map((r) => presentResolution(r, row.kind)),
    attachments: parts.attachments,
    createdAt: row.created_at.toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    canManage: view.mode === 'full',
  };
}
