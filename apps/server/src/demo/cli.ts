/**
 * `npm run demo [-- --size N --seed S]`: loads the demo county into the database the server uses
 * (same environment as main.ts: DATA_DIR for the embedded PGlite, or DATABASE_URL), after applying
 * the migrations, then prints what it loaded, the demo accounts and the time it took.
 */
import { parseArgs } from 'node:util';
import { orgKindLabels, orgKinds, personCategories, type OrgKind, type PersonCategory } from '@pioneer/domain';
import pino from 'pino';
import { ConfigError, loadConfig } from '../config.ts';
import type { ServerContext } from '../context.ts';
import { embeddedDataDir, openConfiguredDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createPii, loadDataKey } from '../lib/pii.ts';
import { orgsByKind, peopleByCategory } from './demo.repo.ts';
import { DEMO_DEFAULT_SEED, DEMO_PASSWORD } from './generate.ts';
import { DemoLoadError, loadDemo } from './load.ts';

const categoryLabels: Record<PersonCategory, string> = {
  full: '正式党员 full members',
  probationary: '预备党员 probationary members',
  applicant: '入党申请人 applicants',
  activist: '入党积极分子 activists',
  candidate: '发展对象 candidates',
};

const roleLabels: Record<string, string> = {
  committee_officer: '机关工委干部 committee officer',
  secretary: '书记 secretary',
  member: '党员 member',
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const { values } = parseArgs({
    options: { size: { type: 'string', default: '1' }, seed: { type: 'string', default: DEMO_DEFAULT_SEED }, help: { type: 'boolean', default: false } },
    strict: true,
  });
  if (values.help) {
    console.log('usage: npm run demo [-- --size N --seed S]\n  --size  1 = ~8,000 people (0.05 = ~400; scales linearly)\n  --seed  any text; the same seed and size give the same county');
    return 0;
  }
  const size = Number(values.size);
  if (!Number.isFinite(size) || size <= 0 || size > 1000) {
    console.error(`--size must be a number in (0, 1000], got "${values.size}"`);
    return 2;
  }

  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  const started = performance.now();
  const handle = await openConfiguredDatabase(config);
  try {
    const applied = await migrateToLatest(handle.db as never);
    const where = handle.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${embeddedDataDir(config.dataDir)}`;
    console.log(`Database: ${where}${applied.length ? `, migrations applied: ${applied.join(', ')}` : ''}`);
    const ctx: ServerContext = { config, db: handle.db, pii: createPii(loadDataKey(config.dataKey, config.dataDir)), log: pino({ level: 'warn' }), now: () => new Date() };

    console.log(`Loading the demo county (size ${size}, seed "${values.seed}")…`);
    const result = await loadDemo(ctx, { size, seed: values.seed });
    for (const account of result.bootstrapPasswords) {
      console.log(`\n  Initial password for "${account.username}": ${account.password}\n  (change it at first login)\n`);
    }
    if (result.status === 'exists') {
      console.log(`\n演示县已经载入，未做任何改动。/ The demo county is already loaded ("${result.root.name}"); nothing was changed.`);
    } else {
      console.log(`Generated in ${seconds(result.timings.generateMs)}, written in ${seconds(result.timings.insertMs)}.`);
    }

    const [kinds, categories] = await Promise.all([orgsByKind(handle.db, result.root.path), peopleByCategory(handle.db, result.root.path)]);
    const kindCount = new Map(kinds.map((k) => [k.kind, k.n]));
    const categoryCount = new Map(categories.map((c) => [c.category, c.n]));
    console.log('\nOrganisations 组织:');
    for (const kind of orgKinds) console.log(`  ${String(kindCount.get(kind) ?? 0).padStart(7)}  ${orgKindLabels[kind as OrgKind]['zh-CN']} ${orgKindLabels[kind as OrgKind].en}`);
    console.log('People 人员:');
    for (const category of personCategories) console.log(`  ${String(categoryCount.get(category) ?? 0).padStart(7)}  ${categoryLabels[category]}`);
    if (result.orgLife) {
      console.log(`Organisational life 组织生活: ${result.orgLife.held} held 已开展, ${result.orgLife.planned} planned 已计划, ${result.orgLife.centralGroups} central groups 中心组`);
    }
    if (result.status === 'loaded') {
      console.log(`\nDemo accounts 演示账号 (password 密码: ${DEMO_PASSWORD}):`);
      for (const a of result.accounts) console.log(`  ${a.username.padEnd(18)} ${roleLabels[a.role]}, ${a.displayName}`);
    } else {
      console.log(`\nDemo accounts: wc_officer, unit_secretary, branch_secretary, branch2_secretary, member1, member2 (password ${DEMO_PASSWORD})`);
    }
    console.log(`\nDone in ${seconds(performance.now() - started)}.`);
    return 0;
  } catch (error) {
    if (error instanceof DemoLoadError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
