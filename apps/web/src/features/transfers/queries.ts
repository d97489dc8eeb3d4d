/** React Query hooks for transfer letters; answering one also moves a person, so people refresh. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TransferCreateInput, TransferListQuery } from '@pioneer/domain';
import { transfersApi, type TransferBox } from '../../api/transfers.ts';

export const transferKeys = {
  all: ['transfers'] as const,
  list: (box: TransferBox, query: Partial<TransferListQuery>) => ['transfers', box, query] as const,
};

export function useTransfers(box: TransferBox, query: Partial<TransferListQuery>) {
  return useQuery({ queryKey: transferKeys.list(box, query), queryFn: () => transfersApi.list(box, query), placeholderData: keepPreviousData });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: transferKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['people'] }),
      queryClient.invalidateQueries({ queryKey: ['orgs', 'counts'] }),
    ]);
}

export function useIssueTransfer() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: TransferCreateInput) => transfersApi.issue(input), onSuccess: invalidate });
}

export function useAnswerTransfer() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (action: { id: string; kind: 'accept' } | { id: string; kind: 'cancel' } | { id: string; kind: 'return'; reason: string }) =>
      action.kind === 'accept' ? transfersApi.accept(action.id) : action.kind === 'cancel' ? transfersApi.cancel(action.id) : transfersApi.return(action.id, action.reason),
    onSuccess: invalidate,
  });
}
