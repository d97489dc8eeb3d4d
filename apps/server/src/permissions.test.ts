/**
 * The permission matrix: every endpoint of the OpenAPI document, called as every role, on a target
 * inside and outside the secretary's subtree. An endpoint missing from the table fails the test, so
 * a new route cannot ship unclassified. "allow" means the call got past authorization: a success
 * or a business refusal (409 conflict, wrong current password…); "deny" means 403/404; "unauth" 401.
 * A VALIDATION_FAILED answer fails the test: it would hide the authorization decision.
 * The foundation's routes are listed here; every later module brings its own fragment
 * (`modules/<m>/<m>.permissions.ts`, see test/permission-fragment.ts), found by file name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { makeIdNumber, TEST_PASSWORD } from './test/factories.ts';
import { client, describeEachDatabase, loginClient, type Client, type TestEnv } from './test/harness.ts';
import {
  buildBaseFixture,
  callers,
  everyone,
  managers,
  nobodyElse,
  org,
  person,
  uniq,
  type BaseFixture,
  type Outcome,
  type PermissionFragment,
  type Rule,
  type Who,
} from './test/permission-fragment.ts';

const matrix: Record<string, Rule> = {
  'POST /api/v1/auth/login': { public: true, call: () => ({ method: 'POST', url: '/api/v1/auth/login' }), expect: {} },
  'POST /api/v1/auth/logout': { call: () => ({ method: 'POST', url: '/api/v1/auth/logout' }), expect: everyone },
  'GET /api/v1/auth/me': { call: () => ({ method: 'GET', url: '/api/v1/auth/me' }), expect: everyone },
  'POST /api/v1/auth/password': {
    // Same password again: past authorization, refused by the rules (PASSWORD_UNCHANGED).
    call: () => ({ method: 'POST', url: '/api/v1/auth/password', body: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD } }),
    expect: everyone,
  },
  'GET /api/v1/orgs/roots': { call: () => ({ method: 'GET', url: '/api/v1/orgs/roots' }), expect: everyone },
  'GET /api/v1/orgs/search': {
    call: () => ({ method: 'GET', url: `/api/v1/orgs/search?q=${encodeURIComponent('支部')}` }),
    expect: { ...managers, security_admin: 'allow', system_admin: 'allow', member: 'deny', audit_admin: 'deny', secretary: 'allow' },
  },
  'GET /api/v1/orgs/{id}': { call: (f, s) => ({ method: 'GET', url: `/api/v1/orgs/${org(f, s).id}` }), expect: { ...managers, member: 'deny', audit_admin: 'deny', security_admin: 'allow', system_admin: 'allow' } },
  'GET /api/v1/orgs/{id}/children': { call: (f, s) => ({ method: 'GET', url: `/api/v1/orgs/${org(f, s).id}/children` }), expect: { ...managers, member: 'deny', audit_admin: 'deny', security_admin: 'allow', system_admin: 'allow' } },
  'GET /api/v1/orgs/{id}/counts': { call: (f, s) => ({ method: 'GET', url: `/api/v1/orgs/${org(f, s).id}/counts` }), expect: { ...managers, ...nobodyElse } },
  'PATCH /api/v1/orgs/{id}': { call: (f, s) => ({ method: 'PATCH', url: `/api/v1/orgs/${org(f, s).id}`, body: { name: org(f, s).name } }), expect: { ...managers, ...nobodyElse } },
  'POST /api/v1/orgs': {
    call: (f, s) => ({ method: 'POST', url: '/api/v1/orgs', body: { code: `PM-${uniq()}`, name: '矩阵测试小组', kind: 'party_group', parentId: org(f, s).id } }),
    expect: { ...managers, ...nobodyElse },
  },
  'POST /api/v1/orgs/{id}/move': {
    // A party group moved under the branch it is already in: allowed callers get a no-op.
    call: (f, s) => ({ method: 'POST', url: `/api/v1/orgs/${(s === 'inside' ? f.groupA : f.groupB).id}/move`, body: { parentId: org(f, s).id } }),
    expect: { ...managers, ...nobodyElse },
  },
  'POST /api/v1/orgs/{id}/deactivate': {
    // The branch still has people, so allowed callers get ORG_HAS_MEMBERS and nothing changes.
    call: (f, s) => ({ method: 'POST', url: `/api/v1/orgs/${org(f, s).id}/deactivate` }),
    expect: { ...managers, ...nobodyElse },
  },
  'GET /api/v1/people': { call: (f, s) => ({ method: 'GET', url: `/api/v1/people?orgId=${org(f, s).id}` }), expect: { ...managers, ...nobodyElse } },
  'GET /api/v1/people/{id}': { call: (f, s) => ({ method: 'GET', url: `/api/v1/people/${person(f, s).id}` }), expect: { ...managers, ...nobodyElse } },
  'GET /api/v1/people/{id}/pii': { call: (f, s) => ({ method: 'GET', url: `/api/v1/people/${person(f, s).id}/pii` }), expect: { ...managers, ...nobodyElse } },
  'POST /api/v1/people': {
    call: (f, s) => {
      const idNumber = makeIdNumber('1990-05-06', 'female');
      return { method: 'POST', url: '/api/v1/people', body: { orgId: org(f, s).id, name: '新党员', sex: 'female', birthDate: '1990-05-06', idNumber, category: 'full', joinedOn: '2015-07-01', confirmedOn: '2016-07-01' } };
    },
    expect: { ...managers, ...nobodyElse },
  },
  'PATCH /api/v1/people/{id}': {
    // A stale version: allowed callers get CONFLICT_VERSION and nothing changes.
    call: (f, s) => ({ method: 'PATCH', url: `/api/v1/people/${person(f, s).id}`, body: { version: 999, post: '科员' } }),
    expect: { ...managers, ...nobodyElse },
  },
  'GET /api/v1/people/export': { call: (f, s) => ({ method: 'GET', url: `/api/v1/people/export?orgId=${org(f, s).id}` }), expect: { ...managers, ...nobodyElse } },
  'GET /api/v1/imports/people/template': { call: () => ({ method: 'GET', url: '/api/v1/imports/people/template' }), expect: { officer: 'allow', secretary: 'allow', ...nobodyElse } },
  'POST /api/v1/imports/people': { call: (f, s) => f.upload(org(f, s).id), expect: { ...managers, ...nobodyElse } },
  // A dry run belongs to its uploader (the officer here): even a manager of its organisation is refused.
  'GET /api/v1/imports/{batchId}': { call: (f, s) => ({ method: 'GET', url: `/api/v1/imports/${f.batches[s]}` }), expect: { officer: 'allow', secretary: 'deny', ...nobodyElse } },
  'POST /api/v1/imports/{batchId}/commit': {
    call: (f, s) => ({ method: 'POST', url: `/api/v1/imports/${f.batches[s]}/commit`, body: { mode: 'all_or_nothing' } }),
    expect: { officer: 'allow', secretary: 'deny', ...nobodyElse },
  },
  'GET /api/v1/me/profile': { call: () => ({ method: 'GET', url: '/api/v1/me/profile' }), expect: { member: 'allow', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'PATCH /api/v1/me/profile': { call: () => ({ method: 'PATCH', url: '/api/v1/me/profile', body: { address: '县城北街 1 号' } }), expect: { member: 'allow', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'POST /api/v1/transfers': {
    call: (f, s) => ({ method: 'POST', url: '/api/v1/transfers', body: { personId: person(f, s).id, toOrgId: f.farBranch.id, reason: '工作调动' } }),
    expect: { ...managers, ...nobodyElse },
  },
  'GET /api/v1/transfers/inbox': { call: () => ({ method: 'GET', url: '/api/v1/transfers/inbox' }), expect: { officer: 'allow', secretary: 'allow', ...nobodyElse } },
  'GET /api/v1/transfers/outbox': { call: () => ({ method: 'GET', url: '/api/v1/transfers/outbox' }), expect: { officer: 'allow', secretary: 'allow', ...nobodyElse } },
  'GET /api/v1/transfers/{id}': { call: (f, s) => ({ method: 'GET', url: `/api/v1/transfers/${f.letters.view[s]}` }), expect: { ...managers, ...nobodyElse } },
  'POST /api/v1/transfers/{id}/accept': { call: (f, s) => ({ method: 'POST', url: `/api/v1/transfers/${f.letters.accept[s]}/accept` }), expect: { ...managers, ...nobodyElse } },
  'POST /api/v1/transfers/{id}/return': { call: (f, s) => ({ method: 'POST', url: `/api/v1/transfers/${f.letters.return[s]}/return`, body: { reason: '信息有误' } }), expect: { ...managers, ...nobodyElse } },
  'POST /api/v1/transfers/{id}/cancel': { call: (f, s) => ({ method: 'POST', url: `/api/v1/transfers/${f.letters.cancel[s]}/cancel` }), expect: { ...managers, ...nobodyElse } },
  'GET /api/v1/users': { call: () => ({ method: 'GET', url: '/api/v1/users' }), expect: { system_admin: 'allow', security_admin: 'allow', member: 'deny', audit_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'GET /api/v1/users/{id}': { call: (f) => ({ method: 'GET', url: `/api/v1/users/${f.spareUser.id}` }), expect: { system_admin: 'allow', security_admin: 'allow', member: 'deny', audit_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'POST /api/v1/users': { call: () => ({ method: 'POST', url: '/api/v1/users', body: { username: `acct_${uniq()}`, displayName: '新账号' } }), expect: { system_admin: 'allow', security_admin: 'deny', member: 'deny', audit_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'POST /api/v1/users/{id}/reset-password': { call: (f) => ({ method: 'POST', url: `/api/v1/users/${f.spareUser.id}/reset-password` }), expect: { system_admin: 'allow', security_admin: 'deny', member: 'deny', audit_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'POST /api/v1/users/{id}/unlock': { call: (f) => ({ method: 'POST', url: `/api/v1/users/${f.spareUser.id}/unlock` }), expect: { system_admin: 'allow', security_admin: 'deny', member: 'deny', audit_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'POST /api/v1/users/{id}/disable': { call: (f) => ({ method: 'POST', url: `/api/v1/users/${f.spareUser.id}/disable` }), expect: { system_admin: 'allow', security_admin: 'deny', member: 'deny', audit_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'POST /api/v1/users/{id}/enable': { call: (f) => ({ method: 'POST', url: `/api/v1/users/${f.spareUser.id}/enable` }), expect: { system_admin: 'allow', security_admin: 'deny', member: 'deny', audit_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'GET /api/v1/grants': { call: () => ({ method: 'GET', url: '/api/v1/grants' }), expect: { security_admin: 'allow', system_admin: 'deny', member: 'deny', audit_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'POST /api/v1/grants': { call: (f) => ({ method: 'POST', url: '/api/v1/grants', body: { userId: f.spareUser.id, role: 'member', orgId: f.B.id } }), expect: { security_admin: 'allow', system_admin: 'deny', member: 'deny', audit_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'DELETE /api/v1/grants/{id}': { call: async (f) => ({ method: 'DELETE', url: `/api/v1/grants/${await f.spareGrant()}` }), expect: { security_admin: 'allow', system_admin: 'deny', member: 'deny', audit_admin: 'deny', officer: 'deny', secretary: 'deny' } },
  'GET /api/v1/audit': { call: () => ({ method: 'GET', url: '/api/v1/audit' }), expect: { audit_admin: 'allow', system_admin: 'deny', security_admin: 'deny', member: 'deny', officer: 'deny', secretary: 'deny' } },
};

/** Every module's fragment, found by file name so that adding a module edits no shared file. */
async function loadFragments(): Promise<Array<[string, PermissionFragment<unknown>]>> {
  const modulesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'modules');
  const files = fs
    .readdirSync(modulesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => path.join(modulesDir, d.name, `${d.name}.permissions.ts`))
    .filter((file) => fs.existsSync(file))
    .sort();
  const loaded = await Promise.all(files.map(async (file) => [path.basename(file), ((await import(file)) as { permissions: PermissionFragment<unknown> }).permissions] as const));
  return loaded.map(([name, fragment]) => [name, fragment]);
}
const fragments = await loadFragments();

