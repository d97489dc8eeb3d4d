/**
 * The Excel import and export of people (人员信息导入导出). An upload is read and checked as a whole
 * and kept as a dry run: every row is new, an update of someone the caller already manages
 * (matched by ID number), unchanged, or in error — with every problem by row and column. A commit
 * checks the stored rows again against the database as it is then (another import may have landed
 * in between) and writes them in one transaction: all valid rows, or nothing if the caller chose
 * all-or-nothing and any row is wrong. An export writes the template's columns, so it can be
 * imported again.
 *
 * Rows are checked with the registry's own rules (checkPersonRecord) and stored with its own row
 * builder (buildPersonRow); the deployment-wide uniqueness of ID numbers, which the registry checks
 * one number at a time (validatePersonForWrite), is checked here for the whole file in a few
 * chunked look-ups by keyed hash.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import {
  checkIdNumber,
  checkPersonRecord,
  checkPhone,
  importColumns,
  maskIdNumber,
  maskPhone,
  type ImportColumnKey,
  type ImportCounts,
  type ImportMode,
  type PeopleExportQuery,
  type PersonIssue,
} from '@pioneer/domain';
import type { Transaction } from 'kysely';
import type { ServerContext } from '../../context.ts';
import type { DB, NewPerson, OrganizationRow, PersonRow, PersonUpdate } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import type { Pii } from '../../lib/pii.ts';
import { todayIn } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import * as peopleRepo from '../people/people.repo.ts';
import { personRecordFromRow } from '../people/people.presenter.ts';
import { buildPersonRow, classifySearch } from '../people/people.service.ts';
import * as policy from './imports.policy.ts';
import * as repo from './imports.repo.ts';
import { mapHeaders, parseRow, sheetValues, type CellIssue, type ImportValues, type ParsedRow, type PersonRecord } from './imports.rows.ts';
import { readRoster, writePeopleWorkbook } from './imports.xlsx.ts';

type Db = ServerContext['db'] | Transaction<DB>;
type Caller = { actor: Actor; ip: string | null };

/** A problem as stored: a code and its parameters, put into the reader's language when shown. */
export type StoredProblem = { row: number; field: ImportColumnKey | null; code: string; params?: Record<string, string | number>; value: string | null };
export type StoredUpdate = { row: number; personId: string; name: string; fields: ImportColumnKey[] };
export type StoredReport = {
  totalRows: number;
  counts: ImportCounts;
  absentColumns: ImportColumnKey[];
  problems: StoredProblem[];
  updates: StoredUpdate[];
  written: { inserted: number; updated: number } | null;
};
export type BatchView = repo.BatchWithOrg & { report: StoredReport };

/** An export larger than this is refused rather than built in memory; a county has ≤ 20,000 people. */
export const EXPORT_MAX_ROWS = 50_000;
const INSERT_CHUNK = 2_000;

const PII_FIELDS = new Set<ImportColumnKey>(['idNumber', 'phone']);
const maskValue = (field: ImportColumnKey | null, value: string | null) =>
  value === null || field === null || !PII_FIELDS.has(field) ? value : field === 'idNumber' ? maskIdNumber(value) : maskPhone(value);

function assertImporter(actor: Actor): void {
  if (!policy.canUseImports(actor)) throw new AppError('FORBIDDEN');
}

/** Called by the route before it reads an upload, so nobody else makes the server parse a file. */
export const assertMayImport = assertImporter;

// The template never changes while the server runs: built once, on first request.
let template: Promise<Buffer> | null = null;

export async function peopleTemplate(_ctx: ServerContext, options: { actor: Actor }): Promise<Buffer> {
  assertImporter(options.actor);
  template ??= writePeopleWorkbook().catch((error: unknown) => {
    template = null;
    throw error;
  });
  return template;
}

// --- checking rows against the record rules and the database ------------------------------------

type Outcome =
  | { kind: 'error'; problems: StoredProblem[] }
  | { kind: 'new'; record: PersonRecord; org: TargetOrg }
  | { kind: 'unchanged'; person: repo.ExistingPerson }
  | { kind: 'update'; person: repo.ExistingPerson; changes: PersonUpdate; fields: ImportColumnKey[] };

type TargetOrg = Pick<OrganizationRow, 'id' | 'code' | 'name' | 'path' | 'active'>;
type PlannedRow = { row: ParsedRow; outcome: Outcome };

