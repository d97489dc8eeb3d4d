/**
 * The authenticated caller of a request. Business roles are granted on an organisation and reach
 * its whole subtree, so each grant carries that organisation's materialised path.
 */
export const adminRoles = ['system_admin', 'security_admin', 'audit_admin'] as const;
export const businessRoles = ['committee_officer', 'secretary', 'member'] as const;
export type AdminRole = (typeof adminRoles)[number];
export type BusinessRole = (typeof businessRoles)[number];
export type Role = AdminRole | BusinessRole;

export type Grant = { role: Role; orgId: string | null; orgPath: string | null };

export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  personId: string | null;
  sessionId: string;
  mustChangePassword: boolean;
  grants: Grant[];
};

export const hasRole = (actor: Actor, role: Role): boolean => actor.grants.some((g) => g.role === role);

/** Paths of the subtrees the actor manages (committee officer or secretary grants). */
export function managedPaths(actor: Actor): string[] {
  return actor.grants
    .filter((g) => (g.role === 'committee_officer' || g.role === 'secretary') && g.orgPath)
    .map((g) => g.orgPath as string);
}

export const managesPath = (actor: Actor, path: string): boolean =>
  managedPaths(actor).some((p) => path.startsWith(p));
