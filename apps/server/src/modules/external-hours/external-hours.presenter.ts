/**
 * External-hours batches to the API shape in the reader's language: each stored problem code
 * becomes its message (the import's own texts, and the ID-number and date rules' texts), each
 * field its column header as the template shows it.
 */
import { externalHoursMessages, ruleMessages, type ExternalHoursBatchSummary, type ExternalHoursReport } from '@pioneer/domain';
import { formatTemplate, type Lang } from '../../errors.ts';
import { columnHeader, type BatchView } from './external-hours.service.ts';

const messages: Record<string, { 'zh-CN': string; en: string }> = { ...ruleMessages, ...externalHoursMessages };

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const status = (s: string): ExternalHoursReport['status'] => (s === 'committed' || s === 'reversed' ? s : 'dry_run');
const mode = (m: string | null): ExternalHoursReport['mode'] => (m === 'valid_rows' || m === 'all_or_nothing' ? m : null);

export function presentReport(batch: BatchView, lang: Lang): ExternalHoursReport {
  const r = batch.report;
  return {
    batchId: batch.id,
    status: status(batch.status),
    orgId: batch.org_id,
    orgName: batch.org_name,
    fileName: batch.file_name,
    createdAt: iso(batch.created_at)!,
    committedAt: iso(batch.committed_at),
    reversedAt: iso(batch.reversed_at),
    reversalReason: batch.reversal_reason,
    mode: mode(batch.mode),
    totalRows: r.totalRows,
    counts: r.counts,
    absentColumns: r.absentColumns.map((f) => columnHeader(f)!),
    problems: r.problems.map((p) => ({
      row: p.row,
      column: columnHeader(p.field),
      field: p.field,
      value: p.value,
      severity: p.severity,
      code: p.code,
      message: messages[p.code] ? formatTemplate(messages[p.code]![lang], p.params ?? {}) : p.code,
    })),
    accepted: r.accepted,
    written: r.written,
  };
}

export function presentSummary(batch: BatchView): ExternalHoursBatchSummary {
  return {
    batchId: batch.id,
    status: status(batch.status),
    orgId: batch.org_id,
    orgName: batch.org_name,
    fileName: batch.file_name,
    createdBy: batch.created_by_name,
    createdAt: iso(batch.created_at)!,
    committedAt: iso(batch.committed_at),
    reversedAt: iso(batch.reversed_at),
    reversalReason: batch.reversal_reason,
    totalRows: batch.report.totalRows,
    counts: batch.report.counts,
    written: batch.report.written,
  };
}
