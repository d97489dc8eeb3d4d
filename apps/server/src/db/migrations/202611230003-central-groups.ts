/** Placeholder: central-group study plans, reports, audits, writings and note reviews (owned by the central-groups module). */
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
