/** The Kysely view of the database: one interface per table, kept in step with migrations/. */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CentralGroupTables } from './schema-central-groups.ts';
import type { CircularTables } from './schema-circulars.ts';
import type { ComplianceTables } from './schema-compliance.ts';
import type { OrgLifeTables } from './schema-org-life.ts';
import type { TrainingCoreTables } from './schema-training.ts';
import type { TeacherTables } from './schema-teachers.ts';
import type { ExternalHoursTables } from './schema-external-hours.ts';
import type { ClassTables } from './schema-classes.ts';
import type { TrainingLedgerTables } from './schema-training-ledger.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string, string>;

export interface OrganizationsTable {
  id: string;
  seq: Generated<number>;
  code: string;
  name: string;
  kind: string;
  parent_id: string | null;
  path: string;
  depth: number;
  established_on: string | null;
  has_committee: Generated<boolean>;
  active: Generated<boolean>;
  deactivated_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PeopleTable {
  id: string;
  org_id: string;
  org_path: string;
  name: string;
  name_pinyin: string;
  name_initials: string;
  sex: string;
  ethnicity: string | null;
  birth_date: string;
  id_number_enc: string;
  id_number_hash: string;
  id_number_tail: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_tail: string | null;
  education: string | null;
  category: string;
  joined_on: string | null;
  confirmed_on: string | null;
  post: string | null;
  address: string | null;
  status: Generated<string>;
  lost_contact_since: string | null;
  is_leading_cadre: Generated<boolean>;
  is_party_affairs_worker: Generated<boolean>;
  is_secretary: Generated<boolean>;
  is_committee_member: Generated<boolean>;
  is_infirm: Generated<boolean>;
  is_retired: Generated<boolean>;
  study_exempt: Generated<boolean>;
  study_exempt_reason: string | null;
  /** The day the person took office as secretary (issue 4: new secretaries trained within 6 months). */
  secretary_since: string | null;
  business_line: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** Rollup of people per organisation, kept exact by triggers (migration 202611222300-subtree-counts). */
export interface OrgPeopleCountsTable {
  org_id: string;
  org_path: string;
  total: number;
  full_members: number;
  probationary: number;
  applicants: number;
  activists: number;
  candidates: number;
  lost_contact: number;
  flowing_out: number;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  phone_hash: string | null;
  person_id: string | null;
  password_hash: string;
  must_change_password: Generated<boolean>;
  failed_attempts: Generated<number>;
  locked_until: Date | null;
  active: Generated<boolean>;
  last_login_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RoleGrantsTable {
  id: string;
  user_id: string;
  role: string;
  org_id: string | null;
  granted_by: string | null;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface TransfersTable {
  id: string;
  person_id: string;
  from_org_id: string;
  to_org_id: string;
  status: string;
  reason: string;
  return_reason: string | null;
  issued_by: string;
  issued_at: CreatedAt;
  valid_until: string;
  answered_by: string | null;
  answered_at: Date | null;
}

export interface ImportBatchesTable {
  id: string;
  kind: string;
  org_id: string;
  created_by: string;
  file_name: string;
  file_sha256: string;
  status: string;
  mode: string | null;
  report: Json;
  rows: Json;
  created_at: CreatedAt;
  committed_at: Date | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  org_id: string | null;
  ip: string | null;
  before: Json | null;
  after: Json | null;
  detail: Json | null;
}

/** The foundation's tables here; each later area's in its own schema-<area>.ts. */
export interface DB extends OrgLifeTables, ComplianceTables, CentralGroupTables, CircularTables, TrainingCoreTables, ExternalHoursTables, TeacherTables, ClassTables, TrainingLedgerTables {
  organizations: OrganizationsTable;
  people: PeopleTable;
  org_people_counts: OrgPeopleCountsTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  transfers: TransfersTable;
  import_batches: ImportBatchesTable;
  audit_log: AuditLogTable;
}

export type OrganizationRow = Selectable<OrganizationsTable>;
export type NewOrganization = Insertable<OrganizationsTable>;
export type PersonRow = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type TransferRow = Selectable<TransfersTable>;
export type ImportBatchRow = Selectable<ImportBatchesTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type { ActivityRow, AttendeeRow, StudyCreditRow } from './schema-org-life.ts';
