/**
 * Training needs contract (学时要求与覆盖): a person's progress against the year's requirement with
 * reasons and recommendations, an organisation's coverage, the missed/weak lists, delivered study
 * (送学上门) and manual entries approved by a manager, and the training rule sets.
 *
 * Endpoints (all under /api/v1):
 *   GET  /me/training-progress?year                    my progress, requirement, recommendations
 *   GET  /people/{id}/training-progress?year           a person's (managers of their organisation)
 *   GET  /orgs/{id}/training-coverage?year             the subtree's coverage summary
 *   GET  /orgs/{id}/training-exceptions?year&kind&page missed (漏训) or weak (弱训), paged
 *   GET  /orgs/{id}/delivered-study?year               delivered-study records of the subtree
 *   POST /people/{id}/delivered-study                  record one (exempt or infirm people only)
 *   GET  /me/manual-credits                            my requests
 *   POST /me/manual-credits                            ask for hours for myself
 *   POST /people/{id}/manual-credits                   a manager asks for a member
 *   GET  /orgs/{id}/manual-credits?status              requests of the subtree
 *   POST /manual-credits/{id}/approve | /reject        a manager decides (approval credits the ledger)
 *   GET  /training-rule-sets, POST /training-rule-sets the requirement sets (officers add)
 */
import { z } from 'zod';
import { isValidIsoDate } from '../rules/dates.ts';
import { centralisedBases, trainingRuleSetSchema } from '../rules/training/requirements.ts';

const isoDate = z.string().refine(isValidIsoDate, { message: 'DATE_INVALID' });
const year = z.coerce.number().int().min(2000).max(2100);

export const trainingYearQuery = z.object({ year: year.optional() });
export type TrainingYearQuery = z.infer<typeof trainingYearQuery>;
export const trainingIdParams = z.object({ id: z.uuid() });

export const trainingReason = z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])), text: z.string() });
export type TrainingReasonView = z.infer<typeof trainingReason>;

export const trainingRequirementView = z.object({
  exempt: z.boolean(),
  exemptReason: z.string().nullable(),
  hours: z.number().nullable(),
  hoursBasis: z.enum(['member', 'leader', 'appointment_year']).nullable(),
  centralised: z.object({ count: z.number().int(), deadline: z.string(), bases: z.array(z.enum(centralisedBases)), rotation: z.object({ id: z.string(), title: z.string() }).nullable() }).nullable(),
  newSecretary: z.object({ since: z.string(), deadline: z.string() }).nullable(),
  ruleSetVersion: z.string(),
  sources: z.array(z.string()),
});

const flag = z.object({ reasons: z.array(trainingReason), action: trainingReason }).nullable();

export const trainingRecommendationView = z.object({
  kind: z.enum(['hours', 'centralised', 'new_secretary', 'direction']),
  reason: trainingReason,
  direction: z.string().nullable(),
  courses: z.array(z.object({ id: z.string(), title: z.string(), direction: z.string() })),
  classes: z.array(z.object({ id: z.string(), title: z.string() })),
});

export const trainingProgressView = z.object({
  personId: z.string(),
  personName: z.string(),
  orgName: z.string(),
  year: z.number().int(),
  status: z.enum(['met', 'short', 'exempt']),
  hoursDone: z.number(),
  hoursRequired: z.number().nullable(),
  centralisedDone: z.number().int(),
  centralisedRequired: z.number().int(),
  newSecretaryTrained: z.boolean().nullable(),
  reasons: z.array(trainingReason),
  missed: flag,
  weak: flag,
  requirement: trainingRequirementView,
  /** Standing centralised trainings of the year. */
  completions: z.array(z.object({ completedOn: z.string(), title: z.string(), level: z.string(), hours: z.number() })),
  recommendations: z.array(trainingRecommendationView),
});
export type TrainingProgressView = z.infer<typeof trainingProgressView>;

/** Hours buckets of the coverage: 0, under 8, 16, 24, 32, 56, and 56 or more. */
export const hoursBucketLabels = ['0', '0–8', '8–16', '16–24', '24–32', '32–56', '≥56'] as const;

