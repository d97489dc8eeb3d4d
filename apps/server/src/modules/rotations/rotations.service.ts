/**
 * Rotation training (集中轮训): the working committee declares the year's rotation for its target
 * groups with a deadline, edits it (optimistic version) and closes it; units schedule their people
 * into batches (classes with the rotation's id, the classes module); coverage over a subtree says
 * who is trained, in progress, not yet, or exempt — derived from the recorded completions and
 * enrolments, never typed. Every write is audited in its transaction.
 */
import type { CoverageCounts, CoveragePeople, CoverageStatus, RotationCoverage, RotationCreateInput, RotationList, RotationUpdateInput, RotationView, TrainingTargetGroup } from '@pioneer/domain';
import type { ServerContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { managedPaths, type Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import * as policy from './rotations.policy.ts';
import * as repo from './rotations.repo.ts';

type Caller = { actor: Actor; ip: string | null };

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function present(row: repo.RotationRow, actor: Actor) {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    year: row.year,
    title: row.title,
    targetGroups: row.target_groups as TrainingTargetGroup[],
    deadline: row.deadline,
    requiredHours: num(row.required_hours),
    notes: row.notes,
    status: row.status as RotationView['status'],
    version: row.version,
    canEdit: policy.canDeclare(actor, row.org_path),
  };
}

/** The rotation, if the caller sees it; otherwise it does not exist for them. */
export async function loadVisible(ctx: Pick<ServerContext, 'db'>, actor: Actor, id: string): Promise<repo.RotationRow> {
  const row = await repo.findRotation(ctx.db, id);
  if (!row || !policy.canSee(actor, row)) throw new AppError('ROTATION_NOT_FOUND');
  return row;
}

export async function listRotations(ctx: ServerContext, options: { actor: Actor; year?: number | undefined }): Promise<RotationList> {
  if (managedPaths(options.actor).length === 0) throw new AppError('FORBIDDEN');
  const rows = await repo.listRotations(ctx.db, { paths: managedPaths(options.actor), year: options.year });
  return { items: rows.map((r) => ({ ...present(r, options.actor), batchCount: Number(r.batch_count ?? 0) })) };
}

export async function getRotation(ctx: ServerContext, options: { actor: Actor; id: string }): Promise<RotationView> {
  const row = await loadVisible(ctx, options.actor, options.id);
  const batches = await repo.batchesOf(ctx.db, row.id);
  return {
    ...present(row, options.actor),
    batches: batches.map((b) => ({ classId: b.id, title: b.title, orgId: b.org_id, orgName: b.org_name, status: b.status, enrolled: Number(b.enrolled ?? 0), capacity: b.capacity })),
  };
}

function checkDeadline(year: number, deadline: string) {
  if (deadline < `${year}-01-01`) throw new AppError('ROTATION_DEADLINE_BEFORE_YEAR', { deadline, year });
}

export async function declareRotation(ctx: ServerContext, options: Caller & { input: RotationCreateInput }): Promise<RotationView> {
  const { actor, input } = options;
  const org = await repo.findOrg(ctx.db, input.orgId);
  if (!org) throw new AppError('ORG_NOT_FOUND');
  if (!policy.canDeclare(actor, org.path)) throw new AppError('ROTATION_OFFICERS_ONLY');
  checkDeadline(input.year, input.deadline);
  const id = newId();
  const targetGroups = [...new Set(input.targetGroups)];
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertRotation(trx, {
      id,
      orgId: org.id,
      orgPath: org.path,
      year: input.year,
      title: input.title,
      targetGroups,
      deadline: input.deadline,
      requiredHours: input.requiredHours ?? null,
      notes: input.notes ?? null,
      createdBy: actor.userId,
      now: ctx.now(),
    });
    await recordAudit(trx, { actor, action: 'rotation.declare', entityType: 'training_rotation', entityId: id, orgId: org.id, ip: options.ip, after: { ...input, targetGroups } });
  });
  return getRotation(ctx, { actor, id });
}

/** Loads a rotation the caller may change: visible, an officer over it, not closed. */
async function loadEditable(ctx: ServerContext, actor: Actor, id: string) {
  const row = await loadVisible(ctx, actor, id);
  if (!policy.canDeclare(actor, row.org_path)) throw new AppError('ROTATION_OFFICERS_ONLY');
  if (row.status === 'closed') throw new AppError('ROTATION_CLOSED');
  return row;
}

