/**
 * Opens the one database the server talks to: PGlite under the data folder by default, or a
 * PostgreSQL server when a URL is given. Both speak the same SQL and get the same type parsing:
 * `date` stays a 'YYYY-MM-DD' string (a calendar day has no time zone), int8 and numeric become
 * numbers (counts and study hours stay far below 2^53).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

export type Database = Kysely<DB>;

export type DatabaseHandle = {
  db: Database;
  kind: 'pglite' | 'postgres';
  close: () => Promise<void>;
};

export type OpenDatabaseOptions =
  | { kind: 'postgres'; url: string; max?: number }
  | { kind: 'pglite'; dataDir: string | null /* null = in memory */ };

/** The database the configuration names: PostgreSQL at DATABASE_URL, else PGlite under DATA_DIR/pglite. */
export function openConfiguredDatabase(config: { databaseUrl: string | undefined; dataDir: string }): Promise<DatabaseHandle> {
  return config.databaseUrl
    ? openDatabase({ kind: 'postgres', url: config.databaseUrl })
    : openDatabase({ kind: 'pglite', dataDir: embeddedDataDir(config.dataDir) });
}

export const embeddedDataDir = (dataDir: string) => path.join(dataDir, 'pglite');

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.max ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === DATE_OID) return (v: string) => v;
          if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => Number(v);
          return pg.types.getTypeParser(oid, format);
        }) as typeof pg.types.getTypeParser,
      },
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (options.dataDir) fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  const client = new PGlite({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    parsers: {
      [DATE_OID]: (v: string) => v,
      [INT8_OID]: (v: string) => Number(v),
      [NUMERIC_OID]: (v: string) => Number(v),
    },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      unlock();
    },
  };
}

export class DatabaseInUseError extends Error {}

/**
 * PGlite files must be opened by one process at a time: a second one (say `npm run demo` while the
 * server runs) would corrupt them. A lock file holds the owner's pid; a lock left by a process that
 * no longer exists is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  const tryCreate = () => {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return true;
    } catch {
      return false;
    }
  };
  if (!tryCreate()) {
    const owner = Number(fs.readFileSync(lockFile, 'utf8').trim());
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new DatabaseInUseError(
        `The embedded database in ${dataDir} is in use by process ${owner}. Stop that process first (for example the running server before \`npm run demo\`).\n` +
          `内置数据库 ${dataDir} 正被进程 ${owner} 使用，请先停止该进程（例如先停止服务再运行 npm run demo）。`,
      );
    }
    fs.rmSync(lockFile, { force: true });
    if (!tryCreate()) throw new DatabaseInUseError(`Could not lock ${dataDir}`);
  }
  return () => fs.rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
