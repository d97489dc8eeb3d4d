/**
 * Who sees compliance figures: the managers (committee officers and secretaries) of a subtree see
 * it and everything under it; members see only their own obligations elsewhere, never rates of
 * organisations; administrators see no business figures. Rule sets are the working committee's:
 * only a committee officer granted on the root may add one, and recompute a year.
 */
import type { Actor } from '../../lib/actor.ts';
import { managedPaths, managesPath } from '../../lib/actor.ts';

const isRootPath = (path: string) => path.split('/').filter(Boolean).length === 1;

export const canReadCompliance = (actor: Actor) => managedPaths(actor).length > 0;

export const canSeeCompliance = (actor: Actor, org: { path: string }) => managesPath(actor, org.path);

export const canEditRuleSets = (actor: Actor) => actor.grants.some((g) => g.role === 'committee_officer' && g.orgPath !== null && isRootPath(g.orgPath));

export const canRecompute = canEditRuleSets;
