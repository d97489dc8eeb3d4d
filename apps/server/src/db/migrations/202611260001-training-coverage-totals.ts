/**
 * Training coverage of a subtree read from stored totals (issue 4 item 11, docs/performance.md
 * § ledger): the root's coverage summed 35,000 per-organisation rows per request (p95 83 ms at
 * province size against a target of 50).
 *
 * - `org_year_training_subtree`: per organisation and year, the sums of `org_year_training` over
 *   the organisation's whole subtree (itself included). A coverage request reads the organisation's
 *   row and its direct children's: a handful of rows whatever the size of the subtree.
 * - Kept exact by differences, never by recomputation: when the service stores an organisation's
 *   recomputed counts it adds (new − old) to the subtree rows of the organisation and every
 *   ancestor (x = x + delta: commutative, so concurrent writers cannot lose each other's additions),
 *   locking those rows in key order. Triggers never touch these rows on a credit or completion:
 *   they only mark the organisation's own row stale, as before, so the writes of the ledger do not
 *   queue on the root's row.
 * - A subtree moved elsewhere (organizations.path updated) takes its totals from its old ancestors
 *   to its new ones, in the move's transaction. The move takes the advisory lock
 *   `org_year_training_subtree_lock()` exclusively before its first path change; writers of totals
 *   take it shared before they lock anything, so no addition is computed against a path that is
 *   moving and the two never wait on each other in a cycle.
 * - New organisations get zero rows (the counts of their own row start at zero too).
 * - `org_year_training_subtree_check()` returns the rows whose stored totals differ from a sum over
 *   the subtree's own rows (tests expect none).
 */
import { sql, type Kysely } from 'kysely';

const COLUMNS = ['considered', 'required', 'met', 'short', 'exempt', 'centralised_required', 'centralised_met', 'trained', 'hours_total', 'b0', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6'];
const list = (f: (c: string) => string) => sql.raw(COLUMNS.map(f).join(', '));

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table org_year_training_subtree (
      org_id uuid not null,
      year int not null,
      considered int not null default 0,
      required int not null default 0,
      met int not null default 0,
      short int not null default 0,
      exempt int not null default 0,
      centralised_required int not null default 0,
      centralised_met int not null default 0,
      trained int not null default 0,
      hours_total numeric(14, 1) not null default 0,
      b0 int not null default 0,
      b1 int not null default 0,
      b2 int not null default 0,
      b3 int not null default 0,
      b4 int not null default 0,
      b5 int not null default 0,
      b6 int not null default 0,
      primary key (org_id, year)
    )`.execute(db);

  await sql`
    -- The organisation paths a path lies under, itself included: '/a/b/' -> '/a/', '/a/b/'.
    create function org_path_prefixes(p text) returns text[] language sql immutable as $$
      select coalesce(array_agg(left(p, i) order by i), '{}') from generate_series(2, length(p)) i where substr(p, i, 1) = '/'
    $$;

    -- Every organisation's totals from scratch: each own row added to the organisation and each
    -- ancestor (rows × depth, never a pattern scan per organisation).
    create function org_year_training_subtree_sums() returns table (org_id uuid, year int, ${list((c) => `${c} ${c === 'hours_total' ? 'numeric' : 'bigint'}`)}) language sql stable as $$
      select a.org_id, t.year, ${list((c) => `sum(t.${c})`)}
        from org_year_training t
        cross join lateral unnest(org_path_prefixes(t.org_path)) as p (path)
        join org_year_training a on a.year = t.year and a.org_path = p.path
       group by a.org_id, t.year
    $$;

    -- Existing years.
    insert into org_year_training_subtree (org_id, year, ${list((c) => c)}) select * from org_year_training_subtree_sums();
`.execute(db);

  await sql`
    -- Serialises moves of subtrees (exclusive) against additions to the totals (shared).
    create function org_year_training_subtree_lock() returns bigint language sql immutable as $$ select 7204261101::bigint $$;

    create function org_year_training_subtree_org_insert() returns trigger language plpgsql as $$
    begin
      insert into org_year_training_subtree (org_id, year) select new.id, y.year from training_years y on conflict do nothing;
      return null;
    end $$;
    create trigger organizations_training_subtree_insert after insert on organizations
      for each row execute function org_year_training_subtree_org_insert();

    create function org_year_training_subtree_move_lock() returns trigger language plpgsql as $$
    begin
      perform pg_advisory_xact_lock(org_year_training_subtree_lock());
      return null;
    end $$;
    create trigger organizations_training_subtree_move_lock before update of path on organizations
      for each statement execute function org_year_training_subtree_move_lock();

    -- The tops of the moved subtrees (their parent did not move with them) carry their totals from
    -- the ancestors above the old path to those above the new one.
    create function org_year_training_subtree_move() returns trigger language plpgsql as $$
    begin
      with tops as (
        select n.id, o.path as old_path, n.path as new_path
          from new_rows n join old_rows o on o.id = n.id
         where o.path is distinct from n.path
           and not exists (select 1 from new_rows p where p.id = n.parent_id)),
      moves as (
        select s.year, a.id as org_id, -1 as sign, ${list((c) => `s.${c}`)}
          from tops t join org_year_training_subtree s on s.org_id = t.id
          cross join lateral unnest(org_path_prefixes(t.old_path)) as p (path)
          join organizations a on a.path = p.path and a.id <> t.id
        union all
        select s.year, a.id, 1, ${list((c) => `s.${c}`)}
          from tops t join org_year_training_subtree s on s.org_id = t.id
          cross join lateral unnest(org_path_prefixes(t.new_path)) as p (path)
          join organizations a on a.path = p.path and a.id <> t.id),
      deltas as (
        select org_id, year, ${list((c) => `sum(sign * ${c}) as ${c}`)} from moves group by org_id, year)
      -- No row locks needed: the exclusive advisory lock keeps every other writer of totals out.
      update org_year_training_subtree x set ${list((c) => `${c} = x.${c} + d.${c}`)}
        from deltas d
       where x.org_id = d.org_id and x.year = d.year;
      return null;
    end $$;
    -- (Transition tables rule out a column list: every update of organizations runs it, and it
    -- finds no changed path for a rename.)
    create trigger organizations_training_subtree_move after update on organizations
      referencing old table as old_rows new table as new_rows
      for each statement execute function org_year_training_subtree_move();

    create function org_year_training_subtree_check() returns table (org_id uuid, year int) language sql stable as $$
      select coalesce(x.org_id, s.org_id), coalesce(x.year, s.year)
        from org_year_training_subtree x
        full join org_year_training_subtree_sums() s on s.org_id = x.org_id and s.year = x.year
       where (${list((c) => `x.${c}`)}) is distinct from (${list((c) => `s.${c}`)})
    $$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop function org_year_training_subtree_check;
    drop trigger organizations_training_subtree_move on organizations;
    drop function org_year_training_subtree_move;
    drop trigger organizations_training_subtree_move_lock on organizations;
    drop function org_year_training_subtree_move_lock;
    drop trigger organizations_training_subtree_insert on organizations;
    drop function org_year_training_subtree_org_insert;
    drop function org_year_training_subtree_sums;
    drop function org_path_prefixes;
    drop function org_year_training_subtree_lock;
    drop table org_year_training_subtree;
  `.execute(db);
}
