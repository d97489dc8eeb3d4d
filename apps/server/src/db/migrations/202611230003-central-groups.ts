/**
 * Central-group study (issue 3 item 8), owned by the central-groups module:
 * - `central_group_plans`: annual study plans, versioned per group and year; items as jsonb;
 *   draft → submitted → approved (never changed again: a later approved version supersedes it)
 *   or returned (editable again).
 * - `central_group_reports`: one-study-one-report; a frozen snapshot of a held session's record,
 *   versioned per activity (a changed record makes a new version, the same record none). No path
 *   of its own: a subtree's reports are found through the group, whose path follows moves.
 * - `central_group_audits`: auditors the working committee assigns to a session — an account, or
 *   a person named with their unit — with their notes and a rating private to the committee.
 * - `central_group_writings`: members' written statements and research reports per year, linked
 *   to a session and to their file when there is one.
 * - `central_group_note_reviews`: study notes called in for review and returned with comments.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table central_group_plans (
      id uuid primary key,
      group_id uuid not null references central_groups(id) on delete cascade,
      year int not null,
      version int not null default 1,
      status text not null default 'draft' check (status in ('draft', 'submitted', 'approved', 'returned')),
      items jsonb not null,
      submitted_at timestamptz,
      decided_at timestamptz,
      decided_by uuid references users(id),
      comment text,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (group_id, year, version)
    );

    create table central_group_reports (
      id uuid primary key,
      group_id uuid not null references central_groups(id) on delete cascade,
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
    create index central_group_reports_group_idx on central_group_reports (group_id, held_on);

    create table central_group_audits (
      id uuid primary key,
      group_id uuid not null references central_groups(id) on delete cascade,
      activity_id uuid not null references activities(id) on delete cascade,
      auditor_user_id uuid references users(id),
      auditor_name text,
      auditor_unit text,
      status text not null default 'assigned' check (status in ('assigned', 'completed')),
      notes text,
      rating text check (rating in ('good', 'fair', 'poor')),
      assigned_by uuid references users(id),
      assigned_at timestamptz not null default now(),
      completed_at timestamptz,
      completed_by uuid references users(id),
      -- An account, or a person named with their unit (who has no account).
      check ((auditor_user_id is not null) <> (auditor_name is not null and auditor_unit is not null))
    );
    create unique index central_group_audits_account_idx on central_group_audits (activity_id, auditor_user_id) where auditor_user_id is not null;
    create unique index central_group_audits_named_idx on central_group_audits (activity_id, auditor_name, auditor_unit) where auditor_user_id is null;
    create index central_group_audits_group_idx on central_group_audits (group_id);
    create index central_group_audits_auditor_idx on central_group_audits (auditor_user_id) where auditor_user_id is not null;

    create table central_group_writings (
      id uuid primary key,
      group_id uuid not null references central_groups(id) on delete cascade,
      person_id uuid not null references people(id),
      year int not null,
      kind text not null check (kind in ('statement', 'research_report')),
      title text not null,
      submitted_on date not null,
      activity_id uuid references activities(id) on delete set null,
      attachment_id uuid references attachments(id),
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index central_group_writings_group_idx on central_group_writings (group_id, year);

    create table central_group_note_reviews (
      id uuid primary key,
      group_id uuid not null references central_groups(id) on delete cascade,
      person_id uuid not null references people(id),
      due_on date not null,
      note text,
      status text not null default 'requested' check (status in ('requested', 'submitted', 'returned')),
      text text,
      attachment_id uuid references attachments(id),
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
