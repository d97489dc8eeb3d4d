/**
 * Differentiated training contract (分类分层, issue 4 item 6): training groups declared on an
 * organisation and covering its subtree — by a rule over people's records (leading cadres, young
 * members, party-affairs workers, candidates and probationary members, a business line) or as a
 * custom list of named members — and each group's annual plan (topics, directions, target hours,
 * linked courses of the teacher pool's catalogue). Who belongs to a rule group is derived from the
 * records (rules/training-groups.ts), never typed.
 *
 * Who may do what: managers (committee officers, secretaries) of the group's organisation create
 * groups, edit them and their plans; a manager of an organisation below it reads the group, its
 * plans and its members within their own subtree; every person sees the plans of the groups they
 * belong to (GET /me/training-plans). Administrators see nothing.
 *
 * Endpoints (all under /api/v1):
 *   GET    /training-groups?orgId            groups that apply to the organisation (declared on it, above or below it)
 *   POST   /training-groups                  declare a group on an organisation
 *   GET    /training-groups/{id}             a group
 *   PATCH  /training-groups/{id}             rename it
 *   DELETE /training-groups/{id}             remove it with its plans
 *   GET    /training-groups/{id}/members?year&page&pageSize   its members (derived or named) visible to the caller
 *   PUT    /training-groups/{id}/members     replace a custom group's named members
 *   GET    /training-groups/{id}/plans       its plans, newest year first
 *   PUT    /training-groups/{id}/plans/{year}  save the year's plan (version for an existing one)
 *   GET    /me/training-plans?year           my groups of the year with their plans
 */
import { z } from 'zod';
import { businessLines, trainingGroupKinds } from '../rules/training-groups.ts';
import { page, pageQuery, uuid } from './common.ts';

const year = z.coerce.number().int().min(2000).max(2100);
const directionCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'TEACHER_DIRECTION_CODE_FORMAT');

export const trainingGroupApiMessages = {
  TRAINING_GROUP_LINE_REQUIRED: { 'zh-CN': '业务条线分组须选择业务条线。', en: 'A business-line group needs its business line.' },
  TRAINING_GROUP_LINE_ONLY_FOR_LINE: { 'zh-CN': '只有业务条线分组才选择业务条线。', en: 'Only a business-line group takes a business line.' },
} as const satisfies Record<string, { 'zh-CN': string; en: string }>;

export const trainingGroupCreateInput = z
  .object({
    orgId: uuid,
    name: z.string().trim().min(1).max(60),
    kind: z.enum(trainingGroupKinds),
    businessLine: z.enum(businessLines).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'business_line' && !v.businessLine) ctx.addIssue({ code: 'custom', path: ['businessLine'], message: 'TRAINING_GROUP_LINE_REQUIRED' });
    if (v.kind !== 'business_line' && v.businessLine) ctx.addIssue({ code: 'custom', path: ['businessLine'], message: 'TRAINING_GROUP_LINE_ONLY_FOR_LINE' });
  });
export type TrainingGroupCreateInput = z.infer<typeof trainingGroupCreateInput>;
export const trainingGroupUpdateInput = z.object({ version: z.number().int().min(1), name: z.string().trim().min(1).max(60) });
export const trainingGroupListQuery = z.object({ orgId: uuid, year: year.optional() });

export const trainingGroupView = z.object({
  id: uuid,
  orgId: uuid,
  orgName: z.string(),
  name: z.string(),
  kind: z.enum(trainingGroupKinds),
  businessLine: z.enum(businessLines).nullable(),
  /** Members the caller may see (their own subtree within the group's), in the year asked. */
  memberCount: z.number().int(),
  /** Whether the caller may change the group and its plans (they manage its organisation). */
  editable: z.boolean(),
  /** Years that have a plan. */
  planYears: z.array(z.number().int()),
  version: z.number().int(),
});
export type TrainingGroupView = z.infer<typeof trainingGroupView>;

export const trainingGroupMembersQuery = pageQuery.extend({ year: year.optional() });
export const trainingGroupMember = z.object({
  personId: uuid,
  name: z.string(),
  orgId: uuid,
  orgName: z.string(),
  category: z.string(),
  birthDate: z.string(),
  leadingCadre: z.boolean(),
  partyAffairsWorker: z.boolean(),
  businessLine: z.string().nullable(),
});
export type TrainingGroupMember = z.infer<typeof trainingGroupMember>;
export const trainingGroupMemberPage = page(trainingGroupMember);
export type TrainingGroupMemberPage = z.infer<typeof trainingGroupMemberPage>;
export const trainingGroupMembersInput = z.object({ personIds: z.array(uuid).max(2000) });

export const planTopic = z.object({
  title: z.string().trim().min(1).max(100),
  direction: directionCode.nullable().optional(),
  /** Month of the year it is planned for, if any. */
  month: z.number().int().min(1).max(12).nullable().optional(),
  hours: z.number().min(0).max(200).nullable().optional(),
});
export type PlanTopic = z.infer<typeof planTopic>;

export const trainingPlanInput = z.object({
  /** The stored plan's version when replacing it; absent for a new year's plan. */
  version: z.number().int().min(1).optional(),
  topics: z.array(planTopic).max(100),
  directions: z.array(directionCode).max(20),
  targetHours: z.number().min(0).max(500),
  courseIds: z.array(uuid).max(100),
  notes: z.string().trim().max(2000).nullable().optional(),
});
export type TrainingPlanInput = z.infer<typeof trainingPlanInput>;
export const trainingPlanParams = z.object({ id: uuid, year });

export const trainingPlanCourse = z.object({ id: uuid, title: z.string(), direction: z.string(), minutes: z.number().int(), lecturerId: uuid, lecturerName: z.string() });
export const trainingPlanView = z.object({
  id: uuid,
  groupId: uuid,
  year: z.number().int(),
  topics: z.array(planTopic),
  directions: z.array(z.string()),
  targetHours: z.number(),
  courses: z.array(trainingPlanCourse),
  notes: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type TrainingPlanView = z.infer<typeof trainingPlanView>;

export const myTrainingPlansQuery = z.object({ year: year.optional() });
export const myTrainingGroupPlan = z.object({
  groupId: uuid,
  groupName: z.string(),
  kind: z.enum(trainingGroupKinds),
  orgName: z.string(),
  businessLine: z.enum(businessLines).nullable(),
  plan: trainingPlanView.nullable(),
});
export type MyTrainingGroupPlan = z.infer<typeof myTrainingGroupPlan>;
export const myTrainingPlans = z.object({ year: z.number().int(), groups: z.array(myTrainingGroupPlan) });
export type MyTrainingPlans = z.infer<typeof myTrainingPlans>;
