/**
 * Transfer of organisational relation (组织关系转接) contract: the sending organisation issues a
 * letter (介绍信) with a validity; the receiving organisation accepts it or returns it with a
 * reason; the sender may cancel it while it is pending.
 */
import { z } from 'zod';
import { personCategories } from '../rules/membership.ts';
import { page, pageQuery } from './common.ts';

export const transferStatuses = ['pending', 'accepted', 'returned', 'cancelled'] as const;
export const transferStatus = z.enum(transferStatuses);
export type TransferStatus = z.infer<typeof transferStatus>;

export const transferStatusLabels: Record<TransferStatus, { 'zh-CN': string; en: string }> = {
  pending: { 'zh-CN': '待接收', en: 'pending' },
  accepted: { 'zh-CN': '已接收', en: 'accepted' },
  returned: { 'zh-CN': '已退回', en: 'returned' },
  cancelled: { 'zh-CN': '已撤销', en: 'cancelled' },
};

/** Validity of a letter in days: 30 by default, at most 90 (the longest online validity in use). */
export const transferValidity = { defaultDays: 30, minDays: 1, maxDays: 90 } as const;

export const transferCreateInput = z.object({
  personId: z.uuid(),
  toOrgId: z.uuid(),
  reason: z.string().trim().min(1).max(500),
  validDays: z.number().int().min(transferValidity.minDays).max(transferValidity.maxDays).default(transferValidity.defaultDays),
});
export type TransferCreateInput = z.infer<typeof transferCreateInput>;

export const transferReturnInput = z.object({ reason: z.string().trim().min(1).max(500) });
export type TransferReturnInput = z.infer<typeof transferReturnInput>;

/**
 * Inbox (letters to) or outbox (letters from) of an organisation's whole subtree; without orgId,
 * of every subtree the caller manages.
 */
export const transferListQuery = pageQuery.extend({
  orgId: z.uuid().optional(),
  status: transferStatus.optional(),
});
export type TransferListQuery = z.infer<typeof transferListQuery>;

export const transferView = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  idNumberMasked: z.string(),
  category: z.enum(personCategories),
  fromOrgId: z.string(),
  fromOrgName: z.string(),
  toOrgId: z.string(),
  toOrgName: z.string(),
  reason: z.string(),
  returnReason: z.string().nullable(),
  status: transferStatus,
  issuedAt: z.string(),
  issuedByName: z.string(),
  /** Last calendar day (deployment time zone) on which the letter may be accepted. */
  validUntil: z.string(),
  answeredAt: z.string().nullable(),
  answeredByName: z.string().nullable(),
  /** A pending letter past its last valid day: it can no longer be accepted, only returned or cancelled. */
  expired: z.boolean(),
});
export type TransferView = z.infer<typeof transferView>;

export const transferPage = page(transferView);
export const transferIdParams = z.object({ id: z.uuid() });
