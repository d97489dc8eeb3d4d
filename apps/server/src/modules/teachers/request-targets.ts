/**
 * What a request for a lecturer may be linked to besides a party lesson (which this module keeps
 * itself): a training-class session, registered by the classes module at load time, so this
 * module never reads or writes that module's tables.
 *
 *   registerRequestTarget('class_session', {
 *     linkable: (db, sessionId, org) => …,   // may this organisation's request name this session?
 *     accepted: (trx, accepted) => …,        // the lecturer accepted: make them the session's lecturer
 *   });
 *
 * Until a target is registered, a request naming such a session is refused as not linkable.
 */
import type { Transaction, Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../lib/actor.ts';

type Db = Kysely<DB> | Transaction<DB>;

export type AcceptedRequest = {
  requestId: string;
  sessionId: string;
  lecturer: { id: string; name: string };
  /** The course the request named (already checked to be the lecturer's), or null. */
  courseId: string | null;
  /** The lecturer answering: the audit entry of the change is theirs. */
  actor: Actor;
  ip: string | null;
  now: Date;
};

export type RequestTarget = {
  /** Whether a request of this organisation may name the session (it exists and the organisation runs it). */
  linkable: (db: Db, sessionId: string, org: { id: string; path: string }) => Promise<boolean>;
  /** Called in the acceptance's transaction; a session that can no longer change is left as it is. */
  accepted: (trx: Transaction<DB>, request: AcceptedRequest) => Promise<void>;
};

const targets = new Map<'class_session', RequestTarget>();

export function registerRequestTarget(type: 'class_session', target: RequestTarget): void {
  targets.set(type, target);
}

export const requestTarget = (type: 'class_session'): RequestTarget | undefined => targets.get(type);
