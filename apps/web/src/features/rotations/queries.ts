/** React Query hooks of rotation training: the year's rotations, one rotation, coverage and its people. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CoverageStatus, RotationCreateInput, RotationUpdateInput } from '@pioneer/domain';
import { rotationsApi } from '../../api/rotations.ts';

export const rotationKeys = {
  all: ['rotations'] as const,
  list: (year: number) => ['rotations', 'list', year] as const,
  coverage: (id: string, orgId: string | undefined) => ['rotations', 'coverage', id, orgId ?? ''] as const,
  people: (id: string, orgId: string | undefined, status: CoverageStatus | undefined, page: number) => ['rotations', 'people', id, orgId ?? '', status ?? '', page] as const,
};

export const useRotations = (year: number) => useQuery({ queryKey: rotationKeys.list(year), queryFn: () => rotationsApi.list(year) });
export const useCoverage = (id: string | null, orgId?: string) => useQuery({ queryKey: rotationKeys.coverage(id ?? '', orgId), queryFn: () => rotationsApi.coverage(id!, orgId), enabled: Boolean(id) });
export const useCoveragePeople = (id: string | null, orgId: string | undefined, status: CoverageStatus | undefined, page: number) =>
  useQuery({ queryKey: rotationKeys.people(id ?? '', orgId, status, page), queryFn: () => rotationsApi.people(id!, { orgId, status, page, pageSize: 20 }), enabled: Boolean(id) });

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: rotationKeys.all });
}

export function useDeclareRotation() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: RotationCreateInput) => rotationsApi.declare(input), onSuccess: invalidate });
}
export function useUpdateRotation() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: ({ id, input }: { id: string; input: RotationUpdateInput }) => rotationsApi.update(id, input), onSuccess: invalidate });
}
export function useCloseRotation() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => rotationsApi.close(id), onSuccess: invalidate });
}
