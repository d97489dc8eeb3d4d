/**
 * Who may import and export people. Like the registry itself, only managers (committee officers
 * and secretaries) of a subtree, and only inside it; the three administrators (三员分立) and
 * members never. A dry run belongs to the person who uploaded it.
 */
import type { OrganizationRow, PersonRow } from '../../db/schema.ts';
import { managedPaths, managesPath, type Actor } from '../../lib/actor.ts';

/** Gate of the template, upload, commit and export endpoints. */
export const canUseImports = (actor: Actor) => managedPaths(actor).length > 0;

/** Importing a roster for an organisation (its rows go there or below). */
export const canImportInto = (actor: Actor, org: Pick<OrganizationRow, 'path'>) => managesPath(actor, org.path);

/**
 * A row whose ID number someone already holds updates that person only if the caller manages
 * them; anyone else's record is neither changed nor named.
 */
export const canUpdateByImport = (actor: Actor, person: Pick<PersonRow, 'org_path'>) => managesPath(actor, person.org_path);

/** Reading or committing a dry run: its uploader, while they still manage its organisation. */
export const canUseBatch = (actor: Actor, batch: { created_by: string; org_path: string }) => batch.created_by === actor.userId && managesPath(actor, batch.org_path);

export const canExportFrom = (actor: Actor, org: Pick<OrganizationRow, 'path'>) => managesPath(actor, org.path);
