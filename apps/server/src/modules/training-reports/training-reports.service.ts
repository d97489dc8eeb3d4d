/**
 * Training exports (培训统计导出): the person-by-person hours ledger of a subtree for a year
 * (streamed .xlsx), the year's statistics per organisation (.xlsx), and a member's annual study
 * record (PDF). Every figure comes from the recorded facts — study_credits (reversals net to zero)
 * and standing training_completions — and the year's verdict from the training rule set
 * (training-needs yearVerdicts: the same rules as everyone's progress and the coverage).
 * Exports of a subtree and of someone else's record are audited before the file leaves.
 */
import { PassThrough, type Readable } from 'node:stream';
import { classTypeLabels, studyCreditSourceTypes, type StudyCreditSourceType, type TrainingReportQuery } from '@pioneer/domain';
import type { ServerContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { todayIn } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { subtreeStatistics } from '../classes/classes.service.ts';
import { PdfFontMissingError } from '../circulars/circulars.render.ts';
import { listPersonYear } from '../ledger/ledger.repo.ts';
import { standingCredits } from '../ledger/ledger.service.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import * as policy from './training-reports.policy.ts';
import { openLedgerWriter, renderAnnualRecordPdf, writeStatisticsWorkbook, type ClassStatistics, type LedgerLine, type OrgStatistics } from './training-reports.render.ts';
import * as repo from './training-reports.repo.ts';
import { yearVerdicts } from '../training-needs/training-needs.service.ts';

type Caller = { actor: Actor; ip: string | null };
export type ExportFile<T> = { fileName: string; fallbackName: string; body: T };

/** People read per page while streaming: bounded memory, few round trips. */
const PAGE = 2_000;
const round1 = (n: number) => Math.round(n * 10) / 10;
const zeroBySource = (): Record<StudyCreditSourceType, number> => Object.fromEntries(studyCreditSourceTypes.map((s) => [s, 0])) as Record<StudyCreditSourceType, number>;

const currentYear = (ctx: ServerContext) => Number(todayIn(ctx).slice(0, 4));

function assertYear(ctx: ServerContext, year: number): void {
  if (year > currentYear(ctx)) throw new AppError('TRAINING_REPORT_YEAR_IN_FUTURE', { year });
}

async function loadSubtree(ctx: ServerContext, actor: Actor, orgId: string) {
  const org = await findOrg(ctx.db, orgId);
  if (!org || !policy.canExportSubtree(actor, org)) throw new AppError('ORG_NOT_FOUND');
  return org;
}

/** Every member of a subtree with their year's figures, a page at a time, in organisation and name order. */
async function* memberYears(ctx: ServerContext, options: { orgPath: string; year: number }): AsyncGenerator<LedgerLine & { orgId: string }> {
  let after: repo.Cursor = null;
  for (;;) {
    const people = await repo.membersPage(ctx.db, { orgPath: options.orgPath, after, limit: PAGE });
    if (people.length === 0) return;
    const ids = people.map((p) => p.id);
    const hours = await repo.hoursBySource(ctx.db, ids, options.year);
    const centralised = await repo.centralisedCounts(ctx.db, ids, options.year);
    const bySourceOf = new Map<string, Record<StudyCreditSourceType, number>>();
    for (const h of hours) {
      const row = bySourceOf.get(h.person_id) ?? zeroBySource();
      if (h.source_type in row) row[h.source_type as StudyCreditSourceType] = round1(h.hours);
      bySourceOf.set(h.person_id, row);
    }
    const totals = new Map(people.map((p) => [p.id, round1(studyCreditSourceTypes.reduce((s, k) => s + (bySourceOf.get(p.id) ?? zeroBySource())[k], 0))]));
    const verdicts = await yearVerdicts(ctx.db, { people: people.map((p) => ({ person: p, hours: totals.get(p.id)! })), year: options.year, today: todayIn(ctx) });
    for (const p of people) {
      const bySource = bySourceOf.get(p.id) ?? zeroBySource();
      const v = verdicts.get(p.id)!;
      yield { orgId: p.org_id, orgName: p.org_name, name: p.name, category: p.category, requiredHours: v.requiredHours, requiredCentralised: v.requiredCentralised, bySource, total: totals.get(p.id)!, centralised: centralised.get(p.id) ?? 0, status: v.status, reasons: v.reasons };
    }
    const last = people[people.length - 1]!;
    after = { orgPath: last.org_path, pinyin: last.name_pinyin, id: last.id };
  }
}

/**
 * The person-by-person hours ledger of a subtree for a year, streamed: the audit entry is written
 * first, then rows are read a page at a time and written into the workbook as they come.
 */
export async function exportLedger(ctx: ServerContext, options: Caller & { query: TrainingReportQuery }): Promise<ExportFile<Readable>> {
  const { actor, query } = options;
  const org = await loadSubtree(ctx, actor, query.orgId);
  assertYear(ctx, query.year);
  const fileName = `${query.year}年度学时台账-${org.name}.xlsx`;
  await recordAudit(ctx.db, { actor, action: 'training.ledger_export', entityType: 'organization', entityId: org.id, orgId: org.id, ip: options.ip, detail: { year: query.year, orgName: org.name, fileName } });
  const out = new PassThrough();
  const writer = openLedgerWriter(out, `${org.name} ${query.year}年度党员学时台账（统计截至${todayIn(ctx)}）`);
  void (async () => {
    for await (const line of memberYears(ctx, { orgPath: org.path, year: query.year })) writer.add(line);
    await writer.close();
  })().catch((error: unknown) => {
    // The response has begun: the download breaks off rather than ending as a complete-looking file.
    ctx.log.error({ err: error, orgId: org.id, year: query.year }, 'training ledger export failed');
    out.destroy(error as Error);
  });
  return { fileName, fallbackName: `training-ledger-${query.year}.xlsx`, body: out };
}

/**
 * Classes held (班次), person-times (人次) and people who completed per class type: the classes
 * module's statistics of the subtree and year, the same figures as GET /classes/statistics.
 */
async function classStatistics(ctx: ServerContext, options: { orgPath: string; year: number }): Promise<ClassStatistics[]> {
  const { byType } = await subtreeStatistics(ctx, options);
  return byType.map((t) => ({ classType: classTypeLabels[t.type]['zh-CN'], classes: t.classes, personTimes: t.personTimes, completedPersons: t.completedPersons }));
}

/** The year's statistics per organisation of the subtree (its own members), with totals and the classes sheet. */
export async function exportStatistics(ctx: ServerContext, options: Caller & { query: TrainingReportQuery }): Promise<ExportFile<Buffer>> {
  const { actor, query } = options;
  const org = await loadSubtree(ctx, actor, query.orgId);
  assertYear(ctx, query.year);
  const orgs = await repo.subtreeOrgs(ctx.db, org.path);
  const byOrg = new Map<string, OrgStatistics>(orgs.map((o) => [o.id, { orgName: o.name, depth: o.depth, members: 0, required: 0, met: 0, short: 0, exempt: 0, hours: 0 }]));
  for await (const line of memberYears(ctx, { orgPath: org.path, year: query.year })) {
    const s = byOrg.get(line.orgId);
    if (!s) continue;
    s.members += 1;
    s.hours += line.total;
    if (line.status === 'exempt') s.exempt += 1;
    else {
      s.required += 1;
      if (line.status === 'met') s.met += 1;
      else s.short += 1;
    }
  }
  const classes = await classStatistics(ctx, { orgPath: org.path, year: query.year });
  const fileName = `${query.year}年度培训统计-${org.name}.xlsx`;
  const body = await writeStatisticsWorkbook({ title: `${org.name} ${query.year}年度党员教育培训统计（统计截至${todayIn(ctx)}）`, orgs: [...byOrg.values()].map((s) => ({ ...s, hours: round1(s.hours) })), classes });
  await recordAudit(ctx.db, { actor, action: 'training.statistics_export', entityType: 'organization', entityId: org.id, orgId: org.id, ip: options.ip, detail: { year: query.year, orgName: org.name, fileName } });
  return { fileName, fallbackName: `training-statistics-${query.year}.xlsx`, body };
}

async function renderRecord(ctx: ServerContext, person: NonNullable<Awaited<ReturnType<typeof repo.findPersonForRecord>>>, year: number): Promise<ExportFile<Buffer>> {
  const credits = standingCredits(await listPersonYear(ctx.db, person.id, year)).map((c) => ({ creditedOn: c.credited_on, sourceType: c.source_type as StudyCreditSourceType, description: c.description, hours: Number(c.hours) }));
  credits.sort((a, b) => (a.creditedOn < b.creditedOn ? -1 : a.creditedOn > b.creditedOn ? 1 : 0));
  const bySource = zeroBySource();
  for (const c of credits) if (c.sourceType in bySource) bySource[c.sourceType] = round1(bySource[c.sourceType] + c.hours);
  const total = round1(credits.reduce((s, c) => s + c.hours, 0));
  const completions = await repo.completionsOfYear(ctx.db, person.id, year);
  const verdict = (await yearVerdicts(ctx.db, { people: [{ person, hours: total }], year, today: todayIn(ctx) })).get(person.id)!;
  try {
    const body = await renderAnnualRecordPdf(
      {
        year,
        name: person.name,
        orgName: person.org_name,
        category: person.category,
        requiredHours: verdict.requiredHours,
        requiredCentralised: verdict.requiredCentralised,
        exemptReason: verdict.exemptReason,
        total,
        status: verdict.status,
        reasons: verdict.reasons,
        bySource,
        credits,
        centralised: completions.map((c) => ({ completedOn: c.completed_on, title: c.title, level: c.level, hours: Number(c.hours) })),
        generatedOn: todayIn(ctx),
      },
      ctx.config.pdfFontPath,
    );
    return { fileName: `${year}年度学习档案-${person.name}.pdf`, fallbackName: `study-record-${year}.pdf`, body };
  } catch (error) {
    if (error instanceof PdfFontMissingError) throw new AppError('TRAINING_REPORT_PDF_FONT_MISSING', {}, [], { cause: error });
    throw error;
  }
}

/** My own annual study record: the person behind the account. */
export async function myAnnualRecord(ctx: ServerContext, options: { actor: Actor; year?: number | undefined }): Promise<ExportFile<Buffer>> {
  const person = options.actor.personId ? await repo.findPersonForRecord(ctx.db, options.actor.personId) : undefined;
  if (!person) throw new AppError('PROFILE_NOT_LINKED');
  const year = options.year ?? currentYear(ctx);
  assertYear(ctx, year);
  return renderRecord(ctx, person, year);
}

/** A member's annual study record for a manager of their organisation; audited. */
export async function personAnnualRecord(ctx: ServerContext, options: Caller & { personId: string; year?: number | undefined }): Promise<ExportFile<Buffer>> {
  const person = await repo.findPersonForRecord(ctx.db, options.personId);
  if (!person || !policy.canReadRecordOf(options.actor, person)) throw new AppError('PERSON_NOT_FOUND');
  const year = options.year ?? currentYear(ctx);
  assertYear(ctx, year);
  const file = await renderRecord(ctx, person, year);
  await recordAudit(ctx.db, { actor: options.actor, action: 'training.record_export', entityType: 'person', entityId: person.id, orgId: person.org_id, ip: options.ip, detail: { year, fileName: file.fileName } });
  return file;
}
