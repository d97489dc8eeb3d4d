/** Placeholder of the external-hours and training-reports modules (T4): external hour import batches. Filled in by its owner. */
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
