/**
 * Moving a unit to another county took 27 s at province size (docs/performance.md § compliance):
 * the organisation trigger that keeps `org_path` of org-life rows in step updates them
 * `where org_id = <each moved organisation>`, and `activities` had only a partial index on org_id
 * (held activities), `makeup_assignments` and `attachments` none, so every moved organisation
 * scanned the 5.6 million activities. Plain indexes on org_id make each of those updates a lookup.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index activities_org_idx on activities (org_id);
    create index makeup_assignments_org_idx on makeup_assignments (org_id);
    create index attachments_org_idx on attachments (org_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index attachments_org_idx;
    drop index makeup_assignments_org_idx;
    drop index activities_org_idx;
  `.execute(db);
}
