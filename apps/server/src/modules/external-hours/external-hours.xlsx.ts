/**
 * The spreadsheet side of the external-hours import: reading an uploaded file (streamed, the sheet
 * whose header names our columns, wherever the user put it), turning each cell into a value or a
 * problem of its own (database-free), and writing the template with its guide sheet. Cell
 * unwrapping and header cleaning are the roster import's (imports.xlsx.ts), so both imports read
 * spreadsheets the same way.
 */
import { Readable } from 'node:stream';
import {
  EXTERNAL_HOURS_MAX_PER_ROW,
  EXTERNAL_HOURS_MAX_ROWS,
  EXTERNAL_HOURS_SHEET_NAME,
  externalHoursColumns,
  externalHoursLevelLabels,
  importWords,
  normalizeIdNumber,
  normalizeText,
  parseFlexibleDate,
  type ExternalHoursColumn,
  type ExternalHoursColumnKey,
  type ExternalHoursLevel,
} from '@pioneer/domain';
import ExcelJS from 'exceljs';
import { AppError } from '../../errors.ts';
import { cleanHeader, unwrapCell, type RawCell } from '../imports/imports.xlsx.ts';

export type SheetRow = { row: number; cells: RawCell[] };
export type UploadedSheet = { headers: string[]; rows: SheetRow[] };

/** What a row says, field by field (a key is missing when its column is absent or its cell is wrong). */
export type RowValues = {
  name?: string;
  idNumber?: string;
  platform?: string;
  course?: string;
  completedOn?: string;
  hours?: number;
  centralised?: boolean;
  level?: ExternalHoursLevel | null;
  note?: string | null;
};
export type CellIssue = { field: ExternalHoursColumnKey; code: string; params?: Record<string, string | number>; value: string | null };
export type ParsedRow = { row: number; values: RowValues; issues: CellIssue[] };

const HEADER_SEARCH_ROWS = 10;
const columnByHeader = new Map<string, ExternalHoursColumn>(externalHoursColumns.flatMap((c) => [c.header, ...(c.aliases ?? [])].map((h) => [cleanHeader(h), c] as const)));
const isBlank = (cell: RawCell) => cell === null || (typeof cell === 'string' && cell.trim() === '');
const headerScore = (cells: RawCell[]) => cells.filter((c) => typeof c === 'string' && columnByHeader.has(cleanHeader(c))).length;

/**
 * Reads the first sheet with a recognisable header (two of our column names within its first ten
 * rows); blank rows are skipped; more than EXTERNAL_HOURS_MAX_ROWS data rows are refused.
 */
export async function readUpload(buffer: Buffer): Promise<UploadedSheet> {
  let found: UploadedSheet | null = null;
  let dataRows = 0;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
    for await (const worksheet of reader) {
      let sheet: UploadedSheet | null = null;
      // Every sheet must be read through for the reader to reach the next one.
      for await (const row of worksheet as unknown as AsyncIterable<ExcelJS.Row>) {
        if (found) continue;
        const values = row.values as unknown[];
        const cells: RawCell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(unwrapCell(values[i]));
        if (cells.every(isBlank)) continue;
        if (!sheet) {
          if (row.number <= HEADER_SEARCH_ROWS && headerScore(cells) >= 2) sheet = { headers: cells.map((c) => (c === null ? '' : String(c))), rows: [] };
          continue;
        }
        dataRows += 1;
        if (dataRows <= EXTERNAL_HOURS_MAX_ROWS) sheet.rows.push({ row: row.number, cells });
      }
      if (!found && sheet) found = sheet;
    }
  } catch (error) {
    throw new AppError('EXT_FILE_UNREADABLE', {}, [], { cause: error });
  }
  if (dataRows > EXTERNAL_HOURS_MAX_ROWS) throw new AppError('EXT_TOO_MANY_ROWS', { max: EXTERNAL_HOURS_MAX_ROWS, rows: dataRows });
  // No sheet names two of our columns: every required column is missing.
  if (!found) throw new AppError('EXT_HEADER_MISSING', { columns: externalHoursColumns.filter((c) => c.required).map((c) => c.header).join('、') });
  return found;
}

export type HeaderMap = { columns: Map<ExternalHoursColumnKey, number>; missing: ExternalHoursColumn[]; absent: ExternalHoursColumn[] };

