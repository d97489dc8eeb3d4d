/** Kysely types of the central-groups tables (migration 202611230003-central-groups). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string, string>;

export interface CentralGroupPlansTable {
  id: string;
  group_id: string;
  year: number;
  version: Generated<number>;
  status: Generated<string>;
  items: Json;
  submitted_at: NullableTimestamp;
  decided_at: NullableTimestamp;
  decided_by: string | null;
  comment: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CentralGroupReportsTable {
  id: string;
  group_id: string;
  activity_id: string;
  held_on: string;
  version: number;
  snapshot: Json;
  snapshot_hash: string;
  status: Generated<string>;
  submitted_by: string | null;
  submitted_at: Timestamp;
  acknowledged_by: string | null;
  acknowledged_at: NullableTimestamp;
  acknowledge_comment: string | null;
}

export interface CentralGroupAuditsTable {
  id: string;
  group_id: string;
  activity_id: string;
  auditor_user_id: string | null;
  auditor_name: string | null;
  auditor_unit: string | null;
  status: Generated<string>;
  notes: string | null;
  rating: string | null;
  assigned_by: string | null;
  assigned_at: Timestamp;
  completed_at: NullableTimestamp;
  completed_by: string | null;
}

export interface CentralGroupWritingsTable {
  id: string;
  group_id: string;
  person_id: string;
  year: number;
  kind: string;
  title: string;
  submitted_on: string;
  activity_id: string | null;
  attachment_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface CentralGroupNoteReviewsTable {
  id: string;
  group_id: string;
  person_id: string;
  due_on: string;
  note: string | null;
  status: Generated<string>;
  text: string | null;
  attachment_id: string | null;
  submitted_at: NullableTimestamp;
  comments: string | null;
  returned_by: string | null;
  returned_at: NullableTimestamp;
  requested_by: string | null;
  created_at: CreatedAt;
}

export interface CentralGroupTables {
  central_group_plans: CentralGroupPlansTable;
  central_group_reports: CentralGroupReportsTable;
  central_group_audits: CentralGroupAuditsTable;
  central_group_writings: CentralGroupWritingsTable;
  central_group_note_reviews: CentralGroupNoteReviewsTable;
}
