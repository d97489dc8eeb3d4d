/**
 * Circulars (通报): assemble a quarter's figures for an organisation's subtree from the modules
 * that own them (compliance verdicts and attendance, central-group audits, open make-up study),
 * render them as .docx and .pdf, and store all three together — so every version can be rendered
 * again from its own figures. Publishing tells the subtree's secretaries.
 */
import { circularFigures, circularTitle, quarterBounds, type CircularCreateInput, type CircularFigures, type CircularListQuery, type CircularPublishResult, type CircularSummary, type CircularView } from '@pioneer/domain';
import type { ServerContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { todayIn } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { notify } from '../notifications/notifications.service.ts';
import * as orgsRepo from '../orgs/orgs.repo.ts';
import * as policy from './circulars.policy.ts';
import { checkPdfFont, PdfFontMissingError, renderDocx, renderPdf } from './circulars.render.ts';
import * as repo from './circulars.repo.ts';
import type { CircularSources } from './circulars.sources.ts';

type Caller = { actor: Actor; ip: string | null };

/** The closing requirements of a circular: what every organisation is asked to do next. */
export const standardRequirements = [
  '各党组织要对照本通报查找差距，未达到要求的事项须在下季度首月内按规定补开或组织补学，据实记录，不得事后补记、虚构会议记录。',
  '严格落实“三会一课”、主题党日、组织生活会等制度。会议情况在系统中如实记录一次即可，出勤、学时和达标情况由系统自动汇总，不再另行填报。',
  '党员因故缺席组织生活的，所在党组织要及时安排补学，督促其学习会议材料并撰写学习体会，做到应补尽补。',
  '各党委（党组）要抓好理论学习中心组学习，落实“一学一报”，主动配合工委列席旁听。',
];

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function presentSummary(row: repo.CircularSummaryRow): CircularSummary {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    period: row.period,
    version: row.version,
    title: row.title,
    createdAt: new Date(row.created_at).toISOString(),
    generatedByName: row.generated_by_name,
    publishedAt: iso(row.published_at),
    docxBytes: Number(row.docx_bytes),
    pdfBytes: Number(row.pdf_bytes),
  };
}

/** Everything the circular of an organisation and quarter says, as of today. */
export async function assembleFigures(ctx: ServerContext, options: { org: { id: string; name: string; path: string }; period: string; sources: CircularSources }): Promise<CircularFigures> {
  const { org, period, sources } = options;
  const bounds = quarterBounds(period);
  const [compliance, audits, makeup] = await Promise.all([
    sources.compliance(ctx, { orgId: org.id, period }),
    sources.audits(ctx, { orgId: org.id, period }),
    repo.openMakeupByOrg(ctx.db, { path: org.path, until: bounds.end }),
  ]);
  // Parsing guards what is stored: a source that changed shape fails here, not in a later re-render.
  return circularFigures.parse({
    renderer: 'circular-v1',
    period,
    periodStart: bounds.start,
    periodEnd: bounds.end,
    title: circularTitle(period),
    issuer: { orgId: org.id, name: org.name },
    issuedOn: todayIn(ctx),
    totals: {
      orgsJudged: compliance.orgsJudged,
      orgsAllMet: compliance.allMet.length,
      attendanceExpected: compliance.attendanceExpected,
      attendancePresent: compliance.attendancePresent,
    },
    allMet: compliance.allMet,
    shortfalls: compliance.shortfalls,
    makeup,
    audits,
    requirements: standardRequirements,
  } satisfies CircularFigures);
}

/** A clear refusal (and a log line naming the path) when the PDF font is missing. */
function assertPdfFont(ctx: ServerContext): void {
  try {
    checkPdfFont(ctx.config.pdfFontPath);
  } catch (error) {
    if (!(error instanceof PdfFontMissingError)) throw error;
    ctx.log.error({ fontPath: error.fontPath }, error.message);
    throw new AppError('CIRCULAR_PDF_FONT_MISSING', {}, [], { cause: error });
  }
}

async function renderBoth(ctx: ServerContext, figures: CircularFigures) {
  assertPdfFont(ctx);
  return { docx: await renderDocx(figures), pdf: await renderPdf(figures, ctx.config.pdfFontPath) };
}