const DEFAULTS: Omit<PersonRecord, 'name' | 'sex' | 'birthDate' | 'idNumber' | 'category'> = {
  ethnicity: null,
  phone: null,
  education: null,
  joinedOn: null,
  confirmedOn: null,
  post: null,
  address: null,
  status: 'normal',
  lostContactSince: null,
  isLeadingCadre: false,
  isPartyAffairsWorker: false,
  isSecretary: false,
  isCommitteeMember: false,
  isInfirm: false,
  isRetired: false,
  studyExempt: false,
  studyExemptReason: null,
  secretarySince: null,
  businessLine: null,
};

/** A stored person in record form, the numbers decrypted (masked unless `full`), for exports. */
function exportRecord(pii: Pii, row: PersonRow, full: boolean): PersonRecord {
  const idNumber = pii.decrypt(row.id_number_enc);
  const phone = row.phone_enc ? pii.decrypt(row.phone_enc) : null;
  return personRecordFromRow(row, { idNumber: full ? idNumber : maskIdNumber(idNumber), phone: phone === null || full ? phone : maskPhone(phone) });
}

/** Which template column each compared database column belongs to. */
const COLUMN_OF: Partial<Record<keyof PersonRow, ImportColumnKey>> = {
  name: 'name',
  sex: 'sex',
  ethnicity: 'ethnicity',
  birth_date: 'birthDate',
  id_number_hash: 'idNumber',
  phone_hash: 'phone',
  education: 'education',
  category: 'category',
  joined_on: 'joinedOn',
  confirmed_on: 'confirmedOn',
  post: 'post',
  address: 'address',
  status: 'status',
  lost_contact_since: 'lostContactSince',
  is_leading_cadre: 'isLeadingCadre',
  is_party_affairs_worker: 'isPartyAffairsWorker',
  is_secretary: 'isSecretary',
  is_committee_member: 'isCommitteeMember',
  is_infirm: 'isInfirm',
  is_retired: 'isRetired',
  study_exempt: 'studyExempt',
  study_exempt_reason: 'studyExemptReason',
  secretary_since: 'secretarySince',
  business_line: 'businessLine',
};
/** Columns derived from a compared one, written along with it. */
const DERIVED: Partial<Record<keyof PersonRow, Array<keyof PersonRow>>> = {
  name: ['name_pinyin', 'name_initials'],
  id_number_hash: ['id_number_enc', 'id_number_tail'],
  phone_hash: ['phone_enc', 'phone_tail'],
};

/**
 * What an import row would change in a stored person. The numbers are compared by keyed hash
 * (their ciphertexts differ on every encryption); dates, text and flags as stored.
 */
function diffPerson(current: repo.ExistingPerson, next: NewPerson): { changes: PersonUpdate; fields: ImportColumnKey[] } {
  const changes: Record<string, unknown> = {};
  const fields: ImportColumnKey[] = [];
  for (const [column, field] of Object.entries(COLUMN_OF) as Array<[keyof PersonRow, ImportColumnKey]>) {
    const value = next[column as keyof NewPerson];
    if (current[column as keyof repo.ExistingPerson] === value) continue;
    changes[column] = value;
    for (const derived of DERIVED[column] ?? []) changes[derived] = next[derived as keyof NewPerson];
    fields.push(field);
  }
  return { changes: changes as PersonUpdate, fields };
}

/**
 * The record a row describes: its own cells over the stored person's values (absent columns) or
 * the defaults. Written out field by field: every record gets the same shape, which keeps 20,000
 * of them cheap (spreading and patching objects cost ten times as much).
 */
