/**
 * The spreadsheet side of the people import and export, and the only place that knows exceljs:
 * reading a roster's cells (streamed, so a 20,000-row file never becomes a full workbook model in
 * memory) and writing the template, which an export is: the same sheets, headers, formats and
 * drop-down lists, with the people's rows filled in.
 */
import { Readable } from 'node:stream';
import { GUIDE_SHEET_NAME, IMPORT_MAX_ROWS, importChoices, importColumns, PEOPLE_SHEET_NAME } from '@pioneer/domain';
import ExcelJS from 'exceljs';
import { AppError } from '../../errors.ts';

/** What a cell holds once exceljs's wrappers (rich text, formulas, links) are taken off. */
export type RawCell = string | number | boolean | Date | null;

export type RosterRow = { row: number; cells: RawCell[] };

/** A sheet as read: the header row's texts by column index (0-based) and the non-empty rows below it. */
export type RosterSheet = { headerRow: number; headers: string[]; rows: RosterRow[] };

export function unwrapCell(value: unknown): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; formula?: unknown; sharedFormula?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return unwrapCell(v.result);
    if (typeof v.text === 'string') return v.text;
    // An error value such as #N/A stays visible so the row is reported, not silently emptied.
    if (typeof v.error === 'string') return v.error;
  }
  return String(value);
}

const isBlank = (cell: RawCell) => cell === null || (typeof cell === 'string' && cell.trim() === '');

/** The header is the first row (of the first ten) that names at least two known columns. */
const HEADER_SEARCH_ROWS = 10;
const knownHeaders = new Set(importColumns.flatMap((c) => [c.header, ...(c.aliases ?? [])]));

/** Header text as written, without the decorations people add: spaces, line breaks, '*', a hint in brackets. */
export function cleanHeader(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000*]/g, '')
    .replace(/[(（][^()（）]*[)）]$/, '');
}

const headerScore = (cells: RawCell[]) => cells.filter((c) => typeof c === 'string' && knownHeaders.has(cleanHeader(c))).length;

/**
 * Reads the roster sheet of an .xlsx file: the first worksheet with a recognisable header (the
 * template's own sheet, wherever the user moved it). Rows with nothing in them are skipped; a
 * file with more than IMPORT_MAX_ROWS data rows is refused before any row is checked.
 */
export async function readRoster(buffer: Buffer): Promise<RosterSheet> {
  let scanned: { found: RosterSheet | null; firstSheet: RosterSheet | null; dataRows: number };
  try {
    scanned = await scanSheets(streamedSheets(buffer));
  } catch (streamError) {
    // The streaming reader has failed now and then on files it reads at other times (seen under
    // load, never reproduced alone); the whole-file reader is the second opinion before the file
    // is called unreadable.
    try {
      scanned = await scanSheets(loadedSheets(buffer));
    } catch (error) {
      // The user gets the plain refusal; the readers' own errors go to the log through `cause`.
      throw new AppError('IMPORT_FILE_UNREADABLE', {}, [], { cause: new AggregateError([streamError, error], 'both xlsx readers failed') });
    }
  }
  if (scanned.dataRows > IMPORT_MAX_ROWS) throw new AppError('IMPORT_TOO_MANY_ROWS', { max: IMPORT_MAX_ROWS, rows: scanned.dataRows });
  const sheet = scanned.found ?? scanned.firstSheet;
  if (!sheet) throw new AppError('IMPORT_NO_ROWS');
  return sheet;
}

type SheetRows = AsyncIterable<AsyncIterable<ExcelJS.Row> | Iterable<ExcelJS.Row>>;

/** The sheets of a file as exceljs's streaming reader gives them, row by row. */
async function* streamedSheets(buffer: Buffer): SheetRows {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  for await (const worksheet of reader) yield worksheet as unknown as AsyncIterable<ExcelJS.Row>;
}

/** The sheets of a file read whole into memory. */
async function* loadedSheets(buffer: Buffer): SheetRows {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  for (const worksheet of workbook.worksheets) {
    const rows: ExcelJS.Row[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row) => rows.push(row));
    yield rows;
  }
}

