/**
 * Renders a circular (通报) from its figures, and nothing else: no clock, no database, so a stored
 * circular renders again to the same text. `circularBlocks` is the wording (formal zh-CN 通报 in
 * the layout of 党政机关公文格式: title, addressees, numbered sections, signature and date);
 * `renderDocx` and `renderPdf` lay the same blocks out as Word and PDF.
 */
import fs from 'node:fs';
import path from 'node:path';
import { quarterLabel, type CircularFigures } from '@pioneer/domain';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';

export type Block = { type: 'title' | 'addressee' | 'heading' | 'paragraph' | 'signature' | 'date'; text: string };

const digitsZh = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 20 → 二十, 105 → 一百零五: the numbering of (一)(二)… items. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) return String(n);
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += digitsZh[d]! + unit;
  });
  // 一十二 is written 十二.
  return n >= 10 && n < 20 ? out.slice(1) : out;
}

const dateZh = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** 2 of 3 → 66.7%; nothing judged → 0.0%. */
const percent = (part: number, whole: number) => `${whole === 0 ? '0.0' : ((part / whole) * 100).toFixed(1)}%`;

export function circularBlocks(f: CircularFigures): Block[] {
  const label = quarterLabel(f.period, 'zh-CN');
  // Generated on or before the quarter's last day: its figures are not final yet.
  const interim = f.issuedOn <= f.periodEnd;
  const asOf = dateZh(f.issuedOn);
  const t = f.totals;
  const blocks: Block[] = [];
  const heading = (text: string) => blocks.push({ type: 'heading', text });
  const paragraph = (text: string) => blocks.push({ type: 'paragraph', text });

  blocks.push({ type: 'title', text: f.title });
  blocks.push({ type: 'addressee', text: '各基层党组织：' });
  paragraph(
    `为全面掌握${label}各基层党组织“三会一课”等组织生活制度落实情况，${f.issuer.name}依据系统中如实记录的会议、出勤和补学情况，` +
      `对所属党组织组织生活开展情况进行了统计${interim ? `（本季度尚未结束，数据统计截至${asOf}）` : ''}。现将有关情况通报如下：`,
  );

  heading('一、总体情况');
  paragraph(
    t.orgsJudged === 0
      ? `${label}暂无纳入统计的党组织。`
      : `${label}纳入统计的党组织共${t.orgsJudged}个，全部达到组织生活要求的${t.orgsAllMet}个，达标率为${percent(t.orgsAllMet, t.orgsJudged)}；` +
          `已召开的组织生活应参加${t.attendanceExpected}人次，实际参加${t.attendancePresent}人次，参会率为${percent(t.attendancePresent, t.attendanceExpected)}。`,
  );

  heading('二、全部达到要求的党组织');
  paragraph(
    f.allMet.length === 0
      ? `${label}暂无全部达到组织生活要求的党组织。`
      : `以下${f.allMet.length}个党组织按要求开展了各项组织生活，予以通报表扬：${f.allMet.map((o) => o.name).join('、')}。`,
  );

  heading('三、未完全达到要求的党组织');
  if (f.shortfalls.length === 0) {
    paragraph(`${label}各党组织均达到组织生活要求。`);
  } else {
    paragraph(`以下${f.shortfalls.length}个党组织未完全达到要求，具体情况如下：`);
    f.shortfalls.forEach((o, i) => paragraph(`（${chineseNumber(i + 1)}）${o.name}：${o.reasons.join('；')}。`));
  }

  heading('四、补学完成情况');
  const openTotal = f.makeup.reduce((sum, o) => sum + o.open, 0);
  paragraph(
    openTotal === 0
      ? `截至${asOf}，本季度及以前缺席党员的补学均已完成。`
      : `截至${asOf}，本季度及以前尚有${openTotal}人次补学未完成，涉及${f.makeup.length}个党组织：` +
          `${f.makeup.map((o) => `${o.name}${o.open}人次`).join('；')}。请有关党组织督促按时完成补学。`,
  );

  heading('五、理论学习中心组学习列席旁听情况');
  const a = f.audits;
  paragraph(
    a.groups === 0
      ? `${label}所属单位暂无理论学习中心组。`
      : `${label}，${a.groups}个理论学习中心组共开展集体学习${a.sessionsHeld}次，工委派员列席旁听${a.sessionsAudited}次，覆盖${a.groupsAudited}个中心组。` +
          (a.groupsNotAudited.length === 0 ? '各中心组本季度均已安排列席旁听。' : `${a.groupsNotAudited.join('、')}本季度尚未安排列席旁听，下季度将优先安排。`),
  );

  heading('六、下一步工作要求');
  f.requirements.forEach((r, i) => paragraph(`（${chineseNumber(i + 1)}）${r}`));

  blocks.push({ type: 'signature', text: f.issuer.name });
  blocks.push({ type: 'date', text: dateZh(f.issuedOn) });
  return blocks;
}

