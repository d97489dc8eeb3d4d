/**
 * From spreadsheet cells to person fields and back, without the database: which column is which
 * (headers and their aliases), what each cell means (full-width digits and stray spaces
 * normalised, dates in any of the accepted forms or as Excel dates, 是/否, the Chinese labels of
 * coded values), and the problems a cell has on its own. Rules that need the whole record or the
 * database (ID check digit, membership dates, uniqueness, organisations) run in the service.
 */
import {
  booleanLabels,
  businessLineLabels,
  categoryLabels,
  importChoices,
  importColumns,
  importWords,
  normalizeIdNumber,
  normalizeText,
  parseFlexibleDate,
  sexLabels,
  statusLabels,
  type ImportColumn,
  type ImportColumnKey,
  type PersonInput,
} from '@pioneer/domain';
import { cleanHeader, type RawCell, type RosterRow, type SheetValue } from './imports.xlsx.ts';

export type PersonRecord = Omit<PersonInput, 'orgId'>;

/** What a row says, field by field: a key is missing when its column is not in the file (or its cell could not be read). */
export type ImportValues = { [K in keyof PersonRecord]?: PersonRecord[K] } & { orgCode?: string | null };

/** A problem found in one cell; `value` is the cell as read, for the report. */
export type CellIssue = { field: ImportColumnKey; code: string; params?: Record<string, string | number>; value: string | null };

export type ParsedRow = { row: number; values: ImportValues; issues: CellIssue[] };

export type HeaderMap = {
  /** Column index (0-based) of each column the file has. */
  columns: Map<ImportColumnKey, number>;
  /** Required columns the header lacks. */
  missing: ImportColumn[];
  /** Optional columns the header lacks. */
  absent: ImportColumn[];
};

const columnByHeader = new Map<string, ImportColumn>(importColumns.flatMap((c) => [c.header, ...(c.aliases ?? [])].map((h) => [h, c] as const)));

