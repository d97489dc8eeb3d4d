/**
 * Separation of the three administrators (三员分立): the system administrator manages accounts,
 * the security administrator manages role grants, the audit administrator only reads the audit
 * log. An account holding an administrator role holds nothing else, and nobody changes the
 * grants of their own account, so no single account can widen its own powers.
 */
import { adminRoles, hasRole, type Actor, type Role } from '../../lib/actor.ts';

export const isAdminRole = (role: Role): boolean => (adminRoles as readonly Role[]).includes(role);

/** Account administration (create, reset password, unlock, disable, enable). */
export const canManageAccounts = (actor: Actor) => hasRole(actor, 'system_admin');

/** The account list (no personal data in it): the system administrator, and the security administrator choosing whom to grant. */
export const canListAccounts = (actor: Actor) => hasRole(actor, 'system_admin') || hasRole(actor, 'security_admin');

/** Granting and revoking roles, and the list of grants. */
export const canManageGrants = (actor: Actor) => hasRole(actor, 'security_admin');

/** Nobody acts on their own grants, nor resets or disables their own account here. */
export const isSelf = (actor: Actor, userId: string) => actor.userId === userId;

/**
 * Whether an account already holding `existing` may also receive `role`: an administrator role
 * excludes every other role, in both directions.
 */
export function violatesSeparation(existing: Role[], role: Role): boolean {
  if (isAdminRole(role)) return existing.some((r) => r !== role);
  return existing.some(isAdminRole);
}
