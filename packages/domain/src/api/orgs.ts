/** Organisation tree contract. */
import { z } from 'zod';
import { orgKinds } from '../rules/org-tree.ts';
import { isoDate } from './common.ts';

export const orgKind = z.enum(orgKinds);

export const orgView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: orgKind,
  parentId: z.string().nullable(),
  depth: z.number().int(),
  establishedOn: z.string().nullable(),
  hasCommittee: z.boolean(),
  active: z.boolean(),
  childCount: z.number().int(),
});
export type OrgView = z.infer<typeof orgView>;

export const orgCreateInput = z.object({
  code: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_-]+$/, 'ORG_CODE_FORMAT'),
  name: z.string().trim().min(2).max(100),
  kind: orgKind,
  parentId: z.uuid().nullable(),
  establishedOn: isoDate.nullable().optional(),
  hasCommittee: z.boolean().optional(),
});
export type OrgCreateInput = z.infer<typeof orgCreateInput>;

export const orgUpdateInput = orgCreateInput.pick({ code: true, name: true, establishedOn: true, hasCommittee: true }).partial();
export type OrgUpdateInput = z.infer<typeof orgUpdateInput>;

export const orgMoveInput = z.object({ parentId: z.uuid() });

export const orgIdParams = z.object({ id: z.uuid() });

export const orgCounts = z.object({
  total: z.number().int(),
  byCategory: z.object({ full: z.number().int(), probationary: z.number().int(), applicant: z.number().int(), activist: z.number().int(), candidate: z.number().int() }),
  members: z.number().int(),
  lostContact: z.number().int(),
  flowingOut: z.number().int(),
  organizations: z.number().int(),
});
export type OrgCounts = z.infer<typeof orgCounts>;

export const orgSearchQuery = z.object({ q: z.string().trim().min(1).max(50), limit: z.coerce.number().int().min(1).max(50).default(20) });
