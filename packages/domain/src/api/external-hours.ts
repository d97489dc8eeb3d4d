/**
 * External study hours (外部学时导入, issue 4 item 7): hours members earned on other platforms
 * (学习强国, 干部网络学院, 党员教育平台 …), imported from an Excel file with the same dry-run report
 * as the roster import — every problem by row and column with how to fix it — and duplicate
 * detection, so the same training of the same person is never credited twice.
 *
 * Endpoints (all under /api/v1; managers of the chosen organisation's subtree):
 *   GET  /external-hours/template                 the template (.xlsx, Chinese headers and a guide sheet)
 *   POST /external-hours/imports                  multipart orgId + file → the dry-run report (nothing credited yet)
 *   GET  /external-hours/imports?orgId            batch history of a subtree, newest first
 *   GET  /external-hours/imports/{batchId}        a batch's report
 *   POST /external-hours/imports/{batchId}/commit credit the valid rows, or nothing if all_or_nothing and any row is wrong; a retry returns the same outcome
 *   POST /external-hours/imports/{batchId}/reverse reverse every credit and completion of a committed batch
 */
import { z } from 'zod';
import { importMode } from './imports.ts';

/** One file, one import: a county's members times a handful of courses each. */
export const EXTERNAL_HOURS_MAX_ROWS = 20_000;
export const EXTERNAL_HOURS_SHEET_NAME = '外部学时';
/** One record cannot be worth more than this: a long centralised training is about 15 days × 8 学时. */
export const EXTERNAL_HOURS_MAX_PER_ROW = 120;
/** Completion dates before this are refused (no ledger goes back further). */
export const EXTERNAL_HOURS_EARLIEST_DATE = '2000-01-01';

export type ExternalHoursColumnKey = 'name' | 'idNumber' | 'platform' | 'course' | 'completedOn' | 'hours' | 'centralised' | 'level' | 'note';
export type ExternalHoursColumnType = 'text' | 'idNumber' | 'date' | 'hours' | 'boolean' | 'level';

export type ExternalHoursColumn = {
  key: ExternalHoursColumnKey;
  header: string;
  en: string;
  type: ExternalHoursColumnType;
  required: boolean;
  maxLength?: number;
  aliases?: readonly string[];
  /** For the template's guide sheet (zh-CN: the file is Chinese). */
  note: string;
};

export const externalHoursLevelLabels = { county: '县级', unit: '单位' } as const;
export type ExternalHoursLevel = keyof typeof externalHoursLevelLabels;

export const externalHoursColumns: readonly ExternalHoursColumn[] = [
  { key: 'name', header: '姓名', en: 'Name', type: 'text', required: true, maxLength: 50, note: '必填，须与系统中登记的姓名一致（用于核对身份证号码是否填错）。' },
  {
    key: 'idNumber',
    header: '公民身份号码',
    en: 'Citizen ID number',
    type: 'idNumber',
    required: true,
    aliases: ['身份证号码', '身份证号', '公民身份证号码', '公民身份证号'],
    note: '必填，18 位，末位可为 X。按此号码在所选组织及其下级组织中查找人员，不按姓名查找。请将该列设为“文本”格式，否则 Excel 会丢失末几位数字。',
  },
  { key: 'platform', header: '平台', en: 'Platform', type: 'text', required: true, maxLength: 50, aliases: ['学习平台', '培训平台', '来源平台'], note: '必填，如“学习强国”“干部网络学院”“党员教育平台”。' },
  { key: 'course', header: '课程/培训名称', en: 'Course or training', type: 'text', required: true, maxLength: 200, aliases: ['课程名称', '培训名称', '课程', '培训项目'], note: '必填。' },
  { key: 'completedOn', header: '完成日期', en: 'Completed on', type: 'date', required: true, aliases: ['完成时间', '结业日期', '学习日期'], note: '必填，不能晚于今天；学时计入该日期所在年度。可填 2026-07-01、2026/7/1、2026年7月1日，或 Excel 日期。' },
  { key: 'hours', header: '学时', en: 'Hours', type: 'hours', required: true, aliases: ['学时数', '获得学时'], note: `必填，大于 0、不超过 ${EXTERNAL_HOURS_MAX_PER_ROW}，最多一位小数（半天 = 4 学时，一天 = 8 学时）。` },
  { key: 'centralised', header: '是否集中培训', en: 'Centralised training', type: 'boolean', required: false, aliases: ['集中培训'], note: '填“是”时同时记为一次集中培训（如集中轮训、脱产培训班）；不填视为“否”。' },
  { key: 'level', header: '培训层级', en: 'Level', type: 'level', required: false, aliases: ['层级'], note: '集中培训的组织层级：“县级”或“单位”；不填视为“单位”。非集中培训不填。' },
  { key: 'note', header: '备注', en: 'Note', type: 'text', required: false, maxLength: 200, note: '' },
];

