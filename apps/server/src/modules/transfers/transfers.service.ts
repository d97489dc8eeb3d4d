/**
 * Transfer of organisational relation (组织关系转接) inside the deployment. The sending manager
 * issues a letter (介绍信) valid until a calendar day; the member stays with the sender until the
 * receiving manager accepts, which moves the person in the same transaction; the receiver may
 * instead return the letter with a reason, and the sender may cancel it while it is pending.
 */
import {
  addDays,
  isPartyMember,
  maskIdNumber,
  transferStatusLabels,
  type PersonCategory,
  type TransferCreateInput,
  type TransferListQuery,
  type TransferStatus,
  type TransferView,
} from '@pioneer/domain';
import type { ServerContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { todayIn } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import * as policy from './transfers.policy.ts';
import * as repo from './transfers.repo.ts';

type Caller = { actor: Actor; ip: string | null };

/** Kinds of organisation a member's relation can be held by. */
const RECEIVING_KINDS = new Set(['branch', 'general_branch']);

/** A pending letter is expired once its last valid day has passed in the deployment's time zone. */
const isExpired = (row: { status: string; valid_until: string }, today: string) => row.status === 'pending' && row.valid_until < today;

export function presentTransfer(ctx: ServerContext, row: repo.TransferDetailRow, today: string): TransferView {
  return {
    id: row.id,
    personId: row.person_id,
    personName: row.person_name,
    idNumberMasked: maskIdNumber(ctx.pii.decrypt(row.id_number_enc)),
    category: row.category as PersonCategory,
    fromOrgId: row.from_org_id,
    fromOrgName: row.from_org_name,
    toOrgId: row.to_org_id,
    toOrgName: row.to_org_name,
    reason: row.reason,
    returnReason: row.return_reason,
    status: row.status as TransferStatus,
    issuedAt: row.issued_at.toISOString(),
    issuedByName: row.issued_by_name,
    validUntil: row.valid_until,
    answeredAt: row.answered_at ? row.answered_at.toISOString() : null,
    answeredByName: row.answered_by_name,
    expired: isExpired(row, today),
  };
}

function assertHandlesTransfers(actor: Actor) {
  if (!policy.canHandleTransfers(actor)) throw new AppError('FORBIDDEN');
}

/** A letter one of whose sides the actor manages; missing and hidden letters fail alike. */
async function loadVisibleTransfer(ctx: ServerContext, actor: Actor, id: string): Promise<repo.TransferDetailRow> {
  assertHandlesTransfers(actor);
  const row = await repo.findTransferDetail(ctx.db, id);
  if (!row || !policy.canViewTransfer(actor, row)) throw new AppError('TRANSFER_NOT_FOUND');
  return row;
}

async function viewOf(ctx: ServerContext, id: string): Promise<TransferView> {
  const row = await repo.findTransferDetail(ctx.db, id);
  if (!row) throw new AppError('TRANSFER_NOT_FOUND');
  return presentTransfer(ctx, row, todayIn(ctx));
}

const notPending = (status: string) => {
  const label = transferStatusLabels[status as TransferStatus] ?? { 'zh-CN': status, en: status };
  return new AppError('TRANSFER_NOT_PENDING', { statusZh: label['zh-CN'], statusEn: label.en });
};

export async function issueTransfer(ctx: ServerContext, options: Caller & { input: TransferCreateInput }): Promise<TransferView> {
  const { actor, input } = options;
  assertHandlesTransfers(actor);
  const person = await repo.findPerson(ctx.db, input.personId);
  if (!person || !policy.canIssueFor(actor, person)) throw new AppError('PERSON_NOT_FOUND');
  if (!isPartyMember(person.category as PersonCategory)) throw new AppError('TRANSFER_NOT_MEMBER');
  const target = await findOrg(ctx.db, input.toOrgId);
  if (!target) throw new AppError('ORG_NOT_FOUND');
  if (!RECEIVING_KINDS.has(target.kind)) throw new AppError('TRANSFER_TARGET_NOT_BRANCH');
  if (!target.active) throw new AppError('ORG_INACTIVE', { name: target.name });
  if (target.id === person.org_id) throw new AppError('TRANSFER_SAME_ORG');
  if (await repo.findPendingForPerson(ctx.db, person.id)) throw new AppError('TRANSFER_PENDING');

  const id = newId();
  const validUntil = addDays(todayIn(ctx), input.validDays);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.insertTransfer(trx, { id, personId: person.id, fromOrgId: person.org_id, toOrgId: target.id, reason: input.reason, issuedBy: actor.userId, issuedAt: ctx.now(), validUntil });
      await recordAudit(trx, {
        actor,
        action: 'transfer.issue',
        entityType: 'transfer',
        entityId: id,
        orgId: person.org_id,
        ip: options.ip,
        after: { personId: person.id, fromOrgId: person.org_id, toOrgId: target.id, reason: input.reason, validUntil, status: 'pending' },
      });
    });
  } catch (error) {
    // Two letters issued at once for the same person: the partial unique index keeps one.
    if (repo.isPendingUniqueViolation(error)) throw new AppError('TRANSFER_PENDING');
    throw error;
  }
  return viewOf(ctx, id);
}

