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
  CENTRAL_GROUP_MEMBER_NOT_PARTY: {
    status: 409,
    'zh-CN': '“{name}”不是正式党员或预备党员，不能加入理论学习中心组：中心组成员应为本单位党员领导干部。',
    en: '"{name}" is not a full or probationary party member and cannot join a central study group, whose members are the unit\'s leading cadres.',
  },
  CENTRAL_GROUP_PLAN_NOT_FOUND: { status: 404, 'zh-CN': '未找到该年度学习计划。', en: 'Annual study plan not found.' },
  CENTRAL_GROUP_PLAN_APPROVED: {
    status: 409,
    'zh-CN': '{year}年度学习计划（第{version}版）已审批，不能再修改：如需调整，请另存新版本报批，批准后替代原计划。',
    en: 'Version {version} of the {year} study plan has been approved and cannot be changed: save a new version and have it approved to replace it.',
  },
  CENTRAL_GROUP_PLAN_STATE: {
    status: 409,
    'zh-CN': '只有已报送的学习计划才能审批或退回：该计划尚未报送，或已经审批、退回。',
    en: 'Only a submitted study plan can be approved or returned: this one has not been submitted, or has already been decided.',
  },
  CENTRAL_GROUP_PLAN_PENDING: {
    status: 409,
    'zh-CN': '该学习计划已报送、正待审批，暂不能修改或再次报送：请待审批或退回后再调整。',
    en: 'This study plan is awaiting approval and cannot be changed or submitted again: wait until it is approved or returned.',
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
  CENTRAL_GROUP_STUDY_CANCELLED: {
    status: 409,
    'zh-CN': '该次中心组学习已取消，不能安排列席旁听：请为其他学习场次安排。',
    en: 'This central-group study session was cancelled: assign auditors to another session.',
  },
  CENTRAL_GROUP_REPORT_NOT_FOUND: { status: 404, 'zh-CN': '未找到该“一学一报”报告。', en: 'Study report not found.' },
  CENTRAL_GROUP_REPORT_ACKNOWLEDGED: { status: 409, 'zh-CN': '该报告已经签收，无需再次签收。', en: 'This report has already been acknowledged.' },
  CENTRAL_GROUP_AUDITOR_NOT_FOUND: { status: 404, 'zh-CN': '未找到指定的列席旁听人员账号。', en: 'The auditor account was not found.' },
  CENTRAL_GROUP_AUDITOR_NOT_OFFICER: {
    status: 409,
    'zh-CN': '“{name}”不是负责该中心组的机关工委干部账号：请选择机关工委干部，或按姓名和单位登记列席旁听人员。',
    en: '"{name}" is not the account of a working-committee officer over this group: choose an officer, or record the auditor by name and unit.',
  },
  CENTRAL_GROUP_AUDITOR_ASSIGNED: {
    status: 409,
    'zh-CN': '该人员已被安排列席旁听此次学习，无需重复安排。',
    en: 'This auditor is already assigned to this session.',
  },
  CENTRAL_GROUP_AUDIT_NOT_FOUND: { status: 404, 'zh-CN': '未找到该列席旁听安排。', en: 'Audit assignment not found.' },
  CENTRAL_GROUP_AUDIT_COMPLETED: { status: 409, 'zh-CN': '该列席旁听已完成，不能再次提交。', en: 'This audit has already been completed.' },
  CENTRAL_GROUP_AUDIT_KEEP_COMPLETED: {
    status: 409,
    'zh-CN': '{name}已完成列席旁听并填写了旁听意见，该安排不能撤销：旁听记录将保留。',
    en: '{name} has completed this audit and written it up, so the assignment cannot be withdrawn: the audit stays on record.',
  },
  CENTRAL_GROUP_WRITING_NOT_FOUND: { status: 404, 'zh-CN': '未找到该发言材料或调研报告，或它不是您本人的。', en: 'Writing not found, or it is not your own.' },
  CENTRAL_GROUP_WRITING_ACTIVITY: {
    status: 409,
    'zh-CN': '所选活动不是本中心组的学习活动：请选择本中心组的学习场次，或不关联活动。',
    en: 'The chosen activity is not a session of this central study group: choose one of its sessions, or none.',
  },
  CENTRAL_GROUP_NOTE_REVIEW_NOT_FOUND: { status: 404, 'zh-CN': '未找到该学习笔记调阅。', en: 'Study-note review not found.' },
  CENTRAL_GROUP_NOTES_ALREADY_SUBMITTED: {
    status: 409,
    'zh-CN': '这份学习笔记已经提交，无需再次提交。',
    en: 'These study notes have already been handed in.',
  },
  CENTRAL_GROUP_NOTES_NOT_RETURNABLE: {
    status: 409,
    'zh-CN': '只有已提交且尚未退回的学习笔记才能退回：这份笔记尚未提交，或已经退回。',
    en: 'Only notes handed in and not yet returned can be returned: these have not been handed in, or were already returned.',
  },
  CENTRAL_GROUP_PERIOD_INVALID: {
    status: 400,
    'zh-CN': '统计期“{period}”无法识别：请写作“2026-07”（月）、“2026-Q3”（季度）或“2026”（年）。',
    en: 'The period "{period}" is not recognised: write "2026-07" (a month), "2026-Q3" (a quarter) or "2026" (a year).',
  },
} as const satisfies Record<string, CatalogEntry>;