/** The circular's text, one block per line: what both documents say. */
export const circularText = (f: CircularFigures) =>
  circularBlocks(f)
    .map((b) => b.text)
    .join('\n');

// Sizes of 党政机关公文格式 (GB/T 9704): title 二号 (22 pt), body 三号 (16 pt).
const TITLE_PT = 22;
const BODY_PT = 16;

export async function renderDocx(f: CircularFigures): Promise<Buffer> {
  const run = (text: string, font: string, size: number, bold = false) => new TextRun({ text, bold, size: size * 2, font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: font } });
  const paragraphs = circularBlocks(f).map((b) => {
    switch (b.type) {
      case 'title':
        return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 480 }, children: [run(b.text, '方正小标宋简体', TITLE_PT, true)] });
      case 'addressee':
        return new Paragraph({ children: [run(b.text, '仿宋_GB2312', BODY_PT)] });
      case 'heading':
        return new Paragraph({ indent: { firstLineChars: 200 }, keepNext: true, children: [run(b.text, '黑体', BODY_PT)] });
      case 'paragraph':
        return new Paragraph({ indent: { firstLineChars: 200 }, alignment: AlignmentType.JUSTIFIED, children: [run(b.text, '仿宋_GB2312', BODY_PT)] });
      case 'signature':
        return new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 720 }, indent: { right: 1280 }, children: [run(b.text, '仿宋_GB2312', BODY_PT)] });
      case 'date':
        return new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 1280 }, children: [run(b.text, '仿宋_GB2312', BODY_PT)] });
    }
  });
  const doc = new Document({
    title: f.title,
    creator: f.issuer.name,
    description: `Pioneer circular ${f.period}`,
    styles: { default: { document: { paragraph: { spacing: { line: 560, lineRule: 'exact' } } } } },
    sections: [
      {
        // A4 with the margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
        properties: { page: { size: { width: '210mm', height: '297mm' }, margin: { top: '37mm', bottom: '35mm', left: '28mm', right: '26mm' } } },
        children: paragraphs,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export class PdfFontMissingError extends Error {
  constructor(readonly fontPath: string) {
    super(`PDF font not found at ${fontPath}: install Debian's fonts-noto-cjk or set PDF_FONT_PATH to a CJK font (.ttc/.otf/.ttf)`);
  }
}

/** Throws PdfFontMissingError unless the configured font file can be read. */
export function checkPdfFont(fontPath: string): void {
  try {
    fs.accessSync(fontPath, fs.constants.R_OK);
  } catch {
    throw new PdfFontMissingError(fontPath);
  }
}

/**
 * Face to use inside a font file: a collection (.ttc) holds several, and Noto CJK's are named like
 * the file with the Simplified Chinese region, e.g. NotoSerifCJK-Regular.ttc → NotoSerifCJKsc-Regular.
 */
export function pdfFontFace(fontPath: string): string | undefined {
  if (!fontPath.toLowerCase().endsWith('.ttc')) return undefined;
  const base = path.basename(fontPath, path.extname(fontPath));
  return base.replace(/^(Noto(?:Sans|Serif)(?:Mono)?CJK)-/, '$1sc-');
}

export async function renderPdf(f: CircularFigures, fontPath: string): Promise<Buffer> {
  checkPdfFont(fontPath);
  // The creation date is the figures' day, not the render's, so a re-render carries the same metadata.
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
    info: { Title: f.title, Author: f.issuer.name, Creator: 'Pioneer', CreationDate: new Date(`${f.issuedOn}T00:00:00Z`) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const face = pdfFontFace(fontPath);
  doc.registerFont('cjk', fontPath, face);
  doc.font('cjk');
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  for (const b of circularBlocks(f)) {
    switch (b.type) {
      case 'title':
        doc.fontSize(TITLE_PT).text(b.text, { align: 'center', width, lineGap: 6 }).moveDown(1);
        break;
      case 'addressee':
        doc.fontSize(BODY_PT).text(b.text, { width, lineGap: 8 });
        break;
      case 'heading':
        doc.fontSize(BODY_PT).text(b.text, { width, indent: BODY_PT * 2, lineGap: 8 });
        break;
      case 'paragraph':
        doc.fontSize(BODY_PT).text(b.text, { width, indent: BODY_PT * 2, align: 'justify', lineGap: 8 });
        break;
      case 'signature':
        doc.moveDown(2).fontSize(BODY_PT).text(b.text, { width: width - BODY_PT * 4, align: 'right', lineGap: 8 });
        break;
      case 'date':
        doc.fontSize(BODY_PT).text(b.text, { width: width - BODY_PT * 4, align: 'right', lineGap: 8 });
        break;
    }
  }
  doc.end();
  return done;
}

function mm(value: number) {
  return (value / 25.4) * 72;
}
