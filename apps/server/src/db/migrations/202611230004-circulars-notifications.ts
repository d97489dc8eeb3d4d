/** Placeholder: circulars and in-app notifications (owned by the circulars and notifications modules). */
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
