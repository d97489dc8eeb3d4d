/**
 * Central-group study (issue 3 item 8), owned by the central-groups module:
 * - `central_group_plans`: one annual study plan per group and year; items as jsonb; draft →
 *   submitted → approved (read-only) or returned (editable again).
 * - `central_group_reports`: one-study-one-report; a frozen snapshot of a held session's record,
 *   versioned per activity (a changed record makes a new version, the same record none).
 * - `central_group_audits`: auditors the working committee assigns to a session, and their notes.
 * - `central_group_writings`: members' written statements and research reports per year.
 * - `central_group_note_reviews`: study notes called in for review and returned with comments.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table central_group_plans (
      id uuid primary key,
      group_id uuid not null references central_groups(id) on delete cascade,
      year int not null,
      status text not null default 'draft' check (status in ('draft', 'submitted', 'approved', 'returned')),
      items jsonb not null,
      submitted_at timestamptz,
      decided_at timestamptz,
      decided_by uuid references users(id),
      comment text,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (group_id, year)
    );

    create table central_group_reports (
      id uuid primary key,
      group_id uuid not null references central_groups(id) on delete cascade,
      org_path text not null,
      activity_id uuid not null references activities(id) on delete cascade,
      held_on date not null,
      version int not null,
      snapshot jsonb not null,
      snapshot_hash text not null,
      status text not null default 'submitted' check (status in ('submitted', 'acknowledged')),
      submitted_by uuid references users(id),
      submitted_at timestamptz not null default now(),
      acknowledged_by uuid references users(id),
      acknowledged_at timestamptz,
      acknowledge_comment text,
      unique (activity_id, version)
    );
    create index central_group_reports_path_idx on central_group_reports (org_path text_pattern_ops, held_on);

    create table central_group_audits (
      id uuid primary key,
      group_id uuid not null references central_groups(id) on delete cascade,
      activity_id uuid not null references activities(id) on delete cascade,
      auditor_user_id uuid not null references users(id),
      status text not null default 'assigned' check (status in ('assigned', 'completed')),
      notes text,
      assigned_by uuid references users(id),
      assigned_at timestamptz not null default now(),
      completed_at timestamptz,
      unique (activity_id, auditor_user_id)
    );
    create index central_group_audits_group_idx on central_group_audits (group_id);

    create table central_group_writings (
      id uuid primary key,
      group_id uuid not null references central_groups(id) on delete cascade,
      person_id uuid not null references people(id),
      year int not null,
      kind text not null check (kind in ('statement', 'research_report')),
      title text not null,
      submitted_on date not null,
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index central_group_writings_group_idx on central_group_writings (group_id, year);

    create table central_group_note_reviews (
      id uuid primary key,
      group_id uuid not null references central_groups(id) on delete cascade,
      person_id uuid not null references people(id),
      due_on date not null,
      status text not null default 'requested' check (status in ('requested', 'submitted', 'returned')),
      text text,
      submitted_at timestamptz,
      comments text,
      returned_by uuid references users(id),
      returned_at timestamptz,
      requested_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index central_group_note_reviews_group_idx on central_group_note_reviews (group_id);
    create index central_group_note_reviews_person_idx on central_group_note_reviews (person_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table central_group_note_reviews;
    drop table central_group_writings;
    drop table central_group_audits;
    drop table central_group_reports;
    drop table central_group_plans;
  `.execute(db);
}
