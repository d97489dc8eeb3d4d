/**
 * External study hours (issue 4 item 7): hours members earned on other platforms (学习强国,
 * 干部网络学院, 党员教育平台 …), imported from Excel.
 *
 * - external_hour_batches: one uploaded file. A dry run keeps its report and its normalised rows
 *   (sealed: they hold ID numbers) until it is committed; the commit drops the rows and keeps the
 *   outcome. A committed batch can be reversed as a whole.
 * - external_hour_records: one accepted row of a committed batch: the person (found by the keyed
 *   hash of their ID number, never stored here), what they studied, where and when, and the ledger
 *   credit (study_credits, source_type 'external', source_id = this row) and, for centralised
 *   training, the training_completions row it produced. `dedup_key` identifies the same training
 *   of the same person (platform + course + completion day, normalised); the partial unique index
 *   makes it impossible to credit it twice, even from two commits running at the same time.
 *   A reversal sets reversed_at (the credit gets its reversing row, the completion revoked_at).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table external_hour_batches (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      org_path text not null,
      created_by uuid not null references users(id),
      file_name text not null,
      file_sha256 text not null,
      status text not null check (status in ('dry_run', 'committing', 'committed', 'reversed')),
      mode text check (mode in ('valid_rows', 'all_or_nothing')),
      report jsonb not null,
      rows jsonb not null default '[]',
      created_at timestamptz not null default now(),
      committed_at timestamptz,
      committed_by uuid references users(id),
      reversed_at timestamptz,
      reversed_by uuid references users(id),
      reversal_reason text
    );
    create index external_hour_batches_path_idx on external_hour_batches (org_path text_pattern_ops, created_at desc);

    create table external_hour_records (
      id uuid primary key,
      batch_id uuid not null references external_hour_batches(id),
      row_number int not null,
      person_id uuid not null references people(id),
      platform text not null,
      course text not null,
      completed_on date not null,
      year int not null,
      hours numeric(6, 1) not null check (hours > 0),
      centralised boolean not null,
      level text check (level in ('county', 'unit')),
      note text,
      dedup_key text not null,
      credit_id uuid not null references study_credits(id),
      completion_id uuid references training_completions(id),
      created_at timestamptz not null default now(),
      reversed_at timestamptz,
      check (centralised = (level is not null))
    );
    create unique index external_hour_records_dedup_idx on external_hour_records (person_id, dedup_key) where reversed_at is null;
    create index external_hour_records_batch_idx on external_hour_records (batch_id);

    -- When a subtree moves, its batches follow the new path (who may see them is decided by it).
    create function external_hour_batches_follow_path() returns trigger language plpgsql as $$
    begin
      update external_hour_batches set org_path = new.path where org_id = new.id;
      return null;
    end $$;
    create trigger external_hour_batches_follow_path after update of path on organizations
      for each row when (old.path is distinct from new.path) execute function external_hour_batches_follow_path();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger external_hour_batches_follow_path on organizations;
    drop function external_hour_batches_follow_path();
    drop table external_hour_records;
    drop table external_hour_batches;
  `.execute(db);
}
