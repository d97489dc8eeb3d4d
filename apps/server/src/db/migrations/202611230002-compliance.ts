/**
 * Compliance (issue 3 item 7): versioned rule sets, and the verdicts derived from the activity
 * record, stored so that a dashboard for the root of a province reads a few rows.
 *
 * - `compliance_rule_sets`: the rule sets as data, each with its effective date (seeded with the
 *   default set by the compliance service on first use: migrations import no app code).
 * - `org_period_status`: per organisation and period (month, quarter, year) its verdicts (jsonb,
 *   one per requirement that applies), whether it met all of them, and the attendance of its held
 *   activities (expected and present person-times).
 * - `subtree_period_totals`: per organisation that has sub-organisations and per period, the
 *   totals of its whole subtree (itself included): organisations judged and all-met, attendance,
 *   and per requirement judged/met. A leaf's totals are its own status row.
 * - `compliance_periods`: the periods whose rows exist for every organisation. A period is
 *   computed in full on first request (or by recompute), then kept exact incrementally: a change to
 *   an activity recomputes that organisation's status for the affected periods and adds the
 *   difference to the totals of its ancestors. A change to the tree (new, moved or deactivated
 *   organisation, a committee set up) or a new rule set forgets the affected periods, which are
 *   computed again on their next request.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table compliance_rule_sets (
      id uuid primary key,
      version text not null unique,
      effective_from date not null unique,
      rules jsonb not null,
      note text,
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    );

    create table compliance_periods (
      period text primary key,
      computed_at timestamptz not null default now()
    );

    create table org_period_status (
      org_id uuid not null references organizations(id) on delete cascade,
      org_path text not null,
      period text not null,
      judged boolean not null,
      all_met boolean not null,
      verdicts jsonb not null,
      expected int not null default 0,
      present int not null default 0,
      primary key (org_id, period)
    );
    create index org_period_status_shortfall_idx on org_period_status (period, org_path text_pattern_ops) where judged and not all_met;
    create index org_period_status_path_idx on org_period_status (period, org_path text_pattern_ops);

    create table subtree_period_totals (
      org_id uuid not null references organizations(id) on delete cascade,
      period text not null,
      orgs_judged int not null,
      orgs_all_met int not null,
      expected int not null,
      present int not null,
      by_requirement jsonb not null,
      primary key (org_id, period)
    );

    create function compliance_follow_path() returns trigger language plpgsql as $$
    begin
      update org_period_status set org_path = new.path where org_id = new.id;
      return null;
    end $$;
    create trigger organizations_compliance_path after update of path on organizations
      for each row when (old.path is distinct from new.path) execute function compliance_follow_path();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger organizations_compliance_path on organizations;
    drop function compliance_follow_path;
    drop table subtree_period_totals;
    drop table org_period_status;
    drop table compliance_periods;
    drop table compliance_rule_sets;
  `.execute(db);
}
