/**
 * In-app notifications, their delivery on further channels, the background jobs' run records,
 * and circulars (通报).
 *
 * - A notification is one row per receiving account, stored as kind + params (text is rendered
 *   when read, in the reader's language); (user_id, dedupe_key) is unique so a retried job or
 *   request never notifies twice.
 * - notification_deliveries records, per notification and extra channel (SMS…, none yet), whether
 *   it was delivered; the in-app channel needs no row: the notification row is its delivery.
 * - job_runs: one row per job id with its lease (so two worker processes never run the same job at
 *   once) and the outcome of its last run, so jobs are visible.
 * - circulars keep the figures they were generated from beside the .docx and .pdf, so any version
 *   can be reproduced; regenerating for the same organisation and quarter adds a version.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notifications (
      id uuid primary key,
      user_id uuid not null references users(id),
      kind text not null,
      params jsonb not null,
      link text not null,
      dedupe_key text not null,
      created_at timestamptz not null default now(),
      read_at timestamptz,
      unique (user_id, dedupe_key)
    );
    create index notifications_user_idx on notifications (user_id, created_at desc, id desc);
    create index notifications_unread_idx on notifications (user_id) where read_at is null;

    create table notification_deliveries (
      notification_id uuid not null references notifications(id) on delete cascade,
      channel text not null,
      attempts int not null default 0,
      delivered_at timestamptz,
      last_attempt_at timestamptz not null,
      last_error text,
      primary key (notification_id, channel)
    );

    create table job_runs (
      job_id text primary key,
      lease_until timestamptz,
      last_started_at timestamptz,
      last_finished_at timestamptz,
      last_status text check (last_status in ('ok', 'failed')),
      last_error text,
      last_result jsonb,
      runs int not null default 0,
      failures int not null default 0,
      consecutive_failures int not null default 0
    );

    create table circulars (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      org_path text not null,
      period text not null check (period ~ '^[0-9]{4}-Q[1-4]$'),
      version int not null check (version >= 1),
      title text not null,
      figures jsonb not null,
      docx bytea not null,
      pdf bytea not null,
      generated_by uuid references users(id),
      created_at timestamptz not null default now(),
      published_at timestamptz,
      published_by uuid references users(id),
      unique (org_id, period, version)
    );
    create index circulars_path_idx on circulars (org_path text_pattern_ops, period);

    -- When a subtree moves, its circulars follow the new path.
    create function circulars_follow_path() returns trigger language plpgsql as $$
    begin
      update circulars set org_path = new.path where org_id = new.id;
      return null;
    end $$;
    create trigger organizations_circulars_path after update of path on organizations
      for each row when (old.path is distinct from new.path) execute function circulars_follow_path();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger organizations_circulars_path on organizations;
    drop function circulars_follow_path;
    drop table circulars;
    drop table job_runs;
    drop table notification_deliveries;
    drop table notifications;
  `.execute(db);
}
