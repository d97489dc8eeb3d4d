/**
 * The training exports as files, from figures only (no database, no clock): the subtree's hours
 * ledger streamed row by row into an .xlsx (exceljs's streaming writer, so a province-size subtree
 * never becomes a workbook in memory), the year's statistics workbook, and a member's annual study
 * record as a PDF with the deployment's CJK font embedded (the circulars' font handling).
 */
import type { Writable } from 'node:stream';
import { categoryLabels, CLASSES_SHEET_NAME, LEDGER_SHEET_NAME, STATISTICS_SHEET_NAME, studyCreditSourceLabels, studyCreditSourceTypes, trainingStatusLabels, type StudyCreditSourceType, type TrainingStatus } from '@pioneer/domain';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { checkPdfFont, pdfFontFace } from '../circulars/circulars.render.ts';

const zh = (s: StudyCreditSourceType) => studyCreditSourceLabels[s]['zh-CN'];
const categoryZh = (c: string) => categoryLabels[c as keyof typeof categoryLabels] ?? c;

/** One member's line of the ledger. */
export type LedgerLine = {
  orgName: string;
  name: string;
  category: string;
  requiredHours: number | null;
  requiredCentralised: number;
  bySource: Record<StudyCreditSourceType, number>;
  total: number;
  centralised: number;
  status: TrainingStatus;
  reasons: string[];
};

export const LEDGER_HEADERS = ['所在组织', '姓名', '人员类别', '要求学时', ...studyCreditSourceTypes.map(zh), '合计学时', '集中培训（次）', '状态', '说明'];

/** Opens a streamed ledger workbook on `out`; rows are written and committed one by one. */
export function openLedgerWriter(out: Writable, title: string) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Pioneer 先锋学堂';
  const sheet = workbook.addWorksheet(LEDGER_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = LEDGER_HEADERS.map((h, i) => ({ key: String(i), width: i === 0 ? 28 : i === 1 ? 12 : i === LEDGER_HEADERS.length - 1 ? 36 : 11 }));
  const titleRow = sheet.addRow([title]);
  titleRow.font = { bold: true, size: 14 };
  titleRow.commit();
  const header = sheet.addRow(LEDGER_HEADERS);
  header.font = { bold: true };
  header.commit();
  return {
    add(line: LedgerLine) {
      sheet
        .addRow([
          line.orgName,
          line.name,
          categoryZh(line.category),
          line.requiredHours,
          ...studyCreditSourceTypes.map((s) => line.bySource[s]),
          line.total,
          line.centralised,
          trainingStatusLabels[line.status]['zh-CN'],
          line.reasons.length > 0 ? line.reasons.join('；') : null,
        ])
        .commit();
    },
    async close() {
      sheet.commit();
      await workbook.commit();
    },
  };
}

/** One organisation's line of the statistics: its own members (not its sub-organisations'). */
export type OrgStatistics = { orgName: string; depth: number; members: number; required: number; met: number; short: number; exempt: number; hours: number };
export type ClassStatistics = { classType: string; classes: number; personTimes: number; completedPersons: number };

export const STATISTICS_HEADERS = ['组织', '党员人数', '应达标人数', '已达标', '未达标', '免除要求', '达标率', '人均学时'];

const rate = (met: number, required: number) => (required === 0 ? '—' : `${((met / required) * 100).toFixed(1)}%`);
const average = (hours: number, members: number) => (members === 0 ? 0 : Math.round((hours / members) * 10) / 10);

export const CLASSES_HEADERS = ['班型', '班次', '人次', '结业人数'];

