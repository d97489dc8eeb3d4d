import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';

/**
 * Roster spreadsheets as a secretary fills them in: the template's Chinese headers (written out
 * here, not imported from the code under test) and one row per person, saved to a file the
 * journey uploads through the browser's file chooser.
 */
export const ROSTER_HEADERS = [
  '姓名',
  '性别',
  '民族',
  '出生日期',
  '公民身份号码',
  '手机号码',
  '学历',
  '人员类别',
  '入党日期',
  '转正日期',
  '职务',
  '家庭住址',
] as const;

export type RosterRecord = Partial<Record<(typeof ROSTER_HEADERS)[number], string | Date>>;

/** Writes the workbook to `dir/name` and returns its path. */
export async function writeRoster(dir: string, name: string, records: RosterRecord[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('人员信息');
  sheet.addRow([...ROSTER_HEADERS]);
  for (const record of records) sheet.addRow(ROSTER_HEADERS.map((h) => record[h] ?? null));
  // ID and phone columns as text, as the template has them, so Excel keeps every digit.
  for (const header of ['公民身份号码', '手机号码'] as const) sheet.getColumn(ROSTER_HEADERS.indexOf(header) + 1).numFmt = '@';
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

/** The header row of the first sheet of a downloaded workbook. */
export async function headersOf(file: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0]!;
  const values = sheet.getRow(1).values as unknown[];
  return values.slice(1).map((v) => String(v ?? ''));
}
