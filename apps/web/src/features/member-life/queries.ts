/**
 * React Query hooks of the member's own organisational life: obligations, history, study hours,
 * make-up study, leave requests and QR sign-in. Every write refreshes the views it changes.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { attendanceApi } from '../../api/attendance.ts';
import { ledgerApi } from '../../api/ledger.ts';
import { makeupApi } from '../../api/makeup.ts';

export const memberLifeKeys = {
  all: ['me', 'org-life'] as const,
  obligations: ['me', 'org-life', 'obligations'] as const,
  history: (year: number | undefined) => ['me', 'org-life', 'history', year ?? 'current'] as const,
  hours: (year: number | undefined) => ['me', 'org-life', 'hours', year ?? 'current'] as const,
  makeupList: ['me', 'org-life', 'makeup'] as const,
  makeup: (id: string) => ['me', 'org-life', 'makeup', id] as const,
  signin: (token: string) => ['signin', token] as const,
};

export function useObligations() {
  return useQuery({ queryKey: memberLifeKeys.obligations, queryFn: attendanceApi.myObligations });
}

export function useMyHistory(year?: number) {
  return useQuery({ queryKey: memberLifeKeys.history(year), queryFn: () => attendanceApi.myActivities(year) });
}

export function useMyStudyHours(year?: number) {
  return useQuery({ queryKey: memberLifeKeys.hours(year), queryFn: () => ledgerApi.mine(year) });
}

export function useMyMakeupList() {
  return useQuery({ queryKey: memberLifeKeys.makeupList, queryFn: makeupApi.mine });
}

export function useMyMakeup(id: string) {
  return useQuery({ queryKey: memberLifeKeys.makeup(id), queryFn: () => makeupApi.get(id) });
}

function useInvalidateMine() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: memberLifeKeys.all });
}

export function useRequestLeave() {
  const invalidate = useInvalidateMine();
  return useMutation({ mutationFn: (v: { activityId: string; reason: string }) => attendanceApi.requestLeave(v.activityId, v.reason), onSuccess: invalidate });
}

export function useWithdrawLeave() {
  const invalidate = useInvalidateMine();
  return useMutation({ mutationFn: (activityId: string) => attendanceApi.withdrawLeave(activityId), onSuccess: invalidate });
}

export function useMakeupRead() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateMine();
  return useMutation({
    mutationFn: (id: string) => makeupApi.markRead(id),
    onSuccess: (detail) => {
      queryClient.setQueryData(memberLifeKeys.makeup(detail.id), detail);
      return invalidate();
    },
  });
}

export function useMakeupComplete() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateMine();
  return useMutation({
    mutationFn: (v: { id: string; note: string }) => makeupApi.complete(v.id, { note: v.note }),
    onSuccess: (detail) => {
      queryClient.setQueryData(memberLifeKeys.makeup(detail.id), detail);
      return invalidate();
    },
  });
}

export function useSigninView(token: string) {
  return useQuery({ queryKey: memberLifeKeys.signin(token), queryFn: () => attendanceApi.signinView(token), retry: false });
}

export function useSignIn(token: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateMine();
  return useMutation({
    mutationFn: () => attendanceApi.signIn(token),
    onSuccess: (view) => {
      queryClient.setQueryData(memberLifeKeys.signin(token), view);
      return invalidate();
    },
  });
}