function classify(res: { statusCode: number; json: () => { error?: { code: string } } }): Outcome | 'invalid' {
  if (res.statusCode === 401) return 'unauth';
  if (res.statusCode === 403 || res.statusCode === 404) return 'deny';
  if (res.statusCode === 400 && res.json().error?.code === 'VALIDATION_FAILED') return 'invalid';
  return 'allow';
}

describeEachDatabase('permission matrix', (env) => {
  let f: BaseFixture;
  const sessions = new Map<Who, Client>();
  const session = async (e: TestEnv, who: Who, fresh = false): Promise<Client> => {
    if (who === 'anonymous') return client(e.app);
    if (fresh || !sessions.has(who)) sessions.set(who, await loginClient(e.app, f.users[who as Exclude<Who, 'anonymous'>].username, TEST_PASSWORD));
    return sessions.get(who)!;
  };

  async function check<X>(rules: Record<string, Rule<X>>, x: X): Promise<string[]> {
    const failures: string[] = [];
    for (const [route, rule] of Object.entries(rules)) {
      if (rule.public) continue;
      for (const who of callers) {
        for (const side of ['inside', 'outside'] as const) {
          const expected = who === 'anonymous' ? 'unauth' : rule.expect[who];
          if (!expected) {
            failures.push(`${route}: no expectation for ${who}`);
            continue;
          }
          const want: Outcome = expected === 'subtree' ? (side === 'inside' ? 'allow' : 'deny') : expected;
          const c = await session(env(), who, route.endsWith('/logout'));
          const call = await rule.call(f, side, x);
          const res = await c.raw({ method: call.method, url: call.url, ...(call.body === undefined ? {} : { payload: call.body as object }), headers: { ...(c.cookie ? { cookie: c.cookie } : {}), ...(c.csrf ? { 'x-csrf-token': c.csrf } : {}), ...call.headers } });
          const got = classify(res);
          if (got !== want) failures.push(`${route} as ${who} (${side}): expected ${want}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
          if (route.endsWith('/logout')) sessions.delete(who);
        }
      }
    }
    return failures;
  }

  beforeAll(async () => {
    f = await buildBaseFixture(env());
  }, 120_000);

  it('classifies every endpoint of the API', async () => {
    const doc = (await env().app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const routes = Object.entries(doc.paths as Record<string, object>).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    const classified = [...Object.keys(matrix), ...fragments.flatMap(([, fragment]) => Object.keys(fragment.rules))];
    expect(routes.filter((r) => !classified.includes(r))).toEqual([]);
    expect(classified.filter((r) => !routes.includes(r))).toEqual([]);
    expect(classified.length).toBe(new Set(classified).size);
  });

  it('lets every role do exactly what the foundation matrix says, inside and outside its subtree', async () => {
    expect(await check(matrix, undefined)).toEqual([]);
  }, 240_000);

  for (const [name, fragment] of fragments) {
    it(`lets every role do exactly what ${name} says, inside and outside its subtree`, async () => {
      const x = await fragment.setup(env(), f);
      expect(await check(fragment.rules, x)).toEqual([]);
    }, 240_000);
  }
});
