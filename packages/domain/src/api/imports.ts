/**
 * The Excel import and export of people (人员信息导入导出): the columns of the template in their
 * order, with the Chinese headers the file carries and the other names rosters commonly use for
 * them; the words a cell may hold for each coded value; and the API shapes of the dry-run report,
 * the commit and the export. An exported file has exactly these columns, so it can be imported.
 */
import { z } from 'zod';
import type { PersonCategory, PersonStatus } from '../rules/membership.ts';
import { businessLineLabels, businessLines, type BusinessLine } from '../rules/training-groups.ts';
import { peopleListQuery, type PersonInput } from './people.ts';

/** One file, one import: a county has at most ~20,000 members (domain.md §1). */
export const IMPORT_MAX_ROWS = 20_000;
export const PEOPLE_SHEET_NAME = '人员信息';
export const GUIDE_SHEET_NAME = '填写说明';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Sex = PersonInput['sex'];
type PersonFlag = 'isLeadingCadre' | 'isPartyAffairsWorker' | 'isSecretary' | 'isCommitteeMember' | 'isInfirm' | 'isRetired' | 'studyExempt';

/** A column is a field of the person record, or the code of the organisation the row belongs to. */
export type ImportColumnKey = Exclude<keyof PersonInput, 'orgId'> | 'orgCode';

export type ImportColumnType = 'text' | 'date' | 'idNumber' | 'phone' | 'sex' | 'category' | 'status' | 'boolean' | 'businessLine';

export type ImportColumn = {
  key: ImportColumnKey;
  /** The header in the template and in exports. */
  header: string;
  /** Its English name, for reports read in English. */
  en: string;
  type: ImportColumnType;
  /** A header that must be present and a cell that must be filled. */
  required: boolean;
  maxLength?: number;
  /** Other headers that mean the same column (older rosters, the national system's exports). */
  aliases?: readonly string[];
  /** What to write, for the template's guide sheet (zh-CN: the file is Chinese). */
  note: string;
};

export const sexLabels: Record<Sex, string> = { male: '男', female: '女' };
export const categoryLabels: Record<PersonCategory, string> = {
  full: '正式党员',
  probationary: '预备党员',
  applicant: '入党申请人',
  activist: '入党积极分子',
  candidate: '发展对象',
};
export const statusLabels: Record<PersonStatus, string> = { normal: '正常', lost_contact: '失去联系', flowing_out: '流动外出' };
export const booleanLabels = { yes: '是', no: '否' } as const;

const DATE_NOTE = '可填 2019-07-01、2019/7/1、2019.07.01、2019年7月1日，或 Excel 日期。';

