/**
 * The open sign-in code of an activity, sealed (AES-256-GCM with the deployment's data key, as
 * personal data is): the SHA-256 beside it stays the only way a scanned code is looked up, while a
 * manager on another device (the meeting room's screen, a second laptop) can be shown the code
 * that is already open instead of reopening, which would stop every code already scanned.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table activities add column signin_token_sealed text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table activities drop column signin_token_sealed`.execute(db);
}
