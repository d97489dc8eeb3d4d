/**
 * Who does what with a training group: the managers of the organisation it is declared on change
 * it and its plans; a manager of an organisation below it reads it, its plans and its members
 * within their own subtree; members read only the plans of the groups they belong to (/me).
 */
import type { Actor } from '../../lib/actor.ts';
import { managedPaths, managesPath } from '../../lib/actor.ts';

export const managesGroup = (actor: Actor, group: { org_path: string }) => managesPath(actor, group.org_path);

/** The subtrees in which the actor sees the group's members: the whole group, or their part of it. */
export function visiblePaths(actor: Actor, group: { org_path: string }): string[] {
  if (managesGroup(actor, group)) return [group.org_path];
  return managedPaths(actor).filter((p) => p.startsWith(group.org_path));
}

export const readsGroup = (actor: Actor, group: { org_path: string }) => visiblePaths(actor, group).length > 0;