export async function writeStatisticsWorkbook(f: { title: string; orgs: OrgStatistics[]; classes: ClassStatistics[] }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Pioneer 先锋学堂';
  const sheet = workbook.addWorksheet(STATISTICS_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = STATISTICS_HEADERS.map((_h, i) => ({ key: String(i), width: i === 0 ? 36 : 12 }));
  sheet.addRow([f.title]).font = { bold: true, size: 14 };
  sheet.addRow(STATISTICS_HEADERS).font = { bold: true };
  const minDepth = Math.min(...f.orgs.map((o) => o.depth));
  const total = { members: 0, required: 0, met: 0, short: 0, exempt: 0, hours: 0 };
  for (const o of f.orgs) {
    // Indented by level under the chosen organisation, so the tree reads in one column.
    sheet.addRow([`${'\u3000'.repeat(o.depth - minDepth)}${o.orgName}`, o.members, o.required, o.met, o.short, o.exempt, rate(o.met, o.required), average(o.hours, o.members)]);
    for (const k of Object.keys(total) as Array<keyof typeof total>) total[k] += o[k];
  }
  sheet.addRow(['合计', total.members, total.required, total.met, total.short, total.exempt, rate(total.met, total.required), average(total.hours, total.members)]).font = { bold: true };

  const classes = workbook.addWorksheet(CLASSES_SHEET_NAME);
  classes.columns = CLASSES_HEADERS.map((_h, i) => ({ key: String(i), width: i === 0 ? 30 : 14 }));
  // Classes completed in the year under the organisation (班次), their enrolled people (人次), who completed.
  classes.addRow(CLASSES_HEADERS).font = { bold: true };
  for (const c of f.classes) classes.addRow([c.classType, c.classes, c.personTimes, c.completedPersons]);
  const sum = (k: 'classes' | 'personTimes' | 'completedPersons') => f.classes.reduce((s, c) => s + c[k], 0);
  classes.addRow(['合计', sum('classes'), sum('personTimes'), sum('completedPersons')]).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// --- the member's annual study record (PDF) --------------------------------------------------------

export type AnnualRecord = {
  year: number;
  name: string;
  orgName: string;
  category: string;
  requiredHours: number | null;
  requiredCentralised: number;
  exemptReason: string | null;
  total: number;
  status: TrainingStatus;
  reasons: string[];
  bySource: Record<StudyCreditSourceType, number>;
  credits: Array<{ creditedOn: string; sourceType: StudyCreditSourceType; description: string; hours: number }>;
  centralised: Array<{ completedOn: string; title: string; level: string; hours: number }>;
  generatedOn: string;
};

const dateZh = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
const mm = (v: number) => (v / 25.4) * 72;

/** The record's text blocks, in order: what the PDF says (also what tests read back). */
export function annualRecordLines(r: AnnualRecord): Array<{ kind: 'title' | 'heading' | 'line'; text: string }> {
  const lines: Array<{ kind: 'title' | 'heading' | 'line'; text: string }> = [];
  lines.push({ kind: 'title', text: `${r.year}年度党员学习档案` });
  lines.push({ kind: 'line', text: `姓名：${r.name}\u3000所在组织：${r.orgName}\u3000人员类别：${categoryZh(r.category)}` });
  lines.push({
    kind: 'line',
    text: r.requiredHours === null ? `年度要求：免除硬性学习要求${r.exemptReason ? `（${r.exemptReason}）` : ''}` : `年度要求：${r.requiredHours} 学时${r.requiredCentralised > 0 ? `，集中培训 ${r.requiredCentralised} 次` : ''}`,
  });
  lines.push({ kind: 'line', text: `已完成：${r.total} 学时，集中培训 ${r.centralised.length} 次\u3000状态：${trainingStatusLabels[r.status]['zh-CN']}${r.status === 'short' ? `（${r.reasons.join('；')}）` : ''}` });
  lines.push({ kind: 'heading', text: '一、学时来源汇总' });
  for (const s of studyCreditSourceTypes) if (r.bySource[s] !== 0) lines.push({ kind: 'line', text: `${zh(s)}：${r.bySource[s]} 学时` });
  if (studyCreditSourceTypes.every((s) => r.bySource[s] === 0)) lines.push({ kind: 'line', text: '本年度暂无学时记录。' });
  lines.push({ kind: 'heading', text: '二、学时明细' });
  for (const c of r.credits) lines.push({ kind: 'line', text: `${c.creditedOn}\u3000${zh(c.sourceType)}\u3000${c.description}\u3000${c.hours} 学时` });
  if (r.credits.length === 0) lines.push({ kind: 'line', text: '无。' });
  lines.push({ kind: 'heading', text: '三、集中培训' });
  for (const c of r.centralised) lines.push({ kind: 'line', text: `${c.completedOn}\u3000${c.title}（${c.level === 'county' ? '县级' : '单位'}）\u3000${c.hours} 学时` });
  if (r.centralised.length === 0) lines.push({ kind: 'line', text: '无。' });
  lines.push({ kind: 'line', text: `本档案根据系统中的学习记录生成，生成日期：${dateZh(r.generatedOn)}。` });
  return lines;
}

export async function renderAnnualRecordPdf(r: AnnualRecord, fontPath: string): Promise<Buffer> {
  checkPdfFont(fontPath);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: mm(25), bottom: mm(25), left: mm(22), right: mm(22) },
    info: { Title: `${r.year}年度党员学习档案 ${r.name}`, Creator: 'Pioneer', CreationDate: new Date(`${r.generatedOn}T00:00:00Z`) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', fontPath, pdfFontFace(fontPath));
  doc.font('cjk');
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  for (const line of annualRecordLines(r)) {
    if (line.kind === 'title') doc.fontSize(20).text(line.text, { width, align: 'center' }).moveDown(1);
    else if (line.kind === 'heading') doc.moveDown(0.6).fontSize(13).text(line.text, { width }).moveDown(0.2);
    else doc.fontSize(11).text(line.text, { width, lineGap: 3 });
  }
  doc.end();
  return done;
}