function recordOfRow(v: ImportValues, base: PersonRecord | null): Partial<PersonRecord> {
  const b = base ?? DEFAULTS;
  return {
    name: v.name ?? base?.name,
    sex: v.sex ?? base?.sex,
    ethnicity: v.ethnicity !== undefined ? v.ethnicity : b.ethnicity,
    birthDate: v.birthDate ?? base?.birthDate,
    idNumber: v.idNumber ?? base?.idNumber,
    phone: v.phone !== undefined ? v.phone : b.phone,
    education: v.education !== undefined ? v.education : b.education,
    category: v.category ?? base?.category,
    joinedOn: v.joinedOn !== undefined ? v.joinedOn : b.joinedOn,
    confirmedOn: v.confirmedOn !== undefined ? v.confirmedOn : b.confirmedOn,
    post: v.post !== undefined ? v.post : b.post,
    address: v.address !== undefined ? v.address : b.address,
    status: v.status ?? b.status,
    lostContactSince: v.lostContactSince !== undefined ? v.lostContactSince : b.lostContactSince,
    isLeadingCadre: v.isLeadingCadre ?? b.isLeadingCadre,
    isPartyAffairsWorker: v.isPartyAffairsWorker ?? b.isPartyAffairsWorker,
    isSecretary: v.isSecretary ?? b.isSecretary,
    isCommitteeMember: v.isCommitteeMember ?? b.isCommitteeMember,
    isInfirm: v.isInfirm ?? b.isInfirm,
    isRetired: v.isRetired ?? b.isRetired,
    studyExempt: v.studyExempt ?? b.studyExempt,
    studyExemptReason: v.studyExemptReason !== undefined ? v.studyExemptReason : b.studyExemptReason,
    secretarySince: v.secretarySince !== undefined ? v.secretarySince : b.secretarySince,
    businessLine: v.businessLine !== undefined ? v.businessLine : b.businessLine,
  };
}

const isComplete = (r: Partial<PersonRecord>): r is PersonRecord =>
  r.name !== undefined && r.sex !== undefined && r.birthDate !== undefined && r.idNumber !== undefined && r.category !== undefined;

function valueForReport(record: Partial<PersonRecord>, field: ImportColumnKey): string | null {
  const value = field === 'orgCode' ? undefined : record[field];
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? '是' : '否';
  return maskValue(field, String(value));
}

type PlanInput = { actor: Actor; org: TargetOrg; rows: ParsedRow[]; today: string };

/**
 * Classifies every row against the database: duplicates inside the file, the organisation each
 * row names (existing, active, inside the import's organisation), the person already holding the
 * ID number (the caller's to update, or someone else's: an error), then the record rules on the
 * row as it would be stored. Pass the commit's transaction as `db` to check inside it.
 */
