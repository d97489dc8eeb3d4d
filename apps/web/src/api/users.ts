/** /users (accounts, system administrator) and /grants (role grants, security administrator). */
import type { GrantCreateInput, GrantDetailView, GrantListQuery, UserCreateInput, UserListQuery, UserView, UserWithPassword } from '@pioneer/domain';
import { http } from './client.ts';

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
export type UserPage = Page<UserView>;
export type GrantPage = Page<GrantDetailView>;
/** On the wire `active` is the string 'true' / 'false'; the schema turns it into a boolean. */
export type UserListParams = Partial<Omit<UserListQuery, 'active'>> & { active?: 'true' | 'false' };

export const usersApi = {
  list: (query: UserListParams) => http.get<UserPage>('/users', query),
  get: (id: string) => http.get<UserView>(`/users/${id}`),
  create: (input: UserCreateInput) => http.post<UserWithPassword>('/users', input),
  resetPassword: (id: string) => http.post<UserWithPassword>(`/users/${id}/reset-password`),
  unlock: (id: string) => http.post<UserView>(`/users/${id}/unlock`),
  disable: (id: string) => http.post<UserView>(`/users/${id}/disable`),
  enable: (id: string) => http.post<UserView>(`/users/${id}/enable`),
};

export const grantsApi = {
  list: (query: Partial<GrantListQuery>) => http.get<GrantPage>('/grants', query),
  create: (input: GrantCreateInput) => http.post<GrantDetailView>('/grants', input),
  revoke: (id: string) => http.delete<{ ok: true }>(`/grants/${id}`),
};
