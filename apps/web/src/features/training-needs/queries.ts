/** React Query hooks of training needs: my progress and ledger, coverage, lists, delivered study, manual entries. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeliveredStudyInput, ManualCreditInput } from '@pioneer/domain';
import { ledgerApi } from '../../api/ledger.ts';
import { trainingNeedsApi } from '../../api/training-needs.ts';

const all = ['training-needs'] as const;

export const useMyProgress = (year: number) => useQuery({ queryKey: [...all, 'mine', year], queryFn: () => trainingNeedsApi.myProgress(year) });
export const useMyLedger = (year: number) => useQuery({ queryKey: [...all, 'ledger', year], queryFn: () => ledgerApi.mine(year) });
export const useMyManual = () => useQuery({ queryKey: [...all, 'my-manual'], queryFn: () => trainingNeedsApi.myManual() });
export const useCoverage = (orgId: string | null, year: number) => useQuery({ queryKey: [...all, 'coverage', orgId, year], queryFn: () => trainingNeedsApi.coverage(orgId!, year), enabled: Boolean(orgId) });
export const useExceptions = (orgId: string | null, year: number, kind: 'missed' | 'weak', page: number) =>
  useQuery({ queryKey: [...all, 'exceptions', orgId, year, kind, page], queryFn: () => trainingNeedsApi.exceptions(orgId!, { year, kind, page, pageSize: 20 }), enabled: Boolean(orgId) });
export const useDelivered = (orgId: string | null, year: number) => useQuery({ queryKey: [...all, 'delivered', orgId, year], queryFn: () => trainingNeedsApi.delivered(orgId!, year), enabled: Boolean(orgId) });
export const useOrgManual = (orgId: string | null) => useQuery({ queryKey: [...all, 'manual', orgId], queryFn: () => trainingNeedsApi.orgManual(orgId!, 'pending'), enabled: Boolean(orgId) });

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: all });
}
export function useRequestMine() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: ManualCreditInput) => trainingNeedsApi.requestMine(input), onSuccess: invalidate });
}
export function useRecordDelivered() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: ({ personId, input }: { personId: string; input: DeliveredStudyInput }) => trainingNeedsApi.recordDelivered(personId, input), onSuccess: invalidate });
}
export function useDecideManual() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: ({ id, approve, note }: { id: string; approve: boolean; note?: string }) => (approve ? trainingNeedsApi.approve(id, note) : trainingNeedsApi.reject(id, note ?? '')), onSuccess: invalidate });
}
