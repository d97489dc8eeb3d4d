/** Kysely types of the ledger's training tables (migrations 202611240002-training-ledger, 202611260001, 202611270001). */
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface TrainingRuleSetsTable {
  id: string;
  version: string;
  effective_from: string;
  rules: unknown;
  note: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

/** Kept by triggers: never written by application code. */
export interface PersonYearTrainingTable {
  person_id: string;
  year: number;
  org_id: string;
  org_path: string;
  hours: Generated<number>;
  centralised: Generated<number>;
  first_centralised_on: string | null;
}

export interface TrainingYearsTable {
  year: number;
}

/** The coverage counts of a set of people: those of an organisation, or of a whole subtree. */
export interface CoverageCountColumns {
  considered: Generated<number>;
  required: Generated<number>;
  met: Generated<number>;
  short: Generated<number>;
  exempt: Generated<number>;
  centralised_required: Generated<number>;
  centralised_met: Generated<number>;
  trained: Generated<number>;
  hours_total: Generated<number>;
  b0: Generated<number>;
  b1: Generated<number>;
  b2: Generated<number>;
  b3: Generated<number>;
  b4: Generated<number>;
  b5: Generated<number>;
  b6: Generated<number>;
  /** People flagged missed (漏训) / weak (弱训), as stored in training_flags. */
  missed: Generated<number>;
  weak: Generated<number>;
}

export interface OrgYearTrainingTable extends CoverageCountColumns {
  org_id: string;
  year: number;
  org_path: string;
  stale: Generated<boolean>;
  computed_at: NullableTimestamp;
  /** The last day its stored missed/weak verdicts hold; null when no later day changes them. */
  flags_until: string | null;
}

/** Sums of org_year_training over each organisation's subtree (itself included), kept by differences. */
export interface OrgYearTrainingSubtreeTable extends CoverageCountColumns {
  org_id: string;
  year: number;
}

/** A person flagged missed or weak in a year, as the organisation's last recomputed coverage row judged them (migration 202611270001). */
export interface TrainingFlagsTable {
  year: number;
  kind: 'missed' | 'weak';
  org_id: string;
  person_id: string;
  org_path: string;
  hours_done: number;
  hours_required: number | null;
  reasons: unknown;
  action: unknown;
}

export interface DeliveredStudyRecordsTable {
  id: string;
  person_id: string;
  org_id: string;
  org_path: string;
  delivered_on: string;
  material: string;
  delivered_by: string;
  note: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ManualCreditRequestsTable {
  id: string;
  person_id: string;
  org_id: string;
  org_path: string;
  studied_on: string;
  hours: number;
  description: string;
  status: Generated<string>;
  requested_by: string;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  decision_note: string | null;
  credit_id: string | null;
  created_at: CreatedAt;
}

export interface TrainingLedgerTables {
  training_rule_sets: TrainingRuleSetsTable;
  person_year_training: PersonYearTrainingTable;
  training_years: TrainingYearsTable;
  org_year_training: OrgYearTrainingTable;
  org_year_training_subtree: OrgYearTrainingSubtreeTable;
  training_flags: TrainingFlagsTable;
  delivered_study_records: DeliveredStudyRecordsTable;
  manual_credit_requests: ManualCreditRequestsTable;
}
