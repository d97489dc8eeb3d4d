/**
 * User-facing text for every code the rules return. Rules return stable codes only; the server
 * and the web client turn a code into a message here, zh-CN first. Each message says what is
 * wrong and how to put it right, because the reader is usually a branch secretary correcting a
 * spreadsheet row, not a developer. Messages take no placeholders: the caller shows the row and
 * the offending value beside them.
 */
import type { DateErrorCode } from './dates.ts';
import type { IdNumberErrorCode, IdNumberMismatchCode } from './id-number.ts';
import type { MembershipDateErrorCode } from './membership.ts';
import type { OrgPlacementErrorCode } from './org-tree.ts';
import type { CommitteeQuorumProblem, MotionProblem } from './org-life/meeting-rules.ts';
import type { RecurrenceErrorCode } from './org-life/recurrence.ts';
import type { RuleSetErrorCode, RuleSetHistoryErrorCode } from './org-life/rule-sets.ts';
import type { PasswordProblem } from './password-policy.ts';
import type { PhoneCheck } from './phone.ts';

export type RuleCode =
  | IdNumberErrorCode
  | IdNumberMismatchCode
  | Extract<PhoneCheck, { ok: false }>['code']
  | PasswordProblem
  | DateErrorCode
  | MembershipDateErrorCode
  | OrgPlacementErrorCode
  | RuleSetErrorCode
  | RuleSetHistoryErrorCode
  | MotionProblem
  | CommitteeQuorumProblem
  | RecurrenceErrorCode;

export type RuleMessage = { 'zh-CN': string; en: string };