async function planRows(ctx: Pick<ServerContext, 'pii' | 'now'>, db: Db, input: PlanInput): Promise<PlannedRow[]> {
  const { actor, org, rows, today } = input;
  // Canonical ID numbers (full-width digits, spaces and a lower-case x already normalised).
  const canonical = rows.map((r) => {
    if (r.values.idNumber === undefined) return null;
    const id = checkIdNumber(r.values.idNumber, today);
    return id.ok ? id.value : null;
  });
  const hashes = canonical.map((id) => (id === null ? null : ctx.pii.hash('id', id)));
  const existing = new Map((await repo.peopleByIdHashes(db, [...new Set(hashes.filter((h): h is string => h !== null))])).map((p) => [p.id_number_hash, p]));
  const codes = [...new Set(rows.map((r) => r.values.orgCode).filter((c): c is string => typeof c === 'string'))];
  const orgsByCode = new Map((await repo.orgsByCodes(db, codes)).map((o) => [o.code, o]));
  const firstRowOf = new Map<string, number>();

  return rows.map((row, index): PlannedRow => {
    const problems: StoredProblem[] = row.issues.map((i: CellIssue) => ({ row: row.row, field: i.field, code: i.code, ...(i.params ? { params: i.params } : {}), value: maskValue(i.field, i.value) }));
    const flagged = new Set<string>(row.issues.map((i) => i.field));
    const problem = (field: ImportColumnKey, code: string, value: string | null, params?: Record<string, string | number>) => {
      if (flagged.has(field)) return;
      flagged.add(field);
      problems.push({ row: row.row, field, code, ...(params ? { params } : {}), value });
    };

    const id = canonical[index]!;
    if (id !== null) {
      const first = firstRowOf.get(id);
      if (first === undefined) firstRowOf.set(id, row.row);
      else problem('idNumber', 'IMPORT_DUPLICATE_IN_FILE', maskIdNumber(id), { row: first });
    }

    const code = row.values.orgCode ?? null;
    let target: TargetOrg | null = org;
    if (code !== null) {
      const named = orgsByCode.get(code);
      target = null;
      if (!named) problem('orgCode', 'IMPORT_ORG_CODE_UNKNOWN', code, { code });
      else if (!named.path.startsWith(org.path)) problem('orgCode', 'IMPORT_ORG_OUTSIDE', code, { code, org: org.name });
      else if (!named.active) problem('orgCode', 'IMPORT_ORG_INACTIVE', code, { code });
      else target = named;
    }

    const holder = hashes[index] ? existing.get(hashes[index]!) : undefined;
    let person: repo.ExistingPerson | null = null;
    if (holder) {
      if (!policy.canUpdateByImport(actor, holder)) {
        problem('idNumber', 'IMPORT_ID_NUMBER_ELSEWHERE', maskIdNumber(id!));
      } else {
        person = holder;
        // Without a code, a person already in the import's subtree stays where they are; a
        // different organisation is a transfer (组织关系转接), never an import.
        if (code === null && holder.org_path.startsWith(org.path)) target = { id: holder.org_id, code: '', name: holder.org_name, path: holder.org_path, active: true };
        if (target && target.id !== holder.org_id) problem('orgCode', 'IMPORT_ORG_CHANGE', code, { org: holder.org_name });
      }
    }

    const needsBase = person !== null && importColumns.some((c) => c.key !== 'orgCode' && row.values[c.key] === undefined && !flagged.has(c.key));
    // A column the file lacks keeps the stored value; the ID number is the one the row matched by.
    const base = needsBase ? personRecordFromRow(person!, { idNumber: id!, phone: person!.phone_enc ? ctx.pii.decrypt(person!.phone_enc) : null }) : null;
    const record = recordOfRow(row.values, base);
    let ruleIssues: PersonIssue[];
    if (isComplete(record)) {
      ruleIssues = checkPersonRecord(record, today).issues;
    } else {
      // The record rules need name, sex, birth date, ID number and category; until those cells
      // read, only the phone can be checked on its own.
      const phone = record.phone ? checkPhone(record.phone) : null;
      ruleIssues = phone && !phone.ok ? [{ field: 'phone', code: phone.code }] : [];
    }
    for (const issue of ruleIssues) problem(issue.field as ImportColumnKey, issue.code, valueForReport(record, issue.field as ImportColumnKey));

    if (problems.length > 0 || !target || !isComplete(record)) return { row, outcome: { kind: 'error', problems } };
    if (!person) return { row, outcome: { kind: 'new', record, org: target } };
    const next = buildPersonRow(ctx, { ...record, orgId: person.org_id }, { id: person.org_id, path: person.org_path }, today);
    const diff = diffPerson(person, next);
    if (diff.fields.length === 0) return { row, outcome: { kind: 'unchanged', person } };
    return { row, outcome: { kind: 'update', person, ...diff } };
  });
}

const columnOrder = new Map(importColumns.map((c, i) => [c.key, i]));

function reportOf(planned: PlannedRow[], absent: ImportColumnKey[], written: StoredReport['written']): StoredReport {
  const counts: ImportCounts = { new: 0, update: 0, unchanged: 0, error: 0 };
  const problems: StoredProblem[] = [];
  const updates: StoredUpdate[] = [];
  for (const { row, outcome } of planned) {
    counts[outcome.kind] += 1;
    if (outcome.kind === 'error') {
      problems.push(...outcome.problems.sort((a, b) => (columnOrder.get(a.field!) ?? 99) - (columnOrder.get(b.field!) ?? 99)));
    } else if (outcome.kind === 'update') {
      updates.push({ row: row.row, personId: outcome.person.id, name: outcome.person.name, fields: outcome.fields });
    }
  }
  return { totalRows: planned.length, counts, absentColumns: absent, problems, updates, written };
}

// --- the stored rows: encrypted at rest, like every personal number in the database -------------

/**
 * The normalised rows of a dry run hold ID and phone numbers (and names and addresses), so they
 * are kept as one sealed JSON document: AES-GCM once over the whole list costs a few milliseconds,
 * where sealing 40,000 numbers one by one cost a second.
 */
type SealedRows = { format: 'deflate-json'; sealed: string };

// Compressed first (20,000 rows: ~10 MB of JSON, ~1.5 MB deflated), so the batch row is small
// enough to write and read back quickly.
const sealRows = (pii: Pii, rows: ParsedRow[]): SealedRows => ({
  format: 'deflate-json',
  sealed: pii.encrypt(zlib.deflateRawSync(JSON.stringify(rows), { level: 1 }).toString('base64')),
});

const unsealRows = (pii: Pii, stored: SealedRows): ParsedRow[] => JSON.parse(zlib.inflateRawSync(Buffer.from(pii.decrypt(stored.sealed), 'base64')).toString('utf8')) as ParsedRow[];

