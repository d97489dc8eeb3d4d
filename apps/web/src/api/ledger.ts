/** Study-hour ledger (学时) endpoints: my year, and a person's year for their managers. */
import type { StudyHoursView } from '@pioneer/domain';
import { http } from './client.ts';

export const ledgerApi = {
  mine: (year?: number) => http.get<StudyHoursView>('/me/study-hours', { year }),
  person: (personId: string, year?: number) => http.get<StudyHoursView>(`/people/${personId}/study-hours`, { year }),
};
