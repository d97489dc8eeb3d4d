/** Error codes of the attendance module: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const attendanceErrors = {
  ATTENDANCE_ACTIVITY_CANCELLED: { status: 409, 'zh-CN': '该活动已取消，不能登记出席、签到或请假。', en: 'This activity was cancelled: attendance, sign-in and leave can no longer be recorded.' },
  ATTENDANCE_NOT_ATTENDEE: {
    status: 400,
    'zh-CN': '{name} 不在本次活动的应到、列席或旁听人员名单中，不能登记出席；如确实参加，请先在活动中将其添加为列席人员。',
    en: '{name} is not an expected attendee, guest or auditor of this activity; add them to the activity as a guest first if they took part.',
  },
  ATTENDANCE_DUPLICATE_ENTRY: { status: 400, 'zh-CN': '{name} 在名单中出现了多次，每人只能登记一种出席情况。', en: '{name} appears more than once in the list; each person gets one status.' },
  ATTENDANCE_LEAVE_REASON_REQUIRED: { status: 400, 'zh-CN': '请填写 {name} 的请假原因。', en: 'Give the reason for the leave of {name}.' },
  SIGNIN_CLOSED: {
    status: 409,
    'zh-CN': '签到已结束或该二维码已失效。请书记重新开放签到，或请书记直接为您登记出席。',
    en: 'Sign-in has closed or this QR code is no longer valid. Ask the secretary to reopen sign-in, or to mark you present.',
  },
  SIGNIN_NOT_OPEN: {
    status: 409,
    'zh-CN': '该活动目前没有开放中的签到二维码（未开放、已关闭或已过期）。如需签到，请点击“开放签到”生成新的二维码。',
    en: 'This activity has no open sign-in code right now (never opened, closed or expired). To let members sign in, open sign-in to make a new code.',
  },
  SIGNIN_NOT_EXPECTED: {
    status: 403,
    'zh-CN': '您不在本次活动的参加人员名单中，无法签到。如您是来列席或旁听的，请书记将您添加为列席人员。',
    en: 'You are not on the list of people attending this activity, so you cannot sign in. If you came as a guest, ask the secretary to add you as one.',
  },
  LEAVE_TOO_LATE: {
    status: 409,
    'zh-CN': '该活动已登记为已召开，不能再请假；如出席情况有误，请联系书记更正。',
    en: 'This activity has already been recorded as held, so leave can no longer be requested; ask the secretary to correct your attendance.',
  },
  LEAVE_ALREADY_PRESENT: {
    status: 409,
    'zh-CN': '您已登记为出席，不能再请假；如有误，请联系书记更正。',
    en: 'You are already recorded as present, so you cannot ask for leave; ask the secretary if this is wrong.',
  },
  LEAVE_NOT_REQUESTED: {
    status: 409,
    'zh-CN': '您没有可撤回的请假申请（请假不是您本人提交的，或已被书记处理）；如需更改，请联系书记。',
    en: 'You have no leave request to withdraw (the leave was not requested by you, or the secretary has dealt with it); ask the secretary to change it.',
  },
} as const satisfies Record<string, CatalogEntry>;
