/**
 * Training exports (培训统计导出, issue 4 item 8): the person-by-person hours ledger of a subtree and
 * the year's training statistics as Excel, and a member's own annual study record as PDF. Files
 * only, so the contract is their queries, the file's sheet and column names, and the words of the
 * status column.
 *
 * Endpoints (all under /api/v1):
 *   GET /training-reports/ledger.xlsx?orgId&year          managers of the subtree (audited)
 *   GET /training-reports/statistics.xlsx?orgId&year      managers of the subtree (audited)
 *   GET /me/annual-study-record.pdf?year                  the member themself
 *   GET /people/{id}/annual-study-record.pdf?year         managers of the person's organisation (audited)
 */
import { z } from 'zod';

const year = z.coerce.number().int().min(2000).max(2100);

export const trainingReportQuery = z.object({ orgId: z.uuid(), year });
export type TrainingReportQuery = z.infer<typeof trainingReportQuery>;

/** Without a year: the current year of the deployment's calendar. */
export const annualRecordQuery = z.object({ year: year.optional() });
export const annualRecordPersonParams = z.object({ id: z.uuid() });

export const PDF_MIME = 'application/pdf';

/** Whether a person reached the year's requirement. */
export type TrainingStatus = 'met' | 'short' | 'exempt';
export const trainingStatusLabels: Record<TrainingStatus, { 'zh-CN': string; en: string }> = {
  met: { 'zh-CN': '已达标', en: 'Met' },
  short: { 'zh-CN': '未达标', en: 'Short' },
  exempt: { 'zh-CN': '免除要求', en: 'Exempt' },
};

export const LEDGER_SHEET_NAME = '学时台账';
export const STATISTICS_SHEET_NAME = '培训统计';
export const CLASSES_SHEET_NAME = '培训班次';