export async function getTransfer(ctx: ServerContext, options: { actor: Actor; id: string }): Promise<TransferView> {
  return presentTransfer(ctx, await loadVisibleTransfer(ctx, options.actor, options.id), todayIn(ctx));
}

export async function listTransfers(
  ctx: ServerContext,
  options: { actor: Actor; side: 'inbox' | 'outbox'; query: TransferListQuery },
): Promise<{ items: TransferView[]; total: number; page: number; pageSize: number }> {
  const { actor, query } = options;
  assertHandlesTransfers(actor);
  let org: { path: string } | null = null;
  if (query.orgId) {
    org = (await findOrg(ctx.db, query.orgId)) ?? null;
    if (!org) throw new AppError('ORG_NOT_FOUND');
  }
  const paths = policy.listScope(actor, org);
  if (!paths) throw new AppError('ORG_NOT_FOUND');
  const { rows, total } = await repo.listTransfers(ctx.db, { side: options.side, paths, status: query.status, page: query.page, pageSize: query.pageSize });
  const today = todayIn(ctx);
  return { items: rows.map((r) => presentTransfer(ctx, r, today)), total, page: query.page, pageSize: query.pageSize };
}

export async function acceptTransfer(ctx: ServerContext, options: Caller & { id: string }): Promise<TransferView> {
  const { actor } = options;
  const letter = await loadVisibleTransfer(ctx, actor, options.id);
  if (!policy.canAccept(actor, letter)) throw new AppError('FORBIDDEN');
  await ctx.db.transaction().execute(async (trx) => {
    // Re-read under a row lock: a concurrent answer either finished before us (and we see it) or waits for us.
    const locked = await repo.lockTransfer(trx, letter.id);
    if (!locked) throw new AppError('TRANSFER_NOT_FOUND');
    if (locked.status !== 'pending') throw notPending(locked.status);
    if (isExpired(locked, todayIn(ctx))) throw new AppError('TRANSFER_EXPIRED', { validUntil: locked.valid_until });
    const target = await findOrg(trx, locked.to_org_id);
    if (!target) throw new AppError('ORG_NOT_FOUND');
    if (!target.active) throw new AppError('ORG_INACTIVE', { name: target.name });
    const person = await repo.findPerson(trx, locked.person_id);
    if (!person) throw new AppError('PERSON_NOT_FOUND');
    const now = ctx.now();
    await repo.movePerson(trx, person.id, { id: target.id, path: target.path }, now);
    await repo.closeTransfer(trx, locked.id, { status: 'accepted', answeredBy: actor.userId, answeredAt: now });
    await recordAudit(trx, {
      actor,
      action: 'transfer.accept',
      entityType: 'transfer',
      entityId: locked.id,
      orgId: target.id,
      ip: options.ip,
      before: { status: 'pending' },
      after: { status: 'accepted' },
    });
    // The person's own history shows the move, with the organisations on both sides.
    await recordAudit(trx, {
      actor,
      action: 'person.transfer',
      entityType: 'person',
      entityId: person.id,
      orgId: target.id,
      ip: options.ip,
      before: { orgId: person.org_id, orgName: letter.from_org_name },
      after: { orgId: target.id, orgName: target.name },
      detail: { transferId: locked.id },
    });
  });
  return viewOf(ctx, letter.id);
}

export async function returnTransfer(ctx: ServerContext, options: Caller & { id: string; reason: string }): Promise<TransferView> {
  const { actor } = options;
  const letter = await loadVisibleTransfer(ctx, actor, options.id);
  if (!policy.canReturn(actor, letter)) throw new AppError('FORBIDDEN');
  await closeWithoutMove(ctx, { ...options, letter, status: 'returned', returnReason: options.reason });
  return viewOf(ctx, letter.id);
}

export async function cancelTransfer(ctx: ServerContext, options: Caller & { id: string }): Promise<TransferView> {
  const { actor } = options;
  const letter = await loadVisibleTransfer(ctx, actor, options.id);
  if (!policy.canCancel(actor, letter)) throw new AppError('FORBIDDEN');
  await closeWithoutMove(ctx, { ...options, letter, status: 'cancelled' });
  return viewOf(ctx, letter.id);
}

/** Return and cancel: the letter closes, the person stays where they are. An expired letter may be closed. */
async function closeWithoutMove(
  ctx: ServerContext,
  options: Caller & { letter: repo.TransferDetailRow; status: 'returned' | 'cancelled'; returnReason?: string },
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockTransfer(trx, options.letter.id);
    if (!locked) throw new AppError('TRANSFER_NOT_FOUND');
    if (locked.status !== 'pending') throw notPending(locked.status);
    await repo.closeTransfer(trx, locked.id, { status: options.status, answeredBy: options.actor.userId, answeredAt: ctx.now(), ...(options.returnReason ? { returnReason: options.returnReason } : {}) });
    await recordAudit(trx, {
      actor: options.actor,
      action: options.status === 'returned' ? 'transfer.return' : 'transfer.cancel',
      entityType: 'transfer',
      entityId: locked.id,
      orgId: options.status === 'returned' ? locked.to_org_id : locked.from_org_id,
      ip: options.ip,
      before: { status: 'pending' },
      after: { status: options.status, ...(options.returnReason ? { returnReason: options.returnReason } : {}) },
    });
  });
}
