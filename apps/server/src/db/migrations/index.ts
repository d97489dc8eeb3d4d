/** The ordered list of migrations. Add new ones at the end, named <yyyymmddhhmm>-<name>. */
import type { Migration } from 'kysely';
import * as foundation from './202611220001-foundation.ts';

export const migrations: Record<string, Migration> = {
  '202611220001-foundation': foundation,
};
