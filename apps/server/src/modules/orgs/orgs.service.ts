/**
 * Organisation tree: create, edit, move (never into its own subtree), deactivate (history kept;
 * people and active sub-organisations must be moved first), browse and count by subtree.
 */
import { checkOrgPlacement, orgKindLabels, wouldCreateCycle, type OrgCounts, type OrgCreateInput, type OrgKind, type OrgUpdateInput, type OrgView } from '@pioneer/domain';
import type { ServerContext } from '../../context.ts';
import type { OrganizationRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { treeChanged as complianceTreeChanged } from '../compliance/compliance.service.ts';
import * as repo from './orgs.repo.ts';
import * as policy from './orgs.policy.ts';

type Caller = { actor: Actor; ip: string | null };

export function presentOrg(row: OrganizationRow & { child_count?: number | null }): OrgView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind as OrgKind,
    parentId: row.parent_id,
    depth: row.depth,
    establishedOn: row.established_on,
    hasCommittee: row.has_committee,
    active: row.active,
    childCount: Number(row.child_count ?? 0),
  };
}

const auditShape = (row: OrganizationRow) => ({ code: row.code, name: row.name, kind: row.kind, parentId: row.parent_id, establishedOn: row.established_on, hasCommittee: row.has_committee, active: row.active });

/** Loads an organisation the actor may see, or fails the same way whether it is missing or hidden. */
export async function loadVisibleOrg(ctx: ServerContext, actor: Actor, id: string): Promise<OrganizationRow> {
  const org = await repo.findOrg(ctx.db, id);
  if (!org || !policy.canViewOrg(actor, org)) throw new AppError('ORG_NOT_FOUND');
  return org;
}

export async function loadManagedOrg(ctx: ServerContext, actor: Actor, id: string): Promise<OrganizationRow> {
  const org = await loadVisibleOrg(ctx, actor, id);
  if (!policy.canManageOrg(actor, org)) throw new AppError('FORBIDDEN');
  return org;
}

function assertPlacement(parentKind: OrgKind | null, childKind: OrgKind) {
  const problem = checkOrgPlacement(parentKind, childKind);
  if (problem === 'ORG_ROOT_MUST_BE_WORKING_COMMITTEE' || problem === 'ORG_KIND_NOT_ALLOWED_UNDER_PARENT') {
    throw new AppError('ORG_KIND_NOT_ALLOWED', {
      child: orgKindLabels[childKind]['zh-CN'],
      parent: parentKind ? orgKindLabels[parentKind]['zh-CN'] : '（无上级）',
    });
  }
}

export async function createOrg(ctx: ServerContext, options: Caller & { input: OrgCreateInput }): Promise<OrgView> {
  const { actor, input } = options;
  let parent: OrganizationRow | null = null;
  if (input.parentId === null) {
    if (!policy.canCreateRoot(actor)) throw new AppError('FORBIDDEN');
    if (await repo.findRoot(ctx.db)) throw new AppError('ORG_ROOT_EXISTS');
  } else {
    parent = await loadManagedOrg(ctx, actor, input.parentId);
    if (!parent.active) throw new AppError('ORG_INACTIVE', { name: parent.name });
  }
  assertPlacement((parent?.kind as OrgKind | undefined) ?? null, input.kind);
  if (await repo.findOrgByCode(ctx.db, input.code)) throw new AppError('ORG_CODE_TAKEN', { code: input.code });
  const row = await ctx.db.transaction().execute(async (trx) => {
    const created = await repo.insertOrg(trx, {
      id: newId(),
      code: input.code,
      name: input.name,
      kind: input.kind,
      parent,
      establishedOn: input.establishedOn ?? null,
      hasCommittee: input.hasCommittee ?? false,
    });
    await recordAudit(trx, { actor, action: 'org.create', entityType: 'organization', entityId: created.id, orgId: created.id, ip: options.ip, after: auditShape(created) });
    await complianceTreeChanged(trx, ctx, { orgId: created.id });
    return created;
  });
  return presentOrg(row);
}

export async function updateOrg(ctx: ServerContext, options: Caller & { id: string; input: OrgUpdateInput }): Promise<OrgView> {
  const org = await loadManagedOrg(ctx, options.actor, options.id);
  const { input } = options;
  if (input.code && input.code !== org.code && (await repo.findOrgByCode(ctx.db, input.code))) throw new AppError('ORG_CODE_TAKEN', { code: input.code });
  const row = await ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.updateOrg(
      trx,
      org.id,
      {
        ...(input.code !== undefined ? { code: input.code } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.establishedOn !== undefined ? { established_on: input.establishedOn } : {}),
        ...(input.hasCommittee !== undefined ? { has_committee: input.hasCommittee } : {}),
      },
      ctx.now(),
    );
    await recordAudit(trx, { actor: options.actor, action: 'org.update', entityType: 'organization', entityId: org.id, orgId: org.id, ip: options.ip, before: auditShape(org), after: auditShape(updated) });
    // Only what the rules read changes verdicts; a new name or code does not.
    if (updated.has_committee !== org.has_committee || updated.established_on !== org.established_on) await complianceTreeChanged(trx, ctx, { orgId: org.id });
    return updated;
  });
  return presentOrg(row);
}

