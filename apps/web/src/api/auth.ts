/** /auth endpoints: login, who am I, password change, logout. */
import type { ChangePasswordInput, LoginInput, MeView } from '@pioneer/domain';
import { http } from './client.ts';

export const authApi = {
  login: (input: LoginInput) => http.post<MeView>('/auth/login', input),
  me: () => http.get<MeView>('/auth/me'),
  changePassword: (input: ChangePasswordInput) => http.post<{ ok: true }>('/auth/password', input),
  logout: () => http.post<{ ok: true }>('/auth/logout'),
};
