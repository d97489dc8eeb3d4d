/**
 * Who does what with the teacher pool (see the contract's header in packages/domain/src/api/teachers.ts).
 * The pool is county-wide: working-committee officers keep it; every business role reads it;
 * secretaries propose lecturers and request them for the organisations they manage; a lecturer
 * answers their own requests through the account linked to them.
 */
import type { Actor } from '../../lib/actor.ts';
import { hasRole, managedPaths, managesPath } from '../../lib/actor.ts';

/** A working-committee officer (committee_officer grant): keeps the pool and reads its feedback. */
export const keepsPool = (actor: Actor) => hasRole(actor, 'committee_officer');

/** Every business role reads the pool; the three administrators see no business data. */
export const readsPool = (actor: Actor) => hasRole(actor, 'committee_officer') || hasRole(actor, 'secretary') || hasRole(actor, 'member');

/** A secretary (or officer) may propose a lecturer from an organisation they manage. */
export const mayProposeFrom = (actor: Actor, orgPath: string) => managesPath(actor, orgPath);

/**
 * Proposals and rejected proposals are seen by officers and the managers of the proposing
 * organisation; everything else in the pool by every reader.
 */
export function seesLecturer(actor: Actor, lecturer: { status: string; proposed_by_org_path: string | null }): boolean {
  if (!readsPool(actor)) return false;
  if (lecturer.status === 'active' || lecturer.status === 'retired') return true;
  if (keepsPool(actor)) return true;
  return lecturer.proposed_by_org_path !== null && managesPath(actor, lecturer.proposed_by_org_path);
}

/** The paths whose proposals the actor sees in searches (null = all of them). */
export const proposalPaths = (actor: Actor): string[] | null => (keepsPool(actor) ? null : managedPaths(actor));

/** Requests are made and withdrawn by the managers of the requesting organisation. */
export const managesRequestsOf = (actor: Actor, orgPath: string) => managesPath(actor, orgPath);

/** A party lesson's speaker is chosen by the managers of the activity's organisation. */
export const choosesSpeakerOf = (actor: Actor, activity: { org_path: string }) => managesPath(actor, activity.org_path);
