/**
 * Who may do what with training classes. The organisers are the managers (committee officers and
 * secretaries) of the organising organisation's subtree: they edit the class, its sessions, approve
 * self-enrolments, keep the roster, open QR sign-in and complete it. A unit below the organiser (a
 * manager whose subtree lies inside the organiser's) sees the class and nominates its own people.
 * Members act for themselves only: self-enrolment (when the class takes it), leave, QR sign-in.
 */
import { managedPaths, managesPath, type Actor } from '../../lib/actor.ts';

type ClassScope = { org_path: string };

export const canManageClass = (actor: Actor, cls: ClassScope) => managesPath(actor, cls.org_path);

export const canSeeClass = (actor: Actor, cls: ClassScope) => canManageClass(actor, cls) || managedPaths(actor).some((p) => p.startsWith(cls.org_path));

/** A nominee must be under the organiser and in a subtree the nominating manager holds. */
export const canNominate = (actor: Actor, cls: ClassScope, person: { org_path: string }) => canSeeClass(actor, cls) && person.org_path.startsWith(cls.org_path) && managesPath(actor, person.org_path);

/** A person may see (and ask to join) classes organised by their own organisation or one above it. */
export const classReachesPerson = (cls: ClassScope, person: { org_path: string }) => person.org_path.startsWith(cls.org_path);

/** The person the caller acts as; null for accounts without a member record. */
export const ownPersonId = (actor: Actor): string | null => actor.personId;