export const importColumns: readonly ImportColumn[] = [
  { key: 'name', header: '姓名', en: 'Name', type: 'text', required: true, maxLength: 50, note: '必填。' },
  { key: 'sex', header: '性别', en: 'Sex', type: 'sex', required: true, note: '必填，须与身份证号码一致。' },
  { key: 'ethnicity', header: '民族', en: 'Ethnicity', type: 'text', required: false, maxLength: 20, note: '如“汉族”。' },
  { key: 'birthDate', header: '出生日期', en: 'Date of birth', type: 'date', required: true, aliases: ['出生年月日'], note: `必填，须与身份证号码一致。${DATE_NOTE}` },
  {
    key: 'idNumber',
    header: '公民身份号码',
    en: 'Citizen ID number',
    type: 'idNumber',
    required: true,
    aliases: ['身份证号码', '身份证号', '公民身份证号码', '公民身份证号'],
    note: '必填，18 位，末位可为 X；本系统内唯一。请保持该列为“文本”格式，否则 Excel 会丢失末几位数字。已登记的人员按此号码更新，不会重复建档。',
  },
  { key: 'phone', header: '手机号码', en: 'Phone', type: 'phone', required: false, aliases: ['手机号', '联系电话', '电话号码'], note: '11 位手机号，或带区号的固定电话（如 0311-88001234）。' },
  { key: 'education', header: '学历', en: 'Education', type: 'text', required: false, maxLength: 30, note: '如“大学本科”“研究生”。' },
  { key: 'category', header: '人员类别', en: 'Category', type: 'category', required: true, aliases: ['党员类别', '类别'], note: '必填。' },
  { key: 'joinedOn', header: '入党日期', en: 'Joined on', type: 'date', required: false, aliases: ['入党时间'], note: `正式党员、预备党员必填（支部大会通过接收为预备党员的日期）；其他人员不填。${DATE_NOTE}` },
  { key: 'confirmedOn', header: '转正日期', en: 'Confirmed on', type: 'date', required: false, aliases: ['转正时间'], note: `正式党员必填；预备党员及其他人员不填。${DATE_NOTE}` },
  { key: 'post', header: '职务', en: 'Post', type: 'text', required: false, maxLength: 100, aliases: ['工作岗位', '职务职级'], note: '' },
  { key: 'address', header: '家庭住址', en: 'Address', type: 'text', required: false, maxLength: 200, aliases: ['住址'], note: '' },
  {
    key: 'orgCode',
    header: '所在组织编码',
    en: 'Organisation code',
    type: 'text',
    required: false,
    maxLength: 50,
    aliases: ['组织编码', '所在支部编码'],
    note: '人员所在党组织的编码，须是导入时所选组织或其下级组织；不填则登记到导入时所选的组织。',
  },
  { key: 'status', header: '状态', en: 'Status', type: 'status', required: false, aliases: ['人员状态'], note: '不填视为“正常”。' },
  { key: 'lostContactSince', header: '失联日期', en: 'Lost contact since', type: 'date', required: false, aliases: ['失去联系日期'], note: `状态为“失去联系”时必填。${DATE_NOTE}` },
  { key: 'isLeadingCadre', header: '领导干部', en: 'Leading cadre', type: 'boolean', required: false, note: '不填视为“否”。' },
  { key: 'isPartyAffairsWorker', header: '党务工作者', en: 'Party-affairs worker', type: 'boolean', required: false, note: '不填视为“否”。' },
  { key: 'isSecretary', header: '书记', en: 'Secretary', type: 'boolean', required: false, note: '不填视为“否”。' },
  { key: 'isCommitteeMember', header: '支委委员', en: 'Committee member', type: 'boolean', required: false, note: '不填视为“否”。' },
  { key: 'isInfirm', header: '年老体弱', en: 'Elderly or infirm', type: 'boolean', required: false, note: '年老体弱、行动不便，需送学上门。不填视为“否”。' },
  { key: 'isRetired', header: '离退休', en: 'Retired', type: 'boolean', required: false, note: '不填视为“否”。' },
  { key: 'studyExempt', header: '免除学习要求', en: 'Exempt from study requirements', type: 'boolean', required: false, note: '免除硬性学时要求。不填视为“否”。' },
  { key: 'studyExemptReason', header: '免除原因', en: 'Exemption reason', type: 'text', required: false, maxLength: 200, note: '“免除学习要求”为“是”时必填。' },
  { key: 'secretarySince', header: '任书记日期', en: 'Secretary since', type: 'date', required: false, aliases: ['任职日期'], note: `担任书记的日期，新任书记应在 6 个月内参加培训；不是书记的不填。${DATE_NOTE}` },
  { key: 'businessLine', header: '业务条线', en: 'Business line', type: 'businessLine', required: false, aliases: ['条线'], note: '经济、纪检、信访、党建或其他；不填视为未分类。' },
];

export const importColumnByKey = new Map(importColumns.map((c) => [c.key, c]));

/** The values a coded column shows, in the order the template lists them. */
export function importChoices(type: ImportColumnType): string[] {
  if (type === 'sex') return Object.values(sexLabels);
  if (type === 'category') return Object.values(categoryLabels);
  if (type === 'status') return Object.values(statusLabels);
  if (type === 'boolean') return [booleanLabels.yes, booleanLabels.no];
  if (type === 'businessLine') return businessLines.map((b) => businessLineLabels[b]['zh-CN']);
  return [];
}

