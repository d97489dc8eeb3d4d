/** React Query hooks for the organisation tree; every write refreshes what it may have changed. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrgCreateInput, OrgUpdateInput } from '@pioneer/domain';
import { orgsApi } from '../../api/orgs.ts';

export const orgKeys = {
  all: ['orgs'] as const,
  roots: () => ['orgs', 'roots'] as const,
  detail: (id: string) => ['orgs', 'detail', id] as const,
  children: (id: string) => ['orgs', 'children', id] as const,
  counts: (id: string) => ['orgs', 'counts', id] as const,
};

export const childrenQuery = (id: string) => ({ queryKey: orgKeys.children(id), queryFn: () => orgsApi.children(id) });

export function useOrgRoots(enabled = true) {
  return useQuery({ queryKey: orgKeys.roots(), queryFn: orgsApi.roots, enabled });
}

export function useOrg(id: string | undefined) {
  return useQuery({ queryKey: orgKeys.detail(id ?? ''), queryFn: () => orgsApi.get(id!), enabled: Boolean(id) });
}

export function useOrgCounts(id: string, enabled: boolean) {
  return useQuery({ queryKey: orgKeys.counts(id), queryFn: () => orgsApi.counts(id), enabled });
}

function useInvalidateOrgs() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: orgKeys.all });
}

export function useCreateOrg() {
  const invalidate = useInvalidateOrgs();
  return useMutation({ mutationFn: (input: OrgCreateInput) => orgsApi.create(input), onSuccess: invalidate });
}

export function useUpdateOrg(id: string) {
  const invalidate = useInvalidateOrgs();
  return useMutation({ mutationFn: (input: OrgUpdateInput) => orgsApi.update(id, input), onSuccess: invalidate });
}

export function useMoveOrg(id: string) {
  const invalidate = useInvalidateOrgs();
  return useMutation({ mutationFn: (parentId: string) => orgsApi.move(id, parentId), onSuccess: invalidate });
}

export function useDeactivateOrg(id: string) {
  const invalidate = useInvalidateOrgs();
  return useMutation({ mutationFn: () => orgsApi.deactivate(id), onSuccess: invalidate });
}
