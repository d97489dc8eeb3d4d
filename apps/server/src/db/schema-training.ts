/** Kysely types of the training issue's shared core (migration 202611240001-training-core). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface TrainingDirectionsTable {
  code: string;
  name_zh: string;
  name_en: string;
  builtin: Generated<boolean>;
  sort: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface LecturersTable {
  id: string;
  kind: string;
  person_id: string | null;
  user_id: string | null;
  name: string;
  title: string | null;
  unit: string | null;
  directions: Generated<string[]>;
  bio: string | null;
  status: Generated<string>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface LecturerCoursesTable {
  id: string;
  lecturer_id: string;
  title: string;
  direction: string;
  minutes: number;
  format: string;
  summary: string | null;
  status: Generated<string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface TrainingRotationsTable {
  id: string;
  org_id: string;
  org_path: string;
  year: number;
  title: string;
  target_groups: string[];
  deadline: string;
  required_hours: number | null;
  notes: string | null;
  status: Generated<string>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface TrainingCompletionsTable {
  id: string;
  person_id: string;
  year: number;
  completed_on: string;
  kind: string;
  level: string;
  rotation_id: string | null;
  source_type: string;
  source_id: string | null;
  title: string;
  hours: Generated<number>;
  revoked_at: NullableTimestamp;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface TrainingCoreTables {
  training_directions: TrainingDirectionsTable;
  lecturers: LecturersTable;
  lecturer_courses: LecturerCoursesTable;
  training_rotations: TrainingRotationsTable;
  training_completions: TrainingCompletionsTable;
}
