/** React Query hooks for circulars (通报); generating or publishing refreshes the lists. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CircularCreateInput, CircularListQuery } from '@pioneer/domain';
import { circularsApi, type CircularFormat } from '../../api/circulars.ts';
import { saveFile } from '../../components/saveFile.ts';

export const circularKeys = {
  all: ['circulars'] as const,
  list: (query: Partial<CircularListQuery>) => ['circulars', 'list', query] as const,
  detail: (id: string) => ['circulars', 'detail', id] as const,
};

export function useCirculars(query: Partial<CircularListQuery>, enabled = true) {
  return useQuery({ queryKey: circularKeys.list(query), queryFn: () => circularsApi.list(query), enabled });
}

export function useCircular(id: string | null) {
  return useQuery({ queryKey: circularKeys.detail(id ?? ''), queryFn: () => circularsApi.get(id!), enabled: Boolean(id) });
}

export function useGenerateCircular() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CircularCreateInput) => circularsApi.generate(input),
    onSuccess: (created) => {
      queryClient.setQueryData(circularKeys.detail(created.id), created);
      return queryClient.invalidateQueries({ queryKey: ['circulars', 'list'] });
    },
  });
}

export function usePublishCircular() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (id: string) => circularsApi.publish(id), onSuccess: () => queryClient.invalidateQueries({ queryKey: circularKeys.all }) });
}

/** Fetches the stored document and hands it to the browser under the server's file name. */
export function useDownloadCircular() {
  return useMutation({
    mutationFn: async ({ id, format, fallbackName }: { id: string; format: CircularFormat; fallbackName: string }) => {
      const { blob, filename } = await circularsApi.download(id, format);
      saveFile(blob, filename ?? `${fallbackName}.${format}`);
    },
  });
}
