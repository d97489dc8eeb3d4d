/** Kysely types of the organisational-life tables (migration 202611230001-org-life). */
import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string, string>;
type UuidArray = ColumnType<string[], string[] | undefined, string[]>;

export interface AttachmentsTable {
  id: string;
  org_id: string;
  org_path: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  created_at: CreatedAt;
}

export interface AttachmentLinksTable {
  attachment_id: string;
  entity_type: string;
  entity_id: string;
  linked_by: string | null;
  linked_at: CreatedAt;
}

export interface CentralGroupsTable {
  id: string;
  org_id: string;
  org_path: string;
  name: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CentralGroupMembersTable {
  group_id: string;
  person_id: string;
  role: Generated<string>;
  joined_on: string | null;
  left_on: string | null;
}

export interface ActivityPlansTable {
  id: string;
  org_id: string;
  org_path: string;
  year: number;
  kind: string;
  topic: string;
  recurrence: Json;
  start_time: string;
  duration_minutes: number;
  place: string | null;
  study_form: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ActivitiesTable {
  id: string;
  org_id: string;
  org_path: string;
  kind: string;
  status: Generated<string>;
  topic: string;
  planned_start: Date | string;
  planned_end: Date | string | null;
  actual_start: Date | string | null;
  actual_end: Date | string | null;
  /** Local calendar day (deployment time zone) the activity was held: the period key. */
  held_on: string | null;
  place: string | null;
  online_link: string | null;
  study_form: string | null;
  speaker_person_id: string | null;
  speaker_name: string | null;
  lecturer_id: string | null;
  materials: string | null;
  minutes: string | null;
  partner_org_ids: UuidArray;
  plan_id: string | null;
  central_group_id: string | null;
  credit_hours: number | null;
  signin_token_hash: string | null;
  /** The open code sealed with the data key (migration 202611250001), so managers can show it again. */
  signin_token_sealed: string | null;
  signin_opens_at: Date | string | null;
  signin_expires_at: Date | string | null;
  cancel_reason: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ActivityAttendeesTable {
  activity_id: string;
  person_id: string;
  role: Generated<string>;
  voting: Generated<boolean>;
  status: Generated<string>;
  leave_reason: string | null;
  leave_requested_at: Date | string | null;
  signed_in_at: Date | string | null;
  marked_via: string | null;
  marked_by: string | null;
  updated_at: Timestamp;
}

export interface ActivityGuestsTable {
  id: string;
  activity_id: string;
  kind: string;
  name: string;
  unit: string | null;
  note: string | null;
  created_at: CreatedAt;
}

export interface ActivityResolutionsTable {
  id: string;
  activity_id: string;
  title: string;
  voting_members: number;
  present_voting: number;
  ayes: number;
  nays: number;
  abstentions: number;
  passed: boolean;
  recorded_by: string | null;
  created_at: CreatedAt;
}

export interface MakeupAssignmentsTable {
  id: string;
  activity_id: string;
  person_id: string;
  org_id: string;
  org_path: string;
  assigned_by: string | null;
  assigned_at: CreatedAt;
  due_on: string | null;
  read_at: Date | string | null;
  note: string | null;
  completed_at: Date | string | null;
}

export interface StudyCreditsTable {
  id: string;
  person_id: string;
  org_id: string;
  org_path: string;
  year: number;
  credited_on: string;
  hours: number;
  source_type: string;
  source_id: string | null;
  description: string;
  reverses_id: string | null;
  /** The teaching direction of the course the credit came from, when known (migration 202611240001). */
  direction: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface OrgLifeTables {
  attachments: AttachmentsTable;
  attachment_links: AttachmentLinksTable;
  central_groups: CentralGroupsTable;
  central_group_members: CentralGroupMembersTable;
  activity_plans: ActivityPlansTable;
  activities: ActivitiesTable;
  activity_attendees: ActivityAttendeesTable;
  activity_guests: ActivityGuestsTable;
  activity_resolutions: ActivityResolutionsTable;
  makeup_assignments: MakeupAssignmentsTable;
  study_credits: StudyCreditsTable;
}

export type ActivityRow = Selectable<ActivitiesTable>;
export type AttendeeRow = Selectable<ActivityAttendeesTable>;
export type StudyCreditRow = Selectable<StudyCreditsTable>;
