/**
 * Names of audit actions and entity types in both languages. The log stores stable codes; a code
 * not listed here (a newer module's) is shown as it is, never hidden.
 */
import type { Bilingual, Lang } from './index.tsx';

const actions: Record<string, Bilingual> = {
  'login.succeeded': { 'zh-CN': '登录成功', en: 'Logged in' },
  'login.failed': { 'zh-CN': '登录失败', en: 'Failed login' },
  'login.locked': { 'zh-CN': '账号被锁定', en: 'Account locked' },
  logout: { 'zh-CN': '退出登录', en: 'Logged out' },
  'password.changed': { 'zh-CN': '修改密码', en: 'Password changed' },
  'user.bootstrap': { 'zh-CN': '初始化管理员账号', en: 'Administrator account created at first start' },
  'user.create': { 'zh-CN': '创建账号', en: 'Account created' },
  'user.reset_password': { 'zh-CN': '重置密码', en: 'Password reset' },
  'user.unlock': { 'zh-CN': '解锁账号', en: 'Account unlocked' },
  'user.disable': { 'zh-CN': '停用账号', en: 'Account disabled' },
  'user.enable': { 'zh-CN': '启用账号', en: 'Account enabled' },
  'grant.create': { 'zh-CN': '授予角色', en: 'Role granted' },
  'grant.revoke': { 'zh-CN': '撤销角色', en: 'Role revoked' },
  'org.create': { 'zh-CN': '新建组织', en: 'Organisation created' },
  'org.update': { 'zh-CN': '修改组织', en: 'Organisation edited' },
  'org.move': { 'zh-CN': '移动组织', en: 'Organisation moved' },
  'org.deactivate': { 'zh-CN': '撤销组织', en: 'Organisation deactivated' },
  'person.create': { 'zh-CN': '新增人员', en: 'Person created' },
  'person.update': { 'zh-CN': '修改人员信息', en: 'Person edited' },
  'person.view_pii': { 'zh-CN': '查看完整证件号', en: 'Full ID number viewed' },
  'person.transfer': { 'zh-CN': '人员组织关系转入', en: 'Person moved by transfer' },
  'person.update_own_profile': { 'zh-CN': '党员修改本人信息', en: 'Member edited own profile' },
  'transfer.issue': { 'zh-CN': '开具转接介绍信', en: 'Transfer letter issued' },
  'transfer.accept': { 'zh-CN': '接收转接', en: 'Transfer accepted' },
  'transfer.return': { 'zh-CN': '退回转接', en: 'Transfer returned' },
  'transfer.cancel': { 'zh-CN': '撤销转接', en: 'Transfer cancelled' },
  'demo.load': { 'zh-CN': '载入演示数据', en: 'Demo data loaded' },
  'person.import': { 'zh-CN': '导入人员名册', en: 'Roster imported' },
  'person.export': { 'zh-CN': '导出人员名册（号码脱敏）', en: 'Roster exported (numbers masked)' },
  'person.export_full': { 'zh-CN': '导出人员名册（完整号码）', en: 'Roster exported with full numbers' },
};

const entities: Record<string, Bilingual> = {
  user: { 'zh-CN': '账号', en: 'Account' },
  role_grant: { 'zh-CN': '角色授权', en: 'Role grant' },
  organization: { 'zh-CN': '组织', en: 'Organisation' },
  person: { 'zh-CN': '人员', en: 'Person' },
  transfer: { 'zh-CN': '转接介绍信', en: 'Transfer letter' },
  import_batch: { 'zh-CN': '导入批次', en: 'Import batch' },
};

export const knownActions = Object.keys(actions);
export const knownEntityTypes = Object.keys(entities);

export function actionLabel(code: string, lang: Lang): string {
  return actions[code]?.[lang] ?? code;
}

export function entityLabel(code: string, lang: Lang): string {
  return entities[code]?.[lang] ?? code;
}
