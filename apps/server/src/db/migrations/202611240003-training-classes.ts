/**
 * Training classes (培训班) and the batches of rotation training (集中轮训), owned by the classes and
 * rotations modules (issue 4 items 2 and 4).
 *
 * - training_classes: a class organised by an organisation for a target group, with a capacity; a
 *   class with rotation_id is a batch of that rotation. `level` is decided when the class is created
 *   (county when the working committee organises it) and copied onto the completions it writes.
 * - class_sessions: the sessions (date and time, hours, a lecturer of the pool or a free-text name,
 *   a course of the catalogue whose direction goes onto the credits, venue) and each session's QR
 *   sign-in window (only the token's SHA-256 is stored, looked up through a unique partial index).
 * - class_enrolments: one row per person and class — nominated by a unit (enrolled at once) or
 *   self-enrolment (requested, then approved or rejected); withdrawn rows are kept. `outcome` is the
 *   completion's verdict with its reason, rewritten whenever the completion is re-derived.
 * - class_attendance: per session and person, present (QR or roster), absent, or leave (the
 *   member's request or the roster); no row = not marked.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table training_classes (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      org_path text not null,
      rotation_id uuid references training_rotations(id),
      year int not null,
      title text not null,
      type text not null check (type in ('secretaries', 'party_affairs_workers', 'candidates_probationary', 'thematic')),
      target_group text not null check (target_group in ('all_members', 'secretaries', 'party_affairs_workers', 'candidates_probationary')),
      level text not null check (level in ('county', 'unit')),
      capacity int not null check (capacity between 1 and 5000),
      self_enrolment boolean not null default false,
      venue text,
      notes text,
      status text not null default 'open' check (status in ('open', 'completed')),
      completed_at timestamptz,
      completed_by uuid references users(id),
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1
    );
    create index training_classes_path_idx on training_classes (org_path text_pattern_ops, year);
    create index training_classes_rotation_idx on training_classes (rotation_id) where rotation_id is not null;

    create table class_sessions (
      id uuid primary key,
      class_id uuid not null references training_classes(id) on delete cascade,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      held_on date not null,
      hours numeric(4, 1) not null check (hours > 0 and hours <= 8),
      topic text not null,
      lecturer_id uuid references lecturers(id),
      lecturer_name text,
      course_id uuid references lecturer_courses(id),
      direction text,
      venue text,
      signin_token_hash text,
      signin_opens_at timestamptz,
      signin_expires_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1,
      check (ends_at > starts_at),
      check (lecturer_id is not null or lecturer_name is not null)
    );
    create index class_sessions_class_idx on class_sessions (class_id, starts_at);
    create unique index class_sessions_signin_idx on class_sessions (signin_token_hash) where signin_token_hash is not null;

    create table class_enrolments (
      class_id uuid not null references training_classes(id) on delete cascade,
      person_id uuid not null references people(id),
      status text not null check (status in ('requested', 'enrolled', 'rejected', 'withdrawn')),
      via text not null check (via in ('nomination', 'self')),
      nominated_by_org_id uuid references organizations(id),
      requested_by uuid references users(id),
      decided_by uuid references users(id),
      decided_at timestamptz,
      reason text,
      outcome text check (outcome in ('completed', 'not_completed')),
      outcome_reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (class_id, person_id)
    );
    create index class_enrolments_person_idx on class_enrolments (person_id, status);

    create table class_attendance (
      session_id uuid not null references class_sessions(id) on delete cascade,
      person_id uuid not null references people(id),
      status text not null check (status in ('present', 'absent', 'leave')),
      via text not null check (via in ('qr', 'roster', 'leave_request')),
      leave_reason text,
      signed_in_at timestamptz,
      marked_by uuid references users(id),
      updated_at timestamptz not null default now(),
      primary key (session_id, person_id),
      check (status <> 'leave' or leave_reason is not null)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table class_attendance;
    drop table class_enrolments;
    drop table class_sessions;
    drop table training_classes;
  `.execute(db);
}
