/**
 * The teacher pool's endpoints (师资库): directions, lecturers and their courses, requests and the
 * lecturer's answers, private feedback, and a party lesson's speaker chosen from the pool.
 */
import type {
  ActivityLecturerView,
  CourseInput,
  CoursePage,
  CourseView,
  FeedbackSessionView,
  LecturerCreateInput,
  LecturerDetail,
  LecturerFeedbackInput,
  LecturerFeedbackReport,
  LecturerFeedbackSummary,
  LecturerPage,
  LecturerRequestInput,
  LecturerRequestStatus,
  LecturerRequestView,
  TrainingDirectionInput,
  TrainingDirectionView,
} from '@pioneer/domain';
import { http, request, type QueryValue } from './client.ts';

export const teachersApi = {
  directions: () => http.get<TrainingDirectionView[]>('/teacher-directions'),
  addDirection: (input: TrainingDirectionInput) => http.post<TrainingDirectionView>('/teacher-directions', input),

  lecturers: (query: Record<string, QueryValue>) => http.get<LecturerPage>('/lecturers', query),
  lecturer: (id: string) => http.get<LecturerDetail>(`/lecturers/${id}`),
  createLecturer: (input: LecturerCreateInput) => http.post<LecturerDetail>('/lecturers', input),
  approve: (id: string) => http.post<LecturerDetail>(`/lecturers/${id}/approve`),
  reject: (id: string, reason: string) => http.post<LecturerDetail>(`/lecturers/${id}/reject`, { reason }),
  addCourse: (lecturerId: string, input: CourseInput) => http.post<CourseView>(`/lecturers/${lecturerId}/courses`, input),
  courses: (query: Record<string, QueryValue>) => http.get<CoursePage>('/lecturer-courses', query),
  lecturerFeedback: (id: string) => http.get<LecturerFeedbackReport>(`/lecturers/${id}/feedback`),
  feedbackSummary: () => http.get<LecturerFeedbackSummary[]>('/lecturer-feedback/summary'),

  requestLecturer: (input: LecturerRequestInput) => http.post<LecturerRequestView>('/lecturer-requests', input),
  requests: (orgId: string, status?: LecturerRequestStatus) => http.get<LecturerRequestView[]>('/lecturer-requests', { orgId, status }),
  cancelRequest: (id: string) => http.post<LecturerRequestView>(`/lecturer-requests/${id}/cancel`),

  myLecturer: () => http.get<LecturerDetail>('/me/lecturer'),
  myRequests: () => http.get<LecturerRequestView[]>('/me/lecturer-requests'),
  accept: (id: string) => http.post<LecturerRequestView>(`/me/lecturer-requests/${id}/accept`),
  decline: (id: string, reason: string) => http.post<LecturerRequestView>(`/me/lecturer-requests/${id}/decline`, { reason }),
  myFeedback: () => http.get<LecturerFeedbackReport>('/me/lecturer-feedback'),
  mySessions: () => http.get<FeedbackSessionView[]>('/me/feedback-sessions'),
  giveFeedback: (input: LecturerFeedbackInput) => http.post<{ ok: true }>('/lecturer-feedback', input),

  activityLecturer: (activityId: string) => http.get<ActivityLecturerView>(`/activities/${activityId}/lecturer`),
  setActivityLecturer: (activityId: string, lecturerId: string | null) => request<ActivityLecturerView>('PUT', `/activities/${activityId}/lecturer`, { body: { lecturerId } }),
};
