/**
 * Who should attend an activity (应到人员), derived from the organisation — never typed — when it is
 * planned and again when it is recorded:
 *
 * - member assembly, party lesson, theme party day, organisational life meeting, democratic review:
 *   the full and probationary members anywhere in the organisation's subtree (a branch's party
 *   groups included; a general branch's assembly is the assembly of all its branches' members);
 * - branch committee meeting: the organisation's own secretary and committee members;
 * - party-group meeting: the party group's own members;
 * - central-group study and democratic life meeting: the central group's members on the day —
 *   leading cadres who also attend their own branch's meetings (dual organisational life);
 * - a party lesson of a leading party group (党组, which has no members beneath it): its central
 *   group's members;
 * - heart-to-heart talk: the participants the secretary names.
 *
 * Only members whose status is 'normal' are expected. A member who lost contact (失联) cannot be
 * reached by a meeting notice, and counting them would make quorums impossible; a flowing-out
 * member (流出党员) takes part in the organisational life of the place they flowed to, so the home
 * branch does not expect them either. Both stay visible in the registry, where their status is
 * handled (flags for lost contact, transfer for flowing out). Elderly and infirm members stay
 * expected: they are members with a vote; make-up study and the ledger treat their exemption.
 *
 * Full members vote (`voting`); probationary members (预备党员) attend without a vote.
 */
import { localDateOf, type ActivityKind } from '@pioneer/domain';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import * as repo from './activities.repo.ts';

type Db = Kysely<DB> | Transaction<DB>;

export type ExpectedAttendee = { personId: string; voting: boolean };

/** What derivation reads of an activity (a row of `activities`, or one about to be inserted). */
export type DerivationSubject = {
  id: string;
  kind: string;
  org_id: string;
  org_path: string;
  central_group_id: string | null;
  held_on: string | null;
  planned_start: Date | string;
};

const SUBTREE_KINDS: ReadonlySet<ActivityKind> = new Set(['member_assembly', 'party_lesson', 'theme_party_day', 'org_life_meeting', 'democratic_review']);

const asExpected = (people: repo.Candidate[]): ExpectedAttendee[] => people.map((p) => ({ personId: p.id, voting: p.category === 'full' }));

/**
 * The people who should attend, with their vote. For a heart-to-heart talk the participants are
 * `participantIds` when given (planning, or a change of participants), else the talk's current
 * expected attendees: talks have no organisation rule to derive them from.
 */
export async function deriveExpectedAttendees(
  db: Db,
  activity: DerivationSubject,
  options: { timeZone: string; participantIds?: readonly string[] | undefined },
): Promise<ExpectedAttendee[]> {
  const kind = activity.kind as ActivityKind;
  // Membership of a central group is judged on the activity's own day: the day it was held, or
  // the local day of its planned start.
  const day = activity.held_on ?? localDateOf(new Date(activity.planned_start), options.timeZone);
  if (kind === 'heart_to_heart_talk') {
    if (options.participantIds) {
      const people = await repo.peopleByIds(db, [...options.participantIds]);
      return asExpected(people);
    }
    const current = await repo.attendeeRows(db, activity.id);
    const ids = current.filter((r) => r.role === 'expected').map((r) => r.person_id);
    return asExpected(await repo.peopleByIds(db, ids));
  }
  if (kind === 'committee_meeting') return asExpected(await repo.committeeMembers(db, activity.org_id));
  if (kind === 'party_group_meeting') return asExpected(await repo.orgMembers(db, activity.org_id));
  if (kind === 'central_group_study' || kind === 'democratic_life_meeting') {
    return activity.central_group_id ? asExpected(await repo.centralGroupMembers(db, activity.central_group_id, day)) : [];
  }
  if (SUBTREE_KINDS.has(kind)) {
    const [org] = await repo.orgsWithKind(db, [activity.org_id]);
    if (kind === 'party_lesson' && org?.kind === 'leading_party_group') {
      const group = await repo.centralGroupOfOrg(db, activity.org_id);
      return group ? asExpected(await repo.centralGroupMembers(db, group.id, day)) : [];
    }
    return asExpected(await repo.subtreeMembers(db, activity.org_path));
  }
  return [];
}

/**
 * Brings the expected attendees in line with a fresh derivation: newcomers are added as pending,
 * people no longer expected are removed unless their attendance was already marked (or they asked
 * for leave) — that record stays, it happened — and a changed vote (a probationary member
 * confirmed) is updated. Guests and auditors are never touched. Answers whether any row changed.
 */
export async function syncExpectedAttendees(trx: Transaction<DB>, activityId: string, derived: ExpectedAttendee[], now: Date): Promise<boolean> {
  const current = await repo.attendeeRows(trx, activityId);
  const byPerson = new Map(current.map((r) => [r.person_id, r]));
  const wanted = new Map(derived.map((d) => [d.personId, d]));
  const toAdd = derived.filter((d) => !byPerson.has(d.personId));
  const toRemove = current.filter((r) => r.role === 'expected' && !wanted.has(r.person_id) && r.status === 'pending').map((r) => r.person_id);
  const nowVoting: string[] = [];
  const noLongerVoting: string[] = [];
  for (const r of current) {
    const d = wanted.get(r.person_id);
    if (r.role !== 'expected' || !d || d.voting === r.voting) continue;
    (d.voting ? nowVoting : noLongerVoting).push(r.person_id);
  }
  await repo.insertAttendees(
    trx,
    activityId,
    toAdd.map((d) => ({ personId: d.personId, role: 'expected', voting: d.voting })),
    now,
  );
  await repo.deleteAttendees(trx, activityId, toRemove);
  await repo.setVoting(trx, activityId, nowVoting, true, now);
  await repo.setVoting(trx, activityId, noLongerVoting, false, now);
  return toAdd.length + toRemove.length + nowVoting.length + noLongerVoting.length > 0;
}
