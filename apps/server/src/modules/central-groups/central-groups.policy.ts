/**
 * Who does what with a central study group. Managers (committee officers and secretaries whose
 * subtree holds the group's organisation) run it; its current members may read it; the annual
 * plan is approved by the group's leader (the account linked to the leader's person) or a
 * secretary managing the organisation — the working committee does not approve it. The working
 * committee (committee officers) acknowledges reports, assigns auditors and sees their overview.
 */
import type { Actor } from '../../lib/actor.ts';
import { managesPath } from '../../lib/actor.ts';

export const managesGroup = (actor: Actor, group: { org_path: string }) => managesPath(actor, group.org_path);

export const isCommitteeOfficerOver = (actor: Actor, path: string) =>
  actor.grants.some((g) => g.role === 'committee_officer' && g.orgPath !== null && path.startsWith(g.orgPath));

const isSecretaryOver = (actor: Actor, path: string) => actor.grants.some((g) => g.role === 'secretary' && g.orgPath !== null && path.startsWith(g.orgPath));

export const canReadGroup = (actor: Actor, group: { org_path: string }, memberIds: readonly string[]) =>
  managesGroup(actor, group) || (actor.personId !== null && memberIds.includes(actor.personId));

export const canDecidePlan = (actor: Actor, group: { org_path: string }, leaderId: string | null) =>
  isSecretaryOver(actor, group.org_path) || (actor.personId !== null && actor.personId === leaderId);
