/**
 * Compliance at province size (issue 3 item 14, docs/performance.md § compliance).
 *
 * - `org_period_status_shortfall_idx` is rebuilt to carry `org_id`: a page of a subtree's
 *   shortfalls is read in path order from an index-only scan (ORDER BY org_path USING ~<~, the
 *   index's own order) with LIMIT/OFFSET, so no request sorts or counts the ~85,000 short
 *   organisations of a province; the number of them comes from the subtree totals.
 * - `compliance_add_requirements(total, delta)`: adds per-requirement judged/met counts of two
 *   `by_requirement` maps (a delta may be negative) and drops requirements that reach 0/0, so the
 *   rollups of the ancestors are updated with one commutative UPDATE (x = x + delta) instead of a
 *   read-modify-write in the application.
 * - `compliance_verdict_sets`: the verdicts of a status row are stored once per distinct content
 *   (keyed by a hash of their JSON) and referenced by `org_period_status.verdict_set`. At province
 *   size the 5.1 million status rows of a year share a few thousand verdict sets; storing ~2.5 kB of
 *   JSON in every row made a recomputation write and parse ~12 GB. Sets are only ever added (a set
 *   no row uses any more costs a few kB).
 * - The foreign keys of `org_period_status` and `subtree_period_totals` to organizations go: they
 *   are derived rows written only from organisation rows read in the same transaction, and
 *   organisations are never deleted (they are deactivated, and keep their history), so the
 *   ON DELETE CASCADE never fired, while checking the key cost ~35 µs a row — minutes of a
 *   province's recomputation of a year (6 million rows).
 * The stored verdicts and totals are derived data: they are emptied here and computed again on
 * their next request.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    truncate compliance_periods, org_period_status, subtree_period_totals;
    create table compliance_verdict_sets (
      hash text primary key,
      verdicts jsonb not null
    );
    alter table org_period_status drop column verdicts;
    alter table org_period_status add column verdict_set text not null;
    alter table org_period_status drop constraint org_period_status_org_id_fkey;
    alter table subtree_period_totals drop constraint subtree_period_totals_org_id_fkey;

    drop index org_period_status_shortfall_idx;
    create index org_period_status_shortfall_idx on org_period_status (period, org_path text_pattern_ops) include (org_id) where judged and not all_met;

    create function compliance_add_requirements(total jsonb, delta jsonb) returns jsonb
    language sql immutable as $$
      select coalesce(jsonb_object_agg(x.id, x.v), '{}'::jsonb)
      from (
        select coalesce(t.id, d.id) as id,
               jsonb_build_object(
                 'kind', coalesce(t.v -> 'kind', d.v -> 'kind'),
                 'form', coalesce(t.v -> 'form', d.v -> 'form'),
                 'per', coalesce(t.v -> 'per', d.v -> 'per'),
                 'judged', coalesce((t.v ->> 'judged')::int, 0) + coalesce((d.v ->> 'judged')::int, 0),
                 'met', coalesce((t.v ->> 'met')::int, 0) + coalesce((d.v ->> 'met')::int, 0)
               ) as v
        from jsonb_each(total) as t(id, v)
        full join jsonb_each(delta) as d(id, v) on d.id = t.id
      ) x
      where (x.v ->> 'judged')::int <> 0 or (x.v ->> 'met')::int <> 0
    $$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop function compliance_add_requirements;
    drop index org_period_status_shortfall_idx;
    create index org_period_status_shortfall_idx on org_period_status (period, org_path text_pattern_ops) where judged and not all_met;
    truncate compliance_periods, org_period_status, subtree_period_totals;
    alter table org_period_status add constraint org_period_status_org_id_fkey foreign key (org_id) references organizations(id) on delete cascade;
    alter table subtree_period_totals add constraint subtree_period_totals_org_id_fkey foreign key (org_id) references organizations(id) on delete cascade;
    alter table org_period_status drop column verdict_set;
    alter table org_period_status add column verdicts jsonb not null;
    drop table compliance_verdict_sets;
  `.execute(db);
}