export const externalHoursColumnByKey = new Map(externalHoursColumns.map((c) => [c.key, c]));

/** Problems a row can have: zh-CN and English, saying what is wrong and how to fix it. */
export const externalHoursMessages = {
  EXT_REQUIRED: { 'zh-CN': '此项必填，不能为空。', en: 'This column is required and cannot be empty.' },
  EXT_TEXT_TOO_LONG: { 'zh-CN': '内容过长，最多 {max} 个字，请精简后重新导入。', en: 'Too long: at most {max} characters; shorten it and import again.' },
  EXT_VALUE_NOT_ALLOWED: { 'zh-CN': '无法识别的取值，请填写：{allowed}。', en: 'Unrecognised value; write one of: {allowed}.' },
  EXT_ID_NUMBER_AS_NUMBER: {
    'zh-CN': '身份证号码被 Excel 存成了数字，末几位已经丢失。请把该列设为“文本”格式后重新录入完整号码。',
    en: 'Excel stored this ID number as a number and its last digits are lost. Format the column as Text and type the full number again.',
  },
  EXT_VALUE_MASKED: { 'zh-CN': '这是脱敏后的号码（含 *），无法识别人员。请填写完整的身份证号码。', en: 'This is a masked number (it contains *), so nobody can be identified by it. Write the full ID number.' },
  EXT_PERSON_NOT_FOUND: {
    'zh-CN': '在“{org}”及其下级组织中没有登记该身份证号码的人员。请核对号码；如该人员尚未登记，请先在“组织与人员”中登记或导入。',
    en: 'Nobody with this ID number is registered in "{org}" or below. Check the number; if the person is not registered yet, add or import them under Organisations and people first.',
  },
  EXT_NAME_MISMATCH: {
    'zh-CN': '姓名与该身份证号码登记的人员（{registered}）不一致。请核对是姓名还是号码填错了。',
    en: 'The name differs from the person registered with this ID number ({registered}). Check whether the name or the number is wrong.',
  },
  EXT_DATE_FUTURE: { 'zh-CN': '完成日期不能晚于今天（{today}），请核对。', en: 'The completion date cannot be later than today ({today}); check it.' },
  EXT_DATE_TOO_EARLY: { 'zh-CN': '完成日期不能早于 {earliest}，请核对。', en: 'The completion date cannot be earlier than {earliest}; check it.' },
  EXT_HOURS_INVALID: { 'zh-CN': '学时须为大于 0 的数字，如 2 或 1.5。', en: 'Hours must be a number above 0, such as 2 or 1.5.' },
  EXT_HOURS_TOO_MANY: { 'zh-CN': '一条记录最多 {max} 学时，请核对；较长的培训请按期次分行填写。', en: 'At most {max} hours per record; check the figure, and split a long training into one row per session.' },
  EXT_HOURS_PRECISION: { 'zh-CN': '学时最多保留一位小数（如 0.5、1.5）。', en: 'Hours take at most one decimal place (e.g. 0.5, 1.5).' },
  EXT_LEVEL_WITHOUT_CENTRALISED: { 'zh-CN': '只有集中培训才填写培训层级：请将“是否集中培训”填为“是”，或清空“培训层级”。', en: 'Only a centralised training has a level: mark the row as centralised training (write yes in that column), or clear the level.' },
  EXT_DUPLICATE_IN_FILE: {
    'zh-CN': '与第 {row} 行是同一人、同一平台、同一课程、同一完成日期的记录，只计一次，本行不导入。',
    en: 'Same person, platform, course and completion date as row {row}: it counts once, so this row is not imported.',
  },
  EXT_CONFLICTS_IN_FILE: {
    'zh-CN': '与第 {row} 行是同一人、同一平台、同一课程、同一完成日期，但学时不同（第 {row} 行为 {hours} 学时）。请核对后只保留正确的一行。',
    en: 'Same person, platform, course and completion date as row {row}, but different hours (row {row} says {hours}). Check them and keep only the correct row.',
  },
  EXT_DUPLICATE_IMPORTED: {
    'zh-CN': '该记录已于 {at} 由批次“{file}”导入并计入学时，本行不再重复计入。',
    en: 'This record was already imported and credited on {at} in batch "{file}"; this row is not credited again.',
  },
  EXT_CONFLICTS_IMPORTED: {
    'zh-CN': '同一人、同一平台、同一课程、同一完成日期的记录已于 {at} 由批次“{file}”导入，计 {hours} 学时，与本行的学时不同。如需更正，请先撤销该批次再重新导入。',
    en: 'The same person, platform, course and completion date was already imported on {at} in batch "{file}" with {hours} hours, which differs from this row. To correct it, reverse that batch and import again.',
  },
} as const;
export type ExternalHoursProblemCode = keyof typeof externalHoursMessages;

