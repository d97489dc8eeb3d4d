/** React Query hooks of training classes; every write refreshes the class views it changes. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { classesApi } from '../../api/classes.ts';

export const classKeys = {
  all: ['classes'] as const,
  list: (year: number) => ['classes', 'list', year] as const,
  one: (id: string) => ['classes', 'one', id] as const,
  enrolments: (id: string) => ['classes', 'enrolments', id] as const,
  roster: (sessionId: string) => ['classes', 'roster', sessionId] as const,
  report: (id: string) => ['classes', 'report', id] as const,
  stats: (year: number) => ['classes', 'stats', year] as const,
  mine: ['classes', 'mine'] as const,
  myClass: (id: string) => ['classes', 'mine', id] as const,
  signin: (token: string) => ['classes', 'signin', token] as const,
};

export const useClasses = (year: number) => useQuery({ queryKey: classKeys.list(year), queryFn: () => classesApi.list({ year }) });
export const useClass = (id: string) => useQuery({ queryKey: classKeys.one(id), queryFn: () => classesApi.get(id) });
export const useEnrolments = (id: string) => useQuery({ queryKey: classKeys.enrolments(id), queryFn: () => classesApi.enrolments(id) });
export const useRoster = (sessionId: string | null, poll?: number) =>
  useQuery({ queryKey: classKeys.roster(sessionId ?? ''), queryFn: () => classesApi.roster(sessionId!), enabled: Boolean(sessionId), refetchInterval: poll });
export const useReport = (id: string) => useQuery({ queryKey: classKeys.report(id), queryFn: () => classesApi.report(id) });
export const useClassStatistics = (year: number) => useQuery({ queryKey: classKeys.stats(year), queryFn: () => classesApi.statistics({ year }) });
export const useMyClasses = () => useQuery({ queryKey: classKeys.mine, queryFn: classesApi.mine });
export const useMyClass = (id: string) => useQuery({ queryKey: classKeys.myClass(id), queryFn: () => classesApi.myClass(id) });
export const useClassSigninView = (token: string) => useQuery({ queryKey: classKeys.signin(token), queryFn: () => classesApi.signinView(token), retry: false });

/** A mutation that refreshes every class view when it succeeds. */
export function useClassMutation<A, R>(fn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: classKeys.all }) });
}
