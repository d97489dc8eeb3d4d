/**
 * Who may do what with rotation training. The working committee's officers declare, edit and close
 * a rotation on an organisation they hold (committee_officer over its subtree); secretaries never
 * do. Managers see the rotations declared on or above the organisations they manage (the county's
 * rotation reaches every unit) and those declared inside their subtree; coverage is read for an
 * organisation they manage inside the rotation's subtree.
 */
import { managedPaths, managesPath, type Actor } from '../../lib/actor.ts';

export const canDeclare = (actor: Actor, orgPath: string) =>
  actor.grants.some((g) => g.role === 'committee_officer' && g.orgPath !== null && orgPath.startsWith(g.orgPath));

export const canSee = (actor: Actor, rotation: { org_path: string }) =>
  managesPath(actor, rotation.org_path) || managedPaths(actor).some((p) => p.startsWith(rotation.org_path));

export const canReadCoverageOf = (actor: Actor, rotation: { org_path: string }, org: { path: string }) => org.path.startsWith(rotation.org_path) && managesPath(actor, org.path);

/** The organisation a manager's coverage opens on: the rotation's own, else their highest one inside it. */
export function defaultCoveragePath(actor: Actor, rotation: { org_path: string }): string | null {
  if (managesPath(actor, rotation.org_path)) return rotation.org_path;
  const inside = managedPaths(actor).filter((p) => p.startsWith(rotation.org_path));
  return inside.sort((a, b) => a.length - b.length)[0] ?? null;
}