// --- API shapes ---------------------------------------------------------------------------------

export const externalHoursUploadFields = z.object({ orgId: z.uuid() });
export const externalHoursBatchParams = z.object({ batchId: z.uuid() });
export const externalHoursCommitInput = z.object({ mode: importMode });
export const externalHoursReverseInput = z.object({ reason: z.string().trim().min(1).max(200) });
export type ExternalHoursReverseInput = z.infer<typeof externalHoursReverseInput>;
export const externalHoursListQuery = z.object({ orgId: z.uuid() });

export const externalHoursProblem = z.object({
  /** The row number Excel shows. */
  row: z.number().int(),
  /** The column's header (null: the row as a whole). */
  column: z.string().nullable(),
  field: z.string().nullable(),
  /** The cell as read; ID numbers masked. */
  value: z.string().nullable(),
  /** error: the row cannot be imported until fixed; duplicate: already counted, skipped. */
  severity: z.enum(['error', 'duplicate']),
  code: z.string(),
  message: z.string(),
});
export type ExternalHoursProblem = z.infer<typeof externalHoursProblem>;

/** A row that will be (or was) credited. */
export const externalHoursAccepted = z.object({
  row: z.number().int(),
  personId: z.string(),
  personName: z.string(),
  orgName: z.string(),
  platform: z.string(),
  course: z.string(),
  completedOn: z.string(),
  hours: z.number(),
  centralised: z.boolean(),
  level: z.enum(['county', 'unit']).nullable(),
});
export type ExternalHoursAccepted = z.infer<typeof externalHoursAccepted>;

export const externalHoursCounts = z.object({
  accepted: z.number().int(),
  duplicate: z.number().int(),
  error: z.number().int(),
});

export const externalHoursBatchStatus = z.enum(['dry_run', 'committed', 'reversed']);

export const externalHoursReport = z.object({
  batchId: z.string(),
  status: externalHoursBatchStatus,
  orgId: z.string(),
  orgName: z.string(),
  fileName: z.string(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
  reversedAt: z.string().nullable(),
  reversalReason: z.string().nullable(),
  mode: importMode.nullable(),
  totalRows: z.number().int(),
  counts: externalHoursCounts,
  /** Optional columns the file lacks. */
  absentColumns: z.array(z.string()),
  problems: z.array(externalHoursProblem),
  accepted: z.array(externalHoursAccepted),
  /** After a commit: what was written. */
  written: z.object({ credited: z.number().int(), hours: z.number(), completions: z.number().int() }).nullable(),
});
export type ExternalHoursReport = z.infer<typeof externalHoursReport>;

export const externalHoursBatchSummary = z.object({
  batchId: z.string(),
  status: externalHoursBatchStatus,
  orgId: z.string(),
  orgName: z.string(),
  fileName: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
  reversedAt: z.string().nullable(),
  reversalReason: z.string().nullable(),
  totalRows: z.number().int(),
  counts: externalHoursCounts,
  written: z.object({ credited: z.number().int(), hours: z.number(), completions: z.number().int() }).nullable(),
});
export type ExternalHoursBatchSummary = z.infer<typeof externalHoursBatchSummary>;
