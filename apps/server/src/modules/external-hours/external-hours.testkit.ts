/**
 * Test helpers for external hours (external-hours.test.ts and the permission matrix): a workbook
 * built with exceljs the way a user's spreadsheet would be, one row per record keyed by header.
 */
import { EXTERNAL_HOURS_SHEET_NAME, externalHoursColumns } from '@pioneer/domain';
import ExcelJS from 'exceljs';

export type HoursCell = string | number | boolean | Date | null | undefined;

export const HOURS_HEADERS = externalHoursColumns.map((c) => c.header);

export async function hoursFile(records: Array<Record<string, HoursCell>>, options: { headers?: string[]; sheetName?: string; leadingRows?: HoursCell[][] } = {}): Promise<Buffer> {
  const headers = options.headers ?? HOURS_HEADERS;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(options.sheetName ?? EXTERNAL_HOURS_SHEET_NAME);
  for (const row of options.leadingRows ?? []) sheet.addRow(row);
  sheet.addRow(headers);
  for (const record of records) sheet.addRow(headers.map((h) => record[h] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
