/**
 * Accounts and sessions: login by username or phone, lockout after repeated failures, the
 * password policy with a forced change at first login, logout, and the first start's
 * administrator accounts.
 */
import crypto from 'node:crypto';
import { checkPassword, checkPhone, generatePassword } from '@pioneer/domain';
import type { ServerContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../lib/passwords.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import * as repo from './auth.repo.ts';
import { createSession, deleteSession } from './session.ts';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

export async function login(
  ctx: ServerContext,
  options: { login: string; password: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string; userId: string }> {
  const phone = checkPhone(options.login);
  const user = phone.ok
    ? await repo.findUserForLogin(ctx.db, { phoneHash: ctx.pii.hash('phone', phone.value) })
    : await repo.findUserForLogin(ctx.db, { username: options.login });
  const now = ctx.now();
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), options.password);
    await recordAudit(ctx.db, { actor: null, action: 'login.failed', entityType: 'user', ip: options.ip, detail: { login: options.login, reason: 'unknown' } });
    throw new AppError('LOGIN_FAILED', { remaining: MAX_FAILED_ATTEMPTS });
  }
  const actorRef = { userId: user.id, displayName: user.display_name };
  if (!user.active) throw new AppError('ACCOUNT_DISABLED');
  if (user.locked_until && user.locked_until > now) {
    await recordAudit(ctx.db, { actor: actorRef, action: 'login.locked', entityType: 'user', entityId: user.id, ip: options.ip });
    throw new AppError('ACCOUNT_LOCKED', { until: formatLocalTime(user.locked_until, ctx.config.timeZone) });
  }
  if (!(await verifyPassword(user.password_hash, options.password))) {
    // A lock that has run out starts a fresh count.
    const previous = user.locked_until && user.locked_until <= now ? 0 : user.failed_attempts;
    const attempts = previous + 1;
    const locked = attempts >= MAX_FAILED_ATTEMPTS ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
    await repo.recordFailedLogin(ctx.db, user.id, locked, locked ? 0 : attempts, now);
    await recordAudit(ctx.db, { actor: actorRef, action: locked ? 'login.lockout' : 'login.failed', entityType: 'user', entityId: user.id, ip: options.ip, detail: { attempts } });
    if (locked) throw new AppError('ACCOUNT_LOCKED', { until: formatLocalTime(locked, ctx.config.timeZone) });
    throw new AppError('LOGIN_FAILED', { remaining: MAX_FAILED_ATTEMPTS - attempts });
  }
  await repo.recordSuccessfulLogin(ctx.db, user.id, now);
  const session = await createSession(ctx, { userId: user.id, ip: options.ip, userAgent: options.userAgent });
  await recordAudit(ctx.db, { actor: actorRef, action: 'login.succeeded', entityType: 'user', entityId: user.id, ip: options.ip });
  return { ...session, userId: user.id };
}

export async function logout(ctx: ServerContext, options: { actor: Actor; ip: string | null }): Promise<void> {
  await deleteSession(ctx, options.actor.sessionId);
  await recordAudit(ctx.db, { actor: options.actor, action: 'logout', entityType: 'user', entityId: options.actor.userId, ip: options.ip });
}

export async function changePassword(
  ctx: ServerContext,
  options: { actor: Actor; currentPassword: string; newPassword: string; ip: string | null },
): Promise<void> {
  const user = await repo.findUserById(ctx.db, options.actor.userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  if (!(await verifyPassword(user.password_hash, options.currentPassword))) throw new AppError('PASSWORD_CURRENT_WRONG');
  if (options.currentPassword === options.newPassword) throw new AppError('PASSWORD_UNCHANGED');
  assertPasswordPolicy(options.newPassword, user.username);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setPassword(trx, user.id, await hashPassword(options.newPassword), false, now);
    // Other sessions of this account end; the current one stays.
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).where('id', '!=', options.actor.sessionId).execute();
    await recordAudit(trx, { actor: options.actor, action: 'password.changed', entityType: 'user', entityId: user.id, ip: options.ip });
  });
}

export function assertPasswordPolicy(password: string, username: string): void {
  const problems = checkPassword(password, username);
  if (problems.length > 0) throw new AppError('PASSWORD_POLICY', {}, problems.map((code) => ({ path: 'newPassword', code, message: code })));
}

export const bootstrapAccounts = [
  { username: 'admin', displayName: '系统管理员', role: 'system_admin' },
  { username: 'secadmin', displayName: '安全管理员', role: 'security_admin' },
  { username: 'auditadmin', displayName: '审计管理员', role: 'audit_admin' },
] as const;

/**
 * On the first start the three administrator accounts (三员) are created. `admin` gets
 * ADMIN_PASSWORD or a random password; the other two get random ones. Random passwords are
 * returned so main.ts prints them once; every account must change its password at first login.
 */
export async function ensureBootstrapAccounts(ctx: ServerContext): Promise<Array<{ username: string; password: string }>> {
  const printed: Array<{ username: string; password: string }> = [];
  for (const account of bootstrapAccounts) {
    const exists = await ctx.db.selectFrom('users').select('id').where('username', '=', account.username).executeTakeFirst();
    if (exists) continue;
    const fromConfig = account.username === 'admin' ? ctx.config.adminPassword : undefined;
    const password = fromConfig ?? generatePassword((n) => crypto.randomBytes(n));
    const id = newId();
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('users')
        .values({ id, username: account.username, display_name: account.displayName, password_hash: await hashPassword(password), must_change_password: true })
        .onConflict((oc) => oc.column('username').doNothing())
        .execute();
      await trx.insertInto('role_grants').values({ id: newId(), user_id: id, role: account.role, org_id: null }).execute();
      await recordAudit(trx, { actor: null, action: 'user.bootstrap', entityType: 'user', entityId: id, after: { username: account.username, role: account.role } });
    });
    if (!fromConfig) printed.push({ username: account.username, password });
  }
  return printed;
}

export function formatLocalTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })
    .format(instant)
    .replace(/\//g, '-');
}
