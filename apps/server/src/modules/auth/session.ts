/**
 * Server-side sessions. The cookie holds a random token; the database holds only its SHA-256, so
 * a copy of the sessions table cannot be replayed. A session ends after the idle timeout or the
 * absolute lifetime, whichever comes first.
 */
import crypto from 'node:crypto';
import type { ServerContext } from '../../context.ts';
import type { Actor } from '../../lib/actor.ts';
import { loadGrants } from './auth.repo.ts';

export const SESSION_COOKIE = 'pioneer_session';
/** last_seen_at is written at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

export async function createSession(
  ctx: ServerContext,
  options: { userId: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const now = ctx.now();
  await ctx.db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: options.userId,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + ctx.config.session.absoluteHours * 3_600_000),
      ip: options.ip,
      user_agent: options.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken };
}

export async function loadSession(ctx: ServerContext, token: string): Promise<{ actor: Actor; csrfToken: string } | null> {
  const id = hashToken(token);
  const row = await ctx.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id as user_id',
      'users.username',
      'users.display_name',
      'users.person_id',
      'users.must_change_password',
      'users.active',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const now = ctx.now();
  const idleLimit = row.last_seen_at.getTime() + ctx.config.session.idleMinutes * 60_000;
  if (!row.active || now.getTime() > idleLimit || now >= row.expires_at) {
    await ctx.db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await ctx.db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }
  return {
    csrfToken: row.csrf_token,
    actor: {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      personId: row.person_id,
      sessionId: id,
      mustChangePassword: row.must_change_password,
      grants: await loadGrants(ctx.db, row.user_id),
    },
  };
}

export async function deleteSession(ctx: ServerContext, sessionId: string): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}
