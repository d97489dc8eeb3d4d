/** Kysely types of the compliance tables (migrations 202611230002-compliance and 202611240010-compliance-scale). */
import type { ColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string, string>;

export interface ComplianceRuleSetsTable {
  id: string;
  version: string;
  effective_from: string;
  rules: Json;
  note: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface CompliancePeriodsTable {
  period: string;
  computed_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface OrgPeriodStatusTable {
  org_id: string;
  org_path: string;
  period: string;
  judged: boolean;
  all_met: boolean;
  expected: number;
  present: number;
  /** The hash of the verdicts' JSON: compliance_verdict_sets.hash. */
  verdict_set: string;
}

export interface ComplianceVerdictSetsTable {
  hash: string;
  verdicts: Json;
}

export interface SubtreePeriodTotalsTable {
  org_id: string;
  period: string;
  orgs_judged: number;
  orgs_all_met: number;
  expected: number;
  present: number;
  by_requirement: Json;
}

export interface ComplianceTables {
  compliance_rule_sets: ComplianceRuleSetsTable;
  compliance_periods: CompliancePeriodsTable;
  org_period_status: OrgPeriodStatusTable;
  compliance_verdict_sets: ComplianceVerdictSetsTable;
  subtree_period_totals: SubtreePeriodTotalsTable;
}
