/** Training needs endpoints: progress, coverage, missed/weak lists, delivered study, manual entries. */
import type { DeliveredStudyInput, DeliveredStudyRecord, ManualCreditInput, ManualCreditView, TrainingCoverageView, TrainingExceptionList, TrainingProgressView } from '@pioneer/domain';
import { http } from './client.ts';

export const trainingNeedsApi = {
  myProgress: (year?: number) => http.get<TrainingProgressView>('/me/training-progress', { year }),
  personProgress: (personId: string, year?: number) => http.get<TrainingProgressView>(`/people/${personId}/training-progress`, { year }),
  coverage: (orgId: string, year: number) => http.get<TrainingCoverageView>(`/orgs/${orgId}/training-coverage`, { year }),
  exceptions: (orgId: string, query: { year: number; kind: 'missed' | 'weak'; page: number; pageSize: number }) => http.get<TrainingExceptionList>(`/orgs/${orgId}/training-exceptions`, query),
  delivered: (orgId: string, year: number) => http.get<{ items: DeliveredStudyRecord[] }>(`/orgs/${orgId}/delivered-study`, { year }),
  recordDelivered: (personId: string, input: DeliveredStudyInput) => http.post<DeliveredStudyRecord>(`/people/${personId}/delivered-study`, input),
  myManual: () => http.get<{ items: ManualCreditView[] }>('/me/manual-credits'),
  requestMine: (input: ManualCreditInput) => http.post<ManualCreditView>('/me/manual-credits', input),
  orgManual: (orgId: string, status?: string) => http.get<{ items: ManualCreditView[] }>(`/orgs/${orgId}/manual-credits`, { status }),
  approve: (id: string, note?: string) => http.post<ManualCreditView>(`/manual-credits/${id}/approve`, note ? { note } : {}),
  reject: (id: string, note: string) => http.post<ManualCreditView>(`/manual-credits/${id}/reject`, { note }),
};
