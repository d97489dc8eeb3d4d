/** The ordered list of migrations. Add new ones at the end, named <yyyymmddhhmm>-<name>. */
import type { Migration } from 'kysely';
import * as foundation from './202611220001-foundation.ts';
import * as subtreeCounts from './202611222300-subtree-counts.ts';

export const migrations: Record<string, Migration> = {
  '202611220001-foundation': foundation,
  '202611222300-subtree-counts': subtreeCounts,
};
