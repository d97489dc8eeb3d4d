/**
 * The annual study record PDF read back character for character, also where the font sets Latin
 * letters as one ligature glyph ("ff", "fi"): pdfkit maps such a glyph to its characters as
 * <0066 0066>, and reading those maps wrongly shifted every later character of a line (random
 * organisation names with "ff" made the route tests fail now and then).
 */
import { studyCreditSourceTypes } from '@pioneer/domain';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { pdfFonts } from '../circulars/circulars.testkit.ts';
import { annualRecordLines, renderAnnualRecordPdf, type AnnualRecord } from './training-reports.render.ts';
import { pdfText } from './training-reports.testkit.ts';

const fontPath = loadConfig({}).pdfFontPath;

const record: AnnualRecord = {
  year: 2026,
  name: '李建国',
  orgName: '第一党支部ff5f（Office affairs）',
  category: 'full',
  requiredHours: 32,
  requiredCentralised: 0,
  exemptReason: null,
  total: 30,
  status: 'short',
  reasons: ['差 2 学时'],
  bySource: Object.fromEntries(studyCreditSourceTypes.map((s) => [s, s === 'external' ? 30 : 0])) as AnnualRecord['bySource'],
  credits: [{ creditedOn: '2026-03-15', sourceType: 'external', description: '外部学时：Efficient office workflow', hours: 30 }],
  centralised: [],
  generatedOn: '2026-06-01',
};

describe('annual study record PDF', () => {
  it('reads back exactly the lines it was given, ligatures included', async () => {
    const pdf = await renderAnnualRecordPdf(record, fontPath);
    const lines = annualRecordLines(record).map((l) => l.text);
    expect(lines.join('')).toMatch(/ff|fi|fl/);
    expect(pdfText(pdf).split('\n')).toEqual(lines);
    const { characters } = pdfFonts(pdf);
    expect([...new Set(lines.join('').replace(/\s/g, ''))].filter((ch) => !characters.has(ch))).toEqual([]);
  });
});
