/** Error codes of training classes (培训班): HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const classErrors = {
  CLASS_NOT_FOUND: { status: 404, 'zh-CN': '未找到该培训班，可能已被删除或您无权查看。', en: 'Training class not found, or you may not see it.' },
  CLASS_SESSION_NOT_FOUND: { status: 404, 'zh-CN': '未找到该课程安排，可能已被删除或您无权查看。', en: 'Class session not found, or you may not see it.' },
  CLASS_COMPLETED: {
    status: 409,
    'zh-CN': '该培训班已结业，不能再报名、退出或调整课程；如考勤有误，请更正签到表后重新结业。',
    en: 'This class is completed: enrolment, withdrawal and sessions can no longer change; to correct attendance, fix the roster and complete it again.',
  },
  CLASS_FULL: {
    status: 409,
    'zh-CN': '培训班名额已满（共 {capacity} 人，已报名 {enrolled} 人，本次 {asked} 人）。请减少人数，或请主办单位增加名额。',
    en: 'The class is full ({capacity} places, {enrolled} enrolled, {asked} asked for). Nominate fewer people or ask the organisers for more places.',
  },
  CLASS_CAPACITY_BELOW_ENROLLED: {
    status: 409,
    'zh-CN': '已有 {enrolled} 人报名，名额不能少于已报名人数；请先办理退出再减少名额。',
    en: '{enrolled} people are enrolled: the capacity cannot go below that; withdraw people first.',
  },
  CLASS_PERSON_NOT_IN_TARGET_GROUP: {
    status: 400,
    'zh-CN': '{name} 不属于本培训班的培训对象（{group}），不能报名。',
    en: '{name} is not in the target group of this class ({group}) and cannot be enrolled.',
  },
  CLASS_PERSON_OUTSIDE: {
    status: 403,
    'zh-CN': '{name} 不在您管理的组织内，或不在本培训班主办组织的范围内，不能由您推荐。',
    en: '{name} is not in an organisation you manage or not under the organisation running this class, so you cannot nominate them.',
  },
  CLASS_ALREADY_ENROLLED: { status: 409, 'zh-CN': '{name} 已报名或已申请本培训班。', en: '{name} is already enrolled in or has applied to this class.' },
  CLASS_SELF_ENROLMENT_CLOSED: {
    status: 409,
    'zh-CN': '本培训班不接受个人报名，请由所在单位书记推荐参加。',
    en: 'This class does not take self-enrolment; ask your unit\'s secretary to nominate you.',
  },
  CLASS_NO_REQUEST: { status: 409, 'zh-CN': '{name} 没有待审核的报名申请。', en: '{name} has no application awaiting approval.' },
  CLASS_NOT_ENROLLED: { status: 409, 'zh-CN': '没有可退出的报名（未报名或已退出）。', en: 'There is no enrolment to withdraw (not enrolled, or withdrawn already).' },
  CLASS_ROTATION_MISMATCH: {
    status: 400,
    'zh-CN': '所选轮训计划不是该年度的、已结束，或不覆盖主办组织；请选择覆盖本单位的本年度轮训计划。',
    en: 'The chosen rotation is of another year, closed, or does not cover the organising organisation; choose an open rotation of that year covering it.',
  },
  CLASS_SESSION_TIMES: { status: 400, 'zh-CN': '课程的结束时间必须晚于开始时间，且在同一年度内。', en: 'A session must end after it starts, within the class\'s year.' },
  CLASS_SESSION_LECTURER_REQUIRED: {
    status: 400,
    'zh-CN': '请从师资库选择授课人，或填写授课人姓名。',
    en: 'Choose a lecturer from the teacher pool or type the lecturer\'s name.',
  },
  CLASS_SESSION_COURSE_MISMATCH: {
    status: 400,
    'zh-CN': '所选课程不属于所选授课人，或课程/授课人已停用。',
    en: 'The chosen course is not one of the chosen lecturer\'s, or the course or lecturer is retired.',
  },
  CLASS_SESSION_HAS_ATTENDANCE: {
    status: 409,
    'zh-CN': '该课程已有考勤记录，不能删除；如时间有变，请修改课程安排。',
    en: 'This session already has attendance and cannot be removed; change its time instead.',
  },
  CLASS_NOT_ENROLLED_PERSON: {
    status: 400,
    'zh-CN': '{name} 未报名本培训班，不能登记考勤。',
    en: '{name} is not enrolled in this class, so attendance cannot be recorded for them.',
  },
  CLASS_SESSIONS_NOT_OVER: {
    status: 409,
    'zh-CN': '还有 {count} 次课程尚未结束（最后一次于 {endsAt} 结束），全部结束后才能结业。',
    en: '{count} sessions have not ended yet (the last ends at {endsAt}); complete the class after all of them.',
  },
  CLASS_NO_SESSIONS: { status: 409, 'zh-CN': '培训班还没有课程安排，不能结业。', en: 'The class has no sessions, so it cannot be completed.' },
  CLASS_SIGNIN_CLOSED: {
    status: 409,
    'zh-CN': '签到已结束或该二维码已失效。请主办方重新开放签到，或由工作人员在签到表中为您登记。',
    en: 'Sign-in has closed or this QR code is no longer valid. Ask the organisers to reopen it or to mark you on the roster.',
  },
  CLASS_SIGNIN_NOT_ENROLLED: {
    status: 403,
    'zh-CN': '您未报名本培训班，无法签到；如需参加，请联系所在单位书记推荐报名。',
    en: 'You are not enrolled in this class, so you cannot sign in; ask your unit\'s secretary to nominate you.',
  },
  CLASS_LEAVE_TOO_LATE: {
    status: 409,
    'zh-CN': '该课程已开始，不能再请假；如有特殊情况，请联系主办方在签到表中登记。',
    en: 'This session has already started, so leave can no longer be requested; ask the organisers to record it on the roster.',
  },
  CLASS_LEAVE_ALREADY_PRESENT: { status: 409, 'zh-CN': '您已签到，不能再请假。', en: 'You are signed in already, so you cannot ask for leave.' },
  CLASS_LEAVE_NOT_REQUESTED: {
    status: 409,
    'zh-CN': '您没有可撤回的请假申请（请假由主办方登记，或已被处理）。',
    en: 'You have no leave request to withdraw (the leave was recorded by the organisers, or dealt with).',
  },
  CLASS_DUPLICATE_ENTRY: { status: 400, 'zh-CN': '{name} 在名单中出现了多次。', en: '{name} appears more than once in the list.' },
  CLASS_LEAVE_REASON_REQUIRED: { status: 400, 'zh-CN': '请填写 {name} 的请假原因。', en: 'Give the reason for the leave of {name}.' },
} as const satisfies Record<string, CatalogEntry>;