export async function moveOrg(ctx: ServerContext, options: Caller & { id: string; parentId: string }): Promise<OrgView> {
  const org = await loadManagedOrg(ctx, options.actor, options.id);
  const newParent = await loadVisibleOrg(ctx, options.actor, options.parentId);
  if (!policy.canMoveOrg(options.actor, org, newParent)) throw new AppError('FORBIDDEN');
  if (wouldCreateCycle(org.path, newParent.path)) throw new AppError('ORG_MOVE_INTO_OWN_SUBTREE');
  if (!newParent.active) throw new AppError('ORG_INACTIVE', { name: newParent.name });
  assertPlacement(newParent.kind as OrgKind, org.kind as OrgKind);
  if (org.parent_id === newParent.id) return presentOrg(org);
  const newPath = `${newParent.path}${repo.pathSegment(org.seq)}/`;
  const row = await ctx.db.transaction().execute(async (trx) => {
    await repo.moveSubtree(trx, { oldPath: org.path, newPath, depthDelta: newParent.depth + 1 - org.depth, orgId: org.id, newParentId: newParent.id, now: ctx.now() });
    await recordAudit(trx, { actor: options.actor, action: 'org.move', entityType: 'organization', entityId: org.id, orgId: org.id, ip: options.ip, before: { parentId: org.parent_id }, after: { parentId: newParent.id } });
    await complianceTreeChanged(trx, ctx, { orgId: org.id, movedFrom: org.path });
    return (await repo.findOrg(trx, org.id))!;
  });
  return presentOrg(row);
}

export async function deactivateOrg(ctx: ServerContext, options: Caller & { id: string }): Promise<OrgView> {
  const org = await loadManagedOrg(ctx, options.actor, options.id);
  if (!org.active) return presentOrg(org);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const activity = await repo.subtreeActivity(trx, org.path, org.id);
    if (activity.people > 0) throw new AppError('ORG_HAS_MEMBERS', { count: activity.people });
    if (activity.activeChildren > 0) throw new AppError('ORG_HAS_ACTIVE_CHILDREN', { count: activity.activeChildren });
    const updated = await repo.deactivateOrg(trx, org.id, ctx.now());
    await recordAudit(trx, { actor: options.actor, action: 'org.deactivate', entityType: 'organization', entityId: org.id, orgId: org.id, ip: options.ip, before: auditShape(org), after: auditShape(updated) });
    await complianceTreeChanged(trx, ctx, { orgId: org.id });
    return updated;
  });
  return presentOrg(row);
}

export async function getOrg(ctx: ServerContext, options: { actor: Actor; id: string }): Promise<OrgView & { ancestors: Array<{ id: string; name: string }> }> {
  const org = await loadVisibleOrg(ctx, options.actor, options.id);
  const [withCount] = await repo.orgsWithChildCounts(ctx.db, [org.id]);
  const ancestorSegments = org.path.split('/').filter(Boolean).slice(0, -1);
  const ancestors = ancestorSegments.length
    ? await ctx.db
        .selectFrom('organizations')
        .select(['id', 'name', 'path', 'depth'])
        .where('seq', 'in', ancestorSegments.map((s) => parseInt(s, 36)))
        .orderBy('depth')
        .execute()
    : [];
  return {
    ...presentOrg(withCount!),
    ancestors: ancestors.filter((a) => policy.canViewOrg(options.actor, a)).map((a) => ({ id: a.id, name: a.name })),
  };
}

export async function listRoots(ctx: ServerContext, options: { actor: Actor }): Promise<OrgView[]> {
  const scope = policy.browseRootsFor(options.actor);
  if (scope === 'all') {
    const root = await repo.findRoot(ctx.db);
    return root ? (await repo.orgsWithChildCounts(ctx.db, [root.id])).map(presentOrg) : [];
  }
  // Grants nested inside another grant of the same actor are not separate roots.
  const tops = scope.filter((p) => !scope.some((other) => other !== p && p.startsWith(other)));
  const ids = options.actor.grants.filter((g) => g.orgPath && tops.includes(g.orgPath)).map((g) => g.orgId as string);
  return (await repo.orgsWithChildCounts(ctx.db, [...new Set(ids)])).map(presentOrg);
}

export async function listChildren(ctx: ServerContext, options: { actor: Actor; id: string }): Promise<OrgView[]> {
  const org = await loadVisibleOrg(ctx, options.actor, options.id);
  return (await repo.childrenOf(ctx.db, org.id)).map(presentOrg);
}

export async function subtreeCounts(ctx: ServerContext, options: { actor: Actor; id: string }): Promise<OrgCounts> {
  const org = await loadVisibleOrg(ctx, options.actor, options.id);
  if (!policy.canSeeCounts(options.actor, org)) throw new AppError('FORBIDDEN');
  return countsForPath(ctx, org.path);
}

export async function countsForPath(ctx: ServerContext, path: string): Promise<OrgCounts> {
  const { people: c, organizations } = await repo.subtreeCounts(ctx.db, path);
  return {
    total: c.total,
    byCategory: { full: c.full_members, probationary: c.probationary, applicant: c.applicants, activist: c.activists, candidate: c.candidates },
    members: c.full_members + c.probationary,
    lostContact: c.lost_contact,
    flowingOut: c.flowing_out,
    organizations,
  };
}

/** Name or code search over the whole deployment, e.g. to pick the receiver of a transfer. */
export async function searchOrgs(ctx: ServerContext, options: { actor: Actor; q: string; limit: number }): Promise<OrgView[]> {
  if (options.actor.grants.every((g) => g.role === 'member' || g.role === 'audit_admin')) throw new AppError('FORBIDDEN');
  return (await repo.searchOrgs(ctx.db, options.q, options.limit)).map((r) => presentOrg({ ...r, child_count: 0 } as OrganizationRow & { child_count: number }));
}