const invert = <T extends string>(labels: Record<T, string>): Record<string, T> => Object.fromEntries(Object.entries(labels).map(([k, v]) => [v, k as T]));

/**
 * The words a coded cell may hold: the template's own, short and common variants, and the API's
 * English codes. Lookups are on normalised, lower-cased text.
 */
export const importWords = {
  sex: { ...invert(sexLabels), 男性: 'male', 女性: 'female', m: 'male', f: 'female', male: 'male', female: 'female' } as Record<string, Sex>,
  category: {
    ...invert(categoryLabels),
    正式: 'full',
    预备: 'probationary',
    申请人: 'applicant',
    积极分子: 'activist',
    full: 'full',
    probationary: 'probationary',
    applicant: 'applicant',
    activist: 'activist',
    candidate: 'candidate',
  } as Record<string, PersonCategory>,
  status: { ...invert(statusLabels), 失联: 'lost_contact', 流动: 'flowing_out', 流动党员: 'flowing_out', normal: 'normal', lost_contact: 'lost_contact', flowing_out: 'flowing_out' } as Record<
    string,
    PersonStatus
  >,
  businessLine: Object.fromEntries(businessLines.flatMap((b) => [[businessLineLabels[b]['zh-CN'], b], [b, b]])) as Record<string, BusinessLine>,
  boolean: { 是: true, 否: false, y: true, n: false, yes: true, no: false, true: true, false: false, '1': true, '0': false, '√': true, '×': false } as Record<string, boolean>,
} as const;

export type ImportFlag = PersonFlag;

// --- API shapes ---------------------------------------------------------------------------------

export const importMode = z.enum(['valid_rows', 'all_or_nothing']);
export type ImportMode = z.infer<typeof importMode>;

/** The multipart fields besides the file: the organisation the file's rows must lie under. */
export const importUploadFields = z.object({ orgId: z.uuid() });

export const importCommitInput = z.object({
  /** valid_rows: write every valid row and skip the others; all_or_nothing: write only if no row has a problem. */
  mode: importMode,
});
export type ImportCommitInput = z.infer<typeof importCommitInput>;

export const importBatchParams = z.object({ batchId: z.uuid() });

export const importProblem = z.object({
  /** The row number Excel shows (the header is usually row 1). */
  row: z.number().int(),
  /** The column's header as in the template (null: the row as a whole). */
  column: z.string().nullable(),
  field: z.string().nullable(),
  /** What the cell held, as read; ID and phone numbers masked. */
  value: z.string().nullable(),
  code: z.string(),
  /** The reason, in the caller's language. */
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblem>;

/** A row that matched a person already registered in the caller's subtree, by ID number. */
export const importUpdate = z.object({
  row: z.number().int(),
  personId: z.string(),
  name: z.string(),
  /** Headers of the columns whose values change. */
  columns: z.array(z.string()),
});

export const importCounts = z.object({
  new: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  error: z.number().int(),
});
export type ImportCounts = z.infer<typeof importCounts>;

export const importReport = z.object({
  batchId: z.string(),
  status: z.enum(['dry_run', 'committed']),
  orgId: z.string(),
  orgName: z.string(),
  fileName: z.string(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
  mode: importMode.nullable(),
  /** Non-empty data rows in the file. */
  totalRows: z.number().int(),
  counts: importCounts,
  /** Optional columns the file lacks: kept as they are for people already registered, empty for new ones. */
  absentColumns: z.array(z.string()),
  problems: z.array(importProblem),
  updates: z.array(importUpdate),
  /** After a commit: what was written. */
  written: z.object({ inserted: z.number().int(), updated: z.number().int() }).nullable(),
});
export type ImportReport = z.infer<typeof importReport>;

/** The filters of GET /people, without paging; `full=true` exports unmasked numbers (audited). */
export const peopleExportQuery = peopleListQuery.omit({ page: true, pageSize: true, sort: true }).extend({ full: z.enum(['true', 'false']).optional() });
export type PeopleExportQuery = z.infer<typeof peopleExportQuery>;
