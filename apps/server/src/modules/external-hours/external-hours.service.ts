/**
 * External study hours (外部学时导入): hours earned on other platforms, imported from Excel the way
 * the roster import works. An upload is read and checked as a whole and kept as a dry run: every
 * row is accepted, a duplicate (already counted: earlier in the file or by an earlier batch) or in
 * error — each problem by row and column with how to fix it. A commit checks the rows again inside
 * its transaction (another batch may have landed meanwhile) and credits them through the ledger
 * (ledger.repo insertCredits: source_type 'external', source_id = the record), plus a centralised
 * training completion for rows marked as one; a retried commit returns the stored outcome and
 * credits nothing more. A committed batch can be reversed: every credit gets its reversing row,
 * every completion is revoked, and the same rows may then be imported again.
 *
 * People are found by the keyed hash of their ID number (never by name: the name only confirms the
 * number), inside the chosen organisation's subtree. ID numbers are never stored in clear: the
 * dry run's rows are sealed like the roster import's and dropped on commit; reports mask them;
 * records keep the person's id only; audit entries carry counts and the file's SHA-256.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import {
  checkIdNumber,
  EXTERNAL_HOURS_EARLIEST_DATE,
  externalHoursColumns,
  maskIdNumber,
  type ExternalHoursAccepted,
  type ExternalHoursColumnKey,
  type ExternalHoursLevel,
  type ImportMode,
} from '@pioneer/domain';
import type { Transaction } from 'kysely';
import type { ServerContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import type { Pii } from '../../lib/pii.ts';
import { isoDateIn, todayIn } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { insertCredits, type NewCredit } from '../ledger/ledger.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import * as policy from './external-hours.policy.ts';
import * as repo from './external-hours.repo.ts';
import { mapHeaders, parseRow, readUpload, writeTemplate, type ParsedRow, type RowValues } from './external-hours.xlsx.ts';

type Db = ServerContext['db'] | Transaction<DB>;
type Caller = { actor: Actor; ip: string | null };

export type Severity = 'error' | 'duplicate';
/** A problem as stored: a code and its parameters, put into the reader's language when shown. */
export type StoredProblem = { row: number; field: ExternalHoursColumnKey | null; code: string; params?: Record<string, string | number>; value: string | null; severity: Severity };
export type StoredWritten = { credited: number; hours: number; completions: number };
export type StoredReport = {
  totalRows: number;
  counts: { accepted: number; duplicate: number; error: number };
  absentColumns: ExternalHoursColumnKey[];
  problems: StoredProblem[];
  accepted: ExternalHoursAccepted[];
  written: StoredWritten | null;
};
export type BatchView = repo.BatchRow & { report: StoredReport };

/** Batches shown in a subtree's history. */
const HISTORY_LIMIT = 200;

function assertUser(actor: Actor): void {
  if (!policy.canUseExternalHours(actor)) throw new AppError('FORBIDDEN');
}

/** Called by the upload route before it reads the body, so nobody else makes the server parse a file. */
export const assertMayImport = assertUser;

// The template never changes while the server runs: built once, on first request.
let template: Promise<Buffer> | null = null;

export async function externalHoursTemplate(_ctx: ServerContext, options: { actor: Actor }): Promise<Buffer> {
  assertUser(options.actor);
  template ??= writeTemplate().catch((error: unknown) => {
    template = null;
    throw error;
  });
  return template;
}

// --- checking rows --------------------------------------------------------------------------------

/**
 * The identity of a training for duplicate detection: platform, course and completion day,
 * compared the way a person would (full-width forms, spaces, case and title marks ignored).
 */
const comparable = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s《》〈〉“”‘’"'「」]/g, '')
    .toLowerCase();
export const dedupKey = (v: { platform: string; course: string; completedOn: string }) =>
  crypto.createHash('sha256').update(`${comparable(v.platform)}\u0001${comparable(v.course)}\u0001${v.completedOn}`).digest('hex');

/** Names compared without spaces and with the one middle dot of ethnic names however it was typed. */
const sameName = (a: string, b: string) => {
  const n = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').replace(/[·•・.．]/g, '·');
  return n(a) === n(b);
};

type Complete = Required<Omit<RowValues, 'level' | 'note'>> & { level: ExternalHoursLevel | null; note: string | null };

