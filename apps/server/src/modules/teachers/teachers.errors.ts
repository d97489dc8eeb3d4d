/** Error codes of the teacher pool (师资库): HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const teacherErrors = {
  LECTURER_NOT_FOUND: { status: 404, 'zh-CN': '未找到该讲师，或您无权查看。', en: 'Lecturer not found, or you may not see them.' },
  LECTURER_PERSON_TAKEN: {
    status: 409,
    'zh-CN': '“{name}”已在师资库中，不能重复添加：请直接维护该讲师的信息和课程。',
    en: '"{name}" is already in the teacher pool: edit that lecturer and their courses instead.',
  },
  LECTURER_DIRECTION_UNKNOWN: {
    status: 400,
    'zh-CN': '授课方向“{code}”不存在：请从方向列表中选择，或请机关工委先添加该方向。',
    en: 'There is no teaching direction "{code}": choose one from the list, or ask the working committee to add it first.',
  },
  LECTURER_DIRECTION_TAKEN: { status: 409, 'zh-CN': '方向编码“{code}”已被使用，请换一个编码。', en: 'The direction code "{code}" is already in use: choose another.' },
  LECTURER_PHONE_INVALID: {
    status: 400,
    'zh-CN': '联系电话“{phone}”无法识别：请填写 11 位手机号或带区号的固定电话。',
    en: 'The phone number "{phone}" is not recognised: write an 11-digit mobile number or a landline with its area code.',
  },
  LECTURER_NAME_FROM_RECORD: {
    status: 409,
    'zh-CN': '内部讲师的姓名取自其人员档案，不能在师资库中修改：如姓名有误，请修改人员档案。',
    en: "An internal lecturer's name comes from their member record and cannot be changed here: correct the record instead.",
  },
  LECTURER_PROPOSE_NEEDS_ORG: {
    status: 400,
    'zh-CN': '推荐讲师时请选择推荐单位（您所管理的组织）。',
    en: 'A proposal names the proposing organisation (one you manage).',
  },
  LECTURER_NOT_PROPOSED: {
    status: 409,
    'zh-CN': '只有待审核的推荐讲师才能审核：该讲师已入库、已退回或已停用。',
    en: 'Only a proposed lecturer can be approved or rejected: this one is already in the pool, rejected or retired.',
  },
  LECTURER_NOT_ACTIVE: {
    status: 409,
    'zh-CN': '讲师“{name}”目前不在师资库中授课（待审核、已退回或已停用）：请从在库讲师中选择。',
    en: 'The lecturer "{name}" is not teaching from the pool at the moment (proposed, rejected or retired): choose an active lecturer.',
  },
  LECTURER_COURSE_NOT_FOUND: { status: 404, 'zh-CN': '未找到该课程。', en: 'Course not found.' },
  LECTURER_COURSE_OTHER_LECTURER: {
    status: 409,
    'zh-CN': '课程“{title}”不是该讲师的课程：请选择所邀请讲师的课程，或不指定课程。',
    en: 'The course "{title}" is not one of this lecturer\'s: choose one of their courses, or none.',
  },
  LECTURER_COURSE_RETIRED: { status: 409, 'zh-CN': '课程“{title}”已停用，不能再选用。', en: 'The course "{title}" is retired and can no longer be chosen.' },
  LECTURER_PROFILE_NOT_LINKED: {
    status: 404,
    'zh-CN': '您的账号尚未关联师资库中的讲师：如您是讲师，请联系机关工委在师资库中关联您的账号。',
    en: 'Your account is not linked to a lecturer of the pool: if you teach, ask the working committee to link your account.',
  },
  LECTURER_REQUEST_NOT_FOUND: { status: 404, 'zh-CN': '未找到该授课邀请。', en: 'Teaching request not found.' },
  LECTURER_REQUEST_NOT_PENDING: {
    status: 409,
    'zh-CN': '该授课邀请已经答复或已被撤回，不能再接受或婉拒。',
    en: 'This teaching request has already been answered or withdrawn; it can no longer be accepted or declined.',
  },
  LECTURER_REQUEST_CLOSED: {
    status: 409,
    'zh-CN': '该授课邀请已婉拒或已撤回，无需再撤回。',
    en: 'This teaching request was already declined or withdrawn.',
  },
  LECTURER_REQUEST_DATE_PAST: {
    status: 400,
    'zh-CN': '授课日期 {date} 已过：请选择今天或以后的日期。',
    en: 'The date {date} has passed: choose today or a later day.',
  },
  LECTURER_REQUEST_ACTIVITY: {
    status: 409,
    'zh-CN': '所关联的活动不是本组织尚未取消的党课：请选择本组织的党课，或不关联活动。',
    en: 'The linked activity is not a party lesson of this organisation that is still on: choose one of its party lessons, or none.',
  },
  LECTURER_REQUEST_CLASS_SESSION: {
    status: 409,
    'zh-CN': '所关联的课次不是本组织举办、尚未结业的培训班的课次：请选择本组织培训班的课次，或不关联课次。',
    en: 'The linked session is not a session of a class this organisation runs that is still open: choose one of its classes\' sessions, or none.',
  },
  LECTURER_FEEDBACK_SESSION_NOT_FOUND: { status: 404, 'zh-CN': '未找到该课程场次。', en: 'Session not found.' },
  LECTURER_FEEDBACK_NO_LECTURER: {
    status: 409,
    'zh-CN': '该场次的授课人不是师资库中的讲师，无法评价。',
    en: 'This session was not taught by a lecturer of the pool; there is nobody to give feedback to.',
  },
  LECTURER_FEEDBACK_NOT_HELD: { status: 409, 'zh-CN': '该场次尚未举行，举行后才能评价。', en: 'This session has not been held yet; give feedback after it.' },
  LECTURER_FEEDBACK_NOT_ATTENDED: {
    status: 403,
    'zh-CN': '只有参加了该场次的学员才能评价：您没有该场次的出席记录。',
    en: 'Only participants who attended the session can give feedback: you are not recorded as present.',
  },
  LECTURER_FEEDBACK_TWICE: { status: 409, 'zh-CN': '您已经评价过该场次，每人每场只评价一次。', en: 'You have already given feedback on this session: once per session.' },
  LECTURER_FEEDBACK_OWN: { status: 409, 'zh-CN': '讲师不能评价自己讲授的场次。', en: 'A lecturer cannot rate their own session.' },
  ACTIVITY_LECTURER_NOT_LESSON: {
    status: 409,
    'zh-CN': '该活动不是党课：只有党课可以从师资库选择主讲人，其他活动请直接填写主讲人。',
    en: 'This activity is not a party lesson: only a party lesson takes its speaker from the teacher pool; type the speaker of other activities.',
  },
  ACTIVITY_LECTURER_CANCELLED: { status: 409, 'zh-CN': '该党课已取消，不能再更换主讲人。', en: 'This party lesson was cancelled; its speaker can no longer change.' },
} as const satisfies Record<string, CatalogEntry>;
