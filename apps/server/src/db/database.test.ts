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
      expect((await outside).rows[0]!.n).toBe(0);
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
