/**
 * Loads the demo county into the database: organisations in multi-row inserts with their
 * materialised paths, people in multi-row inserts built by the people service's buildPersonRow (so they are
 * stored exactly as the API stores them: encrypted ID and phone, keyed hashes, pinyin keys), the
 * demo accounts with their grants, and one 'demo.load' audit entry — all in one transaction.
 *
 * Idempotent: a county whose root has the demo code is left as it is. A deployment that already
 * has another working committee is refused, because a deployment serves exactly one.
 */
import type { ServerContext } from '../context.ts';
import type { OrganizationRow } from '../db/schema.ts';
import { newId } from '../lib/ids.ts';
import { hashPassword } from '../lib/passwords.ts';
import { todayIn } from '../lib/time.ts';
import { recordAudit } from '../modules/audit/audit.repo.ts';
import { ensureBootstrapAccounts } from '../modules/auth/auth.service.ts';
import { findRoot } from '../modules/orgs/orgs.repo.ts';
import { buildPersonRow } from '../modules/people/people.service.ts';
import * as repo from './demo.repo.ts';
import { loadTrainingLedger } from './training-ledger.ts';
import { DEMO_DEFAULT_SEED, DEMO_PASSWORD, DEMO_ROOT_CODE, generateCounty, type DemoAccount, type DemoCounty } from './generate.ts';
import { loadOrgLife, type LoadOrgLifeResult } from './org-life.ts';
import { loadTeachers } from './teachers.ts';
import { loadTrainingClasses } from './training-classes.ts';

/** A reason the demo cannot be loaded into this database, in both languages for the console. */
export class DemoLoadError extends Error {
  constructor(
    public readonly code: 'DEMO_OTHER_ROOT_EXISTS' | 'DEMO_USERNAMES_TAKEN',
    message: string,
  ) {
    super(message);
  }
}

export type LoadDemoOptions = { size?: number; seed?: string | number; today?: string; batchSize?: number };

export type LoadDemoResult = {
  status: 'loaded' | 'exists';
  root: OrganizationRow;
  /** Generated counts (status 'loaded' only). */
  organizations: number;
  people: number;
  accounts: DemoAccount[];
  /** Central groups and activities written (status 'loaded' only). */
  orgLife: LoadOrgLifeResult | null;
  /** Administrators created by this run with random passwords (printed once, like main.ts does). */
  bootstrapPasswords: Array<{ username: string; password: string }>;
  timings: { generateMs: number; insertMs: number; totalMs: number };
};

export async function loadDemo(ctx: ServerContext, options: LoadDemoOptions = {}): Promise<LoadDemoResult> {
  const started = performance.now();
  const bootstrapPasswords = await ensureBootstrapAccounts(ctx);
  const existing = await findRoot(ctx.db);
  if (existing) {
    if (existing.code !== DEMO_ROOT_CODE) {
      throw new DemoLoadError(
        'DEMO_OTHER_ROOT_EXISTS',
        `此部署已有机关工委「${existing.name}」（编码 ${existing.code}），演示县只能载入空库。/ This deployment already has a working committee ("${existing.name}", code ${existing.code}); the demo county loads only into an empty database.`,
      );
    }
    const elapsed = performance.now() - started;
    return { status: 'exists', root: existing, organizations: 0, people: 0, accounts: [], orgLife: null, bootstrapPasswords, timings: { generateMs: 0, insertMs: 0, totalMs: elapsed } };
  }

  const today = options.today ?? todayIn(ctx);
  const generating = performance.now();
  const county = generateCounty({ size: options.size ?? 1, seed: options.seed ?? DEMO_DEFAULT_SEED, today });
  const generated = performance.now();

  const taken = await repo.existingUsernames(ctx.db, county.accounts.map((a) => a.username));
  if (taken.length) {
    throw new DemoLoadError('DEMO_USERNAMES_TAKEN', `账号已存在：${taken.join('、')}，演示县未载入。/ These usernames already exist: ${taken.join(', ')}; the demo county was not loaded.`);
  }
  // One argon2id hash per account (each with its own salt), computed before the transaction.
  const passwordHashes = await Promise.all(county.accounts.map(() => hashPassword(DEMO_PASSWORD)));

  const root = await ctx.db.transaction().execute(async (trx) => {
    const orgByCode = await insertOrgs(trx, county);
    const personIds = new Map<string, string>();
    const batch = options.batchSize ?? 5_000;
    for (let i = 0; i < county.people.length; i += batch) {
      const rows = county.people.slice(i, i + batch).map((p) => {
        const { key, orgCode, ...input } = p;
        const org = orgByCode.get(orgCode)!;
        const row = buildPersonRow(ctx, { ...input, orgId: org.id }, org, today);
        personIds.set(key, row.id);
        return row;
      });
      await repo.insertPeople(trx, rows);
    }

    const people = new Map(county.people.map((p) => [p.key, p]));
    const users = county.accounts.map((a, i) => {
      const phone = people.get(a.personKey)!.phone;
      return { id: newId(), username: a.username, displayName: a.displayName, personId: personIds.get(a.personKey)!, passwordHash: passwordHashes[i]!, phoneHash: phone ? ctx.pii.hash('phone', phone) : null };
    });
    await repo.insertAccounts(
      trx,
      users,
      county.accounts.map((a, i) => ({ id: newId(), userId: users[i]!.id, role: a.role, orgId: orgByCode.get(a.orgCode)!.id })),
    );

    const rootRow = orgByCode.get(DEMO_ROOT_CODE)!;
    await recordAudit(trx, {
      actor: null,
      action: 'demo.load',
      entityType: 'organization',
      entityId: rootRow.id,
      orgId: rootRow.id,
      detail: { seed: county.seed, size: county.size, today, organizations: county.orgs.length, people: county.people.length, accounts: county.accounts.map((a) => a.username) },
    });
    return rootRow;
  });
  await repo.analyze(ctx.db);
  const officer = county.accounts.find((a) => a.role === 'committee_officer');
  const officerId = officer ? ((await repo.userIdOf(ctx.db, officer.username)) ?? null) : null;
  const orgLife = await loadOrgLife(ctx, { rootPath: root.path, today, seed: county.seed, actorUserId: officerId });
  await loadTrainingLedger(ctx, { rootPath: root.path, today, officerUserId: officerId });
  await loadTeachers(ctx, { rootPath: root.path, today, seed: county.seed, officerUserId: officerId });
  await loadTrainingClasses(ctx, { rootPath: root.path, today, officerUserId: officerId });
  await repo.analyze(ctx.db);
  const finished = performance.now();
  return {
    status: 'loaded',
    root,
    organizations: county.orgs.length,
    people: county.people.length,
    accounts: county.accounts,
    orgLife,
    bootstrapPasswords,
    timings: { generateMs: generated - generating, insertMs: finished - generated, totalMs: finished - started },
  };
}

/** Inserts the tree (the generator lists every parent before its children). */
async function insertOrgs(trx: Parameters<typeof repo.insertOrgs>[0], county: DemoCounty): Promise<Map<string, OrganizationRow>> {
  const ids = new Map(county.orgs.map((o) => [o.code, newId()]));
  const rows = await repo.insertOrgs(
    trx,
    county.orgs.map((o) => ({ id: ids.get(o.code)!, code: o.code, name: o.name, kind: o.kind, parentId: o.parentCode ? ids.get(o.parentCode)! : null, establishedOn: o.establishedOn, hasCommittee: o.hasCommittee })),
  );
  return new Map(rows.map((r) => [r.code, r]));
}
