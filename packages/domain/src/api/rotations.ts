/**
 * Rotation training contract (集中轮训, issue 4 item 2): the working committee declares the year's
 * rotation for target groups with a deadline; units schedule their members into batches (training
 * classes with the rotation's id, see ./classes.ts); coverage per subtree.
 *
 * Endpoints (all under /api/v1):
 *   GET   /rotations?year                      rotations declared on or above the caller's organisations, or below them (managers)
 *   POST  /rotations                           declare (committee officers of the organisation)
 *   GET   /rotations/{id}                      one rotation with its batches (managers who see it)
 *   PATCH /rotations/{id}                      edit with the version read (committee officers); not once closed
 *   POST  /rotations/{id}/close                close (committee officers)
 *   GET   /rotations/{id}/coverage?orgId       trained / in progress / not yet / exempt over a subtree, with one row per sub-organisation
 *   GET   /rotations/{id}/coverage/people?orgId&status&page&pageSize   the people of a subtree with their status and why
 *
 * Trained: a standing centralised-training completion linked to the rotation (a completed batch),
 * or any standing centralised training completed from 1 January of the rotation's year up to its
 * deadline. In progress: enrolled in an unfinished class that is a batch of the rotation or held in
 * its year. Exempt: study_exempt or is_infirm (送学上门). Only people in the target groups count.
 */
import { z } from 'zod';
import { trainingTargetGroups } from '../rules/training/class-rules.ts';
import { isoDate, page, pageQuery } from './common.ts';

export const rotationStatuses = ['draft', 'open', 'closed'] as const;
export type RotationStatus = (typeof rotationStatuses)[number];

export const coverageStatuses = ['trained', 'in_progress', 'not_yet', 'exempt'] as const;
export type CoverageStatus = (typeof coverageStatuses)[number];

export const coverageStatusLabels: Record<CoverageStatus, { 'zh-CN': string; en: string }> = {
  trained: { 'zh-CN': '已培训', en: 'Trained' },
  in_progress: { 'zh-CN': '培训中', en: 'In progress' },
  not_yet: { 'zh-CN': '未培训', en: 'Not yet' },
  exempt: { 'zh-CN': '免训（送学上门）', en: 'Exempt (study delivered)' },
};

export const rotationParams = z.object({ id: z.uuid() });
export const rotationListQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

const rotationFields = {
  title: z.string().trim().min(2).max(200),
  targetGroups: z.array(z.enum(trainingTargetGroups)).min(1).max(4),
  deadline: isoDate,
  requiredHours: z.number().min(0).max(999).multipleOf(0.5).nullable().optional(),
  notes: z.string().trim().max(2000).nullable().optional(),
};

export const rotationCreateInput = z.object({ orgId: z.uuid(), year: z.number().int().min(2000).max(2100), ...rotationFields });
export type RotationCreateInput = z.infer<typeof rotationCreateInput>;

export const rotationUpdateInput = z.object({
  version: z.number().int().min(1),
  title: rotationFields.title.optional(),
  targetGroups: rotationFields.targetGroups.optional(),
  deadline: isoDate.optional(),
  requiredHours: rotationFields.requiredHours,
  notes: rotationFields.notes,
});
export type RotationUpdateInput = z.infer<typeof rotationUpdateInput>;

export const rotationBatchView = z.object({ classId: z.string(), title: z.string(), orgId: z.string(), orgName: z.string(), status: z.string(), enrolled: z.number().int(), capacity: z.number().int() });

export const rotationView = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  year: z.number().int(),
  title: z.string(),
  targetGroups: z.array(z.enum(trainingTargetGroups)),
  deadline: z.string(),
  requiredHours: z.number().nullable(),
  notes: z.string().nullable(),
  status: z.enum(rotationStatuses),
  version: z.number().int(),
  /** Whether the caller may edit and close it (a committee officer over its organisation). */
  canEdit: z.boolean(),
  batches: z.array(rotationBatchView),
});
export type RotationView = z.infer<typeof rotationView>;
export const rotationList = z.object({ items: z.array(rotationView.omit({ batches: true }).extend({ batchCount: z.number().int() })) });
export type RotationList = z.infer<typeof rotationList>;

export const coverageQuery = z.object({ orgId: z.uuid().optional() });

export const coverageCounts = z.object({
  /** People in the target groups. */
  targeted: z.number().int(),
  trained: z.number().int(),
  inProgress: z.number().int(),
  notYet: z.number().int(),
  exempt: z.number().int(),
  /** trained / (targeted − exempt), 0–1; null when nobody must be trained. */
  rate: z.number().nullable(),
});
export type CoverageCounts = z.infer<typeof coverageCounts>;

export const rotationCoverage = z.object({
  rotationId: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  deadline: z.string(),
  totals: coverageCounts,
  /** People directly in the organisation (not in a sub-organisation). */
  direct: coverageCounts,
  children: z.array(coverageCounts.extend({ orgId: z.string(), orgName: z.string(), hasChildren: z.boolean() })),
});
export type RotationCoverage = z.infer<typeof rotationCoverage>;

export const coveragePeopleQuery = pageQuery.extend({ orgId: z.uuid().optional(), status: z.enum(coverageStatuses).optional() });

export const coveragePersonView = z.object({
  personId: z.string(),
  name: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  category: z.string(),
  status: z.enum(coverageStatuses),
  /** Why: the completion (title and day), the class enrolled in, or the exemption reason. */
  detail: z.string().nullable(),
  detailOn: z.string().nullable(),
});
export type CoveragePersonView = z.infer<typeof coveragePersonView>;
export const coveragePeople = page(coveragePersonView);
export type CoveragePeople = z.infer<typeof coveragePeople>;
