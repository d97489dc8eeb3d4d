import { expect, it } from 'vitest';
import { client, describeEachDatabase, loginClient } from '../../test/harness.ts';
import { makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { ensureBootstrapAccounts } from './auth.service.ts';

describeEachDatabase('auth', (env) => {
  it('logs in by username and returns the account with a CSRF token', async () => {
    const user = await makeUser(env().ctx);
    const c = client(env().app);
    const res = await c.post('/api/v1/auth/login', { login: user.username, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: user.username, mustChangePassword: false });
    expect(res.json().csrfToken).toBeTruthy();
    const cookie = res.cookies.find((k) => k.name === 'pioneer_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect((await c.get('/api/v1/auth/me')).json().username).toBe(user.username);
  });

  it('logs in by phone number through the keyed hash', async () => {
    const { ctx, app } = env();
    const user = await makeUser(ctx, { phoneHash: ctx.pii.hash('phone', '13912345678') });
    const res = await client(app).post('/api/v1/auth/login', { login: '139 1234 5678', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().username).toBe(user.username);
  });

  it('answers a wrong password and an unknown user the same way', async () => {
    const user = await makeUser(env().ctx);
    const wrong = await client(env().app).post('/api/v1/auth/login', { login: user.username, password: 'nope' });
    const unknown = await client(env().app).post('/api/v1/auth/login', { login: 'nobody-here', password: 'nope' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('LOGIN_FAILED');
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
  });

  it('locks the account for 15 minutes after 5 failed attempts, even for the right password', async () => {
    const { ctx, app, advance } = env();
    const user = await makeUser(ctx);
    for (let i = 1; i <= 4; i++) {
      expect((await client(app).post('/api/v1/auth/login', { login: user.username, password: 'bad' })).json().error.code).toBe('LOGIN_FAILED');
    }
    const fifth = await client(app).post('/api/v1/auth/login', { login: user.username, password: 'bad' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('ACCOUNT_LOCKED');
    const right = await client(app).post('/api/v1/auth/login', { login: user.username, password: TEST_PASSWORD });
    expect(right.json().error.code).toBe('ACCOUNT_LOCKED');
    advance(14 * 60_000);
    expect((await client(app).post('/api/v1/auth/login', { login: user.username, password: TEST_PASSWORD })).statusCode).toBe(423);
    advance(61_000);
    expect((await client(app).post('/api/v1/auth/login', { login: user.username, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('resets the failure count after a successful login', async () => {
    const user = await makeUser(env().ctx);
    for (let i = 0; i < 4; i++) await client(env().app).post('/api/v1/auth/login', { login: user.username, password: 'bad' });
    await loginClient(env().app, user.username, TEST_PASSWORD);
    const again = await client(env().app).post('/api/v1/auth/login', { login: user.username, password: 'bad' });
    expect(again.json().error.code).toBe('LOGIN_FAILED');
  });

  it('forces a password change at first login and blocks everything else until then', async () => {
    const user = await makeUser(env().ctx, { mustChangePassword: true });
    const c = await loginClient(env().app, user.username, TEST_PASSWORD);
    expect((await c.get('/api/v1/auth/me')).json().mustChangePassword).toBe(true);
    const blocked = await c.get('/api/v1/orgs/roots');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'New#Secret2026' });
    expect(changed.statusCode).toBe(200);
    expect((await c.get('/api/v1/orgs/roots')).statusCode).toBe(200);
    expect((await client(env().app).post('/api/v1/auth/login', { login: user.username, password: 'New#Secret2026' })).statusCode).toBe(200);
  });

  it('rejects a new password that breaks the policy, naming each problem in Chinese', async () => {
    const user = await makeUser(env().ctx, { username: 'policyuser' });
    const c = await loginClient(env().app, user.username, TEST_PASSWORD);
    const short = await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Ab1!' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('PASSWORD_POLICY');
    expect(short.json().error.details.map((d: { code: string }) => d.code)).toContain('PASSWORD_TOO_SHORT');
    expect(short.json().error.details[0].message).toMatch(/[\u4e00-\u9fa5]/);
    const twoClasses = await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'abcdefgh12' });
    expect(twoClasses.json().error.details.map((d: { code: string }) => d.code)).toContain('PASSWORD_TOO_FEW_CLASSES');
    const same = await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'policyuser' }, { 'accept-language': 'en' });
    expect(same.json().error.details.map((d: { code: string }) => d.code)).toContain('PASSWORD_EQUALS_USERNAME');
    expect(same.json().error.message).toMatch(/policy/);
    const wrongCurrent = await c.post('/api/v1/auth/password', { currentPassword: 'wrong', newPassword: 'New#Secret2026' });
    expect(wrongCurrent.json().error.code).toBe('PASSWORD_CURRENT_WRONG');
  });

  it('ends a session after 30 idle minutes', async () => {
    const user = await makeUser(env().ctx);
    const c = await loginClient(env().app, user.username, TEST_PASSWORD);
    env().advance(29 * 60_000);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    env().advance(29 * 60_000);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    env().advance(31 * 60_000);
    const expired = await c.get('/api/v1/auth/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('ends a session after 12 hours even when it is used all the time', async () => {
    const user = await makeUser(env().ctx);
    const c = await loginClient(env().app, user.username, TEST_PASSWORD);
    for (let h = 0; h < 48; h++) {
      env().advance(15 * 60_000);
      const res = await c.get('/api/v1/auth/me');
      if (h < 47) expect(res.statusCode).toBe(200);
      else expect(res.statusCode).toBe(401);
    }
  });

  it('refuses writes without the CSRF header', async () => {
    const user = await makeUser(env().ctx);
    const c = await loginClient(env().app, user.username, TEST_PASSWORD);
    const res = await c.post('/api/v1/auth/logout', undefined, { 'x-csrf-token': 'forged' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_TOKEN_INVALID');
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('logs out and the old cookie no longer works', async () => {
    const user = await makeUser(env().ctx);
    const c = await loginClient(env().app, user.username, TEST_PASSWORD);
    const cookie = c.cookie;
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(200);
    const replay = await client(env().app, { cookie }).get('/api/v1/auth/me');
    expect(replay.statusCode).toBe(401);
  });

  it('records logins, failures and logouts in the audit log', async () => {
    const { ctx, app } = env();
    const user = await makeUser(ctx);
    await client(app).post('/api/v1/auth/login', { login: user.username, password: 'bad' });
    const c = await loginClient(app, user.username, TEST_PASSWORD);
    await c.post('/api/v1/auth/logout');
    const actions = (await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', user.id).orderBy('id').execute()).map((r) => r.action);
    expect(actions).toEqual(['login.failed', 'login.succeeded', 'logout']);
  });

  it('creates the three administrators once, admin with the configured password', async () => {
    const { ctx } = env();
    const config = { ...ctx.config, adminPassword: 'Boot#Strap2026' };
    const printed = await ensureBootstrapAccounts({ ...ctx, config });
    expect(printed.map((p) => p.username).sort()).toEqual(['auditadmin', 'secadmin']);
    expect(await ensureBootstrapAccounts({ ...ctx, config })).toEqual([]);
    const admin = await loginClient(env().app, 'admin', 'Boot#Strap2026');
    const me = (await admin.get('/api/v1/auth/me')).json();
    expect(me.mustChangePassword).toBe(true);
    expect(me.grants).toEqual([{ role: 'system_admin', orgId: null, orgName: null }]);
    const sec = await loginClient(env().app, 'secadmin', printed.find((p) => p.username === 'secadmin')!.password);
    expect((await sec.get('/api/v1/auth/me')).json().grants[0].role).toBe('security_admin');
  });

  it('rejects a malformed login body with field messages', async () => {
    const res = await client(env().app).post('/api/v1/auth/login', { login: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['login', 'password']));
  });
});

describeEachDatabase(
  'login rate limit',
  (env) => {
    it('limits login attempts per address', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await client(env().app).post('/api/v1/auth/login', { login: 'x', password: 'y' })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429]);
    });
  },
  { LOGIN_RATE_LIMIT_PER_MINUTE: '3' },
);

