/** Error codes of the external-hours import: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const externalHoursErrors = {
  EXT_FILE_UNREADABLE: {
    status: 400,
    'zh-CN': '无法读取该文件：请上传由“外部学时导入模板”填写的 .xlsx 文件（不支持 .xls、.csv）。',
    en: 'The file cannot be read: upload an .xlsx file filled in from the external hours template (.xls and .csv are not accepted).',
  },
  EXT_HEADER_MISSING: {
    status: 400,
    'zh-CN': '表头缺少必填列：{columns}。请下载模板，把数据粘贴到对应列后重新上传。',
    en: 'Required columns are missing from the header: {columns}. Download the template, paste the data into its columns and upload again.',
  },
  EXT_NO_ROWS: { status: 400, 'zh-CN': '文件中没有数据行：请在表头下方每行填写一条学习记录。', en: 'The file has no data rows: write one study record per row below the header.' },
  EXT_TOO_MANY_ROWS: { status: 400, 'zh-CN': '一次最多导入 {max} 行，本文件有 {rows} 行，请拆分为多个文件分别导入。', en: 'At most {max} rows per import; this file has {rows}. Split it into several files.' },
  EXT_BATCH_NOT_FOUND: { status: 404, 'zh-CN': '未找到该外部学时导入批次，可能不在您管理的范围内，请重新上传文件。', en: 'External hours batch not found, or outside your organisations; upload the file again.' },
  EXT_BATCH_NOT_YOURS: {
    status: 403,
    'zh-CN': '这份检查报告由他人上传，只有上传人可以确认导入。请自行上传文件生成检查报告。',
    en: 'Someone else uploaded this dry run and only they can commit it. Upload the file yourself to get your own report.',
  },
  EXT_BATCH_HAS_ERRORS: {
    status: 409,
    'zh-CN': '选择了“全部无误才导入”，但有 {count} 行存在问题，未计入任何学时。请修改文件后重新上传，或改为“只导入无误的行”。',
    en: 'All-or-nothing was chosen and {count} rows have problems: no hours were credited. Fix the file and upload it again, or choose to import only the valid rows.',
  },
  EXT_BATCH_NOT_COMMITTED: {
    status: 409,
    'zh-CN': '该批次尚未确认导入，没有可撤销的学时；不需要时直接重新上传即可。',
    en: 'This batch has not been committed, so there is nothing to reverse; just upload a new file when needed.',
  },
  EXT_COMMIT_CONFLICT: {
    status: 409,
    'zh-CN': '确认导入期间，其他批次已导入了其中的部分记录，本次未计入任何学时。请重新上传文件，重复的记录会在报告中标出。',
    en: 'While this batch was being committed another batch imported some of the same records; nothing was credited. Upload the file again: the duplicates will be marked in the report.',
  },
} as const satisfies Record<string, CatalogEntry>;
