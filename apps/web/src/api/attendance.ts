/**
 * Attendance endpoints: the secretary's sheet and bulk marking, QR sign-in (open/close, and the
 * member's side at /signin/:token), leave requests, and the member's own obligations and history.
 */
import type {
  AttendanceMarkInput,
  AttendanceSheet,
  MyActivitiesView,
  MyActivityView,
  ObligationsView,
  SigninOpened,
  SigninState,
  SigninView,
} from '@pioneer/domain';
import { http, request } from './client.ts';

export const attendanceApi = {
  sheet: (activityId: string) => http.get<AttendanceSheet>(`/activities/${activityId}/attendance`),
  /** Answers the sheet as it stands after the marking. */
  mark: (activityId: string, input: AttendanceMarkInput) => request<AttendanceSheet>('PUT', `/activities/${activityId}/attendance`, { body: input }),
  openSignin: (activityId: string, minutes: number) => http.post<SigninOpened>(`/activities/${activityId}/signin`, { minutes }),
  /** The code open now (the same one, not rotated), for showing it on another device. */
  currentSignin: (activityId: string) => http.get<SigninOpened>(`/activities/${activityId}/signin`),
  closeSignin: (activityId: string) => http.post<SigninState>(`/activities/${activityId}/signin/close`),
  signinView: (token: string) => http.get<SigninView>(`/signin/${encodeURIComponent(token)}`),
  signIn: (token: string) => http.post<SigninView>(`/signin/${encodeURIComponent(token)}`),
  requestLeave: (activityId: string, reason: string) => http.post<MyActivityView>(`/me/activities/${activityId}/leave`, { reason }),
  withdrawLeave: (activityId: string) => http.delete<MyActivityView>(`/me/activities/${activityId}/leave`),
  myObligations: () => http.get<ObligationsView>('/me/obligations'),
  myActivities: (year?: number) => http.get<MyActivitiesView>('/me/activities', { year }),
};
