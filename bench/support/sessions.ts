/**
 * Accounts and sessions for benchmarks, without logging in. A login spends its time in argon2id
 * (~19 MiB, 2 passes: tens of milliseconds of CPU per account), which is not what the benchmarks
 * measure, so every account shares one real hash and its session is written the way
 * auth/session.ts's createSession writes one after a successful login: the cookie's random token,
 * only its SHA-256 in the table, a CSRF token, and the configured absolute lifetime. The server
 * then loads these sessions exactly as it loads a browser's.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { ServerContext } from '../../apps/server/src/context.ts';
import { newId } from '../../apps/server/src/lib/ids.ts';
import type { BusinessRole } from '../../apps/server/src/lib/actor.ts';
import { hashPassword } from '../../apps/server/src/lib/passwords.ts';
import { createSession, hashToken, SESSION_COOKIE } from '../../apps/server/src/modules/auth/session.ts';

export const BENCH_PASSWORD = 'Bench#Org2026life';

export type BenchSession = { userId: string; cookie: string; csrf: string };

/** One account with a role on an organisation and a session made by the auth module's createSession. */
export async function accountWithSession(ctx: ServerContext, options: { username: string; role: BusinessRole; orgId: string; personId?: string | null }): Promise<BenchSession> {
  const userId = newId();
  await ctx.db
    .insertInto('users')
    .values({ id: userId, username: options.username, display_name: options.username, password_hash: await hashPassword(BENCH_PASSWORD), must_change_password: false, person_id: options.personId ?? null })
    .execute();
  await ctx.db.insertInto('role_grants').values({ id: newId(), user_id: userId, role: options.role, org_id: options.orgId }).execute();
  const session = await createSession(ctx, { userId, ip: '127.0.0.1', userAgent: 'pioneer-bench' });
  return { userId, cookie: `${SESSION_COOKIE}=${session.token}`, csrf: session.csrfToken };
}

/**
 * Member accounts for people (users.person_id, a `member` grant on their organisation, like the
 * demo's member accounts) and one session each, in three set-based inserts.
 */
export async function memberAccountsWithSessions(ctx: ServerContext, people: Array<{ personId: string; orgId: string }>): Promise<BenchSession[]> {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const now = ctx.now();
  const expires = new Date(now.getTime() + ctx.config.session.absoluteHours * 3_600_000);
  const rows = people.map((p, i) => ({
    ...p,
    userId: newId(),
    username: `bench_member_${i + 1}`,
    token: crypto.randomBytes(32).toString('base64url'),
    csrf: crypto.randomBytes(24).toString('base64url'),
  }));
  await sql`
    insert into users (id, username, display_name, person_id, password_hash, must_change_password)
    select u.id, u.username, u.username, u.person_id, ${passwordHash}, false
    from unnest(${rows.map((r) => r.userId)}::uuid[], ${rows.map((r) => r.username)}::text[], ${rows.map((r) => r.personId)}::uuid[]) as u(id, username, person_id)`.execute(ctx.db);
  await sql`
    insert into role_grants (id, user_id, role, org_id)
    select g.id, g.user_id, 'member', g.org_id
    from unnest(${rows.map(() => newId())}::uuid[], ${rows.map((r) => r.userId)}::uuid[], ${rows.map((r) => r.orgId)}::uuid[]) as g(id, user_id, org_id)`.execute(ctx.db);
  await sql`
    insert into sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)
    select s.id, s.user_id, s.csrf_token, ${now}, ${now}, ${expires}, '127.0.0.1', 'pioneer-bench'
    from unnest(${rows.map((r) => hashToken(r.token))}::text[], ${rows.map((r) => r.userId)}::uuid[], ${rows.map((r) => r.csrf)}::text[]) as s(id, user_id, csrf_token)`.execute(ctx.db);
  return rows.map((r) => ({ userId: r.userId, cookie: `${SESSION_COOKIE}=${r.token}`, csrf: r.csrf }));
}
