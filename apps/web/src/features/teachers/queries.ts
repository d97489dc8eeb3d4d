/** React Query hooks of the teacher pool; each write refreshes the pool's views. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CourseInput, LecturerCreateInput, LecturerFeedbackInput, LecturerRequestInput, TrainingDirectionInput } from '@pioneer/domain';
import type { QueryValue } from '../../api/client.ts';
import { teachersApi } from '../../api/teachers.ts';

export const teacherKeys = { all: ['teachers'] as const };
const key = (...parts: unknown[]) => ['teachers', ...parts];

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: teacherKeys.all });
}

export const useDirections = () => useQuery({ queryKey: key('directions'), queryFn: teachersApi.directions, staleTime: 60_000 });
export const useLecturers = (query: Record<string, QueryValue>) => useQuery({ queryKey: key('lecturers', query), queryFn: () => teachersApi.lecturers(query) });
export const useLecturer = (id: string | null) => useQuery({ queryKey: key('lecturer', id), queryFn: () => teachersApi.lecturer(id!), enabled: Boolean(id) });
export const useCourses = (query: Record<string, QueryValue>, enabled = true) => useQuery({ queryKey: key('courses', query), queryFn: () => teachersApi.courses(query), enabled });
export const useFeedbackSummary = (enabled: boolean) => useQuery({ queryKey: key('feedback-summary'), queryFn: teachersApi.feedbackSummary, enabled });
export const useRequests = (orgId: string | null) => useQuery({ queryKey: key('requests', orgId), queryFn: () => teachersApi.requests(orgId!), enabled: Boolean(orgId) });
export const useMyLecturer = () => useQuery({ queryKey: key('me'), queryFn: teachersApi.myLecturer, retry: false });
export const useMyRequests = (enabled: boolean) => useQuery({ queryKey: key('me', 'requests'), queryFn: teachersApi.myRequests, enabled });
export const useMyFeedback = (enabled: boolean) => useQuery({ queryKey: key('me', 'feedback'), queryFn: teachersApi.myFeedback, enabled });
export const useMySessions = () => useQuery({ queryKey: key('me', 'sessions'), queryFn: teachersApi.mySessions, retry: false });
export const useActivityLecturer = (activityId: string) => useQuery({ queryKey: key('activity', activityId), queryFn: () => teachersApi.activityLecturer(activityId) });

export function useTeacherMutations() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const m = <A, R>(fn: (a: A) => Promise<R>) => ({ mutationFn: fn, onSuccess: invalidate });
  return {
    addDirection: useMutation(m((input: TrainingDirectionInput) => teachersApi.addDirection(input))),
    createLecturer: useMutation(m((input: LecturerCreateInput) => teachersApi.createLecturer(input))),
    approve: useMutation(m((id: string) => teachersApi.approve(id))),
    reject: useMutation(m((v: { id: string; reason: string }) => teachersApi.reject(v.id, v.reason))),
    addCourse: useMutation(m((v: { lecturerId: string; input: CourseInput }) => teachersApi.addCourse(v.lecturerId, v.input))),
    request: useMutation(m((input: LecturerRequestInput) => teachersApi.requestLecturer(input))),
    cancel: useMutation(m((id: string) => teachersApi.cancelRequest(id))),
    accept: useMutation(m((id: string) => teachersApi.accept(id))),
    decline: useMutation(m((v: { id: string; reason: string }) => teachersApi.decline(v.id, v.reason))),
    feedback: useMutation(m((input: LecturerFeedbackInput) => teachersApi.giveFeedback(input))),
    // The activity's speaker and version change too: its page reloads it.
    setSpeaker: useMutation({
      mutationFn: (v: { activityId: string; lecturerId: string | null }) => teachersApi.setActivityLecturer(v.activityId, v.lecturerId),
      onSuccess: () => Promise.all([invalidate(), queryClient.invalidateQueries({ queryKey: ['activities'] })]),
    }),
  };
}
