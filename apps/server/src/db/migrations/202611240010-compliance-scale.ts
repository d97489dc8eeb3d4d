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
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
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
  `.execute(db);
}
