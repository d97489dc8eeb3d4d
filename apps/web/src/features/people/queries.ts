/** React Query hooks for the people registry and the member's own profile. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OwnProfileInput, PersonInput, PersonUpdateInput } from '@pioneer/domain';
import { peopleApi, type PeopleQuery } from '../../api/people.ts';

export const peopleKeys = {
  all: ['people'] as const,
  list: (query: PeopleQuery) => ['people', 'list', query] as const,
  detail: (id: string) => ['people', 'detail', id] as const,
  myProfile: () => ['people', 'me'] as const,
};

export function usePeople(query: PeopleQuery) {
  return useQuery({ queryKey: peopleKeys.list(query), queryFn: () => peopleApi.list(query), placeholderData: keepPreviousData });
}

export function usePerson(id: string | null) {
  return useQuery({ queryKey: peopleKeys.detail(id ?? ''), queryFn: () => peopleApi.get(id!), enabled: Boolean(id) });
}

/**
 * The full ID and phone numbers, fetched only when the user asks: every call is an audited view,
 * so it is never cached, prefetched or retried behind the user's back.
 */
export function usePersonPii() {
  return useMutation({ mutationFn: (id: string) => peopleApi.pii(id) });
}

function useInvalidatePeople() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: peopleKeys.all }),
      // Counts by category change with every person written.
      queryClient.invalidateQueries({ queryKey: ['orgs', 'counts'] }),
    ]);
}

export function useCreatePerson() {
  const invalidate = useInvalidatePeople();
  return useMutation({ mutationFn: (input: PersonInput) => peopleApi.create(input), onSuccess: invalidate });
}

export function useUpdatePerson(id: string) {
  const invalidate = useInvalidatePeople();
  return useMutation({ mutationFn: (input: PersonUpdateInput) => peopleApi.update(id, input), onSuccess: invalidate });
}

export function useMyProfile() {
  return useQuery({ queryKey: peopleKeys.myProfile(), queryFn: peopleApi.myProfile });
}

export function useUpdateMyProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OwnProfileInput) => peopleApi.updateMyProfile(input),
    onSuccess: (person) => queryClient.setQueryData(peopleKeys.myProfile(), person),
  });
}
