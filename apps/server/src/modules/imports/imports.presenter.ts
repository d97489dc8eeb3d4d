/**
 * A stored import report to the API shape in the reader's language: each problem's code becomes
 * its message (the rules' and the import's own texts), each field its column header as the file
 * shows it. Reports are stored as codes so one dry run reads well in Chinese and in English.
 */
import { apiMessages, importColumnByKey, ruleMessages, type ImportColumnKey, type ImportReport } from '@pioneer/domain';
import { formatTemplate, type Lang } from '../../errors.ts';
import type { BatchView } from './imports.service.ts';

const messages: Record<string, { 'zh-CN': string; en: string }> = { ...ruleMessages, ...apiMessages };

const header = (field: ImportColumnKey | null) => (field === null ? null : (importColumnByKey.get(field)?.header ?? field));

export function presentReport(batch: BatchView, lang: Lang): ImportReport {
  const r = batch.report;
  return {
    batchId: batch.id,
    status: batch.status === 'committed' ? 'committed' : 'dry_run',
    orgId: batch.org_id,
    orgName: batch.org_name,
    fileName: batch.file_name,
    createdAt: new Date(batch.created_at).toISOString(),
    committedAt: batch.committed_at ? new Date(batch.committed_at).toISOString() : null,
    mode: batch.mode === 'valid_rows' || batch.mode === 'all_or_nothing' ? batch.mode : null,
    totalRows: r.totalRows,
    counts: r.counts,
    absentColumns: r.absentColumns.map((f) => header(f)!),
    problems: r.problems.map((p) => ({
      row: p.row,
      column: header(p.field),
      field: p.field,
      value: p.value,
      code: p.code,
      message: messages[p.code] ? formatTemplate(messages[p.code]![lang], p.params ?? {}) : p.code,
    })),
    updates: r.updates.map((u) => ({ row: u.row, personId: u.personId, name: u.name, columns: u.fields.map((f) => header(f)!) })),
    written: r.written,
  };
}
