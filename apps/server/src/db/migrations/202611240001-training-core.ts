/**
 * The training issue's shared core (issue 4): the tables several training modules read, so that
 * each module's own tables (in its own migration) can refer to them.
 *
 * - people.secretary_since: the day the person took office as secretary (a new secretary must be
 *   trained within 6 months of it); people.business_line: the business line a person works in
 *   (经济, 纪检, 信访, 党建…), one of the groups of differentiated training.
 * - study_credits.direction: the teaching direction of the course a credit came from, when known
 *   (what "directions never studied" is derived from).
 * - training_directions: the teacher pool's directions (政治理论, 现代经济, 社会管理, 科学技术,
 *   先进典型 built in; a deployment adds its own).
 * - lecturers and lecturer_courses: the county-wide teacher pool and its course catalogue.
 * - training_rotations: the working committee's annual rotation training (集中轮训) with its target
 *   groups and deadline; classes are its batches.
 * - training_completions: one row per person who completed a centralised training (a class, a
 *   rotation batch, an imported external training), the fact every "at least one centralised
 *   training" requirement and every coverage figure is derived from. A completion withdrawn later
 *   (a corrected attendance sheet) keeps its row with revoked_at set.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table people
      add column secretary_since date,
      add column business_line text check (business_line in ('economy', 'discipline_inspection', 'petitions', 'party_affairs', 'other'));

    alter table study_credits add column direction text;

    create table training_directions (
      code text primary key check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
      name_zh text not null,
      name_en text not null,
      builtin boolean not null default false,
      sort int not null default 100,
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    insert into training_directions (code, name_zh, name_en, builtin, sort) values
      ('political_theory', '政治理论', 'Political theory', true, 10),
      ('modern_economy', '现代经济', 'Modern economy', true, 20),
      ('social_management', '社会管理', 'Social management', true, 30),
      ('science_technology', '科学技术', 'Science and technology', true, 40),
      ('exemplars', '先进典型', 'Exemplary figures', true, 50);

    create table lecturers (
      id uuid primary key,
      kind text not null check (kind in ('internal', 'external')),
      person_id uuid references people(id),
      user_id uuid references users(id),
      name text not null,
      title text,
      unit text,
      directions text[] not null default '{}',
      bio text,
      status text not null default 'active' check (status in ('active', 'retired')),
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1,
      -- An internal lecturer is a person of the deployment; an external one is named with a unit.
      check (kind = 'external' or person_id is not null),
      check (kind = 'internal' or unit is not null)
    );
    create unique index lecturers_person_idx on lecturers (person_id) where person_id is not null;
    create unique index lecturers_user_idx on lecturers (user_id) where user_id is not null;

    create table lecturer_courses (
      id uuid primary key,
      lecturer_id uuid not null references lecturers(id),
      title text not null,
      direction text not null references training_directions(code),
      minutes int not null check (minutes between 10 and 6000),
      format text not null check (format in ('lecture', 'seminar', 'on_site', 'online', 'case_study')),
      summary text,
      status text not null default 'active' check (status in ('active', 'retired')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1
    );
    create index lecturer_courses_lecturer_idx on lecturer_courses (lecturer_id);
    create index lecturer_courses_direction_idx on lecturer_courses (direction) where status = 'active';

    create table training_rotations (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      org_path text not null,
      year int not null,
      title text not null,
      target_groups text[] not null check (cardinality(target_groups) > 0
        and target_groups <@ array['all_members', 'secretaries', 'party_affairs_workers', 'candidates_probationary']::text[]),
      deadline date not null,
      required_hours numeric(5, 1),
      notes text,
      status text not null default 'open' check (status in ('draft', 'open', 'closed')),
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1
    );
    create index training_rotations_path_idx on training_rotations (org_path text_pattern_ops, year);

    create table training_completions (
      id uuid primary key,
      person_id uuid not null references people(id),
      year int not null,
      completed_on date not null,
      kind text not null check (kind in ('class', 'rotation', 'external')),
      level text not null check (level in ('county', 'unit')),
      rotation_id uuid references training_rotations(id),
      source_type text not null,
      source_id uuid,
      title text not null,
      hours numeric(6, 1) not null default 0,
      revoked_at timestamptz,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      unique (person_id, source_type, source_id)
    );
    create index training_completions_person_idx on training_completions (person_id, year) where revoked_at is null;
    create index training_completions_rotation_idx on training_completions (rotation_id) where rotation_id is not null and revoked_at is null;

    -- When a subtree moves, a rotation declared on it follows its new path.
    create function training_rotations_follow_path() returns trigger language plpgsql as $$
    begin
      update training_rotations set org_path = new.path where org_id = new.id;
      return new;
    end $$;
    create trigger training_rotations_follow_path after update of path on organizations
      for each row when (old.path is distinct from new.path) execute function training_rotations_follow_path();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger training_rotations_follow_path on organizations;
    drop function training_rotations_follow_path();
    drop table training_completions;
    drop table training_rotations;
    drop table lecturer_courses;
    drop table lecturers;
    drop table training_directions;
    alter table study_credits drop column direction;
    alter table people drop column business_line, drop column secretary_since;
  `.execute(db);
}
