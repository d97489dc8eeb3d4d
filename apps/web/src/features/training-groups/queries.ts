/** React Query hooks of differentiated training groups; each write refreshes the groups' views. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TrainingGroupCreateInput, TrainingPlanInput } from '@pioneer/domain';
import { trainingGroupsApi } from '../../api/training-groups.ts';

const key = (...parts: unknown[]) => ['training-groups', ...parts];

export const useGroups = (orgId: string | null, year: number) => useQuery({ queryKey: key('list', orgId, year), queryFn: () => trainingGroupsApi.list(orgId!, year), enabled: Boolean(orgId) });
export const useMembers = (id: string, year: number, page: number) => useQuery({ queryKey: key('members', id, year, page), queryFn: () => trainingGroupsApi.members(id, year, page) });
/** Every named member of a custom group (the editor replaces the whole list, so it starts from all of it). */
export const useAllMembers = (id: string, year: number, enabled: boolean) =>
  useQuery({
    queryKey: key('members', id, year, 'all'),
    enabled,
    queryFn: async () => {
      const first = await trainingGroupsApi.members(id, year, 1, 200);
      const items = [...first.items];
      for (let page = 2; items.length < first.total; page += 1) {
        const next = await trainingGroupsApi.members(id, year, page, 200);
        if (next.items.length === 0) break;
        items.push(...next.items);
      }
      return items;
    },
  });
export const usePlans = (id: string) => useQuery({ queryKey: key('plans', id), queryFn: () => trainingGroupsApi.plans(id) });
export const useMyPlans = (year: number) => useQuery({ queryKey: key('mine', year), queryFn: () => trainingGroupsApi.myPlans(year) });

export function useGroupMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: key() });
  return {
    create: useMutation({ mutationFn: (input: TrainingGroupCreateInput) => trainingGroupsApi.create(input), onSuccess }),
    remove: useMutation({ mutationFn: (id: string) => trainingGroupsApi.remove(id), onSuccess }),
    setMembers: useMutation({ mutationFn: (v: { id: string; personIds: string[] }) => trainingGroupsApi.setMembers(v.id, v.personIds), onSuccess }),
    savePlan: useMutation({ mutationFn: (v: { id: string; year: number; input: TrainingPlanInput }) => trainingGroupsApi.savePlan(v.id, v.year, v.input), onSuccess }),
  };
}
