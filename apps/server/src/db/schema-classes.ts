/** Kysely types of training classes and their sessions, enrolments and attendance (migration 202611240003-training-classes). */
import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface TrainingClassesTable {
  id: string;
  org_id: string;
  org_path: string;
  rotation_id: string | null;
  year: number;
  title: string;
  type: string;
  target_group: string;
  level: string;
  capacity: number;
  self_enrolment: Generated<boolean>;
  venue: string | null;
  notes: string | null;
  status: Generated<string>;
  completed_at: NullableTimestamp;
  completed_by: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ClassSessionsTable {
  id: string;
  class_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  held_on: string;
  hours: number;
  topic: string;
  lecturer_id: string | null;
  lecturer_name: string | null;
  course_id: string | null;
  direction: string | null;
  venue: string | null;
  signin_token_hash: string | null;
  signin_opens_at: NullableTimestamp;
  signin_expires_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ClassEnrolmentsTable {
  class_id: string;
  person_id: string;
  status: string;
  via: string;
  nominated_by_org_id: string | null;
  requested_by: string | null;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  reason: string | null;
  outcome: string | null;
  outcome_reason: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ClassAttendanceTable {
  session_id: string;
  person_id: string;
  status: string;
  via: string;
  leave_reason: string | null;
  signed_in_at: NullableTimestamp;
  marked_by: string | null;
  updated_at: Timestamp;
}

export interface ClassTables {
  training_classes: TrainingClassesTable;
  class_sessions: ClassSessionsTable;
  class_enrolments: ClassEnrolmentsTable;
  class_attendance: ClassAttendanceTable;
}

export type TrainingClassRow = Selectable<TrainingClassesTable>;
export type ClassSessionRow = Selectable<ClassSessionsTable>;