type Outcome =
  | { kind: 'error'; problems: StoredProblem[] }
  | { kind: 'duplicate'; problem: StoredProblem }
  | { kind: 'accepted'; values: Complete; person: repo.FoundPerson; key: string };
type Planned = { row: ParsedRow; outcome: Outcome };

type TargetOrg = { id: string; name: string; path: string };

const maskCell = (field: ExternalHoursColumnKey | null, value: string | null) => (value !== null && field === 'idNumber' ? maskIdNumber(value) : value);

const isComplete = (v: RowValues): v is Complete =>
  v.name !== undefined && v.idNumber !== undefined && v.platform !== undefined && v.course !== undefined && v.completedOn !== undefined && v.hours !== undefined;

/**
 * Classifies every row against the database: its cells' own problems, the ID number's check,
 * the person holding it inside the batch's subtree (and whether the name matches), the dates,
 * then duplicates — inside the file first, then against the records already imported.
 */
async function planRows(ctx: ServerContext, db: Db, input: { actor: Actor; org: TargetOrg; rows: ParsedRow[]; today: string }): Promise<Planned[]> {
  const { actor, org, rows, today } = input;
  const problemsOf = new Map<number, StoredProblem[]>();
  const add = (r: ParsedRow, p: Omit<StoredProblem, 'row' | 'severity'>) => {
    const list = problemsOf.get(r.row) ?? [];
    list.push({ row: r.row, severity: 'error', ...p, value: maskCell(p.field, p.value) });
    problemsOf.set(r.row, list);
  };
  const hashOf = new Map<number, string>();
  for (const r of rows) {
    for (const issue of r.issues) add(r, { field: issue.field, code: issue.code, ...(issue.params ? { params: issue.params } : {}), value: issue.value });
    const v = r.values;
    if (v.idNumber !== undefined) {
      const check = checkIdNumber(v.idNumber, today);
      if (check.ok) hashOf.set(r.row, ctx.pii.hash('id', check.value));
      else add(r, { field: 'idNumber', code: check.code, value: v.idNumber });
    }
    if (v.completedOn !== undefined) {
      if (v.completedOn > today) add(r, { field: 'completedOn', code: 'EXT_DATE_FUTURE', params: { today }, value: v.completedOn });
      else if (v.completedOn < EXTERNAL_HOURS_EARLIEST_DATE) add(r, { field: 'completedOn', code: 'EXT_DATE_TOO_EARLY', params: { earliest: EXTERNAL_HOURS_EARLIEST_DATE }, value: v.completedOn });
    }
    if (v.level && v.centralised !== true && !r.issues.some((i) => i.field === 'centralised')) {
      add(r, { field: 'level', code: 'EXT_LEVEL_WITHOUT_CENTRALISED', value: v.level === 'county' ? '县级' : '单位' });
    }
  }

  const found = await repo.peopleByIdHashes(db, [...new Set(hashOf.values())]);
  const personByHash = new Map(found.filter((p) => policy.canCreditPerson(actor, org.path, p)).map((p) => [p.id_number_hash, p]));
  const personOf = new Map<number, repo.FoundPerson>();
  for (const r of rows) {
    const hash = hashOf.get(r.row);
    if (hash === undefined) continue;
    const person = personByHash.get(hash);
    // Someone outside the subtree is reported exactly like nobody: the file learns nothing about them.
    if (!person) add(r, { field: 'idNumber', code: 'EXT_PERSON_NOT_FOUND', params: { org: org.name }, value: r.values.idNumber ?? null });
    else if (r.values.name !== undefined && !sameName(r.values.name, person.name)) add(r, { field: 'name', code: 'EXT_NAME_MISMATCH', params: { registered: person.name }, value: r.values.name });
    else personOf.set(r.row, person);
  }

  const standing = await repo.standingRecordsOf(db, [...new Set([...personOf.values()].map((p) => p.id))]);
  const imported = new Map(standing.map((s) => [`${s.person_id}|${s.dedup_key}`, s]));
  const firstInFile = new Map<string, { row: number; hours: number }>();

  return rows.map((r): Planned => {
    const problems = problemsOf.get(r.row);
    const person = personOf.get(r.row);
    const v = r.values;
    if (problems || !person || !isComplete(v)) {
      return { row: r, outcome: { kind: 'error', problems: problems ?? [{ row: r.row, field: null, code: 'EXT_REQUIRED', value: null, severity: 'error' }] } };
    }
    const key = dedupKey(v);
    const identity = `${person.id}|${key}`;
    const first = firstInFile.get(identity);
    if (first) {
      if (first.hours !== v.hours) return { row: r, outcome: { kind: 'error', problems: [{ row: r.row, field: 'hours', code: 'EXT_CONFLICTS_IN_FILE', params: { row: first.row, hours: first.hours }, value: String(v.hours), severity: 'error' }] } };
      return { row: r, outcome: { kind: 'duplicate', problem: { row: r.row, field: null, code: 'EXT_DUPLICATE_IN_FILE', params: { row: first.row }, value: null, severity: 'duplicate' } } };
    }
    firstInFile.set(identity, { row: r.row, hours: v.hours });
    const earlier = imported.get(identity);
    if (earlier) {
      const at = earlier.committed_at ? isoDateIn(new Date(earlier.committed_at), ctx.config.timeZone) : '';
      if (Number(earlier.hours) !== v.hours) {
        return { row: r, outcome: { kind: 'error', problems: [{ row: r.row, field: 'hours', code: 'EXT_CONFLICTS_IMPORTED', params: { at, file: earlier.file_name, hours: Number(earlier.hours) }, value: String(v.hours), severity: 'error' }] } };
      }
      return { row: r, outcome: { kind: 'duplicate', problem: { row: r.row, field: null, code: 'EXT_DUPLICATE_IMPORTED', params: { at, file: earlier.file_name }, value: null, severity: 'duplicate' } } };
    }
    return { row: r, outcome: { kind: 'accepted', values: { ...v, level: v.centralised ? (v.level ?? 'unit') : null, note: v.note ?? null }, person, key } };
  });
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function reportOf(planned: Planned[], absentColumns: ExternalHoursColumnKey[], written: StoredWritten | null): StoredReport {
  const counts = { accepted: 0, duplicate: 0, error: 0 };
  const problems: StoredProblem[] = [];
  const accepted: ExternalHoursAccepted[] = [];
  for (const { row, outcome } of planned) {
    counts[outcome.kind] += 1;
    if (outcome.kind === 'error') problems.push(...outcome.problems);
    else if (outcome.kind === 'duplicate') problems.push(outcome.problem);
    else {
      const v = outcome.values;
      accepted.push({
        row: row.row,
        personId: outcome.person.id,
        personName: outcome.person.name,
        orgName: outcome.person.org_name,
        platform: v.platform,
        course: v.course,
        completedOn: v.completedOn,
        hours: v.hours,
        centralised: v.centralised,
        level: v.level,
      });
    }
  }
  return { totalRows: planned.length, counts, absentColumns, problems, accepted, written };
}

// --- sealed rows: the dry run's ID numbers, encrypted at rest ---------------------------------------

type SealedRows = { format: 'deflate-json'; sealed: string };
const sealRows = (pii: Pii, rows: ParsedRow[]): SealedRows => ({ format: 'deflate-json', sealed: pii.encrypt(zlib.deflateRawSync(JSON.stringify(rows), { level: 1 }).toString('base64')) });
const unsealRows = (pii: Pii, stored: SealedRows): ParsedRow[] => JSON.parse(zlib.inflateRawSync(Buffer.from(pii.decrypt(stored.sealed), 'base64')).toString('utf8')) as ParsedRow[];

// --- the endpoints' work -----------------------------------------------------------------------------

async function loadTargetOrg(ctx: ServerContext, actor: Actor, orgId: string): Promise<TargetOrg> {
  const org = await findOrg(ctx.db, orgId);
  if (!org || !policy.canImportInto(actor, org)) throw new AppError('ORG_NOT_FOUND');
  if (!org.active) throw new AppError('ORG_INACTIVE', { name: org.name });
  return org;
}

/** Reads and checks an uploaded file and keeps it as a dry run; whole-file problems are refused at once. */
export async function dryRunExternalHours(ctx: ServerContext, options: Caller & { orgId: string; fileName: string; file: Buffer }): Promise<BatchView> {
  const { actor } = options;
  assertUser(actor);
  const org = await loadTargetOrg(ctx, actor, options.orgId);
  const sheet = await readUpload(options.file);
  const header = mapHeaders(sheet.headers);
  if (header.missing.length > 0) throw new AppError('EXT_HEADER_MISSING', { columns: header.missing.map((c) => c.header).join('、') });
  if (sheet.rows.length === 0) throw new AppError('EXT_NO_ROWS');
  const rows = sheet.rows.map((r) => parseRow(r, header));
  const planned = await planRows(ctx, ctx.db, { actor, org, rows, today: todayIn(ctx) });
  const report = reportOf(
    planned,
    header.absent.map((c) => c.key),
    null,
  );
  const id = newId();
  await repo.insertBatch(ctx.db, {
    id,
    orgId: org.id,
    orgPath: org.path,
    createdBy: actor.userId,
    fileName: options.fileName.slice(0, 200),
    fileSha256: crypto.createHash('sha256').update(options.file).digest('hex'),
    report,
    rows: sealRows(ctx.pii, rows),
  });
  return loadBatch(ctx, actor, id);
}

async function loadBatch(ctx: ServerContext, actor: Actor, batchId: string): Promise<BatchView> {
  assertUser(actor);
  const batch = await repo.findBatch(ctx.db, batchId);
  if (!batch || !policy.canSeeBatch(actor, batch)) throw new AppError('EXT_BATCH_NOT_FOUND');
  return { ...batch, report: batch.report as StoredReport };
}

export const getBatch = (ctx: ServerContext, options: { actor: Actor; batchId: string }) => loadBatch(ctx, options.actor, options.batchId);

export async function listBatches(ctx: ServerContext, options: { actor: Actor; orgId: string }): Promise<BatchView[]> {
  assertUser(options.actor);
  const org = await findOrg(ctx.db, options.orgId);
  if (!org || !policy.canImportInto(options.actor, org)) throw new AppError('ORG_NOT_FOUND');
  const rows = await repo.listBatches(ctx.db, { orgPath: org.path, userId: options.actor.userId, limit: HISTORY_LIMIT });
  return rows.map((b) => ({ ...b, report: b.report as StoredReport }));
}

const creditDescription = (v: { platform: string; course: string }) => `外部学时：${v.platform}《${v.course}》`;

/**
 * Credits a dry run in one transaction, after checking its rows again inside it. The batch row is
 * locked first, so a retried or concurrent second commit waits and then finds it committed: it
 * gets the stored outcome and nothing is credited twice. The dedup index backs this up against a
 * different batch with the same records committing at the same moment.
 */
export async function commitExternalHours(ctx: ServerContext, options: Caller & { batchId: string; mode: ImportMode }): Promise<BatchView> {
  const { actor, mode } = options;
  const batch = await loadBatch(ctx, actor, options.batchId);
  if (batch.status !== 'dry_run') return batch;
  if (!policy.canCommitBatch(actor, batch)) throw new AppError('EXT_BATCH_NOT_YOURS');
  const org = await loadTargetOrg(ctx, actor, batch.org_id);
  const today = todayIn(ctx);
  const now = ctx.now();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const locked = await repo.lockBatch(trx, batch.id);
      if (!locked || locked.status !== 'dry_run') return;
      const rows = unsealRows(ctx.pii, locked.rows as SealedRows);
      const planned = await planRows(ctx, trx, { actor, org, rows, today });
      const errors = planned.filter((p) => p.outcome.kind === 'error').length;
      if (mode === 'all_or_nothing' && errors > 0) throw new AppError('EXT_BATCH_HAS_ERRORS', { count: errors });

      const credits: NewCredit[] = [];
      const completions: repo.NewCompletion[] = [];
      const records: repo.NewRecord[] = [];
      for (const { row, outcome } of planned) {
        if (outcome.kind !== 'accepted') continue;
        const v = outcome.values;
        const recordId = newId();
        const creditId = newId();
        const year = Number(v.completedOn.slice(0, 4));
        credits.push({
          id: creditId,
          personId: outcome.person.id,
          orgId: outcome.person.org_id,
          orgPath: outcome.person.org_path,
          year,
          creditedOn: v.completedOn,
          hours: v.hours,
          sourceType: 'external',
          sourceId: recordId,
          description: creditDescription(v),
          reversesId: null,
          createdBy: actor.userId,
          createdAt: now,
        });
        const completionId = v.centralised ? newId() : null;
        if (completionId) {
          completions.push({
            id: completionId,
            person_id: outcome.person.id,
            year,
            completed_on: v.completedOn,
            kind: 'external',
            level: v.level ?? 'unit',
            source_type: 'external_hours',
            source_id: recordId,
            title: `${v.platform}：${v.course}`,
            hours: v.hours,
            created_by: actor.userId,
          });
        }
        records.push({
          id: recordId,
          batch_id: batch.id,
          row_number: row.row,
          person_id: outcome.person.id,
          platform: v.platform,
          course: v.course,
          completed_on: v.completedOn,
          year,
          hours: v.hours,
          centralised: v.centralised,
          level: v.level,
          note: v.note,
          dedup_key: outcome.key,
          credit_id: creditId,
          completion_id: completionId,
        });
      }
      await insertCredits(trx, credits);
      await repo.insertCompletions(trx, completions);
      await repo.insertRecords(trx, records);
      const written = { credited: credits.length, hours: round1(credits.reduce((sum, c) => sum + c.hours, 0)), completions: completions.length };
      const final = reportOf(planned, batch.report.absentColumns, written);
      await repo.finishCommit(trx, batch.id, { mode, report: final, committedAt: now, committedBy: actor.userId });
      await recordAudit(trx, {
        actor,
        action: 'external_hours.import',
        entityType: 'external_hour_batch',
        entityId: batch.id,
        orgId: org.id,
        ip: options.ip,
        detail: { fileName: batch.file_name, fileSha256: batch.file_sha256, mode, counts: final.counts, written },
      });
    });
  } catch (error) {
    throw repo.isDedupViolation(error) ? new AppError('EXT_COMMIT_CONFLICT', {}, [], { cause: error }) : error;
  }
  return loadBatch(ctx, actor, batch.id);
}

