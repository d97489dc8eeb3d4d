/** Error codes of the training exports: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const trainingReportErrors = {
  TRAINING_REPORT_PDF_FONT_MISSING: {
    status: 503,
    'zh-CN': '服务器缺少生成 PDF 所需的中文字体，暂时无法生成学习档案，请联系系统管理员安装 fonts-noto-cjk 或设置 PDF_FONT_PATH。',
    en: 'The server lacks the Chinese font the PDF needs, so the study record cannot be generated; ask the system administrator to install fonts-noto-cjk or set PDF_FONT_PATH.',
  },
  TRAINING_REPORT_YEAR_IN_FUTURE: {
    status: 400,
    'zh-CN': '{year} 年尚未开始，没有可导出的学时；请选择今年或以前的年度。',
    en: '{year} has not started yet, so there are no hours to export; choose this year or an earlier one.',
  },
} as const satisfies Record<string, CatalogEntry>;
