/**
 * Who may do what with attendance. Managers (committee officers and secretaries) of the subtree
 * holding the activity's organisation mark attendance and open or close sign-in. Signing in and
 * asking for leave are a person's own acts: the account must be linked to a person, and that
 * person must be an attendee of the activity. Administrators have no person and take no part.
 */
import { managesPath, type Actor } from '../../lib/actor.ts';

export const canManageAttendance = (actor: Actor, activity: { org_path: string }) => managesPath(actor, activity.org_path);

/** The person the caller acts as when signing in or asking for leave; null when the account has none. */
export const ownPersonId = (actor: Actor): string | null => actor.personId;