// --- the endpoints' work --------------------------------------------------------------------------

async function loadImportOrg(ctx: ServerContext, actor: Actor, orgId: string): Promise<OrganizationRow> {
  const org = await findOrg(ctx.db, orgId);
  if (!org || !policy.canImportInto(actor, org)) throw new AppError('ORG_NOT_FOUND');
  if (!org.active) throw new AppError('ORG_INACTIVE', { name: org.name });
  return org;
}

/**
 * Reads, normalises and checks an uploaded roster and keeps it as a dry run. Whole-file problems
 * (unreadable, required columns missing, too many rows) are refused at once; row problems go into
 * the report.
 */
export async function dryRunPeopleImport(ctx: ServerContext, options: Caller & { orgId: string; fileName: string; file: Buffer }): Promise<BatchView> {
  const { actor } = options;
  assertImporter(actor);
  const org = await loadImportOrg(ctx, actor, options.orgId);
  const sheet = await readRoster(options.file);
  const header = mapHeaders(sheet.headers);
  if (header.missing.length > 0) throw new AppError('IMPORT_HEADER_MISSING', { columns: header.missing.map((c) => c.header).join('、') });
  if (sheet.rows.length === 0) throw new AppError('IMPORT_NO_ROWS');
  const rows = sheet.rows.map((r) => parseRow(r, header));
  const today = todayIn(ctx);
  const planned = await planRows(ctx, ctx.db, { actor, org, rows, today });
  const report = reportOf(planned, header.absent.map((c) => c.key), null);
  const id = newId();
  const fileName = options.fileName.slice(0, 200);
  await repo.insertBatch(ctx.db, {
    id,
    kind: 'people',
    orgId: org.id,
    createdBy: actor.userId,
    fileName,
    fileSha256: crypto.createHash('sha256').update(options.file).digest('hex'),
    report,
    rows: sealRows(ctx.pii, rows),
  });
  const batch = await repo.findBatch(ctx.db, id);
  return { ...batch!, report };
}

async function loadBatch(ctx: ServerContext, actor: Actor, batchId: string): Promise<BatchView> {
  assertImporter(actor);
  const batch = await repo.findBatch(ctx.db, batchId);
  if (!batch || !policy.canUseBatch(actor, batch)) throw new AppError('IMPORT_BATCH_NOT_FOUND');
  return { ...batch, report: batch.report as StoredReport };
}

export async function getImportBatch(ctx: ServerContext, options: { actor: Actor; batchId: string }): Promise<BatchView> {
  return loadBatch(ctx, options.actor, options.batchId);
}

const isIdNumberUniqueViolation = (error: unknown) => {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e.code === '23505' && (e.constraint === 'people_id_number_hash_key' || (e.message ?? '').includes('people_id_number_hash_key'));
};

/**
 * Writes a dry run in one transaction, after checking its rows again inside that transaction.
 * New people go in multi-row inserts, changed people are updated (only the changed columns, at
 * the version just read), and one audit entry lists every person written.
 */
