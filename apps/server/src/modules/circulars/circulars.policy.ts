/**
 * Who may do what with circulars (通报).
 *
 * A circular is the working committee's formal document to the organisations it oversees
 * (domain.md §1 and §8: committee officers issue circulars, secretaries answer them). So only a
 * committee officer who manages the organisation generates one, and publishes it. Secretaries do
 * not generate, not even for their own subtree: a branch would be grading itself in a document
 * that reads as the committee's, and unofficial versions would circulate. Secretaries read the
 * published circulars that concern them — those of any organisation whose subtree overlaps theirs
 * (an ancestor's circular names their branch; one of a sub-organisation is theirs to act on).
 * Drafts (unpublished versions) stay with the officers. Administrators and members see none.
 */
import { hasRole, type Actor } from '../../lib/actor.ts';

const grantPaths = (actor: Actor, role: 'committee_officer' | 'secretary') =>
  actor.grants.filter((g) => g.role === role && g.orgPath).map((g) => g.orgPath as string);

export const officerPaths = (actor: Actor) => grantPaths(actor, 'committee_officer');
export const secretaryPaths = (actor: Actor) => grantPaths(actor, 'secretary');

/** Committee officer whose subtree holds the organisation. */
export const canGenerateFor = (actor: Actor, org: { path: string }) => officerPaths(actor).some((p) => org.path.startsWith(p));

export const canPublish = (actor: Actor, circular: { org_path: string }) => canGenerateFor(actor, { path: circular.org_path });

const overlaps = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

/** Whether the actor may see circulars of this organisation at all (drafts or published ones). */
export const canSeeCircularsOf = (actor: Actor, org: { path: string }) => canGenerateFor(actor, org) || secretaryPaths(actor).some((p) => overlaps(p, org.path));

export function canViewCircular(actor: Actor, circular: { org_path: string; published_at: Date | null }): boolean {
  if (canGenerateFor(actor, { path: circular.org_path })) return true;
  return circular.published_at !== null && secretaryPaths(actor).some((p) => overlaps(p, circular.org_path));
}

/** Only managers read circulars. */
export const readsCirculars = (actor: Actor) => hasRole(actor, 'committee_officer') || hasRole(actor, 'secretary');