export function mapHeaders(headers: string[]): HeaderMap {
  const columns = new Map<ExternalHoursColumnKey, number>();
  headers.forEach((text, index) => {
    const column = columnByHeader.get(cleanHeader(text));
    if (column && !columns.has(column.key)) columns.set(column.key, index);
  });
  return {
    columns,
    missing: externalHoursColumns.filter((c) => c.required && !columns.has(c.key)),
    absent: externalHoursColumns.filter((c) => !c.required && !columns.has(c.key)),
  };
}

// --- cells ----------------------------------------------------------------------------------------

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The cell as a person would read it (dates as YYYY-MM-DD). */
export function cellText(cell: RawCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : `${cell.getUTCFullYear()}-${pad2(cell.getUTCMonth() + 1)}-${pad2(cell.getUTCDate())}`;
  if (typeof cell === 'boolean') return cell ? '是' : '否';
  return String(cell);
}

type CellResult<T> = { ok: true; value: T } | { ok: false; code: string; params?: Record<string, string | number> };
const REQUIRED = { ok: false, code: 'EXT_REQUIRED' } as const;

const levelWords: Record<string, ExternalHoursLevel> = { 县级: 'county', 县: 'county', 县委: 'county', county: 'county', 单位: 'unit', 单位级: 'unit', 本单位: 'unit', 基层: 'unit', unit: 'unit' };

function parseText(cell: RawCell, column: ExternalHoursColumn): CellResult<string | null> {
  const text = normalizeText(cellText(cell));
  if (text === '') return column.required ? REQUIRED : { ok: true, value: null };
  if (column.maxLength && Array.from(text).length > column.maxLength) return { ok: false, code: 'EXT_TEXT_TOO_LONG', params: { max: column.maxLength } };
  return { ok: true, value: text };
}

function parseIdNumber(cell: RawCell): CellResult<string> {
  // Excel keeps 15 significant digits: an 18-digit number typed into a number cell has lost its tail.
  if (typeof cell === 'number') return { ok: false, code: 'EXT_ID_NUMBER_AS_NUMBER' };
  const text = normalizeIdNumber(cellText(cell));
  if (text === '') return REQUIRED;
  if (text.includes('*')) return { ok: false, code: 'EXT_VALUE_MASKED' };
  return { ok: true, value: text };
}

function parseDate(cell: RawCell): CellResult<string> {
  let input: string | number | Date | null = typeof cell === 'boolean' ? String(cell) : cell;
  // 20260701 typed into a number cell means a compact date, not Excel day 20,260,701.
  if (typeof input === 'number' && Number.isInteger(input) && input >= 19000101 && input <= 99991231) input = String(input);
  const parsed = parseFlexibleDate(input);
  if (!parsed.ok) return { ok: false, code: parsed.code };
  if (parsed.value === null) return REQUIRED;
  return { ok: true, value: parsed.value };
}

/** 2, "2", "２", "1.5学时": a number of hours above 0, at most one decimal, at most the per-row maximum. */
function parseHours(cell: RawCell): CellResult<number> {
  let value: number;
  if (typeof cell === 'number') value = cell;
  else {
    const text = normalizeText(cellText(cell)).replace(/\s+/g, '').replace(/(学时|课时|小时)$/, '');
    if (text === '') return REQUIRED;
    if (!/^\d+(\.\d+)?$/.test(text)) return { ok: false, code: 'EXT_HOURS_INVALID' };
    value = Number(text);
  }
  if (!Number.isFinite(value) || value <= 0) return { ok: false, code: 'EXT_HOURS_INVALID' };
  if (value > EXTERNAL_HOURS_MAX_PER_ROW) return { ok: false, code: 'EXT_HOURS_TOO_MANY', params: { max: EXTERNAL_HOURS_MAX_PER_ROW } };
  if (Math.abs(value * 10 - Math.round(value * 10)) > 1e-9) return { ok: false, code: 'EXT_HOURS_PRECISION' };
  return { ok: true, value: Math.round(value * 10) / 10 };
}

