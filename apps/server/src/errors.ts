/**
 * Typed errors: every expected failure has an HTTP status, a stable code that clients and tests
 * rely on, and a message in zh-CN and English with {placeholders}. Routes never build error text.
 */
import { activityErrors } from './modules/activities/activities.errors.ts';
import { attachmentErrors } from './modules/attachments/attachments.errors.ts';
import { attendanceErrors } from './modules/attendance/attendance.errors.ts';
import { makeupErrors } from './modules/makeup/makeup.errors.ts';
import { ledgerErrors } from './modules/ledger/ledger.errors.ts';
import { trainingNeedsErrors } from './modules/training-needs/training-needs.errors.ts';
import { planErrors } from './modules/plans/plans.errors.ts';
import { complianceErrors } from './modules/compliance/compliance.errors.ts';
import { centralGroupErrors } from './modules/central-groups/central-groups.errors.ts';
import { circularErrors } from './modules/circulars/circulars.errors.ts';
import { notificationErrors } from './modules/notifications/notifications.errors.ts';
import { teacherErrors } from './modules/teachers/teachers.errors.ts';
import { trainingGroupErrors } from './modules/training-groups/training-groups.errors.ts';
import { externalHoursErrors } from './modules/external-hours/external-hours.errors.ts';
import { trainingReportErrors } from './modules/training-reports/training-reports.errors.ts';
import { rotationErrors } from './modules/rotations/rotations.errors.ts';
import { classErrors } from './modules/classes/classes.errors.ts';

export type Lang = 'zh-CN' | 'en';

export type CatalogEntry = { status: number; 'zh-CN': string; en: string };

