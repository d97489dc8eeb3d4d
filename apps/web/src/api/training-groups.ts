/** Differentiated training groups (分类分层) and their annual plans. */
import type { MyTrainingPlans, TrainingGroupCreateInput, TrainingGroupMemberPage, TrainingGroupView, TrainingPlanInput, TrainingPlanView } from '@pioneer/domain';
import { http, request } from './client.ts';

export const trainingGroupsApi = {
  list: (orgId: string, year: number) => http.get<TrainingGroupView[]>('/training-groups', { orgId, year }),
  create: (input: TrainingGroupCreateInput) => http.post<TrainingGroupView>('/training-groups', input),
  remove: (id: string) => request<{ ok: true }>('DELETE', `/training-groups/${id}`),
  members: (id: string, year: number, page: number, pageSize = 20) => http.get<TrainingGroupMemberPage>(`/training-groups/${id}/members`, { year, page, pageSize }),
  setMembers: (id: string, personIds: string[]) => request<TrainingGroupView>('PUT', `/training-groups/${id}/members`, { body: { personIds } }),
  plans: (id: string) => http.get<TrainingPlanView[]>(`/training-groups/${id}/plans`),
  savePlan: (id: string, year: number, input: TrainingPlanInput) => request<TrainingPlanView>('PUT', `/training-groups/${id}/plans/${year}`, { body: input }),
  myPlans: (year: number) => http.get<MyTrainingPlans>('/me/training-plans', { year }),
};
