/**
 * Who may see and change people's records. Only managers (committee officers and secretaries)
 * work on the registry, and only in the subtree of the organisation they were granted on. The
 * three administrators (三员分立) never see personal data, and a member sees only their own
 * profile, through /me/profile, never through /people.
 */
import type { OrganizationRow, PersonRow } from '../../db/schema.ts';
import { managedPaths, managesPath, type Actor } from '../../lib/actor.ts';

/** Gate of every /people endpoint: anyone who manages no subtree is refused outright. */
export const canUseRegistry = (actor: Actor) => managedPaths(actor).length > 0;

/** Listing an organisation's people (its subtree or itself only). */
export const canListPeopleOf = (actor: Actor, org: Pick<OrganizationRow, 'path'>) => managesPath(actor, org.path);

/** Seeing a person's masked record; callers outside the subtree are told the person does not exist. */
export const canViewPerson = (actor: Actor, person: Pick<PersonRow, 'org_path'>) => managesPath(actor, person.org_path);

/** The unmasked ID and phone numbers: managers of the person's subtree only (every view is audited). */
export const canViewPersonPii = (actor: Actor, person: Pick<PersonRow, 'org_path'>) => managesPath(actor, person.org_path);

export const canEditPerson = (actor: Actor, person: Pick<PersonRow, 'org_path'>) => managesPath(actor, person.org_path);

/** New records go into organisations the actor manages; whether the organisation is active is a rule, checked by the service. */
export const canCreatePersonIn = (actor: Actor, org: Pick<OrganizationRow, 'path'>) => managesPath(actor, org.path);

/**
 * Whether the holder of a duplicate ID number may be named to the caller: only when the caller
 * could see that person anyway. Anyone else learns only that the number is taken.
 */
export const canSeeHolder = (actor: Actor, holder: { org_path: string }) => managesPath(actor, holder.org_path);

/** The member's own profile: any account linked to a person record. */
export const ownPersonId = (actor: Actor): string | null => actor.personId;
