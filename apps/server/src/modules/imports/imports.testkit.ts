/**
 * Test helpers for imports (used by imports.test.ts and the permission matrix): a roster workbook
 * built with exceljs the way a user's spreadsheet would be, and the multipart body a browser sends.
 */
import crypto from 'node:crypto';
import { importColumns, PEOPLE_SHEET_NAME } from '@pioneer/domain';
import ExcelJS from 'exceljs';

export type RosterCell = string | number | boolean | Date | null | undefined;

/** The template's headers, in order. */
export const TEMPLATE_HEADERS = importColumns.map((c) => c.header);

/** A workbook with one sheet: the headers (the template's by default), then one row per record keyed by header. */
export async function rosterFile(records: Array<Record<string, RosterCell>>, options: { headers?: string[]; textColumns?: string[] } = {}): Promise<Buffer> {
  const headers = options.headers ?? TEMPLATE_HEADERS;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(PEOPLE_SHEET_NAME);
  sheet.addRow(headers);
  for (const record of records) sheet.addRow(headers.map((h) => record[h] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A multipart/form-data body with text fields and one file, and its content type. */
export function multipartBody(fields: Record<string, string>, file: { name: string; data: Buffer } | null): { payload: Buffer; contentType: string } {
  const boundary = `----pioneer${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
