/**
 * Who may import external hours: managers (committee officers and secretaries) of a subtree, for
 * the people of that subtree only; the three administrators (三员分立) and members never. A dry run
 * is committed by the person who uploaded it; every manager of the batch's organisation sees its
 * report and history and may reverse a committed batch (a committee officer correcting a branch's
 * mistaken import).
 */
import { managedPaths, managesPath, type Actor } from '../../lib/actor.ts';

/** Gate of every endpoint, before a file is parsed or a row read. */
export const canUseExternalHours = (actor: Actor) => managedPaths(actor).length > 0;

export const canImportInto = (actor: Actor, org: { path: string }) => managesPath(actor, org.path);

export const canSeeBatch = (actor: Actor, batch: { org_path: string }) => managesPath(actor, batch.org_path);

export const canCommitBatch = (actor: Actor, batch: { created_by: string; org_path: string }) => batch.created_by === actor.userId && managesPath(actor, batch.org_path);

export const canReverseBatch = (actor: Actor, batch: { org_path: string }) => managesPath(actor, batch.org_path);

/** A row's person: found by ID number, and only inside the batch's organisation and the caller's reach. */
export const canCreditPerson = (actor: Actor, batchOrgPath: string, person: { org_path: string }) => person.org_path.startsWith(batchOrgPath) && managesPath(actor, person.org_path);
