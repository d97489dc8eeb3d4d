/**
 * The study-hour ledger (学时台账): one row per credit, each naming its source (an attended
 * activity here; class sessions, courses, tests, external training and manual entries when the
 * training issue adds them). The table is append-only, so the ledger is made to match the record
 * by adding rows: a credit that no longer stands is reversed by a row with the opposite hours, and
 * changed hours are a reversal plus a new credit. Every figure can be traced back to its rows.
 */
import {
  activityKindLabels,
  creditWithinDailyCap,
  studyCreditSourceTypes,
  type ActivityKind,
  type StudyCreditSourceType,
  type StudyHoursView,
} from '@pioneer/domain';
import type { Transaction } from 'kysely';
import type { ServerContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { todayIn } from '../../lib/time.ts';
import * as policy from './ledger.policy.ts';
import * as repo from './ledger.repo.ts';

export type CreditSyncResult = { credited: number; reversed: number };

/** Rows that stand: credits not reversed by another row (reversals themselves are left out). */
export function standingCredits<T extends { id: string; reverses_id: string | null }>(rows: readonly T[]): T[] {
  const reversed = new Set(rows.map((r) => r.reverses_id).filter((id): id is string => id !== null));
  return rows.filter((r) => r.reverses_id === null && !reversed.has(r.id));
}

/** "2026-07-01 支部党员大会：学习贯彻……" — what the member sees in their ledger. */
export const activityCreditDescription = (heldOn: string, kind: string, topic: string) =>
  `${heldOn} ${activityKindLabels[kind as ActivityKind]?.['zh-CN'] ?? kind}：${topic}`;

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Makes the ledger match an activity's record: when the activity is held and earns credit
 * (`credit_hours` > 0), every attendee marked present — expected, guest or auditor, all people of
 * the deployment — has exactly one standing credit for it, dated the local day it was held (so a
 * meeting on 31 December at 23:30 Beijing time counts in that year) and booked to the person's
 * organisation at the time of crediting; anyone else has none. Changed hours or a changed day are a
 * reversal and a new credit. Calling it again changes nothing.
 *
 * A person's credits from all sources are capped at 8 a day (creditWithinDailyCap): a second
 * activity on the same day earns what is left of the day. The cap is applied when a credit is
 * made; reversing the first activity later does not raise the second (until it is synced again).
 *
 * Call it inside the transaction of the attendance or record write, which holds a lock on the
 * activity row (FOR SHARE at least), so the record cannot change while the ledger is matched to it.
 */
export async function syncActivityCredits(trx: Transaction<DB>, ctx: Pick<ServerContext, 'now'>, options: { activityId: string; actorUserId: string | null }): Promise<CreditSyncResult> {
  const activity = await repo.findActivityForCredit(trx, options.activityId);
  if (!activity) return { credited: 0, reversed: 0 };
  const hours = Number(activity.credit_hours ?? 0);
  const day = activity.status === 'held' && activity.held_on && hours > 0 ? activity.held_on : null;
  // A planned activity earns nothing yet: one indexed look-up for credits to reverse (normally
  // none), without reading its attendees — this runs on every QR sign-in.
  const { present, credits } = day ? await repo.presentAndCredits(trx, activity.id) : { present: [], credits: await repo.creditsOfActivity(trx, activity.id) };

  const standing = new Map<string, repo.CreditRow[]>();
  for (const c of standingCredits(credits)) standing.set(c.person_id, [...(standing.get(c.person_id) ?? []), c]);
  const wanted = new Map(day ? present.map((p) => [p.person_id, p]) : []);
  if (wanted.size === 0 && standing.size === 0) return { credited: 0, reversed: 0 };

  const creditedElsewhere = day ? await repo.dayTotalsExcept(trx, { personIds: [...wanted.keys()], day, sourceType: 'activity', sourceId: activity.id }) : new Map<string, number>();
  const now = ctx.now();
  const rows: repo.NewCredit[] = [];
  let credited = 0;
  let reversed = 0;
  for (const personId of new Set([...wanted.keys(), ...standing.keys()])) {
    const who = wanted.get(personId);
    const target = who && day ? creditWithinDailyCap({ creditedThatDay: creditedElsewhere.get(personId) ?? 0, credit: hours }) : 0;
    const have = standing.get(personId) ?? [];
    if (target > 0 && have.length === 1 && have[0]!.hours === target && have[0]!.credited_on === day) continue;
    if (target === 0 && have.length === 0) continue;
    for (const old of have) {
      // Same person, organisation, year and day as the credit it cancels, so every total nets to zero.
      rows.push({
        id: newId(),
        personId,
        orgId: old.org_id,
        orgPath: old.org_path,
        year: old.year,
        creditedOn: old.credited_on,
        hours: -old.hours,
        sourceType: 'activity',
        sourceId: activity.id,
        description: `冲销：${old.description}`,
        reversesId: old.id,
        createdBy: options.actorUserId,
        createdAt: now,
      });
      reversed += 1;
    }
    if (target > 0 && who && day) {
      rows.push({
        id: newId(),
        personId,
        orgId: who.org_id,
        orgPath: who.org_path,
        year: Number(day.slice(0, 4)),
        creditedOn: day,
        hours: target,
        sourceType: 'activity',
        sourceId: activity.id,
        description: activityCreditDescription(day, activity.kind, activity.topic),
        reversesId: null,
        createdBy: options.actorUserId,
        createdAt: now,
      });
      credited += 1;
    }
  }
  await repo.insertCredits(trx, rows);
  return { credited, reversed };
}

async function yearView(ctx: ServerContext, person: { id: string; name: string }, year: number): Promise<StudyHoursView> {
  const rows = await repo.listPersonYear(ctx.db, person.id, year);
  const entries = standingCredits(rows).map((r) => ({
    id: r.id,
    creditedOn: r.credited_on,
    hours: Number(r.hours),
    description: r.description,
    sourceType: r.source_type as StudyCreditSourceType,
    sourceId: r.source_id,
    orgId: r.org_id,
    orgName: r.org_name,
  }));
  const bySourceType = studyCreditSourceTypes.map((sourceType) => ({
    sourceType,
    hours: round1(entries.filter((e) => e.sourceType === sourceType).reduce((sum, e) => sum + e.hours, 0)),
  }));
  return { personId: person.id, personName: person.name, year, total: round1(entries.reduce((sum, e) => sum + e.hours, 0)), bySourceType, entries };
}

const currentYear = (ctx: ServerContext) => Number(todayIn(ctx).slice(0, 4));

export async function getMyStudyHours(ctx: ServerContext, options: { actor: Actor; year?: number | undefined }): Promise<StudyHoursView> {
  const person = options.actor.personId ? await repo.findPerson(ctx.db, options.actor.personId) : undefined;
  if (!person) throw new AppError('PROFILE_NOT_LINKED');
  return yearView(ctx, person, options.year ?? currentYear(ctx));
}

export async function getPersonStudyHours(ctx: ServerContext, options: { actor: Actor; personId: string; year?: number | undefined }): Promise<StudyHoursView> {
  const person = await repo.findPerson(ctx.db, options.personId);
  if (!person || !policy.canViewStudyHours(options.actor, person)) throw new AppError('PERSON_NOT_FOUND');
  return yearView(ctx, person, options.year ?? currentYear(ctx));
}
