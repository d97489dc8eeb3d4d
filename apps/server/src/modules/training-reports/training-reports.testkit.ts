/**
 * Test helpers for the training exports: the text a PDF shows, read back through its fonts'
 * ToUnicode maps (pdfkit writes CJK text as glyph ids, so the file's bytes never contain the
 * characters themselves), and an .xlsx sheet as rows of plain values (empty cells as null).
 */
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';

function streams(buffer: Buffer): Array<{ dict: string; data: Buffer }> {
  const raw = buffer.toString('latin1');
  const out: Array<{ dict: string; data: Buffer }> = [];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    const dict = raw.slice(raw.lastIndexOf('<<', m.index), m.index);
    let data = buffer.subarray(start, end);
    if (dict.includes('/FlateDecode')) {
      try {
        data = zlib.inflateSync(data);
      } catch {
        continue;
      }
    }
    out.push({ dict, data });
  }
  return out;
}

// A hex string may hold white space: pdfkit writes a ligature's characters as <0066 0066>.
const fromHex = (h: string) => String.fromCodePoint(...(h.replace(/\s/g, '').match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));

/** The PDF's text, one line per text-showing operation group (each `BT … ET`). */
export function pdfText(buffer: Buffer): string {
  const glyphs = new Map<number, string>();
  const all = streams(buffer);
  for (const { data } of all) {
    const text = data.toString('latin1');
    if (!text.includes('begincmap')) continue;
    for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const pair of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) glyphs.set(parseInt(pair[1]!, 16), fromHex(pair[2]!));
    }
    for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const range of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
        let code = parseInt(range[1]!, 16);
        for (const target of range[3]!.matchAll(/<([0-9a-fA-F\s]+)>/g)) glyphs.set(code++, fromHex(target[1]!));
      }
    }
  }
  const lines: string[] = [];
  for (const { dict, data } of all) {
    if (dict.includes('/Length1') || dict.includes('/Subtype')) continue;
    const text = data.toString('latin1');
    for (const block of text.matchAll(/BT([\s\S]*?)ET/g)) {
      let line = '';
      for (const hex of block[1]!.matchAll(/<([0-9a-fA-F]+)>/g)) {
        for (const code of hex[1]!.match(/.{4}/g) ?? []) line += glyphs.get(parseInt(code, 16)) ?? '';
      }
      lines.push(line);
    }
  }
  return lines.join('\n');
}

export async function sheetRows(body: Buffer, name: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as never);
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}; sheets: ${workbook.worksheets.map((w) => w.name).join(', ')}`);
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push(Array.from(row.values as unknown[], (v) => (v === undefined ? null : v)).slice(1)));
  // Trailing empty cells are not stored: pad every row to the widest, so empty reads as null.
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...Array<null>(width - r.length).fill(null)]);
}
