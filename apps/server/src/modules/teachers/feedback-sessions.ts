/**
 * Where feedback sessions come from. Feedback is left on a session a lecturer of the pool taught:
 * a party lesson (an activity of organisational life, registered here) or a training-class session
 * (the classes module registers its own source at load time, so this module never reads that
 * module's tables):
 *
 *   registerFeedbackSessionSource('class_session', {
 *     find: (db, sessionId, personId, now) => …,  // lecturer, title, day, held?, was the person present?
 *     titles: (db, sessionIds) => …,              // title and day of sessions, for the lecturer's list
 *     attended: (db, personId, now) => …,         // held sessions with a pool lecturer the person attended
 *   });
 *
 * `now` is the server's clock (ctx.now()), for sources whose "held" is a matter of time (a class
 * session is held once it has ended).
 *
 * Until a source is registered for a type, feedback on it is refused as "session not found".
 */
import type { FeedbackSessionType } from '@pioneer/domain';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import * as repo from './teachers.repo.ts';

type Db = Kysely<DB> | Transaction<DB>;

export type FeedbackSession = {
  /** The lecturer of the pool who taught it; null when the speaker was not from the pool. */
  lecturerId: string | null;
  title: string;
  heldOn: string | null;
  held: boolean;
  /** Whether the person asking was present. */
  attended: boolean;
};

export type AttendedSession = { sessionId: string; title: string; heldOn: string | null; lecturerId: string; lecturerName: string };

export type FeedbackSessionSource = {
  find: (db: Db, sessionId: string, personId: string, now: Date) => Promise<FeedbackSession | null>;
  titles: (db: Db, sessionIds: readonly string[]) => Promise<Map<string, { title: string; heldOn: string | null }>>;
  attended: (db: Db, personId: string, now: Date) => Promise<AttendedSession[]>;
};

const sources = new Map<FeedbackSessionType, FeedbackSessionSource>();

export function registerFeedbackSessionSource(type: FeedbackSessionType, source: FeedbackSessionSource): void {
  sources.set(type, source);
}

export const feedbackSessionSource = (type: FeedbackSessionType): FeedbackSessionSource | undefined => sources.get(type);
export const feedbackSessionSources = (): Array<[FeedbackSessionType, FeedbackSessionSource]> => [...sources.entries()];

/** Party lessons: the activity's lecturer, held status, and the person's attendance row. */
registerFeedbackSessionSource('party_lesson', {
  find: async (db, sessionId, personId) => {
    const a = await repo.partyLessonForFeedback(db, sessionId, personId);
    if (!a || a.kind !== 'party_lesson') return null;
    return { lecturerId: a.lecturer_id, title: a.topic, heldOn: a.held_on, held: a.status === 'held', attended: a.attendance === 'present' };
  },
  titles: (db, ids) => repo.partyLessonTitles(db, ids),
  attended: async (db, personId) =>
    (await repo.partyLessonsAttended(db, personId)).map((a) => ({ sessionId: a.id, title: a.topic, heldOn: a.held_on, lecturerId: a.lecturer_id, lecturerName: a.lecturer_name })),
});
