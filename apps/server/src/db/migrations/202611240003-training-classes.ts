/** Placeholder of the classes and rotations modules (T2): training classes, sessions, enrolments, attendance, leave. Filled in by its owner. */
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
