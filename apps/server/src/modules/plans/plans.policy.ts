/**
 * Who may do what with recurring plans: the managers (committee officers and secretaries) of the
 * plan's organisation, as for the activities the plan creates. Members see the resulting
 * activities in their obligations, never the plans; administrators see neither.
 */
import { managedPaths, managesPath, type Actor } from '../../lib/actor.ts';

export const canPlanIn = (actor: Actor, org: { path: string }) => managesPath(actor, org.path);

export const canManagePlan = (actor: Actor, plan: { org_path: string }) => managesPath(actor, plan.org_path);

export const canListPlans = (actor: Actor) => managedPaths(actor).length > 0;

/** Subtrees a list covers: the one asked for (if managed), or every managed subtree with nested ones folded in. */
export function listScope(actor: Actor, org: { path: string } | null): string[] | null {
  if (org) return managesPath(actor, org.path) ? [org.path] : null;
  const paths = [...new Set(managedPaths(actor))];
  return paths.filter((p) => !paths.some((other) => other !== p && p.startsWith(other)));
}
