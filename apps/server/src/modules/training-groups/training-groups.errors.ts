/** Error codes of differentiated training groups: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const trainingGroupErrors = {
  TRAINING_GROUP_NOT_FOUND: { status: 404, 'zh-CN': '未找到该培训分组，或您无权查看。', en: 'Training group not found, or you may not see it.' },
  TRAINING_GROUP_EXISTS: {
    status: 409,
    'zh-CN': '“{org}”已设有同类分组“{name}”：请直接维护该分组及其计划。',
    en: '"{org}" already has the group "{name}" of this kind: maintain that group and its plans instead.',
  },
  TRAINING_GROUP_NOT_CUSTOM: {
    status: 409,
    'zh-CN': '“{name}”的成员由人员档案自动确定（如领导干部、年龄、业务条线），不能手工指定：如需指定名单，请新建自定义分组。',
    en: 'The members of "{name}" follow from the member records (leading cadre, age, business line…) and cannot be named by hand: create a custom group for a named list.',
  },
  TRAINING_GROUP_MEMBER_OUTSIDE: {
    status: 409,
    'zh-CN': '“{name}”不在“{org}”及其下级组织中，不能加入该分组。',
    en: '"{name}" is not in "{org}" or its sub-organisations and cannot join this group.',
  },
  TRAINING_GROUP_PLAN_DIRECTION: {
    status: 400,
    'zh-CN': '培训方向“{code}”不存在：请从师资库的方向中选择。',
    en: 'There is no training direction "{code}": choose one of the teacher pool\'s directions.',
  },
  TRAINING_GROUP_PLAN_COURSE: {
    status: 409,
    'zh-CN': '所选课程有 {count} 门不在师资库课程目录中或已停用：请重新选择课程。',
    en: '{count} of the chosen courses are not in the catalogue or are retired: choose the courses again.',
  },
  TRAINING_GROUP_PLAN_EXISTS: {
    status: 409,
    'zh-CN': '{year}年度计划已由他人保存：请刷新后在其基础上修改。',
    en: 'Someone already saved the {year} plan: reload it and change that one.',
  },
} as const satisfies Record<string, CatalogEntry>;
