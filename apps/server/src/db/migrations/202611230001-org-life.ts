/**
 * Organisational life (issue 3): activities with their derived attendees, guests, resolutions,
 * attachments shared between records, recurring plans, make-up study, the study-hour ledger, and
 * the central study groups whose members are expected at central-group study.
 *
 * Every row records its organisation and that organisation's materialised path, so "everything
 * under org X" is one indexed range; a trigger keeps those paths in step when a subtree moves.
 * `activities.held_on` is the local calendar day (deployment time zone) the activity was held:
 * the key every month/quarter/year figure is computed from. The ledger is append-only: a
 * correction is a new row that reverses an earlier one, so every figure can be traced back.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table attachments (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      org_path text not null,
      file_name text not null,
      media_type text not null,
      size_bytes int not null check (size_bytes >= 0),
      sha256 text not null,
      storage_key text not null unique,
      uploaded_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index attachments_path_idx on attachments (org_path text_pattern_ops, created_at);

    -- One file, many records: an attachment is linked to any entity by type and id.
    create table attachment_links (
      attachment_id uuid not null references attachments(id),
      entity_type text not null,
      entity_id uuid not null,
      linked_by uuid references users(id),
      linked_at timestamptz not null default now(),
      primary key (entity_type, entity_id, attachment_id)
    );
    create index attachment_links_attachment_idx on attachment_links (attachment_id);

    -- 理论学习中心组: run by a party committee or leading party group; its members are leading
    -- cadres who also belong to their own branches (dual organisational life).
    create table central_groups (
      id uuid primary key,
      org_id uuid not null unique references organizations(id),
      org_path text not null,
      name text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index central_groups_path_idx on central_groups (org_path text_pattern_ops);
    create table central_group_members (
      group_id uuid not null references central_groups(id) on delete cascade,
      person_id uuid not null references people(id),
      role text not null default 'member' check (role in ('leader', 'deputy_leader', 'member', 'study_secretary')),
      joined_on date,
      left_on date,
      primary key (group_id, person_id)
    );
    create index central_group_members_person_idx on central_group_members (person_id);

    create table activity_plans (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      org_path text not null,
      year int not null,
      kind text not null,
      topic text not null,
      recurrence jsonb not null,
      start_time text not null check (start_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
      duration_minutes int not null check (duration_minutes > 0),
      place text,
      study_form text,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1
    );
    create index activity_plans_org_idx on activity_plans (org_id, year);
    create index activity_plans_path_idx on activity_plans (org_path text_pattern_ops, year);

    create table activities (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      org_path text not null,
      kind text not null,
      status text not null default 'planned' check (status in ('planned', 'held', 'cancelled')),
      topic text not null,
      planned_start timestamptz not null,
      planned_end timestamptz,
      actual_start timestamptz,
      actual_end timestamptz,
      held_on date,
      place text,
      online_link text,
      study_form text,
      speaker_person_id uuid references people(id),
      speaker_name text,
      lecturer_id uuid,
      materials text,
      minutes text,
      partner_org_ids uuid[] not null default '{}',
      plan_id uuid references activity_plans(id) on delete set null,
      central_group_id uuid references central_groups(id),
      credit_hours numeric(4, 1),
      signin_token_hash text,
      signin_opens_at timestamptz,
      signin_expires_at timestamptz,
      cancel_reason text,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1,
      check (status <> 'held' or (actual_start is not null and held_on is not null))
    );
    create index activities_path_start_idx on activities (org_path text_pattern_ops, planned_start);
    create index activities_org_held_idx on activities (org_id, held_on, kind) where status = 'held';
    create index activities_path_held_idx on activities (org_path text_pattern_ops, held_on) where status = 'held';
    create index activities_plan_idx on activities (plan_id) where plan_id is not null;
    create index activities_central_group_idx on activities (central_group_id, held_on) where central_group_id is not null;
    create unique index activities_signin_token_idx on activities (signin_token_hash) where signin_token_hash is not null;

    -- Who should attend is derived from the organisation when the activity is planned and again
    -- when it is recorded; guests and auditors who are people of the deployment are rows too,
    -- with their own role. 'voting' marks full members (probationary members do not vote).
    create table activity_attendees (
      activity_id uuid not null references activities(id) on delete cascade,
      person_id uuid not null references people(id),
      role text not null default 'expected' check (role in ('expected', 'guest', 'auditor')),
      voting boolean not null default false,
      status text not null default 'pending' check (status in ('pending', 'present', 'absent', 'leave')),
      leave_reason text,
      leave_requested_at timestamptz,
      signed_in_at timestamptz,
      marked_via text check (marked_via in ('secretary', 'qr', 'leave_request')),
      marked_by uuid references users(id),
      updated_at timestamptz not null default now(),
      primary key (activity_id, person_id)
    );
    create index activity_attendees_person_idx on activity_attendees (person_id, activity_id);

    -- Guests and auditors from outside the deployment's people, recorded by name.
    create table activity_guests (
      id uuid primary key,
      activity_id uuid not null references activities(id) on delete cascade,
      kind text not null check (kind in ('guest', 'auditor')),
      name text not null,
      unit text,
      note text,
      created_at timestamptz not null default now()
    );
    create index activity_guests_activity_idx on activity_guests (activity_id);

    create table activity_resolutions (
      id uuid primary key,
      activity_id uuid not null references activities(id) on delete cascade,
      title text not null,
      voting_members int not null check (voting_members >= 0),
      present_voting int not null check (present_voting >= 0),
      ayes int not null check (ayes >= 0),
      nays int not null check (nays >= 0),
      abstentions int not null check (abstentions >= 0),
      passed boolean not null,
      recorded_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index activity_resolutions_activity_idx on activity_resolutions (activity_id);

    -- 补学: an absent member studies the meeting's materials and writes a short note.
    create table makeup_assignments (
      id uuid primary key,
      activity_id uuid not null references activities(id),
      person_id uuid not null references people(id),
      org_id uuid not null references organizations(id),
      org_path text not null,
      assigned_by uuid references users(id),
      assigned_at timestamptz not null default now(),
      due_on date,
      read_at timestamptz,
      note text,
      completed_at timestamptz,
      unique (activity_id, person_id)
    );
    create index makeup_open_path_idx on makeup_assignments (org_path text_pattern_ops, due_on) where completed_at is null;
    create index makeup_person_idx on makeup_assignments (person_id, completed_at);

    -- The study-hour ledger (学时): one row per credit with its source; corrections reverse.
    create table study_credits (
      id uuid primary key,
      person_id uuid not null references people(id),
      org_id uuid not null references organizations(id),
      org_path text not null,
      year int not null,
      credited_on date not null,
      hours numeric(6, 1) not null,
      source_type text not null check (source_type in ('activity', 'class_session', 'course', 'test', 'external', 'manual')),
      source_id uuid,
      description text not null,
      reverses_id uuid references study_credits(id),
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index study_credits_person_idx on study_credits (person_id, year);
    create index study_credits_source_idx on study_credits (source_type, source_id, person_id);
    create index study_credits_path_idx on study_credits (org_path text_pattern_ops, year);

    create function study_credits_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'study_credits is append-only: reverse a credit with a new row';
    end $$;
    create trigger study_credits_no_update before update or delete on study_credits
      for each row execute function study_credits_is_append_only();

    -- When a subtree moves, the organisation's rows follow its new path.
    create function org_life_follow_path() returns trigger language plpgsql as $$
    begin
      update activities set org_path = new.path where org_id = new.id;
      update activity_plans set org_path = new.path where org_id = new.id;
      update attachments set org_path = new.path where org_id = new.id;
      update makeup_assignments set org_path = new.path where org_id = new.id;
      update central_groups set org_path = new.path where org_id = new.id;
      return null;
    end $$;
    create trigger organizations_org_life_path after update of path on organizations
      for each row when (old.path is distinct from new.path) execute function org_life_follow_path();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger organizations_org_life_path on organizations;
    drop function org_life_follow_path;
    drop trigger study_credits_no_update on study_credits;
    drop function study_credits_is_append_only;
    drop table study_credits;
    drop table makeup_assignments;
    drop table activity_resolutions;
    drop table activity_guests;
    drop table activity_attendees;
    drop table activities;
    drop table activity_plans;
    drop table central_group_members;
    drop table central_groups;
    drop table attachment_links;
    drop table attachments;
  `.execute(db);
}