export async function updateRotation(ctx: ServerContext, options: Caller & { id: string; input: RotationUpdateInput }): Promise<RotationView> {
  const { actor, input } = options;
  const row = await loadEditable(ctx, actor, options.id);
  checkDeadline(row.year, input.deadline ?? row.deadline);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.lockRotation(trx, row.id);
    if (!locked || locked.version !== input.version) throw new AppError('CONFLICT_VERSION');
    if (locked.status === 'closed') throw new AppError('ROTATION_CLOSED');
    const set = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.targetGroups !== undefined ? { target_groups: [...new Set(input.targetGroups)] } : {}),
      ...(input.deadline !== undefined ? { deadline: input.deadline } : {}),
      ...(input.requiredHours !== undefined ? { required_hours: input.requiredHours } : {}),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
    };
    await repo.updateRotation(trx, row.id, { ...set, now: ctx.now() });
    await recordAudit(trx, {
      actor,
      action: 'rotation.update',
      entityType: 'training_rotation',
      entityId: row.id,
      orgId: row.org_id,
      ip: options.ip,
      before: { title: row.title, targetGroups: row.target_groups, deadline: row.deadline, requiredHours: num(row.required_hours), notes: row.notes },
      after: set,
    });
  });
  return getRotation(ctx, { actor, id: row.id });
}

export async function closeRotation(ctx: ServerContext, options: Caller & { id: string }): Promise<RotationView> {
  const { actor } = options;
  const row = await loadEditable(ctx, actor, options.id);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateRotation(trx, row.id, { status: 'closed', now: ctx.now() });
    await recordAudit(trx, { actor, action: 'rotation.close', entityType: 'training_rotation', entityId: row.id, orgId: row.org_id, ip: options.ip, before: { status: row.status }, after: { status: 'closed' } });
  });
  return getRotation(ctx, { actor, id: row.id });
}

/** The organisation coverage is read for: the one asked (managed, inside the rotation) or the default. */
async function coverageOrg(ctx: ServerContext, actor: Actor, rotation: repo.RotationRow, orgId: string | undefined) {
  if (orgId) {
    const org = await repo.findOrg(ctx.db, orgId);
    if (!org || !policy.canReadCoverageOf(actor, rotation, org)) throw new AppError('ROTATION_ORG_OUTSIDE');
    return org;
  }
  const path = policy.defaultCoveragePath(actor, rotation);
  const org = path ? await repo.findOrgByPath(ctx.db, path) : undefined;
  if (!org) throw new AppError('ROTATION_ORG_OUTSIDE');
  return org;
}

const coverageRotation = (r: repo.RotationRow): repo.CoverageRotation => ({ id: r.id, year: r.year, deadline: r.deadline, targetGroups: r.target_groups as TrainingTargetGroup[] });

function countsOf(rows: Array<{ status: CoverageStatus; n: number }>): CoverageCounts {
  const n = (s: CoverageStatus) => rows.filter((r) => r.status === s).reduce((sum, r) => sum + Number(r.n), 0);
  const targeted = rows.reduce((sum, r) => sum + Number(r.n), 0);
  const exempt = n('exempt');
  const trained = n('trained');
  const due = targeted - exempt;
  return { targeted, trained, inProgress: n('in_progress'), notYet: n('not_yet'), exempt, rate: due > 0 ? Math.round((trained / due) * 1000) / 1000 : null };
}

export async function getCoverage(ctx: ServerContext, options: { actor: Actor; id: string; orgId?: string | undefined }): Promise<RotationCoverage> {
  const rotation = await loadVisible(ctx, options.actor, options.id);
  const org = await coverageOrg(ctx, options.actor, rotation, options.orgId);
  const [rows, children] = await Promise.all([repo.coverageCounts(ctx.db, coverageRotation(rotation), org.path), repo.childOrgs(ctx.db, org.id)]);
  return {
    rotationId: rotation.id,
    orgId: org.id,
    orgName: org.name,
    deadline: rotation.deadline,
    totals: countsOf(rows),
    direct: countsOf(rows.filter((r) => r.child_path === null)),
    children: children.map((c) => ({ orgId: c.id, orgName: c.name, hasChildren: Boolean(c.has_children), ...countsOf(rows.filter((r) => r.child_path === c.path)) })),
  };
}

export async function getCoveragePeople(
  ctx: ServerContext,
  options: { actor: Actor; id: string; orgId?: string | undefined; status?: CoverageStatus | undefined; page: number; pageSize: number },
): Promise<CoveragePeople> {
  const rotation = await loadVisible(ctx, options.actor, options.id);
  const org = await coverageOrg(ctx, options.actor, rotation, options.orgId);
  const rows = await repo.coveragePeople(ctx.db, coverageRotation(rotation), { path: org.path, status: options.status, limit: options.pageSize, offset: (options.page - 1) * options.pageSize });
  return {
    items: rows.map((r) => ({ personId: r.id, name: r.name, orgId: r.org_id, orgName: r.org_name, category: r.category, status: r.status, detail: r.detail, detailOn: r.detail_on })),
    total: rows[0]?.total ?? 0,
    page: options.page,
    pageSize: options.pageSize,
  };
}
