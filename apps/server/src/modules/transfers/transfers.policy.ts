/**
 * Who may act on a transfer letter. The sending side is whoever manages (committee officer or
 * secretary) a subtree holding the sending organisation; the receiving side likewise for the
 * receiving organisation. Administrators and members take no part: the letters name members.
 */
import { managedPaths, managesPath, type Actor } from '../../lib/actor.ts';

type LetterPaths = { from_org_path: string; to_org_path: string };

/** Only managers of some part of the tree handle letters at all. */
export const canHandleTransfers = (actor: Actor) => managedPaths(actor).length > 0;

/** A letter is issued by a manager of the person's current organisation. */
export const canIssueFor = (actor: Actor, person: { org_path: string }) => managesPath(actor, person.org_path);

export const isSender = (actor: Actor, letter: LetterPaths) => managesPath(actor, letter.from_org_path);

export const isReceiver = (actor: Actor, letter: LetterPaths) => managesPath(actor, letter.to_org_path);

/** Both sides see the letter; anyone else is told it does not exist. */
export const canViewTransfer = (actor: Actor, letter: LetterPaths) => isSender(actor, letter) || isReceiver(actor, letter);

export const canAccept = isReceiver;
export const canReturn = isReceiver;
export const canCancel = isSender;

/** Subtrees whose letters a list shows: the one asked for, or every subtree the actor manages (nested ones folded in). */
export function listScope(actor: Actor, org: { path: string } | null): string[] | null {
  if (org) return managesPath(actor, org.path) ? [org.path] : null;
  const paths = [...new Set(managedPaths(actor))];
  return paths.filter((p) => !paths.some((other) => other !== p && p.startsWith(other)));
}
