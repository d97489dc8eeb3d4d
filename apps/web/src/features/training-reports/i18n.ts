/** Texts of the training exports: zh-CN (the source of the keys) and English with the same keys. */

export const trainingReportsZh = {
  'trainingReports.menu': '学时统计导出',
  'trainingReports.title': '学时台账与培训统计',
  'trainingReports.org': '组织',
  'trainingReports.year': '年度',
  'trainingReports.hint': '导出所选组织及其下级组织全体党员的数据，统计截至今天；每次导出记入审计日志。',
  'trainingReports.ledger': '下载学时台账（Excel）',
  'trainingReports.ledgerHint': '每名党员一行：要求学时、各来源学时、合计、集中培训次数、是否达标及原因。',
  'trainingReports.statistics': '下载培训统计（Excel）',
  'trainingReports.statisticsHint': '每个组织一行：党员人数、应达标、已达标、未达标、免除要求、达标率、人均学时；另有培训班次和人次。',
  'trainingReports.downloadFailed': '下载失败',
  'trainingReports.myTitle': '我的年度学习档案',
  'trainingReports.myHint': '学习档案列出本年度的每一笔学时及其来源、合计与年度要求的对比、参加的集中培训，可下载为 PDF 留存或打印。',
  'trainingReports.myDownload': '下载 {year} 年度学习档案（PDF）',
};

export const trainingReportsEn: Record<keyof typeof trainingReportsZh, string> = {
  'trainingReports.menu': 'Hours exports',
  'trainingReports.title': 'Hours ledger and training statistics',
  'trainingReports.org': 'Organisation',
  'trainingReports.year': 'Year',
  'trainingReports.hint': 'Exports cover every party member of the chosen organisation and below, as of today; each export is written to the audit log.',
  'trainingReports.ledger': 'Download the hours ledger (Excel)',
  'trainingReports.ledgerHint': 'One row per member: required hours, hours by source, total, centralised trainings, met or short and why.',
  'trainingReports.statistics': 'Download the training statistics (Excel)',
  'trainingReports.statisticsHint': 'One row per organisation: members, required, met, short, exempt, rate met and average hours; plus classes held and person-times.',
  'trainingReports.downloadFailed': 'Download failed',
  'trainingReports.myTitle': 'My annual study record',
  'trainingReports.myHint': "The record lists every credit of the year with its source, the total against the year's requirement and the centralised trainings attended; download it as a PDF to keep or print.",
  'trainingReports.myDownload': 'Download my {year} study record (PDF)',
};
