/**
 * Who may do what on the organisation tree. Committee officers and secretaries manage the subtree
 * of the organisation their role was granted on. The system and security administrators see the
 * tree's structure (names and kinds, never people) because they create the root and grant roles
 * on organisations; the system administrator alone creates the root.
 */
import type { OrganizationRow } from '../../db/schema.ts';
import { hasRole, managedPaths, managesPath, type Actor } from '../../lib/actor.ts';

export const canSeeWholeTree = (actor: Actor) => hasRole(actor, 'system_admin') || hasRole(actor, 'security_admin');

export const canViewOrg = (actor: Actor, org: Pick<OrganizationRow, 'path'>) => canSeeWholeTree(actor) || managesPath(actor, org.path);

export const canManageOrg = (actor: Actor, org: Pick<OrganizationRow, 'path'>) => managesPath(actor, org.path);

export const canCreateRoot = (actor: Actor) => hasRole(actor, 'system_admin');

export const canMoveOrg = (actor: Actor, org: Pick<OrganizationRow, 'path'>, newParent: Pick<OrganizationRow, 'path'>) =>
  managesPath(actor, org.path) && managesPath(actor, newParent.path);

/** People counts are figures about members: managers only. */
export const canSeeCounts = (actor: Actor, org: Pick<OrganizationRow, 'path'>) => managesPath(actor, org.path);

/** The organisations at the top of what the actor may browse. */
export const browseRootsFor = (actor: Actor): 'all' | string[] => (canSeeWholeTree(actor) ? 'all' : managedPaths(actor));