export const trainingCoverageView = z.object({
  orgId: z.string(),
  orgName: z.string(),
  year: z.number().int(),
  /** Full and probationary members and candidates of the subtree. */
  considered: z.number().int(),
  required: z.number().int(),
  met: z.number().int(),
  short: z.number().int(),
  exempt: z.number().int(),
  centralisedRequired: z.number().int(),
  centralisedMet: z.number().int(),
  /** People with at least one centralised training in the year. */
  trained: z.number().int(),
  /** People on the missed (漏训) and weak (弱训) lists as of today. */
  missed: z.number().int(),
  weak: z.number().int(),
  hoursTotal: z.number(),
  hoursBuckets: z.array(z.object({ label: z.string(), count: z.number().int() })),
  /** The same figures per direct sub-organisation (subtree each). */
  children: z.array(z.object({ orgId: z.string(), orgName: z.string(), considered: z.number().int(), required: z.number().int(), met: z.number().int(), short: z.number().int(), exempt: z.number().int(), centralisedRequired: z.number().int(), centralisedMet: z.number().int(), missed: z.number().int(), weak: z.number().int() })),
});
export type TrainingCoverageView = z.infer<typeof trainingCoverageView>;

export const trainingExceptionKinds = ['missed', 'weak'] as const;
export const trainingExceptionsQuery = z.object({
  year: year.optional(),
  kind: z.enum(trainingExceptionKinds),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type TrainingExceptionsQuery = z.infer<typeof trainingExceptionsQuery>;

export const trainingExceptionList = z.object({
  year: z.number().int(),
  kind: z.enum(trainingExceptionKinds),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      orgId: z.string(),
      orgName: z.string(),
      category: z.string(),
      hoursDone: z.number(),
      hoursRequired: z.number().nullable(),
      reasons: z.array(trainingReason),
      action: trainingReason,
    }),
  ),
});
export type TrainingExceptionList = z.infer<typeof trainingExceptionList>;

export const deliveredStudyInput = z.object({
  deliveredOn: isoDate,
  material: z.string().trim().min(1).max(500),
  deliveredBy: z.string().trim().min(1).max(100),
  note: z.string().trim().max(1000).optional(),
});
export type DeliveredStudyInput = z.infer<typeof deliveredStudyInput>;

export const deliveredStudyRecord = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  orgName: z.string(),
  deliveredOn: z.string(),
  material: z.string(),
  deliveredBy: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type DeliveredStudyRecord = z.infer<typeof deliveredStudyRecord>;
export const deliveredStudyList = z.object({ items: z.array(deliveredStudyRecord) });

export const manualCreditInput = z.object({
  studiedOn: isoDate,
  hours: z.number().positive().max(8).refine((h) => Number.isInteger(h * 2), { message: 'HOURS_HALF_STEPS' }),
  description: z.string().trim().min(1).max(300),
});
export type ManualCreditInput = z.infer<typeof manualCreditInput>;

export const manualCreditStatuses = ['pending', 'approved', 'rejected'] as const;
export const manualCreditListQuery = z.object({ status: z.enum(manualCreditStatuses).optional() });
export const manualCreditDecision = z.object({ note: z.string().trim().max(500).optional() });
export const manualCreditRejection = z.object({ note: z.string().trim().min(1).max(500) });

export const manualCreditView = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  orgName: z.string(),
  studiedOn: z.string(),
  hours: z.number(),
  description: z.string(),
  status: z.enum(manualCreditStatuses),
  decisionNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  creditId: z.string().nullable(),
  createdAt: z.string(),
});
export type ManualCreditView = z.infer<typeof manualCreditView>;
export const manualCreditList = z.object({ items: z.array(manualCreditView) });

export const trainingRuleSetCreateInput = z.object({ ruleSet: trainingRuleSetSchema, note: z.string().trim().max(500).optional() });
export type TrainingRuleSetCreateInput = z.infer<typeof trainingRuleSetCreateInput>;
export const trainingRuleSetView = z.object({ id: z.string(), note: z.string().nullable(), createdAt: z.string(), ruleSet: trainingRuleSetSchema });
export const trainingRuleSetList = z.object({ items: z.array(trainingRuleSetView) });
