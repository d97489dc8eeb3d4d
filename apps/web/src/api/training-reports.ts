/** Training exports: the subtree's hours ledger and statistics (.xlsx), the annual study record (PDF). */
import { download } from './client.ts';

export const trainingReportsApi = {
  ledger: (orgId: string, year: number) => download('/training-reports/ledger.xlsx', { query: { orgId, year } }),
  statistics: (orgId: string, year: number) => download('/training-reports/statistics.xlsx', { query: { orgId, year } }),
  myRecord: (year: number) => download('/me/annual-study-record.pdf', { query: { year } }),
  personRecord: (personId: string, year: number) => download(`/people/${personId}/annual-study-record.pdf`, { query: { year } }),
};