export const ruleMessages: Record<RuleCode, RuleMessage> = {
  ID_NUMBER_LENGTH: {
    'zh-CN': '身份证号码应为 18 位。请对照身份证核对是否多输或漏输了数字；15 位的旧号码请换成现行的 18 位号码。',
    en: 'A citizen ID number has 18 characters. Check against the ID card for a missing or extra digit; replace an old 15-digit number with the current 18-digit one.',
  },
  ID_NUMBER_FORMAT: {
    'zh-CN': '身份证号码的前 17 位只能是数字，最后一位是数字或字母 X。请检查是否混入了字母 O、字母 l 或其他符号。',
    en: 'The first 17 characters of a citizen ID number are digits and the last is a digit or the letter X. Look for a letter O, a letter l or other symbols typed by mistake.',
  },
  ID_NUMBER_BIRTH_DATE: {
    'zh-CN': '身份证号码第 7–14 位的出生日期不成立（不存在的日期、晚于今天或早于 1900 年）。请对照身份证核对这 8 位数字。',
    en: 'The birth date in characters 7–14 of the ID number is impossible (no such day, later than today, or before 1900). Check these 8 digits against the ID card.',
  },
  ID_NUMBER_CHECK_DIGIT: {
    'zh-CN': '身份证号码校验位不符，说明其中某一位输错了（不一定是最后一位）。请对照身份证逐位核对。',
    en: 'The ID number’s check character does not match, so one of its digits is mistyped (not necessarily the last one). Compare it with the ID card digit by digit.',
  },
  ID_NUMBER_BIRTH_MISMATCH: {
    'zh-CN': '出生日期与身份证号码中的出生日期不一致。请核对后修改出生日期或身份证号码。',
    en: 'The date of birth differs from the one contained in the ID number. Check both and correct whichever is wrong.',
  },
  ID_NUMBER_SEX_MISMATCH: {
    'zh-CN': '性别与身份证号码不一致（第 17 位奇数为男、偶数为女）。请核对后修改性别或身份证号码。',
    en: 'The sex differs from the one the ID number implies (17th digit odd = male, even = female). Check both and correct whichever is wrong.',
  },
  PHONE_INVALID: {
    'zh-CN': '无法识别的电话号码。手机号请填 11 位数字（如 13812345678）；固定电话请带区号（如 010-12345678、0755-1234567）。',
    en: 'Unrecognised phone number. Enter a mobile as 11 digits (e.g. 13812345678) or a landline with its area code (e.g. 010-12345678, 0755-1234567).',
  },
  PASSWORD_TOO_SHORT: {
    'zh-CN': '密码至少需要 8 个字符。',
    en: 'The password must be at least 8 characters long.',
  },
  PASSWORD_TOO_FEW_CLASSES: {
    'zh-CN': '密码需包含小写字母、大写字母、数字、符号中的至少三类，例如同时使用大小写字母和数字。',
    en: 'The password must mix at least three of: lower-case letters, upper-case letters, digits, symbols — for example upper- and lower-case letters plus digits.',
  },
  PASSWORD_EQUALS_USERNAME: {
    'zh-CN': '密码不能与用户名相同，也不能是用户名倒序。请另设一个密码。',
    en: 'The password must not be the username, nor the username written backwards. Choose a different password.',
  },
  DATE_INVALID: {
    'zh-CN': '无法识别的日期，或日期不存在（如 2月30日）。请填写为 2019-07-01、2019/7/1 或 2019年7月1日 的形式。',
    en: 'Unrecognised or impossible date (such as 30 February). Write it as 2019-07-01, 2019/7/1 or 2019年7月1日.',
  },
  JOINED_ON_REQUIRED: {
    'zh-CN': '正式党员和预备党员必须填写入党时间（支部大会通过接收为预备党员的日期）。',
    en: 'Full and probationary members need a join date: the day the branch meeting admitted them as probationary members.',
  },
  JOINED_ON_IN_FUTURE: {
    'zh-CN': '入党时间晚于今天。请核对年份是否输错。',
    en: 'The join date is later than today. Check whether the year is mistyped.',
  },
  JOIN_AGE_UNDER_18: {
    'zh-CN': '按入党时间计算，入党时未满 18 周岁，不符合党章规定。请核对入党时间和出生日期。',
    en: 'By these dates the person was under 18 when joining, which the Party Constitution does not allow. Check the join date and the date of birth.',
  },
  CONFIRMED_ON_REQUIRED: {
    'zh-CN': '正式党员必须填写转正时间。如果尚未转正，请将党员类别改为预备党员。',
    en: 'A full member needs a confirmation date. If the person has not been confirmed yet, change the category to probationary member.',
  },
  CONFIRMED_ON_IN_FUTURE: {
    'zh-CN': '转正时间晚于今天。请核对年份；尚未转正的请登记为预备党员。',
    en: 'The confirmation date is later than today. Check the year; someone not yet confirmed should be recorded as a probationary member.',
  },
  CONFIRMED_BEFORE_JOIN: {
    'zh-CN': '转正时间早于或等于入党时间。请核对两个日期是否填反或输错。',
    en: 'The confirmation date is on or before the join date. Check whether the two dates are swapped or mistyped.',
  },
  CONFIRMED_PROBATION_LENGTH: {
    'zh-CN': '转正时间应在入党满 1 年之后、满 2 年之前（预备期 1 年，延长最多 1 年）。请核对入党时间和转正时间。',
    en: 'Confirmation should fall between one and two years after joining (probation lasts one year and may be extended by up to one year). Check the join and confirmation dates.',
  },
  PROBATIONARY_HAS_CONFIRMATION: {
    'zh-CN': '预备党员不应有转正时间。如果已经转正，请将类别改为正式党员；否则请清空转正时间。',
    en: 'A probationary member has no confirmation date. If the person has been confirmed, change the category to full member; otherwise clear the confirmation date.',
  },
  NOT_A_MEMBER_HAS_JOIN_DATE: {
    'zh-CN': '入党申请人、积极分子和发展对象还不是党员，不应有入党时间或转正时间。请清空这些日期，或更正人员类别。',
    en: 'Applicants, activists and candidates are not yet members and have no join or confirmation date. Clear the dates or correct the category.',
  },
  ORG_KIND_NOT_ALLOWED_UNDER_PARENT: {
    'zh-CN': '所选上级组织下不能设立这一类型的组织（例如党总支下只设党支部，党支部下只设党小组，党组下不设组织）。请更换上级组织或组织类型。',
    en: 'This kind of organisation cannot sit under the chosen parent (e.g. a general branch holds only branches, a branch only party groups, and a leading party group nothing). Choose another parent or kind.',
  },
  ORG_ROOT_MUST_BE_WORKING_COMMITTEE: {
    'zh-CN': '只有机关工委可以作为最上级组织。请为该组织选择一个上级组织。',
    en: 'Only a working committee can be at the top of the tree. Choose a parent organisation for this one.',
  },
  RULE_SET_VERSION_REQUIRED: {
    'zh-CN': '规则版本号不能为空。请填写一个便于识别的版本号，如 2027.1。',
    en: 'The rule set needs a version. Enter one that is easy to recognise, such as 2027.1.',
  },
  RULE_SET_EFFECTIVE_DATE_INVALID: {
    'zh-CN': '生效日期不是有效日期。请按 2027-01-01 的形式填写一个真实存在的日期。',
    en: 'The effective date is not a real date. Enter it as 2027-01-01.',
  },
  RULE_REQUIREMENT_ID_FORMAT: {
    'zh-CN': '要求编号只能由小写英文字母开头，包含小写字母、数字、“.”、“-”和“_”，最长 64 个字符，如 member_assembly.quarterly。',
    en: 'A requirement id starts with a lower-case letter and holds only lower-case letters, digits, ".", "-" and "_" (at most 64), e.g. member_assembly.quarterly.',
  },
  RULE_REQUIREMENT_ID_DUPLICATE: {
    'zh-CN': '同一规则版本中有两条要求使用了相同的编号。请为每条要求设置不同的编号，或删除重复的一条。',
    en: 'Two requirements of this rule set have the same id. Give each requirement its own id or remove the duplicate.',
  },
  RULE_REQUIREMENT_ORG_KINDS_EMPTY: {
    'zh-CN': '这条要求没有选择适用的组织类型。请至少选择一种组织类型（如党支部）。',
    en: 'This requirement applies to no kind of organisation. Choose at least one kind (e.g. branch).',
  },
  RULE_REQUIREMENT_MIN_INVALID: {
    'zh-CN': '最低次数应为 0 到 366 之间的整数（0 表示暂不要求）。',
    en: 'The minimum number of times must be a whole number from 0 to 366 (0 switches the requirement off).',
  },
  RULE_REQUIREMENT_SOURCE_REQUIRED: {
    'zh-CN': '请写明这条要求的依据，如“《中国共产党支部工作条例（试行）》第十一条”；属于本地做法的请注明“实践做法”。',
    en: 'State the basis of this requirement, e.g. the article of the branch regulation; mark local custom as practice (实践做法).',
  },
  RULE_CREDIT_HOURS_INVALID: {
    'zh-CN': '默认学时应为 0 到 8 之间、以 0.5 为单位的数值；不计学时的活动类型请留空。',
    en: 'Default credit hours must be between 0 and 8 in steps of 0.5; leave it empty for kinds of activity that earn no study credit.',
  },
  RULE_MAKEUP_DUE_DAYS_INVALID: {
    'zh-CN': '补学期限应为 1 到 366 之间的整天数。',
    en: 'The make-up study deadline must be a whole number of days from 1 to 366.',
  },
  RULE_SET_VERSION_DUPLICATE: {
    'zh-CN': '已有相同版本号的规则。请另取一个版本号。',
    en: 'A rule set with this version already exists. Choose another version.',
  },
  RULE_SET_EFFECTIVE_DATE_DUPLICATE: {
    'zh-CN': '已有规则版本在同一天生效。请另选生效日期。',
    en: 'Another rule set takes effect on the same day. Choose another effective date.',
  },
  RULE_SET_EFFECTIVE_NOT_FUTURE: {
    'zh-CN': '新规则只能从明天或以后生效：今天及以前的时段已按原规则评判，不能改写。请把生效日期改为今天之后的日期（通常为下月或下季度第一天）。',
    en: 'A new rule set can only take effect from tomorrow on: periods up to today were judged by the rules then in force and are not rewritten. Choose a later effective date (usually the first day of next month or quarter).',
  },
  RULE_REQUIREMENT_REDEFINED: {
    'zh-CN': '此编号在以前的规则版本中表示另一种活动、学习形式或周期，不能改变含义。只改最低次数时可沿用编号；否则请使用新的编号。',
    en: 'In an earlier rule set this id meant another kind of activity, form of study or period, and its meaning cannot change. Keep the id only when changing the minimum; otherwise use a new id.',
  },
  QUORUM_NOT_MET: {
    'zh-CN': '到会的有表决权党员没有超过应到会有表决权党员的半数（正好一半也不够），党员大会不能表决。请核对签到情况；人数不足时请改期召开。',
    en: 'The voting members present are not more than half of the voting members who should attend (exactly half is not enough), so the assembly cannot vote. Check the attendance; if too few came, hold the vote at another meeting.',
  },
  COMMITTEE_QUORUM_NOT_MET: {
    'zh-CN': '到会委员没有超过支部委员会委员的半数（正好一半也不够），支委会不能作出决定。请核对到会委员；人数不足时请改期召开。',
    en: 'The committee members present are not more than half of the branch committee (exactly half is not enough), so the meeting cannot decide. Check who attended; if too few came, meet again.',
  },
  VOTES_EXCEED_PRESENT: {
    'zh-CN': '赞成、反对、弃权票合计多于到会的有表决权人数。请核对计票结果和签到情况（预备党员和列席人员没有表决权）。',
    en: 'Ayes, nays and abstentions together exceed the voting members present. Check the tally and the attendance (probationary members and auditors have no vote).',
  },
  PRESENT_EXCEEDS_MEMBERS: {
    'zh-CN': '到会人数多于应到会人数。请核对签到名单：列席人员、来宾和预备党员不计入有表决权的人数。',
    en: 'More people are counted as present than should attend. Check the attendance: auditors, guests and probationary members do not count as voting members.',
  },
  MEETING_COUNTS_INVALID: {
    'zh-CN': '人数和票数必须是不小于 0 的整数。请核对填写的数字。',
    en: 'Head counts and votes must be whole numbers of 0 or more. Check the figures entered.',
  },
  RECURRENCE_DAY_OUT_OF_RANGE: {
    'zh-CN': '重复日期应为 1 到 31 之间的整数；按年重复时不能超过该月的天数（如 2月最多 29 日，平年落在 28 日）。填 31 表示每月最后一天。',
    en: 'The day must be a whole number from 1 to 31; for a yearly date it cannot exceed the days of that month (29 February falls on the 28th in common years). Day 31 means the last day of each month.',
  },
};

export function isRuleCode(code: string): code is RuleCode {
  return Object.prototype.hasOwnProperty.call(ruleMessages, code);
}
