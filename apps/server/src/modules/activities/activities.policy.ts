/**
 * Who may do what with activities. Managers (committee officers and secretaries) of the subtree
 * holding the activity's organisation plan, record, correct and cancel it and see everything about
 * it. A person who is an attendee of the activity (expected, guest or auditor) sees its record
 * in a limited view: the other attendees' leave reasons are theirs, not the meeting's. Anyone else —
 * administrators included, who see no business data — is told the activity does not exist.
 */
import { managedPaths, managesPath, type Actor } from '../../lib/actor.ts';

type Located = { org_path: string };

/** Managers of an organisation plan its activities. */
export const canPlanIn = (actor: Actor, org: { path: string }) => managesPath(actor, org.path);

export const canManageActivity = (actor: Actor, activity: Located) => managesPath(actor, activity.org_path);

/** Only managers list activities; members have their own obligations and history instead. */
export const canListActivities = (actor: Actor) => managedPaths(actor).length > 0;

export type ActivityViewMode = 'full' | 'attendee';

/**
 * How the actor sees an activity: 'full' for managers, 'attendee' for a person among its attendees,
 * null for anyone else. `attendeePersonIds` are the people recorded at the activity.
 */
export function activityViewMode(actor: Actor, activity: Located, attendeePersonIds: ReadonlySet<string>): ActivityViewMode | null {
  if (canManageActivity(actor, activity)) return 'full';
  if (actor.personId && attendeePersonIds.has(actor.personId)) return 'attendee';
  return null;
}

/** In the attendee's view a leave reason is shown to the person it belongs to only. */
export const canSeeLeaveReason = (actor: Actor, mode: ActivityViewMode, attendeePersonId: string) => mode === 'full' || actor.personId === attendeePersonId;

/** Subtrees a list covers: the one asked for (if managed), or every managed subtree with nested ones folded in. */
export function listScope(actor: Actor, org: { path: string } | null): string[] | null {
  if (org) return managesPath(actor, org.path) ? [org.path] : null;
  const paths = [...new Set(managedPaths(actor))];
  return paths.filter((p) => !paths.some((other) => other !== p && p.startsWith(other)));
}
