/**
 * Who may read a person's study hours (学时): the person themselves (through /me) and the managers
 * (committee officers and secretaries) of the subtree holding the person's organisation now.
 * Administrators see no one's hours: they are personal records.
 */
import { managesPath, type Actor } from '../../lib/actor.ts';

export const canViewStudyHours = (actor: Actor, person: { org_path: string }) => managesPath(actor, person.org_path);
