/**
 * Rendering a circular from a typed figures object: the formal wording of every section, the
 * .docx carrying exactly that text, the PDF embedding the Noto CJK face with a glyph for every
 * character, and the same figures (e.g. read back from the database's JSON) rendering the same text.
 */
import { circularFigures } from '@pioneer/domain';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { chineseNumber, circularBlocks, circularText, pdfFontFace, PdfFontMissingError, renderDocx, renderPdf } from './circulars.render.ts';
import { docxText, pdfFonts, sampleFigures } from './circulars.testkit.ts';

const fontPath = loadConfig({}).pdfFontPath;

describe('circular wording', () => {
  it('writes the formal sections in order with the figures: totals and rates, praise, shortfalls, make-up study, audits, requirements', () => {
    const text = circularText(sampleFigures());
    const lines = text.split('\n');
    expect(lines[0]).toBe('关于2026年第三季度组织生活开展情况的通报');
    expect(lines[1]).toBe('各基层党组织：');
    expect(lines.filter((l) => /^[一二三四五六]、/.test(l))).toEqual([
      '一、总体情况',
      '二、全部达到要求的党组织',
      '三、未完全达到要求的党组织',
      '四、补学完成情况',
      '五、理论学习中心组学习列席旁听情况',
      '六、下一步工作要求',
    ]);
    expect(text).toContain('纳入统计的党组织共3个，全部达到组织生活要求的2个，达标率为66.7%');
    expect(text).toContain('应参加40人次，实际参加37人次，参会率为92.5%');
    expect(text).toContain('予以通报表扬：县财政局机关第一党支部、县教育局机关党支部。');
    expect(text).toContain('（一）县水利局机关党支部：2026年第三季度 支部党员大会 0/1 次；2026年第三季度 主题党日 2/3 次。');
    expect(text).toContain('尚有3人次补学未完成，涉及1个党组织：县水利局机关党支部3人次。');
    expect(text).toContain('2个理论学习中心组共开展集体学习6次，工委派员列席旁听2次，覆盖1个中心组。县水利局党组理论学习中心组本季度尚未安排列席旁听');
    expect(text).toContain('（二）严格落实“三会一课”制度。');
    expect(lines.slice(-2)).toEqual(['县直机关工委', '2026年10月8日']);
    // A finished quarter is not an interim circular.
    expect(text).not.toContain('尚未结束');
  });

  it('says so plainly when a section has nothing to list, and marks an interim circular', () => {
    const text = circularText(
      sampleFigures({
        issuedOn: '2026-09-15',
        totals: { orgsJudged: 0, orgsAllMet: 0, attendanceExpected: 0, attendancePresent: 0 },
        allMet: [],
        shortfalls: [],
        makeup: [],
        audits: { groups: 0, sessionsHeld: 0, sessionsAudited: 0, groupsAudited: 0, groupsNotAudited: [] },
      }),
    );
    expect(text).toContain('（本季度尚未结束，数据统计截至2026年9月15日）');
    expect(text).toContain('2026年第三季度暂无纳入统计的党组织。');
    expect(text).toContain('2026年第三季度暂无全部达到组织生活要求的党组织。');
    expect(text).toContain('2026年第三季度各党组织均达到组织生活要求。');
    expect(text).toContain('截至2026年9月15日，本季度及以前缺席党员的补学均已完成。');
    expect(text).toContain('2026年第三季度所属单位暂无理论学习中心组。');
    expect(text).not.toContain('NaN');
  });

  it('says every central group was audited when none is missing', () => {
    const text = circularText(sampleFigures({ audits: { groups: 1, sessionsHeld: 3, sessionsAudited: 1, groupsAudited: 1, groupsNotAudited: [] } }));
    expect(text).toContain('各中心组本季度均已安排列席旁听。');
  });

  it('numbers items in Chinese', () => {
    expect([1, 9, 10, 11, 20, 21, 99, 100, 105, 110, 1000].map(chineseNumber)).toEqual(['一', '九', '十', '十一', '二十', '二十一', '九十九', '一百', '一百零五', '一百一十', '一千']);
    const many = sampleFigures({ shortfalls: Array.from({ length: 12 }, (_, i) => ({ orgId: String(i), name: `支部${i + 1}`, reasons: ['主题党日 0/3 次'] })) });
    expect(circularBlocks(many).some((b) => b.text.startsWith('（十二）支部12：'))).toBe(true);
  });
});

describe('documents', () => {
  it('writes the same text into the .docx, one paragraph per block', async () => {
    const f = sampleFigures();
    expect(docxText(await renderDocx(f))).toBe(circularText(f));
  });

  it('renders stored figures (read back as JSON) to the same .docx text', async () => {
    const f = sampleFigures();
    const stored = circularFigures.parse(JSON.parse(JSON.stringify(f)));
    expect(docxText(await renderDocx(stored))).toBe(docxText(await renderDocx(f)));
  });

  it('embeds the Simplified Chinese Noto CJK face in the PDF with a glyph for every character of the text', async () => {
    const f = sampleFigures();
    const pdf = await renderPdf(f, fontPath);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const fonts = pdfFonts(pdf);
    expect(fonts.fontNames.some((n) => /^[A-Z]{6}\+Noto(Serif|Sans)CJKsc-Regular$/.test(n))).toBe(true);
    expect(fonts.embeddedFontFiles).toBeGreaterThan(0);
    const needed = [...new Set(circularText(f).replace(/\s/g, ''))];
    expect(needed.filter((c) => !fonts.characters.has(c))).toEqual([]);
    expect(needed.filter((c) => /[\u4e00-\u9fff]/.test(c)).length).toBeGreaterThan(150);
  });

  it('would notice a missing glyph: a character the font lacks is not covered', async () => {
    const fonts = pdfFonts(await renderPdf(sampleFigures({ title: '通报😀' }), fontPath));
    expect(fonts.characters.has('通')).toBe(true);
    expect(fonts.characters.has('😀')).toBe(false);
  });

  it('refuses to render a PDF without its font, naming the variable to set', async () => {
    await expect(renderPdf(sampleFigures(), '/nonexistent/NotoSerifCJK-Regular.ttc')).rejects.toThrow(PdfFontMissingError);
    await expect(renderPdf(sampleFigures(), '/nonexistent/font.ttc')).rejects.toThrow(/PDF_FONT_PATH/);
  });

  it('picks the Simplified Chinese face of a Noto CJK collection, and none for a single-face file', () => {
    expect(pdfFontFace('/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc')).toBe('NotoSerifCJKsc-Regular');
    expect(pdfFontFace('/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc')).toBe('NotoSansCJKsc-Bold');
    expect(pdfFontFace('/fonts/SourceHanSerifSC-Regular.otf')).toBeUndefined();
  });
});
