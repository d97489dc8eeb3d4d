/** Placeholder of the teachers and training-groups modules (T3): lecturer requests, session feedback, differentiated training groups and plans. Filled in by its owner. */
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
