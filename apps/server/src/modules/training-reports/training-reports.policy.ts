/**
 * Who may export what: the ledger and statistics of a subtree are for its managers (committee
 * officers and secretaries); a member's annual study record for the member themself (through
 * /me) and the managers of the member's organisation. The three administrators see none of it.
 */
import { managesPath, type Actor } from '../../lib/actor.ts';

export const canExportSubtree = (actor: Actor, org: { path: string }) => managesPath(actor, org.path);

export const canReadRecordOf = (actor: Actor, person: { org_path: string }) => managesPath(actor, person.org_path);