const foundationErrors = {
  VALIDATION_FAILED: { status: 400, 'zh-CN': '提交的数据有误，请按提示修改后重试。', en: 'Some fields are invalid; correct them as indicated and try again.' },
  NOT_AUTHENTICATED: { status: 401, 'zh-CN': '请先登录。', en: 'Please log in first.' },
  SESSION_EXPIRED: { status: 401, 'zh-CN': '登录已超时，请重新登录。', en: 'Your session has expired; please log in again.' },
  LOGIN_FAILED: { status: 401, 'zh-CN': '用户名或密码错误。连续 5 次错误将锁定账号 15 分钟。', en: 'Wrong username or password. After 5 failed attempts in a row the account is locked for 15 minutes.' },
  ACCOUNT_LOCKED: { status: 423, 'zh-CN': '密码错误次数过多，账号已锁定，请于 {until} 后再试或联系系统管理员解锁。', en: 'Too many failed attempts: the account is locked until {until}; try later or ask the system administrator to unlock it.' },
  ACCOUNT_DISABLED: { status: 403, 'zh-CN': '该账号已停用，请联系系统管理员。', en: 'This account is disabled; contact the system administrator.' },
  CSRF_TOKEN_INVALID: { status: 403, 'zh-CN': '请求校验失败，请刷新页面后重试。', en: 'The request could not be verified; reload the page and try again.' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, 'zh-CN': '首次登录或密码已重置，请先修改密码。', en: 'You must change your password before continuing.' },
  PASSWORD_POLICY: { status: 400, 'zh-CN': '新密码不符合要求：至少 8 位，包含大写字母、小写字母、数字、符号中的至少 3 类，且不能与用户名相同。', en: 'The new password does not meet the policy: at least 8 characters with 3 of upper case, lower case, digits and symbols, and not the username.' },
  PASSWORD_CURRENT_WRONG: { status: 400, 'zh-CN': '当前密码不正确。', en: 'The current password is wrong.' },
  PASSWORD_UNCHANGED: { status: 400, 'zh-CN': '新密码不能与当前密码相同。', en: 'The new password must differ from the current one.' },
  FORBIDDEN: { status: 403, 'zh-CN': '您没有权限执行此操作。', en: 'You are not allowed to do this.' },
  ORG_NOT_FOUND: { status: 404, 'zh-CN': '未找到该组织，可能已被删除或您无权查看。', en: 'Organisation not found, or you may not see it.' },
  PERSON_NOT_FOUND: { status: 404, 'zh-CN': '未找到该人员，可能已转出或您无权查看。', en: 'Person not found, or you may not see them.' },
  PROFILE_NOT_LINKED: { status: 404, 'zh-CN': '您的账号尚未关联党员档案，请联系所在支部书记。', en: 'Your account is not linked to a member record; ask your branch secretary.' },
  USER_NOT_FOUND: { status: 404, 'zh-CN': '未找到该账号。', en: 'Account not found.' },
  TRANSFER_NOT_FOUND: { status: 404, 'zh-CN': '未找到该介绍信。', en: 'Transfer letter not found.' },
  IMPORT_BATCH_NOT_FOUND: { status: 404, 'zh-CN': '未找到该导入批次，请重新上传文件。', en: 'Import batch not found; upload the file again.' },
  ROUTE_NOT_FOUND: { status: 404, 'zh-CN': '接口不存在：{method} {url}', en: 'No such endpoint: {method} {url}' },
  RATE_LIMITED: { status: 429, 'zh-CN': '请求过于频繁，请稍后再试。', en: 'Too many requests; please wait a moment and try again.' },
  CONFLICT_VERSION: { status: 409, 'zh-CN': '该记录已被他人修改，请刷新后重试。', en: 'Someone else changed this record; reload it and try again.' },
  ORG_CODE_TAKEN: { status: 409, 'zh-CN': '组织编码“{code}”已被使用。', en: 'The organisation code "{code}" is already in use.' },
  ORG_KIND_NOT_ALLOWED: { status: 400, 'zh-CN': '“{child}”不能设在“{parent}”之下。', en: 'A {child} cannot be placed under a {parent}.' },
  ORG_ROOT_EXISTS: { status: 409, 'zh-CN': '已存在机关工委，每个部署只能有一个根组织。', en: 'A working committee already exists; a deployment has one root.' },
  ORG_MOVE_INTO_OWN_SUBTREE: { status: 400, 'zh-CN': '不能把组织移动到它自己或它的下级组织之下。', en: 'An organisation cannot be moved under itself or its own sub-organisations.' },
  ORG_HAS_MEMBERS: { status: 409, 'zh-CN': '该组织及其下级还有 {count} 名人员，请先转出后再撤销。', en: 'This organisation and its sub-organisations still have {count} people; move them first.' },
  ORG_HAS_ACTIVE_CHILDREN: { status: 409, 'zh-CN': '该组织还有 {count} 个未撤销的下级组织，请先处理下级组织。', en: 'This organisation still has {count} active sub-organisations; deal with them first.' },
  ORG_INACTIVE: { status: 409, 'zh-CN': '组织“{name}”已撤销，不能在其下操作。', en: 'The organisation "{name}" is deactivated.' },
  PERSON_ID_NUMBER_TAKEN: { status: 409, 'zh-CN': '该身份证号已登记在“{org}”的 {name} 名下。', en: 'This ID number is already registered to {name} in {org}.' },
  PERSON_ID_NUMBER_TAKEN_ELSEWHERE: { status: 409, 'zh-CN': '该身份证号已在本系统其他组织登记，不能重复建档；如该同志组织关系需要转入，请联系其所在组织办理转接。', en: 'This ID number is already registered in another organisation of this deployment; if the person is moving here, ask their organisation for a transfer.' },
  USERNAME_TAKEN: { status: 409, 'zh-CN': '用户名“{username}”已被使用。', en: 'The username "{username}" is already taken.' },
  ROLE_SEPARATION: { status: 409, 'zh-CN': '三员分立：系统管理员、安全管理员、审计管理员不能由同一账号兼任，也不能兼任业务角色。', en: 'Separation of duties: the system, security and audit administrator roles cannot be combined with each other or with business roles.' },
  ROLE_NEEDS_ORG: { status: 400, 'zh-CN': '业务角色必须指定所管理的组织。', en: 'A business role must be granted on an organisation.' },
  ROLE_TAKES_NO_ORG: { status: 400, 'zh-CN': '系统管理员、安全管理员、审计管理员角色不针对具体组织，请不要指定组织。', en: 'The administrator roles are not granted on an organisation; leave the organisation empty.' },
  GRANT_SELF: { status: 403, 'zh-CN': '不能修改自己账号的角色授权，请由其他安全管理员操作。', en: 'You cannot change the roles of your own account; ask another security administrator.' },
  GRANT_EXISTS: { status: 409, 'zh-CN': '该账号已拥有此角色授权。', en: 'This account already holds this role grant.' },
  GRANT_NOT_FOUND: { status: 404, 'zh-CN': '未找到该角色授权，可能已被撤销。', en: 'Role grant not found; it may have been revoked already.' },
  ACCOUNT_SELF_ACTION: { status: 403, 'zh-CN': '不能对自己的账号执行此操作；修改自己的密码请使用“修改密码”。', en: 'You cannot do this to your own account; to change your own password use "Change password".' },
  PERSON_HAS_ACCOUNT: { status: 409, 'zh-CN': '该人员已关联账号“{username}”。', en: 'This person is already linked to the account "{username}".' },
  TRANSFER_PENDING: { status: 409, 'zh-CN': '该人员已有一封未办结的转接介绍信。', en: 'This person already has a pending transfer letter.' },
  TRANSFER_SAME_ORG: { status: 400, 'zh-CN': '转入组织不能与转出组织相同。', en: 'The receiving organisation must differ from the sending one.' },
  TRANSFER_NOT_PENDING: { status: 409, 'zh-CN': '该介绍信已经办结（{statusZh}），不能再操作。', en: 'This letter is already closed ({statusEn}).' },
  TRANSFER_EXPIRED: { status: 409, 'zh-CN': '该介绍信已于 {validUntil} 过期，请退回并由转出方重新开具。', en: 'This letter expired on {validUntil}; return it so the sender can issue a new one.' },
  TRANSFER_TARGET_NOT_BRANCH: { status: 400, 'zh-CN': '党员组织关系只能转入党支部或党总支。', en: 'A member can only be transferred into a branch or general branch.' },
  TRANSFER_NOT_MEMBER: { status: 400, 'zh-CN': '只有正式党员和预备党员才能转接组织关系。', en: 'Only full and probationary members have an organisational relation to transfer.' },
  IMPORT_FILE_UNREADABLE: { status: 400, 'zh-CN': '无法读取该文件：请上传由模板填写的 .xlsx 文件。', en: 'The file cannot be read: upload an .xlsx file filled in from the template.' },
  IMPORT_HEADER_MISSING: { status: 400, 'zh-CN': '表头缺少必填列：{columns}。请使用下载的模板。', en: 'Required columns are missing from the header: {columns}. Use the downloaded template.' },
  IMPORT_TOO_MANY_ROWS: { status: 400, 'zh-CN': '一次最多导入 {max} 行，本文件有 {rows} 行，请拆分后导入。', en: 'At most {max} rows per import; this file has {rows}. Split it and import the parts.' },
  IMPORT_BATCH_DONE: { status: 409, 'zh-CN': '该批次已经导入，无需重复确认。', en: 'This batch has already been imported.' },
  IMPORT_NO_ROWS: { status: 400, 'zh-CN': '文件中没有可导入的数据行：请在表头下方逐行填写人员信息。', en: 'The file has no data rows: fill in one person per row below the header.' },
  IMPORT_COMMIT_CONFLICT: { status: 409, 'zh-CN': '确认导入期间有其他人登记或修改了相同的人员，未写入任何数据，请重新确认导入。', en: 'Someone registered or changed the same people while this import was being written; nothing was written. Confirm the import again.' },
  EXPORT_TOO_MANY_ROWS: { status: 400, 'zh-CN': '一次最多导出 {max} 人，当前筛选结果有 {rows} 人，请缩小范围（如按下级组织分别导出）。', en: 'At most {max} people per export; this list has {rows}. Narrow it, e.g. export each sub-organisation separately.' },
  IMPORT_HAS_ERRORS: { status: 409, 'zh-CN': '选择了“全部成功才导入”，但有 {count} 行存在问题，未写入任何数据。', en: 'All-or-nothing was chosen and {count} rows have problems: nothing was written.' },
  FILE_TOO_LARGE: { status: 413, 'zh-CN': '文件过大，最大允许 {maxMb} MB。', en: 'The file is too large; the maximum is {maxMb} MB.' },
  INTERNAL: { status: 500, 'zh-CN': '服务器内部错误，请稍后再试；如持续出现请联系管理员（编号 {requestId}）。', en: 'Internal server error; try again later, and if it persists contact the administrator (reference {requestId}).' },
} as const satisfies Record<string, CatalogEntry>;

/** Every code of the API: the foundation's above, each later module's in its own <m>.errors.ts. */
export const errorCatalog = {
  ...foundationErrors,
  ...activityErrors,
  ...attachmentErrors,
  ...attendanceErrors,
  ...makeupErrors,
  ...ledgerErrors,
  ...trainingNeedsErrors,
  ...planErrors,
  ...complianceErrors,
  ...centralGroupErrors,
  ...circularErrors,
  ...notificationErrors,
  ...teacherErrors,
  ...trainingGroupErrors,
  ...externalHoursErrors,
  ...trainingReportErrors,
  ...rotationErrors,
  ...classErrors,
} as const satisfies Record<string, CatalogEntry>;

export type ErrorCode = keyof typeof errorCatalog;

export type FieldIssue = { path: string; code: string; message: string };

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly details: FieldIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(`${code} ${JSON.stringify(params)}`, options);
    this.status = errorCatalog[code].status;
  }
}

export function formatTemplate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in params ? String(params[key]) : m));
}

export function errorMessage(code: ErrorCode, lang: Lang, params: Record<string, string | number> = {}): string {
  return formatTemplate(errorCatalog[code][lang], params);
}

/** zh-CN unless the client asks for English first. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

