/** React Query hooks for accounts (system administrator) and role grants (security administrator). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GrantCreateInput, GrantListQuery, UserCreateInput, UserView, UserWithPassword } from '@pioneer/domain';
import { grantsApi, usersApi, type UserListParams } from '../../api/users.ts';

export const accountKeys = {
  users: (query: UserListParams) => ['users', query] as const,
  grants: (query: Partial<GrantListQuery>) => ['grants', query] as const,
};

export function useUsers(query: UserListParams, enabled = true) {
  return useQuery({ queryKey: accountKeys.users(query), queryFn: () => usersApi.list(query), placeholderData: keepPreviousData, enabled });
}

export function useGrants(query: Partial<GrantListQuery>) {
  return useQuery({ queryKey: accountKeys.grants(query), queryFn: () => grantsApi.list(query), placeholderData: keepPreviousData });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: ['users'] }), queryClient.invalidateQueries({ queryKey: ['grants'] })]);
}

export function useCreateUser() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: UserCreateInput) => usersApi.create(input), onSuccess: invalidate });
}

export type AccountAction = 'resetPassword' | 'unlock' | 'disable' | 'enable';

export function useAccountAction() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: AccountAction }): Promise<UserView | UserWithPassword> => usersApi[action](id),
    onSuccess: invalidate,
  });
}

export function useGrantRole() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: GrantCreateInput) => grantsApi.create(input), onSuccess: invalidate });
}

export function useRevokeGrant() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => grantsApi.revoke(id), onSuccess: invalidate });
}
