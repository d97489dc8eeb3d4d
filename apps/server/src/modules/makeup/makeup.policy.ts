/**
 * Who may see and do what with make-up study (补学). Managers (committee officers and
 * secretaries) see the assignments of their subtrees; an assignment belongs to the organisation of
 * the activity that was missed. Only the assignee reads, and completes, their own.
 */
import { managedPaths, managesPath, type Actor } from '../../lib/actor.ts';

/** Subtrees whose assignments a list shows: the one asked for, or every subtree the actor manages (nested ones folded in). */
export function listScope(actor: Actor, org: { path: string } | null): string[] | null {
  if (org) return managesPath(actor, org.path) ? [org.path] : null;
  const paths = [...new Set(managedPaths(actor))];
  return paths.filter((p) => !paths.some((other) => other !== p && p.startsWith(other)));
}

export const canListMakeup = (actor: Actor) => managedPaths(actor).length > 0;

export const isAssignee = (actor: Actor, assignment: { person_id: string }) => actor.personId !== null && actor.personId === assignment.person_id;
