/**
 * The ledger's training tables (issue 4, T1):
 *
 * - `training_rule_sets`: the study-hour requirement sets as data (rules/training/requirements.ts),
 *   each governing whole years from its effective 1 January (seeded with the default set by the
 *   service on first use: migrations import no app code).
 * - `person_year_training`: per person and year the net credited hours, the standing centralised
 *   trainings and the first day of one, with the person's organisation now. Kept exact by triggers
 *   on study_credits inserts, training_completions inserts and updates (revocation) and people
 *   updates (a person who moves takes their rows along), so every module's writes — even raw
 *   inserts — keep it right. `training_rollup_rebuild()` recomputes it from scratch.
 * - `org_year_training`: per organisation and year the coverage of its own people (required, met,
 *   short, exempt, hours distribution, centralised training). The verdicts need the rule set, so
 *   the service computes them; the triggers only mark the rows they affect stale (a credit, a
 *   completion, a changed person, a rotation), and a coverage request recomputes the stale rows of
 *   its subtree before summing. `training_years` lists the years whose rows exist for every
 *   organisation (a new organisation gets them at once).
 * - `delivered_study_records` (送学上门) for exempt members, and `manual_credit_requests`: hours a
 *   member or secretary asks for, credited (source_type 'manual') only when a manager approves.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table training_rule_sets (
      id uuid primary key,
      version text not null unique,
      effective_from date not null unique check (extract(month from effective_from) = 1 and extract(day from effective_from) = 1),
      rules jsonb not null,
      note text,
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    );

    create table person_year_training (
      person_id uuid not null references people(id),
      year int not null,
      org_id uuid not null references organizations(id),
      org_path text not null,
      hours numeric(8, 1) not null default 0,
      centralised int not null default 0,
      first_centralised_on date,
      primary key (person_id, year)
    );
    create index person_year_training_org_idx on person_year_training (org_id, year);

    create table training_years (year int primary key);

    create table org_year_training (
      org_id uuid not null references organizations(id),
      year int not null,
      org_path text not null,
      stale boolean not null default true,
      considered int not null default 0,
      required int not null default 0,
      met int not null default 0,
      short int not null default 0,
      exempt int not null default 0,
      centralised_required int not null default 0,
      centralised_met int not null default 0,
      trained int not null default 0,
      hours_total numeric(12, 1) not null default 0,
      b0 int not null default 0,
      b1 int not null default 0,
      b2 int not null default 0,
      b3 int not null default 0,
      b4 int not null default 0,
      b5 int not null default 0,
      b6 int not null default 0,
      computed_at timestamptz,
      primary key (org_id, year)
    );
    create index org_year_training_path_idx on org_year_training (year, org_path text_pattern_ops);
    create index org_year_training_stale_idx on org_year_training (year, org_path text_pattern_ops) where stale;

    create type org_year_key as (org_id uuid, year int);
    create type person_year_key as (person_id uuid, year int);

    -- Marks organisation-years stale, locking in key order so concurrent writers never deadlock.
    -- The row is locked even when already stale: a coverage request claiming it then waits for
    -- this write to commit, so it never recomputes the row without this write's facts.
    create function org_year_training_mark(keys org_year_key[]) returns void language plpgsql as $$
    begin
      perform 1 from org_year_training o join unnest(keys) k on k.org_id = o.org_id and k.year = o.year
        order by o.org_id, o.year for update of o;
      update org_year_training o set stale = true from unnest(keys) k
        where k.org_id = o.org_id and k.year = o.year;
    end $$;

    create function training_rollup_credits() returns trigger language plpgsql as $$
    begin
      insert into person_year_training as t (person_id, year, org_id, org_path, hours)
      select d.person_id, d.year, p.org_id, p.org_path, d.hours
        from (select n.person_id, n.year, sum(n.hours) as hours from new_rows n group by n.person_id, n.year) d
        join people p on p.id = d.person_id
       order by d.person_id, d.year
      on conflict (person_id, year) do update set hours = t.hours + excluded.hours;
      perform org_year_training_mark(array(
        select distinct row(p.org_id, n.year)::org_year_key from new_rows n join people p on p.id = n.person_id));
      return null;
    end $$;
    create trigger study_credits_training_rollup after insert on study_credits referencing new table as new_rows
      for each statement execute function training_rollup_credits();

    -- Completions: recount the affected person-years from the table (a revocation is an update).
    create function training_rollup_recount(keys person_year_key[]) returns void language plpgsql as $$
    begin
      insert into person_year_training as t (person_id, year, org_id, org_path, centralised, first_centralised_on)
      select k.person_id, k.year, p.org_id, p.org_path, coalesce(c.n, 0), c.first
        from (select distinct person_id, year from unnest(keys)) k
        join people p on p.id = k.person_id
        left join lateral (
          select count(*)::int as n, min(tc.completed_on) as first from training_completions tc
           where tc.person_id = k.person_id and tc.year = k.year and tc.revoked_at is null) c on true
       order by k.person_id, k.year
      on conflict (person_id, year) do update set centralised = excluded.centralised, first_centralised_on = excluded.first_centralised_on;
      -- A new secretary's training may count for the year before or after it.
      perform org_year_training_mark(array(
        select distinct row(p.org_id, k.year + d)::org_year_key from unnest(keys) k join people p on p.id = k.person_id, generate_series(-1, 1) d));
    end $$;
    create function training_rollup_completions_insert() returns trigger language plpgsql as $$
    begin
      perform training_rollup_recount(array(select distinct row(n.person_id, n.year)::person_year_key from new_rows n));
      return null;
    end $$;
    create function training_rollup_completions_update() returns trigger language plpgsql as $$
    begin
      perform training_rollup_recount(array(
        select distinct row(x.person_id, x.year)::person_year_key from (select person_id, year from new_rows union select person_id, year from old_rows) x));
      return null;
    end $$;
    create trigger training_completions_rollup_insert after insert on training_completions referencing new table as new_rows
      for each statement execute function training_rollup_completions_insert();
    create trigger training_completions_rollup_update after update on training_completions referencing old table as old_rows new table as new_rows
      for each statement execute function training_rollup_completions_update();

    -- People: rows follow a person who moves; any change to what requirements depend on marks the
    -- organisations (old and new) stale for every year.
    create function training_rollup_people_update() returns trigger language plpgsql as $$
    begin
      update person_year_training t set org_id = n.org_id, org_path = n.org_path
        from new_rows n join old_rows o on o.id = n.id
       where t.person_id = n.id and (n.org_id, n.org_path) is distinct from (o.org_id, o.org_path);
      perform org_year_training_mark(array(
        select distinct row(x.org_id, y.year)::org_year_key
          from new_rows n join old_rows o on o.id = n.id
          cross join lateral (values (n.org_id), (o.org_id)) as x(org_id)
          cross join training_years y
         where (n.org_id, n.category, n.confirmed_on, n.is_secretary, n.secretary_since, n.is_committee_member, n.is_party_affairs_worker, n.is_infirm, n.study_exempt, n.study_exempt_reason)
               is distinct from (o.org_id, o.category, o.confirmed_on, o.is_secretary, o.secretary_since, o.is_committee_member, o.is_party_affairs_worker, o.is_infirm, o.study_exempt, o.study_exempt_reason)));
      return null;
    end $$;
    create function training_rollup_people_insert() returns trigger language plpgsql as $$
    begin
      perform org_year_training_mark(array(select distinct row(n.org_id, y.year)::org_year_key from new_rows n cross join training_years y));
      return null;
    end $$;
    create trigger people_training_rollup_update after update on people referencing old table as old_rows new table as new_rows
      for each statement execute function training_rollup_people_update();
    create trigger people_training_rollup_insert after insert on people referencing new table as new_rows
      for each statement execute function training_rollup_people_insert();

    -- Rotations decide who needs a centralised training by when: their subtree's year goes stale.
    create function training_rollup_rotation() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then
        perform org_year_training_mark(array(select row(o.org_id, o.year)::org_year_key from org_year_training o where o.year = old.year and o.org_path like old.org_path || '%'));
      end if;
      if tg_op <> 'DELETE' then
        perform org_year_training_mark(array(select row(o.org_id, o.year)::org_year_key from org_year_training o where o.year = new.year and o.org_path like new.org_path || '%'));
      end if;
      return null;
    end $$;
    create trigger training_rotations_rollup after insert or update or delete on training_rotations
      for each row execute function training_rollup_rotation();

    -- Organisations: a new one gets a stale row for every initialised year; a moved one keeps its path.
    create function org_year_training_org_insert() returns trigger language plpgsql as $$
    begin
      insert into org_year_training (org_id, year, org_path) select new.id, y.year, new.path from training_years y on conflict do nothing;
      return null;
    end $$;
    create trigger organizations_training_insert after insert on organizations
      for each row execute function org_year_training_org_insert();
    create function org_year_training_follow_path() returns trigger language plpgsql as $$
    begin
      update org_year_training set org_path = new.path where org_id = new.id;
      return null;
    end $$;
    create trigger organizations_training_path after update of path on organizations
      for each row when (old.path is distinct from new.path) execute function org_year_training_follow_path();

    -- From scratch: what the triggers maintain, recomputed from the facts (tests compare the two).
    create function training_rollup_rebuild() returns void language plpgsql as $$
    begin
      delete from person_year_training;
      insert into person_year_training (person_id, year, org_id, org_path, hours, centralised, first_centralised_on)
      select k.person_id, k.year, p.org_id, p.org_path, coalesce(h.hours, 0), coalesce(c.n, 0), c.first
        from (select person_id, year from study_credits union select person_id, year from training_completions) k
        join people p on p.id = k.person_id
        left join (select person_id, year, sum(hours) as hours from study_credits group by person_id, year) h on h.person_id = k.person_id and h.year = k.year
        left join (select person_id, year, count(*)::int as n, min(completed_on) as first from training_completions where revoked_at is null group by person_id, year) c
          on c.person_id = k.person_id and c.year = k.year;
      update org_year_training set stale = true where not stale;
    end $$;

    create table delivered_study_records (
      id uuid primary key,
      person_id uuid not null references people(id),
      org_id uuid not null references organizations(id),
      org_path text not null,
      delivered_on date not null,
      material text not null,
      delivered_by text not null,
      note text,
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index delivered_study_person_idx on delivered_study_records (person_id, delivered_on);
    create index delivered_study_path_idx on delivered_study_records (org_path text_pattern_ops, delivered_on);

    create table manual_credit_requests (
      id uuid primary key,
      person_id uuid not null references people(id),
      org_id uuid not null references organizations(id),
      org_path text not null,
      studied_on date not null,
      hours numeric(4, 1) not null check (hours > 0 and hours <= 8),
      description text not null,
      status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
      requested_by uuid not null references users(id),
      decided_by uuid references users(id),
      decided_at timestamptz,
      decision_note text,
      credit_id uuid references study_credits(id),
      created_at timestamptz not null default now(),
      check ((status = 'approved') = (credit_id is not null))
    );
    create index manual_credit_requests_path_idx on manual_credit_requests (org_path text_pattern_ops, status, created_at);
    create index manual_credit_requests_person_idx on manual_credit_requests (person_id, created_at);

    create function training_ledger_follow_path() returns trigger language plpgsql as $$
    begin
      update delivered_study_records set org_path = new.path where org_id = new.id;
      update manual_credit_requests set org_path = new.path where org_id = new.id;
      return null;
    end $$;
    create trigger organizations_training_ledger_path after update of path on organizations
      for each row when (old.path is distinct from new.path) execute function training_ledger_follow_path();

    select training_rollup_rebuild();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger organizations_training_ledger_path on organizations;
    drop function training_ledger_follow_path;
    drop table manual_credit_requests;
    drop table delivered_study_records;
    drop function training_rollup_rebuild;
    drop trigger organizations_training_path on organizations;
    drop function org_year_training_follow_path;
    drop trigger organizations_training_insert on organizations;
    drop function org_year_training_org_insert;
    drop trigger training_rotations_rollup on training_rotations;
    drop function training_rollup_rotation;
    drop trigger people_training_rollup_insert on people;
    drop trigger people_training_rollup_update on people;
    drop function training_rollup_people_insert;
    drop function training_rollup_people_update;
    drop trigger training_completions_rollup_update on training_completions;
    drop trigger training_completions_rollup_insert on training_completions;
    drop function training_rollup_completions_update;
    drop function training_rollup_completions_insert;
    drop function training_rollup_recount;
    drop trigger study_credits_training_rollup on study_credits;
    drop function training_rollup_credits;
    drop function org_year_training_mark;
    drop type person_year_key;
    drop type org_year_key;
    drop table org_year_training;
    drop table training_years;
    drop table person_year_training;
    drop table training_rule_sets;
  `.execute(db);
}
