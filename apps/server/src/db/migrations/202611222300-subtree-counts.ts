/**
 * Subtree counts from a rollup: one row per organisation with its people counted by category and
 * status, kept exact by statement-level triggers on people, so that "members by category under
 * org X" sums about one row per organisation instead of scanning every person. Measured on a
 * 300,000-person county (docs/performance.md): the root's counts on PostgreSQL fell from a p50 of
 * 106–159 ms (parallel scan of people; a covering index still took ~65 ms) to 10–13 ms. A partial
 * index lets the active-organisation count of a subtree be an index-only scan.
 *
 * The rollup row carries its organisation's path; a trigger on organizations keeps it in step when
 * a subtree moves. Changes that leave an organisation's counts as they were (a phone edit, a path
 * rewrite) write nothing.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table org_people_counts (
      org_id uuid primary key references organizations(id),
      org_path text not null,
      total int not null default 0,
      full_members int not null default 0,
      probationary int not null default 0,
      applicants int not null default 0,
      activists int not null default 0,
      candidates int not null default 0,
      lost_contact int not null default 0,
      flowing_out int not null default 0
    );
    create index org_people_counts_path_idx on org_people_counts (org_path text_pattern_ops);
    create index organizations_active_path_idx on organizations (path text_pattern_ops) where active;

    create type people_count_change as (org_id uuid, category text, status text, sign int);

    -- Adds +1/-1 changes to the rollup, one upsert per organisation, in org_id order so that
    -- concurrent statements lock rollup rows in the same order.
    create function org_people_counts_apply(changes people_count_change[]) returns void language sql as $$
      insert into org_people_counts as c (org_id, org_path, total, full_members, probationary, applicants, activists, candidates, lost_contact, flowing_out)
      select d.org_id, o.path, d.total, d.full_members, d.probationary, d.applicants, d.activists, d.candidates, d.lost_contact, d.flowing_out
      from (
        select x.org_id,
          sum(x.sign)::int as total,
          coalesce(sum(x.sign) filter (where x.category = 'full'), 0)::int as full_members,
          coalesce(sum(x.sign) filter (where x.category = 'probationary'), 0)::int as probationary,
          coalesce(sum(x.sign) filter (where x.category = 'applicant'), 0)::int as applicants,
          coalesce(sum(x.sign) filter (where x.category = 'activist'), 0)::int as activists,
          coalesce(sum(x.sign) filter (where x.category = 'candidate'), 0)::int as candidates,
          coalesce(sum(x.sign) filter (where x.status = 'lost_contact'), 0)::int as lost_contact,
          coalesce(sum(x.sign) filter (where x.status = 'flowing_out'), 0)::int as flowing_out
        from unnest(changes) as x
        group by x.org_id
      ) d
      join organizations o on o.id = d.org_id
      where d.total <> 0 or d.full_members <> 0 or d.probationary <> 0 or d.applicants <> 0 or d.activists <> 0
        or d.candidates <> 0 or d.lost_contact <> 0 or d.flowing_out <> 0
      order by d.org_id
      on conflict (org_id) do update set
        total = c.total + excluded.total,
        full_members = c.full_members + excluded.full_members,
        probationary = c.probationary + excluded.probationary,
        applicants = c.applicants + excluded.applicants,
        activists = c.activists + excluded.activists,
        candidates = c.candidates + excluded.candidates,
        lost_contact = c.lost_contact + excluded.lost_contact,
        flowing_out = c.flowing_out + excluded.flowing_out
    $$;

    create function people_counts_after_insert() returns trigger language plpgsql as $$
    begin
      perform org_people_counts_apply(array(select row(n.org_id, n.category, n.status, 1)::people_count_change from new_rows n));
      return null;
    end;
    $$;
    create function people_counts_after_update() returns trigger language plpgsql as $$
    begin
      perform org_people_counts_apply(array(
        select c from new_rows n join old_rows o on o.id = n.id,
          lateral (values (row(n.org_id, n.category, n.status, 1)::people_count_change), (row(o.org_id, o.category, o.status, -1)::people_count_change)) as v(c)
        where (n.org_id, n.category, n.status) is distinct from (o.org_id, o.category, o.status)
      ));
      return null;
    end;
    $$;
    create function people_counts_after_delete() returns trigger language plpgsql as $$
    begin
      perform org_people_counts_apply(array(select row(o.org_id, o.category, o.status, -1)::people_count_change from old_rows o));
      return null;
    end;
    $$;
    create function people_counts_after_truncate() returns trigger language plpgsql as $$
    begin
      delete from org_people_counts;
      return null;
    end;
    $$;
    create trigger people_counts_insert after insert on people referencing new table as new_rows
      for each statement execute function people_counts_after_insert();
    create trigger people_counts_update after update on people referencing old table as old_rows new table as new_rows
      for each statement execute function people_counts_after_update();
    create trigger people_counts_delete after delete on people referencing old table as old_rows
      for each statement execute function people_counts_after_delete();
    create trigger people_counts_truncate after truncate on people
      for each statement execute function people_counts_after_truncate();

    create function org_people_counts_follow_path() returns trigger language plpgsql as $$
    begin
      update org_people_counts set org_path = new.path where org_id = new.id;
      return null;
    end;
    $$;
    create trigger organizations_counts_path after update of path on organizations
      for each row when (old.path is distinct from new.path) execute function org_people_counts_follow_path();

    select org_people_counts_apply(array(select row(p.org_id, p.category, p.status, 1)::people_count_change from people p));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger organizations_counts_path on organizations;
    drop function org_people_counts_follow_path;
    drop trigger people_counts_truncate on people;
    drop trigger people_counts_delete on people;
    drop trigger people_counts_update on people;
    drop trigger people_counts_insert on people;
    drop function people_counts_after_truncate;
    drop function people_counts_after_delete;
    drop function people_counts_after_update;
    drop function people_counts_after_insert;
    drop function org_people_counts_apply;
    drop type people_count_change;
    drop index organizations_active_path_idx;
    drop table org_people_counts;
  `.execute(db);
}
