/**
 * Who may see and do what in training needs: the managers (committee officers and secretaries) of
 * the subtree holding a person or organisation read progress, coverage, lists and records and
 * decide manual entries; a member sees only their own progress and requests; the three
 * administrators see none of it. The training rule sets are the working committee's (an officer
 * granted on the root), like the compliance rule sets.
 */
import { managesPath, type Actor } from '../../lib/actor.ts';
import { canEditRuleSets } from '../compliance/compliance.policy.ts';

export const canManagePerson = (actor: Actor, person: { org_path: string }) => managesPath(actor, person.org_path);
export const canSeeOrg = (actor: Actor, org: { path: string }) => managesPath(actor, org.path);
export const canEditTrainingRuleSets = canEditRuleSets;
/** Anyone with a business role reads which requirements are in force (they are published rules). */
export const canReadTrainingRuleSets = (actor: Actor) => actor.grants.some((g) => g.role === 'committee_officer' || g.role === 'secretary' || g.role === 'member');