function parseChoice<T>(cell: RawCell, words: Record<string, T>, blank: T, allowed: string): CellResult<T> {
  const text = normalizeText(cellText(cell)).replace(/\s+/g, '').toLowerCase();
  if (text === '') return { ok: true, value: blank };
  if (Object.prototype.hasOwnProperty.call(words, text)) return { ok: true, value: words[text]! };
  return { ok: false, code: 'EXT_VALUE_NOT_ALLOWED', params: { allowed } };
}

function parseCell(cell: RawCell, column: ExternalHoursColumn): CellResult<unknown> {
  switch (column.type) {
    case 'text':
      return parseText(cell, column);
    case 'idNumber':
      return parseIdNumber(cell);
    case 'date':
      return parseDate(cell);
    case 'hours':
      return parseHours(cell);
    case 'boolean':
      return parseChoice(cell, importWords.boolean, false, '是、否');
    case 'level':
      return parseChoice<ExternalHoursLevel | null>(cell, levelWords, null, Object.values(externalHoursLevelLabels).join('、'));
  }
}

/** One data row: every column the file has, each cell read on its own. */
export function parseRow(row: SheetRow, header: HeaderMap): ParsedRow {
  const values: Record<string, unknown> = {};
  const issues: CellIssue[] = [];
  for (const column of externalHoursColumns) {
    const index = header.columns.get(column.key);
    if (index === undefined) continue;
    const cell = row.cells[index] ?? null;
    const result = parseCell(cell, column);
    if (result.ok) values[column.key] = result.value;
    else issues.push({ field: column.key, code: result.code, ...(result.params ? { params: result.params } : {}), value: cellText(cell) || null });
  }
  return { row: row.row, values: values as RowValues, issues };
}

// --- the template -----------------------------------------------------------------------------------

const WIDTHS: Partial<Record<ExternalHoursColumnKey, number>> = { name: 10, idNumber: 22, platform: 16, course: 40, completedOn: 13, hours: 8, centralised: 14, level: 10, note: 30 };
const LAST_ROW = EXTERNAL_HOURS_MAX_ROWS + 1;

/** The template: the data sheet (ID column as text, date column as dates, drop-down lists) and a guide sheet. */
export async function writeTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Pioneer 先锋学堂';
  const sheet = workbook.addWorksheet(EXTERNAL_HOURS_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = externalHoursColumns.map((c) => ({
    header: c.header,
    key: c.key,
    width: WIDTHS[c.key] ?? 12,
    style: c.type === 'idNumber' ? { numFmt: '@' } : c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  externalHoursColumns.forEach((c, i) => {
    if (c.required) header.getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  // exceljs writes range validations but its typings omit them.
  const validations = (sheet as unknown as { dataValidations: { add: (range: string, validation: ExcelJS.DataValidation) => void } }).dataValidations;
  externalHoursColumns.forEach((c, i) => {
    const choices = c.type === 'boolean' ? ['是', '否'] : c.type === 'level' ? Object.values(externalHoursLevelLabels) : [];
    if (choices.length === 0) return;
    const letter = String.fromCharCode(65 + i);
    validations.add(`${letter}2:${letter}${LAST_ROW}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${choices.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: c.header,
      error: `请从下拉列表中选择：${choices.join('、')}`,
    });
  });

  const guide = workbook.addWorksheet('填写说明');
  guide.columns = [
    { header: '列名', key: 'header', width: 16 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '说明', key: 'note', width: 90 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const c of externalHoursColumns) guide.addRow({ header: c.header, required: c.required ? '是' : '否', note: c.note });
  guide.addRow([]);
  for (const line of [
    `每个文件最多 ${EXTERNAL_HOURS_MAX_ROWS.toLocaleString('en-US')} 行，每行一条学习记录；第一行为表头，请勿修改列名。红色列名为必填列。`,
    '人员按“公民身份号码”在导入时所选组织及其下级组织中查找；姓名用于核对，号码与姓名不一致的行不会导入。',
    '上传后系统先逐行检查并给出报告（第几行、哪一列、什么问题、如何修改），确认后才计入学时。',
    '同一人、同一平台、同一课程、同一完成日期的记录只计一次：再次导入同一文件不会重复计入学时。',
    '示例：张三 | （18 位身份证号码） | 学习强国 | 学习贯彻党的二十届三中全会精神 | 2026-03-15 | 2 | 否 |  | ',
  ]) {
    guide.addRow([line]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
