/** Texts of the compliance pages: zh-CN (the source of the keys) and English with the same keys. */

export const complianceZh = {
  // The period picker (components/PeriodPicker.tsx) is shared by the committee's pages.
  'periodPicker.kind': '统计周期',
  'periodPicker.pick': '选择期间',
  'periodPicker.month': '月',
  'periodPicker.quarter': '季度',
  'periodPicker.year': '年',

  'compliance.pickOrg': '选择组织（统计其下全部组织）',
  'compliance.org': '组织',
  'compliance.reasons': '未达标原因',
} as const;

export const complianceEn: Record<keyof typeof complianceZh, string> = {
  'periodPicker.kind': 'Period',
  'periodPicker.pick': 'Pick a period',
  'periodPicker.month': 'Month',
  'periodPicker.quarter': 'Quarter',
  'periodPicker.year': 'Year',

  'compliance.pickOrg': 'Pick an organisation (its whole subtree is counted)',
  'compliance.org': 'Organisation',
  'compliance.reasons': 'Shortfalls',
};
