/**
 * The signed-in account as the whole app sees it: GET /auth/me cached under ['me'] (null when
 * nobody is signed in), login and logout, and the reactions to the server's verdicts — a 401
 * signs the user out (with a notice when the session timed out), a 403 PASSWORD_CHANGE_REQUIRED
 * sends them to the password change. The idle timer asks the server when the session should have
 * lapsed, so an abandoned screen ends up on the login page instead of failing on the next click.
 */
import { useEffect, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type { LoginInput, MeView } from '@pioneer/domain';
import { authApi } from '../../api/auth.ts';
import { ApiError, lastApiCallAt, onAuthProblem, setCsrfToken } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';

export const meKey = ['me'] as const;

async function loadMe(): Promise<MeView | null> {
  try {
    const me = await authApi.me();
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: loadMe, staleTime: Infinity, retry: false });
}

/** The signed-in account; only for components rendered behind RequireAuth. */
export function useCurrentUser(): MeView {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser without a signed-in user');
  return data;
}

/** Forgets everything cached for the previous user, keeping only the (new) session answer. */
function dropUserData(queryClient: QueryClient) {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => authApi.login(input),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      dropUserData(queryClient);
      queryClient.setQueryData(meKey, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => authApi.logout(),
    // Signed out locally even if the server could not be told (the session then times out there).
    onSettled: () => {
      setCsrfToken(null);
      dropUserData(queryClient);
      queryClient.setQueryData(meKey, null);
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: authApi.changePassword,
    onSuccess: () => queryClient.setQueryData<MeView | null>(meKey, (me) => (me ? { ...me, mustChangePassword: false } : me)),
  });
}

/** Listens for the server's authentication verdicts and for the idle timeout. */
export function SessionWatcher({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  const { data: me } = useMe();

  useEffect(
    () =>
      onAuthProblem((error) => {
        if (error.code === 'PASSWORD_CHANGE_REQUIRED') {
          queryClient.setQueryData<MeView | null>(meKey, (m) => (m ? { ...m, mustChangePassword: true } : m));
          return;
        }
        const wasSignedIn = Boolean(queryClient.getQueryData(meKey));
        setCsrfToken(null);
        dropUserData(queryClient);
        queryClient.setQueryData(meKey, null);
        if (error.code === 'SESSION_EXPIRED' || wasSignedIn) {
          // One notice even when several calls fail together.
          void message.warning({ key: 'session-ended', content: error.message || t('session.expired'), duration: 6 });
        }
      }),
    [queryClient, message, t],
  );

  const idleMinutes = me?.idleTimeoutMinutes;
  useEffect(() => {
    if (!idleMinutes) return;
    const timer = setInterval(() => {
      // A little past the server's limit, so the check itself does not keep the session alive.
      if (Date.now() - lastApiCallAt() > idleMinutes * 60_000 + 5_000) void queryClient.refetchQueries({ queryKey: meKey });
    }, 30_000);
    return () => clearInterval(timer);
  }, [idleMinutes, queryClient]);

  return children;
}
