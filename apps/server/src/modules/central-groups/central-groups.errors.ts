/** Error codes of the central-groups module: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const centralGroupErrors = {
  CENTRAL_GROUP_NOT_FOUND: { status: 404, 'zh-CN': '未找到该理论学习中心组，或您无权查看。', en: 'Central study group not found, or you may not see it.' },
  CENTRAL_GROUP_ORG_KIND: {
    status: 409,
    'zh-CN': '“{org}”不是党委或党组：理论学习中心组只能由党委或党组设立，请选择相应的党委或党组。',
    en: '"{org}" is not a party committee or leading party group: only those run a central study group; choose one of them.',
  },
  CENTRAL_GROUP_EXISTS: {
    status: 409,
    'zh-CN': '“{org}”已设有理论学习中心组“{group}”：每个党委（党组）只设一个中心组，请直接维护该中心组。',
    en: '"{org}" already runs the central study group "{group}": one per organisation; maintain that group instead.',
  },
  CENTRAL_GROUP_NOT_MEMBER: {
    status: 409,
    'zh-CN': '“{name}”不是该中心组的成员：请先在成员名单中加入此人。',
    en: '"{name}" is not a member of this central study group: add them to the members first.',
  },
  CENTRAL_GROUP_PLAN_NOT_FOUND: { status: 404, 'zh-CN': '未找到该年度学习计划。', en: 'Annual study plan not found.' },
  CENTRAL_GROUP_PLAN_APPROVED: {
    status: 409,
    'zh-CN': '{year}年度学习计划已审批，不能再修改。',
    en: 'The {year} study plan has been approved and can no longer be changed.',
  },
  CENTRAL_GROUP_PLAN_STATE: {
    status: 409,
    'zh-CN': '该学习计划当前为“{status}”状态，不能执行此操作：草稿或退回的计划可以报送，已报送的计划才能审批或退回。',
    en: 'The study plan is "{status}": only a draft or returned plan can be submitted, and only a submitted one approved or returned.',
  },
  CENTRAL_GROUP_NOT_STUDY: {
    status: 409,
    'zh-CN': '该活动不是理论学习中心组学习，不能执行此操作。',
    en: 'This activity is not a central-group study session.',
  },
  CENTRAL_GROUP_STUDY_NOT_HELD: {
    status: 409,
    'zh-CN': '该次中心组学习尚未召开（或已取消）：请先登记学习记录再执行此操作。',
    en: 'This central-group study session has not been held (or was cancelled): record it first.',
  },
  CENTRAL_GROUP_REPORT_NOT_FOUND: { status: 404, 'zh-CN': '未找到该“一学一报”报告。', en: 'Study report not found.' },
  CENTRAL_GROUP_REPORT_ACKNOWLEDGED: { status: 409, 'zh-CN': '该报告已经签收，无需再次签收。', en: 'This report has already been acknowledged.' },
  CENTRAL_GROUP_AUDITOR_NOT_FOUND: { status: 404, 'zh-CN': '未找到指定的列席旁听人员账号。', en: 'The auditor account was not found.' },
  CENTRAL_GROUP_AUDITOR_ASSIGNED: {
    status: 409,
    'zh-CN': '该人员已被安排列席旁听此次学习，无需重复安排。',
    en: 'This auditor is already assigned to this session.',
  },
  CENTRAL_GROUP_AUDIT_NOT_FOUND: { status: 404, 'zh-CN': '未找到该列席旁听安排。', en: 'Audit assignment not found.' },
  CENTRAL_GROUP_AUDIT_COMPLETED: { status: 409, 'zh-CN': '该列席旁听已完成，不能再次提交。', en: 'This audit has already been completed.' },
  CENTRAL_GROUP_NOTE_REVIEW_NOT_FOUND: { status: 404, 'zh-CN': '未找到该学习笔记调阅。', en: 'Study-note review not found.' },
  CENTRAL_GROUP_NOTE_REVIEW_STATE: {
    status: 409,
    'zh-CN': '该学习笔记调阅当前为“{status}”状态：待提交的才能提交，已提交的才能退回。',
    en: 'The study-note review is "{status}": only a requested one can be submitted, and only a submitted one returned.',
  },
  CENTRAL_GROUP_PERIOD_INVALID: {
    status: 400,
    'zh-CN': '统计期“{period}”无法识别：请写作“2026-Q3”。',
    en: 'The period "{period}" is not recognised: write "2026-Q3".',
  },
} as const satisfies Record<string, CatalogEntry>;