export async function generateCircular(ctx: ServerContext, options: Caller & { input: CircularCreateInput; sources: CircularSources }): Promise<CircularView> {
  const { actor, input } = options;
  const org = await orgsRepo.findOrg(ctx.db, input.orgId);
  if (!org || !policy.canSeeCircularsOf(actor, org)) throw new AppError('ORG_NOT_FOUND');
  if (!policy.canGenerateFor(actor, org)) throw new AppError('CIRCULAR_ONLY_COMMITTEE_OFFICERS');
  if (quarterBounds(input.period).start > todayIn(ctx)) throw new AppError('CIRCULAR_PERIOD_IN_FUTURE', { period: input.period });
  // Before the figures are assembled: no work is wasted on a circular that cannot be rendered.
  assertPdfFont(ctx);
  const figures = await assembleFigures(ctx, { org, period: input.period, sources: options.sources });
  const documents = await renderBoth(ctx, figures);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockOrg(trx, org.id);
    const version = await repo.nextVersion(trx, org.id, input.period);
    await repo.insertCircular(trx, { id, orgId: org.id, orgPath: org.path, period: input.period, version, title: figures.title, figures, ...documents, generatedBy: actor.userId, createdAt: ctx.now() });
    await recordAudit(trx, { actor, action: 'circular.generate', entityType: 'circular', entityId: id, orgId: org.id, ip: options.ip, detail: { period: input.period, version } });
  });
  return getCircular(ctx, { actor, id });
}

/** Renders a stored circular again from its own figures (what reproducibility means here). */
export async function rerender(ctx: ServerContext, figures: unknown): Promise<{ docx: Buffer; pdf: Buffer }> {
  return renderBoth(ctx, circularFigures.parse(figures));
}

async function loadVisible(ctx: ServerContext, actor: Actor, id: string) {
  const row = await repo.findWithFigures(ctx.db, id);
  if (!row || !policy.canViewCircular(actor, row)) throw new AppError('CIRCULAR_NOT_FOUND');
  return row;
}

export async function getCircular(ctx: ServerContext, options: { actor: Actor; id: string }): Promise<CircularView> {
  const row = await loadVisible(ctx, options.actor, options.id);
  return { ...presentSummary(row), figures: circularFigures.parse(row.figures) };
}

export async function listCirculars(ctx: ServerContext, options: { actor: Actor; query: CircularListQuery }): Promise<CircularSummary[]> {
  const { actor, query } = options;
  if (!policy.readsCirculars(actor)) throw new AppError('FORBIDDEN');
  if (query.orgId) {
    const org = await orgsRepo.findOrg(ctx.db, query.orgId);
    if (!org || !policy.canSeeCircularsOf(actor, org)) throw new AppError('ORG_NOT_FOUND');
  }
  const rows = await repo.listVisible(ctx.db, { officerPaths: policy.officerPaths(actor), secretaryPaths: policy.secretaryPaths(actor), orgId: query.orgId, period: query.period, limit: 500 });
  return rows.map(presentSummary);
}

export type CircularDocument = { fileName: string; fallbackName: string; mediaType: string; bytes: Buffer };

export async function downloadCircular(ctx: ServerContext, options: { actor: Actor; id: string; format: 'docx' | 'pdf' }): Promise<CircularDocument> {
  const row = await repo.findDocument(ctx.db, options.id, options.format);
  if (!row || !policy.canViewCircular(options.actor, row)) throw new AppError('CIRCULAR_NOT_FOUND');
  const suffix = row.version > 1 ? `（第${row.version}版）` : '';
  return {
    fileName: `${row.title}${suffix}.${options.format}`,
    fallbackName: `circular-${row.period}-v${row.version}.${options.format}`,
    mediaType: options.format === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/pdf',
    // PGlite hands bytea back as a Uint8Array, pg as a Buffer.
    bytes: Buffer.from(row.bytes),
  };
}

/**
 * Publishes a version (once; publishing again changes nothing and notifies no one twice) and
 * notifies every secretary of the subtree, in the same transaction.
 */
export async function publishCircular(ctx: ServerContext, options: Caller & { id: string }): Promise<CircularPublishResult> {
  const { actor } = options;
  const row = await repo.findSummary(ctx.db, options.id);
  if (!row || !policy.canViewCircular(actor, row)) throw new AppError('CIRCULAR_NOT_FOUND');
  if (!policy.canPublish(actor, row)) throw new AppError('CIRCULAR_ONLY_COMMITTEE_OFFICERS');
  const notified = await ctx.db.transaction().execute(async (trx) => {
    const published = await repo.markPublished(trx, row.id, { at: ctx.now(), by: actor.userId });
    if (!published) return 0;
    const secretaries = await repo.secretaryUserIdsUnder(trx, row.org_path);
    const result = await notify(trx, ctx, {
      recipients: { userIds: secretaries },
      kind: 'circular_published',
      params: { title: row.title, orgName: row.org_name, period: row.period },
      // The circulars page is the web app's route; the id picks the circular to open there.
      link: `/circulars?id=${row.id}`,
      dedupeKey: `circular_published:${row.id}`,
    });
    await recordAudit(trx, { actor, action: 'circular.publish', entityType: 'circular', entityId: row.id, orgId: row.org_id, ip: options.ip, detail: { period: row.period, version: row.version, notified: result.created } });
    return result.created;
  });
  const after = await repo.findSummary(ctx.db, row.id);
  return { ...presentSummary(after!), notified };
}
