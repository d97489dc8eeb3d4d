/** /plans endpoints: a year's recurring plans (年度计划) and the activities they generate. */
import type { PlanCreateInput, PlanDeleted, PlanDetail, PlanListQuery, PlanPage, PlanUpdateInput } from '@pioneer/domain';
import { http } from './client.ts';

export const plansApi = {
  list: (query: Partial<PlanListQuery>) => http.get<PlanPage>('/plans', query),
  get: (id: string) => http.get<PlanDetail>(`/plans/${id}`),
  create: (input: PlanCreateInput) => http.post<PlanDetail>('/plans', input),
  update: (id: string, input: PlanUpdateInput) => http.patch<PlanDetail>(`/plans/${id}`, input),
  delete: (id: string) => http.delete<PlanDeleted>(`/plans/${id}`),
};