export function mapHeaders(headers: string[]): HeaderMap {
  const columns = new Map<ImportColumnKey, number>();
  headers.forEach((text, index) => {
    const column = columnByHeader.get(cleanHeader(text));
    // The first of two columns with the same meaning wins; the other is ignored like any unknown column.
    if (column && !columns.has(column.key)) columns.set(column.key, index);
  });
  return {
    columns,
    missing: importColumns.filter((c) => c.required && !columns.has(c.key)),
    absent: importColumns.filter((c) => !c.required && !columns.has(c.key)),
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const isoOfDate = (d: Date) => `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;

/** The cell as a person would read it (dates as YYYY-MM-DD), for reports and text columns. */
export function cellText(cell: RawCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : isoOfDate(cell);
  if (typeof cell === 'boolean') return cell ? booleanLabels.yes : booleanLabels.no;
  return String(cell);
}

type CellResult<T> = { ok: true; value: T } | { ok: false; code: string; params?: Record<string, string | number> };

const REQUIRED = { ok: false, code: 'IMPORT_REQUIRED' } as const;

function parseText(cell: RawCell, column: ImportColumn): CellResult<string | null> {
  const text = normalizeText(cellText(cell));
  if (text === '') return column.required ? REQUIRED : { ok: true, value: null };
  if (column.maxLength && Array.from(text).length > column.maxLength) return { ok: false, code: 'IMPORT_TEXT_TOO_LONG', params: { max: column.maxLength } };
  return { ok: true, value: text };
}

function parseChoice<T>(cell: RawCell, column: ImportColumn, words: Record<string, T>, blank: T | null): CellResult<T | null> {
  const text = normalizeText(cellText(cell)).replace(/\s+/g, '').toLowerCase();
  if (text === '') return column.required ? REQUIRED : { ok: true, value: blank };
  if (Object.prototype.hasOwnProperty.call(words, text)) return { ok: true, value: words[text]! };
  return { ok: false, code: 'IMPORT_VALUE_NOT_ALLOWED', params: { allowed: importChoices(column.type).join('、') } };
}

function parseDate(cell: RawCell, column: ImportColumn): CellResult<string | null> {
  let input: string | number | Date | null = typeof cell === 'boolean' ? String(cell) : cell;
  // 20190701 typed into a number cell means a compact date, not Excel day 20,190,701.
  if (typeof input === 'number' && Number.isInteger(input) && input >= 19000101 && input <= 99991231) input = String(input);
  const parsed = parseFlexibleDate(input);
  if (!parsed.ok) return { ok: false, code: parsed.code };
  if (parsed.value === null) return column.required ? REQUIRED : { ok: true, value: null };
  return parsed;
}

/** Excel keeps 15 significant digits: an 18-digit number typed into a number cell has lost its tail. */
function parseIdNumber(cell: RawCell): CellResult<string> {
  if (typeof cell === 'number') {
    const digits = Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
    if (digits.length >= 16 || !Number.isInteger(cell)) return { ok: false, code: 'IMPORT_ID_NUMBER_AS_NUMBER' };
    return { ok: true, value: digits };
  }
  const text = normalizeIdNumber(cellText(cell));
  if (text === '') return REQUIRED;
  if (text.includes('*')) return { ok: false, code: 'IMPORT_VALUE_MASKED' };
  return { ok: true, value: text };
}

function parsePhone(cell: RawCell): CellResult<string | null> {
  const text = typeof cell === 'number' ? cell.toFixed(0) : normalizeText(cellText(cell));
  if (text === '') return { ok: true, value: null };
  if (text.includes('*')) return { ok: false, code: 'IMPORT_VALUE_MASKED' };
  return { ok: true, value: text };
}

function parseCell(cell: RawCell, column: ImportColumn): CellResult<unknown> {
  switch (column.type) {
    case 'text':
      return parseText(cell, column);
    case 'date':
      return parseDate(cell, column);
    case 'idNumber':
      return parseIdNumber(cell);
    case 'phone':
      return parsePhone(cell);
    case 'sex':
      return parseChoice(cell, column, importWords.sex, null);
    case 'category':
      return parseChoice(cell, column, importWords.category, null);
    case 'status':
      return parseChoice(cell, column, importWords.status, 'normal');
    case 'businessLine':
      return parseChoice(cell, column, importWords.businessLine, null);
    case 'boolean':
      return parseChoice(cell, column, importWords.boolean, false);
  }
}

/** One data row: every column the file has, read on its own. */
export function parseRow(row: RosterRow, header: HeaderMap): ParsedRow {
  const values: Record<string, unknown> = {};
  const issues: CellIssue[] = [];
  for (const column of importColumns) {
    const index = header.columns.get(column.key);
    if (index === undefined) continue;
    const cell = row.cells[index] ?? null;
    const result = parseCell(cell, column);
    if (result.ok) values[column.key] = result.value;
    else issues.push({ field: column.key, code: result.code, ...(result.params ? { params: result.params } : {}), value: cellText(cell) || null });
  }
  return { row: row.row, values: values as ImportValues, issues };
}

// --- writing ------------------------------------------------------------------------------------

const asDate = (iso: string | null | undefined): Date | null => (iso ? new Date(`${iso}T00:00:00Z`) : null);
const yesNo = (b: boolean | undefined | null) => (b ? booleanLabels.yes : booleanLabels.no);

/** A person as a template row: the same words and formats the import reads back. */
export function sheetValues(record: PersonRecord & { orgCode: string }): SheetValue[] {
  return importColumns.map((c): SheetValue => {
    const key = c.key;
    if (key === 'orgCode') return record.orgCode;
    const value = record[key];
    switch (c.type) {
      case 'date':
        return asDate(value as string | null | undefined);
      case 'sex':
        return sexLabels[record.sex];
      case 'category':
        return categoryLabels[record.category];
      case 'status':
        return statusLabels[record.status ?? 'normal'];
      case 'boolean':
        return yesNo(value as boolean | undefined);
      case 'businessLine':
        return record.businessLine ? businessLineLabels[record.businessLine]['zh-CN'] : null;
      default:
        return (value as string | null | undefined) ?? null;
    }
  });
}
