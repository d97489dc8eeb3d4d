/** Error codes of the circulars module: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const circularErrors = {
  CIRCULAR_NOT_FOUND: { status: 404, 'zh-CN': '未找到该通报，可能尚未发布或您无权查看。', en: 'Circular not found; it may not be published yet, or you may not see it.' },
  CIRCULAR_PERIOD_IN_FUTURE: {
    status: 400,
    'zh-CN': '{period}尚未开始，不能生成通报；请选择本季度或以前的季度。',
    en: '{period} has not started yet; choose the current quarter or an earlier one.',
  },
  CIRCULAR_ONLY_COMMITTEE_OFFICERS: {
    status: 403,
    'zh-CN': '通报由机关工委（党委）组织部门生成和发布，支部书记可以查看已发布的通报。',
    en: 'Circulars are generated and published by committee officers; secretaries can read the published ones.',
  },
  CIRCULAR_PDF_FONT_MISSING: {
    status: 503,
    'zh-CN': '服务器缺少生成 PDF 所需的中文字体，暂时无法生成通报，请联系系统管理员安装 fonts-noto-cjk 或设置 PDF_FONT_PATH。',
    en: 'The server lacks the Chinese font the PDF needs, so no circular can be generated; ask the system administrator to install fonts-noto-cjk or set PDF_FONT_PATH.',
  },
} as const satisfies Record<string, CatalogEntry>;
