/**
 * The teacher pool's own tables (师资库, issue 4 items 5 and 6), on top of the core's lecturers,
 * lecturer_courses and training_directions:
 *
 * - lecturers gain pinyin search keys, an encrypted phone (with its last four digits for masking,
 *   like people's phones), and the proposal workflow: a secretary may propose a lecturer
 *   ('proposed', with the proposing organisation), a working-committee officer approves it
 *   ('active') or rejects it ('rejected', with the reason).
 * - lecturer_requests: a unit asks a lecturer for a party lesson (an activity, optional link) or a
 *   class session (training classes' own table: the id is kept without a foreign key, so this
 *   module does not depend on that migration), the lecturer accepts or declines with a reason.
 * - lecturer_feedback: a participant's private rating and comment, once per session and person.
 * - training_groups, training_group_members, training_group_plans: differentiated training
 *   (分类分层): groups defined by a rule over people's columns (derived, never typed) or by named
 *   members, each with its own annual plan.
 * - activities.lecturer_id (a column of the org-life migration) becomes the party lesson's speaker
 *   from the pool; a trigger drops it when the speaker is changed some other way.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table lecturers
      add column name_pinyin text not null default '',
      add column name_initials text not null default '',
      add column phone_enc text,
      add column phone_tail text,
      add column proposed_by_org_id uuid references organizations(id),
      add column reject_reason text,
      drop constraint lecturers_status_check,
      add constraint lecturers_status_check check (status in ('proposed', 'active', 'rejected', 'retired'));
    create index lecturers_pinyin_idx on lecturers (name_pinyin text_pattern_ops);
    create index lecturers_initials_idx on lecturers (name_initials text_pattern_ops);
    create index lecturers_directions_idx on lecturers using gin (directions);

    create table lecturer_requests (
      id uuid primary key,
      lecturer_id uuid not null references lecturers(id),
      course_id uuid references lecturer_courses(id),
      org_id uuid not null references organizations(id),
      org_path text not null,
      target_type text not null check (target_type in ('party_lesson', 'class_session')),
      activity_id uuid references activities(id),
      class_session_id uuid,
      purpose text not null,
      preferred_date date not null,
      status text not null default 'pending' check (status in ('pending', 'accepted', 'declined', 'cancelled')),
      decision_reason text,
      decided_at timestamptz,
      requested_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1,
      check (target_type = 'party_lesson' or activity_id is null),
      check (target_type = 'class_session' or class_session_id is null),
      check (status <> 'declined' or decision_reason is not null)
    );
    create index lecturer_requests_lecturer_idx on lecturer_requests (lecturer_id, preferred_date);
    create index lecturer_requests_path_idx on lecturer_requests (org_path text_pattern_ops, created_at);

    create table lecturer_feedback (
      id uuid primary key,
      lecturer_id uuid not null references lecturers(id),
      session_type text not null check (session_type in ('party_lesson', 'class_session')),
      session_id uuid not null,
      person_id uuid not null references people(id),
      rating smallint not null check (rating between 1 and 5),
      comment text,
      created_at timestamptz not null default now(),
      unique (session_type, session_id, person_id)
    );
    create index lecturer_feedback_lecturer_idx on lecturer_feedback (lecturer_id, created_at);

    create table training_groups (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      org_path text not null,
      name text not null,
      kind text not null check (kind in ('leading_cadres', 'young_members', 'party_affairs_workers', 'candidates_probationary', 'business_line', 'custom')),
      business_line text check (business_line in ('economy', 'discipline_inspection', 'petitions', 'party_affairs', 'other')),
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1,
      check ((kind = 'business_line') = (business_line is not null))
    );
    create index training_groups_path_idx on training_groups (org_path text_pattern_ops);

    create table training_group_members (
      group_id uuid not null references training_groups(id) on delete cascade,
      person_id uuid not null references people(id),
      added_at timestamptz not null default now(),
      primary key (group_id, person_id)
    );
    create index training_group_members_person_idx on training_group_members (person_id);

    create table training_group_plans (
      id uuid primary key,
      group_id uuid not null references training_groups(id) on delete cascade,
      year int not null,
      topics jsonb not null default '[]',
      directions text[] not null default '{}',
      target_hours numeric(5, 1) not null check (target_hours >= 0),
      course_ids uuid[] not null default '{}',
      notes text,
      updated_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1,
      unique (group_id, year)
    );

    -- A party lesson's lecturer from the pool stands for its speaker: when the activities module
    -- changes the speaker (a person or a typed name) without choosing a lecturer, the lecturer link
    -- no longer holds and is cleared, so feedback never goes to someone who did not teach.
    create function activities_clear_stale_lecturer() returns trigger language plpgsql as $$
    begin
      if new.lecturer_id is not distinct from old.lecturer_id then
        new.lecturer_id := null;
      end if;
      return new;
    end $$;
    create trigger activities_clear_stale_lecturer before update of speaker_name, speaker_person_id on activities
      for each row when (old.lecturer_id is not null and (old.speaker_name is distinct from new.speaker_name or old.speaker_person_id is distinct from new.speaker_person_id))
      execute function activities_clear_stale_lecturer();

    -- A group declared on an organisation follows it when its subtree moves.
    create function training_groups_follow_path() returns trigger language plpgsql as $$
    begin
      update training_groups set org_path = new.path where org_id = new.id;
      update lecturer_requests set org_path = new.path where org_id = new.id;
      return new;
    end $$;
    create trigger training_groups_follow_path after update of path on organizations
      for each row when (old.path is distinct from new.path) execute function training_groups_follow_path();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger activities_clear_stale_lecturer on activities;
    drop function activities_clear_stale_lecturer();
    drop trigger training_groups_follow_path on organizations;
    drop function training_groups_follow_path();
    drop table training_group_plans;
    drop table training_group_members;
    drop table training_groups;
    drop table lecturer_feedback;
    drop table lecturer_requests;
    update lecturers set status = 'retired' where status in ('proposed', 'rejected');
    drop index lecturers_directions_idx;
    drop index lecturers_initials_idx;
    drop index lecturers_pinyin_idx;
    alter table lecturers
      drop constraint lecturers_status_check,
      add constraint lecturers_status_check check (status in ('active', 'retired')),
      drop column reject_reason,
      drop column proposed_by_org_id,
      drop column phone_tail,
      drop column phone_enc,
      drop column name_initials,
      drop column name_pinyin;
  `.execute(db);
}
