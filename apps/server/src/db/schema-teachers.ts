/**
 * Kysely types of the teacher pool and differentiated training (migration 202611240004-teachers).
 * The columns this migration adds to the core's `lecturers` table are merged into its interface by
 * module augmentation, so the core's types file stays as its owner wrote it.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string | undefined, string>;

declare module './schema-training.ts' {
  interface LecturersTable {
    name_pinyin: Generated<string>;
    name_initials: Generated<string>;
    phone_enc: string | null;
    phone_tail: string | null;
    proposed_by_org_id: string | null;
    reject_reason: string | null;
  }
}

export interface LecturerRequestsTable {
  id: string;
  lecturer_id: string;
  course_id: string | null;
  org_id: string;
  org_path: string;
  target_type: string;
  activity_id: string | null;
  class_session_id: string | null;
  purpose: string;
  preferred_date: string;
  status: Generated<string>;
  decision_reason: string | null;
  decided_at: NullableTimestamp;
  requested_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface LecturerFeedbackTable {
  id: string;
  lecturer_id: string;
  session_type: string;
  session_id: string;
  person_id: string;
  rating: number;
  comment: string | null;
  created_at: CreatedAt;
}

export interface TrainingGroupsTable {
  id: string;
  org_id: string;
  org_path: string;
  name: string;
  kind: string;
  business_line: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface TrainingGroupMembersTable {
  group_id: string;
  person_id: string;
  added_at: CreatedAt;
}

export interface TrainingGroupPlansTable {
  id: string;
  group_id: string;
  year: number;
  topics: Json;
  directions: Generated<string[]>;
  target_hours: number;
  course_ids: Generated<string[]>;
  notes: string | null;
  updated_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface TeacherTables {
  lecturer_requests: LecturerRequestsTable;
  lecturer_feedback: LecturerFeedbackTable;
  training_groups: TrainingGroupsTable;
  training_group_members: TrainingGroupMembersTable;
  training_group_plans: TrainingGroupPlansTable;
}
