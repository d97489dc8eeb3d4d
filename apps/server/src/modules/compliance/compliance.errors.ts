/** Error codes of the compliance module: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const complianceErrors = {
  COMPLIANCE_PERIOD_INVALID: {
    status: 400,
    'zh-CN': '统计期“{period}”无法识别：请写作“2026-07”（月）、“2026-Q3”（季度）或“2026”（年度）。',
    en: 'The period "{period}" is not recognised: write "2026-07" (month), "2026-Q3" (quarter) or "2026" (year).',
  },
  COMPLIANCE_RULE_SET_REFUSED: {
    status: 409,
    'zh-CN': '新的规则版本未保存：新版本只能从明天或以后生效，版本号和生效日期不能与已有版本重复，已有要求的编号不能改作他用。请按各项提示修改。',
    en: 'The new rule set was not saved: it may take effect from tomorrow at the earliest, its version and effective date must be new, and an existing requirement id cannot be given another meaning. Correct the items shown.',
  },
} as const satisfies Record<string, CatalogEntry>;
