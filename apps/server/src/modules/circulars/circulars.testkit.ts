/**
 * Test helpers for circulars: a typed figures object, the text of a .docx (its word/document.xml
 * read straight from the zip), and what a PDF's embedded fonts can show (their names and the
 * characters their ToUnicode maps cover), so tests check the documents themselves.
 */
import zlib from 'node:zlib';
import type { CircularFigures } from '@pioneer/domain';

export function sampleFigures(overrides: Partial<CircularFigures> = {}): CircularFigures {
  return {
    renderer: 'circular-v1',
    period: '2026-Q3',
    periodStart: '2026-07-01',
    periodEnd: '2026-09-30',
    title: '关于2026年第三季度组织生活开展情况的通报',
    issuer: { orgId: '0190a6b2-0000-7000-8000-000000000001', name: '县直机关工委' },
    issuedOn: '2026-10-08',
    totals: { orgsJudged: 3, orgsAllMet: 2, attendanceExpected: 40, attendancePresent: 37 },
    allMet: [
      { orgId: 'a', name: '县财政局机关第一党支部' },
      { orgId: 'b', name: '县教育局机关党支部' },
    ],
    shortfalls: [{ orgId: 'c', name: '县水利局机关党支部', reasons: ['2026年第三季度 支部党员大会 0/1 次', '2026年第三季度 主题党日 2/3 次'] }],
    makeup: [{ orgId: 'c', name: '县水利局机关党支部', open: 3 }],
    audits: { groups: 2, sessionsHeld: 6, sessionsAudited: 2, groupsAudited: 1, groupsNotAudited: ['县水利局党组理论学习中心组'] },
    requirements: ['对照本通报查找差距，及时整改。', '严格落实“三会一课”制度。'],
    ...overrides,
  };
}

/** Entries of a zip archive by name (stored or deflated), from its central directory. */
export function unzip(buffer: Buffer): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  let eocd = buffer.length - 22;
  while (eocd >= 0 && buffer.readUInt32LE(eocd) !== 0x06054b50) eocd -= 1;
  if (eocd < 0) throw new Error('not a zip archive');
  const count = buffer.readUInt16LE(eocd + 10);
  let p = buffer.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = buffer.readUInt16LE(p + 10);
    const compressedSize = buffer.readUInt32LE(p + 20);
    const nameLength = buffer.readUInt16LE(p + 28);
    const extraLength = buffer.readUInt16LE(p + 30);
    const commentLength = buffer.readUInt16LE(p + 32);
    const localOffset = buffer.readUInt32LE(p + 42);
    const name = buffer.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    const localNameLength = buffer.readUInt16LE(localOffset + 26);
    const localExtraLength = buffer.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const data = buffer.subarray(start, start + compressedSize);
    entries.set(name, method === 0 ? Buffer.from(data) : zlib.inflateRawSync(data));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const decodeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The text of a .docx, one paragraph per line. */
export function docxText(buffer: Buffer): string {
  const xml = unzip(buffer).get('word/document.xml')?.toString('utf8');
  if (!xml) throw new Error('no word/document.xml in the .docx');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map(([p]) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1]!)).join(''))
    .join('\n');
}

/** Names of the fonts a PDF embeds, and the characters their ToUnicode maps say the embedded glyphs show. */
export function pdfFonts(buffer: Buffer): { fontNames: string[]; embeddedFontFiles: number; characters: Set<string> } {
  const raw = buffer.toString('latin1');
  const fontNames = [...raw.matchAll(/\/BaseFont \/([A-Za-z0-9+\-_]+)/g)].map((m) => m[1]!);
  const embeddedFontFiles = [...raw.matchAll(/\/FontFile[23]? /g)].length;
  const characters = new Set<string>();
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
    const text = data.toString('latin1');
    if (!text.includes('begincmap')) continue;
    // A glyph may show several characters (a ligature: pdfkit writes ff as <0066 0066>); each counts.
    const add = (h: string) => {
      for (const x of h.replace(/\s/g, '').match(/.{4}/g) ?? []) characters.add(String.fromCodePoint(parseInt(x, 16)));
    };
    for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const pair of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) add(pair[2]!);
    }
    for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const range of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
        for (const target of range[3]!.matchAll(/<([0-9a-fA-F\s]+)>/g)) add(target[1]!);
      }
    }
  }
  return { fontNames, embeddedFontFiles, characters };
}
