/** Kysely types of the notifications, job-run and circulars tables (migration 202611230004-circulars-notifications). */
import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  params: Json;
  link: string;
  dedupe_key: string;
  created_at: Timestamp;
  read_at: Date | null;
}

export interface NotificationDeliveriesTable {
  notification_id: string;
  channel: string;
  attempts: Generated<number>;
  delivered_at: Date | null;
  last_attempt_at: Date;
  last_error: string | null;
}

export interface JobRunsTable {
  job_id: string;
  lease_until: Date | null;
  last_started_at: Date | null;
  last_finished_at: Date | null;
  last_status: string | null;
  last_error: string | null;
  last_result: Json | null;
  runs: Generated<number>;
  failures: Generated<number>;
  consecutive_failures: Generated<number>;
}

export interface CircularsTable {
  id: string;
  org_id: string;
  org_path: string;
  /** 'YYYY-Qn' in the deployment's calendar. */
  period: string;
  version: number;
  title: string;
  /** Everything the documents were rendered from (CircularFigures). */
  figures: Json;
  docx: Buffer;
  pdf: Buffer;
  generated_by: string | null;
  created_at: Timestamp;
  published_at: Date | null;
  published_by: string | null;
}

export interface CircularTables {
  notifications: NotificationsTable;
  notification_deliveries: NotificationDeliveriesTable;
  job_runs: JobRunsTable;
  circulars: CircularsTable;
}

export type NotificationRow = Selectable<NotificationsTable>;
export type CircularRow = Selectable<CircularsTable>;
export type JobRunRow = Selectable<JobRunsTable>;
