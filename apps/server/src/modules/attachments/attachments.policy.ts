/**
 * Who may do what with attachments. Managers (committee officers and secretaries) of an
 * organisation upload files for it, list and reuse its files and see which records use them. A
 * file is also readable by the people of a record that uses it — an attendee of the activity it is
 * linked to, say — which needs the database and lives in attachments.access.ts; this file holds
 * the decisions that need only the actor.
 */
import { managedPaths, managesPath, type Actor } from '../../lib/actor.ts';

export const canUploadTo = (actor: Actor, org: { path: string }) => managesPath(actor, org.path);

/** Managers of the file's organisation: they read it, reuse it and see its links. */
export const managesAttachment = (actor: Actor, attachment: { org_path: string }) => managesPath(actor, attachment.org_path);

/** Only managers browse files (to pick one for reuse); everyone else reaches a file through a record. */
export const canListAttachments = (actor: Actor) => managedPaths(actor).length > 0;

/** Subtrees a list covers: the one asked for (if managed), or every managed subtree with nested ones folded in. */
export function listScope(actor: Actor, org: { path: string } | null): string[] | null {
  if (org) return managesPath(actor, org.path) ? [org.path] : null;
  const paths = [...new Set(managedPaths(actor))];
  return paths.filter((p) => !paths.some((other) => other !== p && p.startsWith(other)));
}