/**
 * Reverses a committed batch: each standing credit gets a row with the opposite hours (same
 * person, organisation, year and day, so every total nets to zero), each completion is revoked,
 * and the records stop counting as imported. A repeated reversal changes nothing.
 */
export async function reverseExternalHours(ctx: ServerContext, options: Caller & { batchId: string; reason: string }): Promise<BatchView> {
  const { actor } = options;
  const batch = await loadBatch(ctx, actor, options.batchId);
  if (!policy.canReverseBatch(actor, batch)) throw new AppError('EXT_BATCH_NOT_FOUND');
  if (batch.status === 'reversed') return batch;
  if (batch.status !== 'committed') throw new AppError('EXT_BATCH_NOT_COMMITTED');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockBatch(trx, batch.id);
    if (!locked || locked.status === 'reversed') return;
    if (locked.status !== 'committed') throw new AppError('EXT_BATCH_NOT_COMMITTED');
    const records = await repo.standingRecordsOfBatch(trx, batch.id);
    const reversals: NewCredit[] = records.map((r) => ({
      id: newId(),
      personId: r.person_id,
      orgId: r.org_id,
      orgPath: r.org_path,
      year: r.year,
      creditedOn: r.credited_on,
      hours: -Number(r.hours),
      sourceType: 'external',
      sourceId: r.id,
      description: `冲销：${r.description}`,
      reversesId: r.credit_id,
      createdBy: actor.userId,
      createdAt: now,
    }));
    await insertCredits(trx, reversals);
    const completionIds = records.map((r) => r.completion_id).filter((id): id is string => id !== null);
    await repo.reverseRecords(trx, { batchId: batch.id, completionIds, at: now });
    await repo.markReversed(trx, batch.id, { at: now, by: actor.userId, reason: options.reason });
    await recordAudit(trx, {
      actor,
      action: 'external_hours.reverse',
      entityType: 'external_hour_batch',
      entityId: batch.id,
      orgId: batch.org_id,
      ip: options.ip,
      detail: { fileName: batch.file_name, reason: options.reason, reversedCredits: reversals.length, revokedCompletions: completionIds.length, hours: round1(-reversals.reduce((s, c) => s + c.hours, 0)) },
    });
  });
  return loadBatch(ctx, actor, batch.id);
}

/** The template's columns, for the presenter's headers. */
export const columnHeader = (key: ExternalHoursColumnKey | null) => (key === null ? null : (externalHoursColumns.find((c) => c.key === key)?.header ?? key));
