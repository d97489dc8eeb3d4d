/** Placeholder of the ledger module (T1): training rule sets, person-year progress rollups, delivered study, manual credit requests. Filled in by its owner. */
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