export async function commitPeopleImport(ctx: ServerContext, options: Caller & { batchId: string; mode: ImportMode }): Promise<BatchView> {
  const { actor, mode } = options;
  const batch = await loadBatch(ctx, actor, options.batchId);
  if (batch.status !== 'dry_run') throw new AppError('IMPORT_BATCH_DONE');
  const org = await loadImportOrg(ctx, actor, batch.org_id);
  const today = todayIn(ctx);
  const committedAt = ctx.now();

  const report = await ctx.db.transaction().execute(async (trx) => {
    const claimed = await repo.claimBatch(trx, batch.id);
    if (!claimed) throw new AppError('IMPORT_BATCH_DONE');
    const rows = unsealRows(ctx.pii, claimed.rows as SealedRows);
    const planned = await planRows(ctx, trx, { actor, org, rows, today });
    const errors = planned.filter((p) => p.outcome.kind === 'error').length;
    if (mode === 'all_or_nothing' && errors > 0) throw new AppError('IMPORT_HAS_ERRORS', { count: errors });

    const inserts: NewPerson[] = [];
    const updates: Array<Extract<Outcome, { kind: 'update' }>> = [];
    for (const { outcome } of planned) {
      if (outcome.kind === 'new') inserts.push(buildPersonRow(ctx, { ...outcome.record, orgId: outcome.org.id }, outcome.org, today));
      else if (outcome.kind === 'update') updates.push(outcome);
    }
    try {
      await repo.insertPeople(trx, inserts, INSERT_CHUNK);
    } catch (error) {
      // Another request registered one of these numbers after this transaction's check.
      throw isIdNumberUniqueViolation(error) ? new AppError('IMPORT_COMMIT_CONFLICT') : error;
    }
    for (const u of updates) {
      const updated = await peopleRepo.updatePerson(trx, u.person.id, { ...u.changes, updated_at: committedAt }, u.person.version);
      if (!updated) throw new AppError('IMPORT_COMMIT_CONFLICT');
      if ('phone_hash' in u.changes) await peopleRepo.syncAccountPhoneHash(trx, u.person.id, updated.phone_hash ?? null);
    }

    const final = reportOf(planned, batch.report.absentColumns, { inserted: inserts.length, updated: updates.length });
    await repo.finishBatch(trx, batch.id, { mode, report: final, committedAt });
    await recordAudit(trx, {
      actor,
      action: 'person.import',
      entityType: 'import_batch',
      entityId: batch.id,
      orgId: org.id,
      ip: options.ip,
      detail: {
        fileName: batch.file_name,
        fileSha256: batch.file_sha256,
        mode,
        counts: final.counts,
        inserted: inserts.map((p) => p.id),
        updated: updates.map((u) => ({ id: u.person.id, fields: u.fields })),
      },
    });
    return final;
  });
  return { ...batch, status: 'committed', mode, committed_at: committedAt, report };
}

// --- export --------------------------------------------------------------------------------------

/** Search text in the audit log: a long run of digits may be someone's ID or phone number. */
const auditableQuery = (q: string | undefined) => (q && /\d{5,}/.test(q) ? maskIdNumber(q) : q);

/**
 * The people of a list (the filters of GET /people) as a template workbook. Numbers are masked
 * unless `full=true`; every export is audited ('person.export', with the filter and row count),
 * and a full one is audited once more as 'person.export_full' — before the file is returned.
 */
export async function exportPeople(ctx: ServerContext, options: Caller & { query: PeopleExportQuery }): Promise<{ fileName: string; file: Buffer; rows: number }> {
  const { actor, query } = options;
  assertImporter(actor);
  const org = await findOrg(ctx.db, query.orgId);
  if (!org || !policy.canExportFrom(actor, org)) throw new AppError('ORG_NOT_FOUND');
  const today = todayIn(ctx);
  const full = query.full === 'true';
  const filter = {
    orgId: org.id,
    orgPath: org.path,
    scope: query.scope,
    category: query.category,
    status: query.status,
    search: classifySearch(ctx.pii, query.q, today),
    sort: 'name' as const,
  };
  // The count first (an index scan), so an oversized list is refused before its rows are read.
  const { total } = await peopleRepo.listPeople(ctx.db, { ...filter, page: 1, pageSize: 1 });
  if (total > EXPORT_MAX_ROWS) throw new AppError('EXPORT_TOO_MANY_ROWS', { max: EXPORT_MAX_ROWS, rows: total });
  const { rows } = total === 0 ? { rows: [] } : await peopleRepo.listPeople(ctx.db, { ...filter, page: 1, pageSize: EXPORT_MAX_ROWS });
  const codes = await repo.orgCodesByIds(ctx.db, [...new Set(rows.map((r) => r.org_id))]);
  const file = await writePeopleWorkbook(rows.map((r) => sheetValues({ ...exportRecord(ctx.pii, r, full), orgCode: codes.get(r.org_id) ?? '' })));

  const fileName = `人员信息-${org.name}-${today.replace(/-/g, '')}.xlsx`;
  const detail = {
    filter: { orgId: org.id, orgName: org.name, scope: query.scope, q: auditableQuery(query.q) ?? null, category: query.category ?? null, status: query.status ?? null },
    full,
    rows: rows.length,
    fileName,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await recordAudit(trx, { actor, action: 'person.export', entityType: 'organization', entityId: org.id, orgId: org.id, ip: options.ip, detail });
    if (full) await recordAudit(trx, { actor, action: 'person.export_full', entityType: 'organization', entityId: org.id, orgId: org.id, ip: options.ip, detail });
  });
  return { fileName, file, rows: rows.length };
}
