/** Kysely types of the external-hours import (migration 202611240005-external-hours). */
import type { ColumnType } from 'kysely';

type Json = ColumnType<unknown, string, string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface ExternalHourBatchesTable {
  id: string;
  org_id: string;
  org_path: string;
  created_by: string;
  file_name: string;
  file_sha256: string;
  status: string;
  mode: string | null;
  report: Json;
  rows: ColumnType<unknown, string | undefined, string>;
  created_at: CreatedAt;
  committed_at: NullableTimestamp;
  committed_by: string | null;
  reversed_at: NullableTimestamp;
  reversed_by: string | null;
  reversal_reason: string | null;
}

export interface ExternalHourRecordsTable {
  id: string;
  batch_id: string;
  row_number: number;
  person_id: string;
  platform: string;
  course: string;
  completed_on: string;
  year: number;
  hours: number;
  centralised: boolean;
  level: string | null;
  note: string | null;
  dedup_key: string;
  credit_id: string;
  completion_id: string | null;
  created_at: CreatedAt;
  reversed_at: NullableTimestamp;
}

export interface ExternalHoursTables {
  external_hour_batches: ExternalHourBatchesTable;
  external_hour_records: ExternalHourRecordsTable;
}
