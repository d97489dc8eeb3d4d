/** The ordered list of migrations. Add new ones at the end, named <yyyymmddhhmm>-<name>. */
import type { Migration } from 'kysely';
import * as foundation from './202611220001-foundation.ts';
import * as subtreeCounts from './202611222300-subtree-counts.ts';
import * as orgLife from './202611230001-org-life.ts';
import * as compliance from './202611230002-compliance.ts';
import * as centralGroups from './202611230003-central-groups.ts';
import * as circularsNotifications from './202611230004-circulars-notifications.ts';
import * as trainingCore from './202611240001-training-core.ts';
import * as trainingLedger from './202611240002-training-ledger.ts';
import * as trainingClasses from './202611240003-training-classes.ts';
import * as teachers from './202611240004-teachers.ts';
import * as externalHours from './202611240005-external-hours.ts';
import * as complianceScale from './202611240010-compliance-scale.ts';
import * as activitySigninSealed from './202611250001-activity-signin-sealed.ts';
import * as trainingCoverageTotals from './202611260001-training-coverage-totals.ts';
import * as orgLifeMoveIndexes from './202611260002-org-life-move-indexes.ts';
import * as trainingFlags from './202611270001-training-flags.ts';

export const migrations: Record<string, Migration> = {
  '202611220001-foundation': foundation,
  '202611222300-subtree-counts': subtreeCounts,
  '202611230001-org-life': orgLife,
  '202611230002-compliance': compliance,
  '202611230003-central-groups': centralGroups,
  '202611230004-circulars-notifications': circularsNotifications,
  '202611240001-training-core': trainingCore,
  '202611240002-training-ledger': trainingLedger,
  '202611240003-training-classes': trainingClasses,
  '202611240004-teachers': teachers,
  '202611240005-external-hours': externalHours,
  '202611240010-compliance-scale': complianceScale,
  '202611250001-activity-signin-sealed': activitySigninSealed,
  '202611260001-training-coverage-totals': trainingCoverageTotals,
  '202611260002-org-life-move-indexes': orgLifeMoveIndexes,
  '202611270001-training-flags': trainingFlags,
};