async function scanSheets(sheets: SheetRows): Promise<{ found: RosterSheet | null; firstSheet: RosterSheet | null; dataRows: number }> {
  let found: RosterSheet | null = null;
  let firstSheet: RosterSheet | null = null;
  let dataRows = 0;
  for await (const worksheet of sheets) {
    // Every sheet must be read through for the reader to reach the next one.
    let sheet: RosterSheet | null = null;
    const leading: RosterRow[] = [];
    for await (const row of worksheet) {
      if (found) continue;
      const values = row.values as unknown[];
      const cells: RawCell[] = [];
      for (let i = 1; i < values.length; i++) cells.push(unwrapCell(values[i]));
      if (cells.every(isBlank)) continue;
      if (!sheet) {
        if (row.number <= HEADER_SEARCH_ROWS && headerScore(cells) >= 2) {
          sheet = { headerRow: row.number, headers: cells.map((c) => (c === null ? '' : String(c))), rows: [] };
        } else if (leading.length < HEADER_SEARCH_ROWS) {
          leading.push({ row: row.number, cells });
        }
        continue;
      }
      dataRows += 1;
      if (dataRows <= IMPORT_MAX_ROWS) sheet.rows.push({ row: row.number, cells });
    }
    if (!found && sheet) found = sheet;
    else if (!firstSheet && !sheet && leading[0]) {
      // No sheet has a recognisable header: its first line is reported as the header it lacks.
      firstSheet = { headerRow: leading[0].row, headers: leading[0].cells.map((c) => (c === null ? '' : String(c))), rows: [] };
    }
  }
  return { found, firstSheet, dataRows };
}

// --- writing ------------------------------------------------------------------------------------

/** A row of an export: one value per template column, in the template's order. */
export type SheetValue = string | Date | null;

const COLUMN_WIDTHS: Record<string, number> = { idNumber: 22, phone: 15, address: 32, post: 18, orgCode: 16, studyExemptReason: 24, name: 10 };
/** Drop-down lists and formats reach as far as an import may go. */
const LAST_ROW = IMPORT_MAX_ROWS + 1;

const columnLetter = (index: number) => {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

/**
 * The template workbook, with `rows` filled in for an export: a data sheet whose header the import
 * reads, ID and phone columns formatted as text (so Excel keeps all 18 digits), date columns as
 * dates, drop-down lists for the coded columns, and a guide sheet explaining every column.
 */
export async function writePeopleWorkbook(rows: SheetValue[][] = []): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Pioneer 先锋学堂';
  const sheet = workbook.addWorksheet(PEOPLE_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = importColumns.map((c) => ({
    header: c.header,
    key: c.key,
    width: COLUMN_WIDTHS[c.key] ?? (c.type === 'date' ? 13 : Math.max(8, c.header.length * 2 + 2)),
    style: c.type === 'idNumber' || c.type === 'phone' ? { numFmt: '@' } : c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  importColumns.forEach((c, i) => {
    if (c.required) header.getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  for (const values of rows) sheet.addRow(values);

  // exceljs writes range validations (one entry per column, not one per cell) but its typings omit them.
  const validations = (sheet as unknown as { dataValidations: { add: (range: string, validation: ExcelJS.DataValidation) => void } }).dataValidations;
  importColumns.forEach((c, i) => {
    const choices = importChoices(c.type);
    if (choices.length === 0) return;
    const letter = columnLetter(i);
    validations.add(`${letter}2:${letter}${LAST_ROW}`, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [`"${choices.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: c.header,
      error: `请从下拉列表中选择：${choices.join('、')}`,
    });
  });

  const guide = workbook.addWorksheet(GUIDE_SHEET_NAME);
  guide.columns = [
    { header: '列名', key: 'header', width: 16 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '可填写的值', key: 'choices', width: 40 },
    { header: '说明', key: 'note', width: 80 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const c of importColumns) {
    guide.addRow({ header: c.header, required: c.required ? '是' : '否', choices: importChoices(c.type).join('、') || (c.type === 'date' ? '日期' : ''), note: c.note });
  }
  guide.addRow([]);
  for (const line of [
    `每个文件最多 ${IMPORT_MAX_ROWS.toLocaleString('en-US')} 行人员信息；第一行为表头，请勿修改列名。红色列名为必填列。`,
    '上传后系统先逐行检查并给出报告（第几行、哪一列、什么问题），确认后才写入。',
    '已登记的人员按公民身份号码识别：再次导入同一文件不会重复建档，只更新有变化的内容。',
    '全角数字和字母、多余的空格会自动纠正。',
  ]) {
    guide.addRow([line]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
