import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, testDialects, type TestEnv } from '../test/harness.ts';

for (const dialect of testDialects()) {
  describe(`database [${dialect}]`, () => {
    let env: TestEnv & { close: () => Promise<void> };
    beforeAll(async () => {
      env = await createTestEnv(dialect);
      await sql`create table tx_probe (id int primary key, n int not null)`.execute(env.ctx.db);
    });
    afterAll(() => env.close());

    it('keeps another query out of a transaction that is in progress', async () => {
      const { db } = env.ctx;
      await sql`insert into tx_probe values (1, 0)`.execute(db);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const tx = db.transaction().execute(async (trx) => {
        await sql`update tx_probe set n = 100 where id = 1`.execute(trx);
        await gate;
        throw new Error('roll back on purpose');
      });
      // Issued while the transaction is open: it must neither see nor join it.
      const outside = sql<{ n: number }>`select n from tx_probe where id = 1`.execute(db);
      const outsideWrite = sql`update tx_probe set n = n + 1 where id = 1`.execute(db);
      release();
      await expect(tx).rejects.toThrow('roll back on purpose');
      // Never the transaction's uncommitted 100. (On PGlite the queued select runs before the queued
      // update and sees 0; on PostgreSQL they take separate pooled connections in either order.)
      expect((await outside).rows[0]!.n).not.toBe(100);
      if (dialect === 'pglite') expect((await outside).rows[0]!.n).toBe(0);
      await outsideWrite;
      expect((await sql<{ n: number }>`select n from tx_probe where id = 1`.execute(db)).rows[0]!.n).toBe(1);
    });

    it('runs many concurrent transactions without losing an update', async () => {
      const { db } = env.ctx;
      await sql`insert into tx_probe values (2, 0)`.execute(db);
      await Promise.all(
        Array.from({ length: 40 }, () =>
          db.transaction().execute(async (trx) => {
            const { rows } = await sql<{ n: number }>`select n from tx_probe where id = 2 for update`.execute(trx);
            await new Promise((r) => setTimeout(r, 1));
            await sql`update tx_probe set n = ${rows[0]!.n + 1} where id = 2`.execute(trx);
          }),
        ),
      );
      expect((await sql<{ n: number }>`select n from tx_probe where id = 2`.execute(db)).rows[0]!.n).toBe(40);
    });

    it('returns calendar days as strings and counts as numbers', async () => {
      const { rows } = await sql<{ d: string; c: number }>`select date '2019-07-01' as d, count(*) as c from tx_probe`.execute(env.ctx.db);
      expect(rows[0]).toEqual({ d: '2019-07-01', c: 2 });
    });

    it('refuses to change or delete audit entries', async () => {
      const { db } = env.ctx;
      await db.insertInto('audit_log').values({ action: 'probe', entity_type: 'probe' }).execute();
      await expect(sql`update audit_log set action = 'tampered'`.execute(db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
      expect((await db.selectFrom('audit_log').select('action').where('action', '=', 'probe').execute()).length).toBe(1);
    });
  });
}

describe('embedded database lock', () => {
  it('refuses a second opener of the same data folder while the first is alive, and frees it on close', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { openDatabase, DatabaseInUseError } = await import('./database.ts');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pioneer-lock-'));
    const dataDir = path.join(dir, 'pglite');
    // A live foreign owner (pid 1 always exists) holds the lock.
    fs.writeFileSync(`${dataDir}.lock`, '1');
    await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toBeInstanceOf(DatabaseInUseError);
    // A lock left by a dead process is taken over.
    fs.writeFileSync(`${dataDir}.lock`, '999999999');
    const handle = await openDatabase({ kind: 'pglite', dataDir });
    expect(fs.readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
    await handle.close();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
