/**
 * /activities endpoints: plan, list (calendar and table), the full record, record as held or
 * correct, cancel; guests and auditors; resolutions with their verdict; attachment links.
 */
import type {
  ActivityCalendar,
  ActivityCalendarQuery,
  ActivityCancelInput,
  ActivityCreateInput,
  ActivityDetail,
  ActivityGuestInput,
  ActivityListQuery,
  ActivityPage,
  ActivityRecordInput,
  ActivityUpdateInput,
  ResolutionInput,
  ResolutionRecorded,
} from '@pioneer/domain';
import { http } from './client.ts';

export type ActivityQuery = Partial<ActivityListQuery>;

export const activitiesApi = {
  list: (query: ActivityQuery) => http.get<ActivityPage>('/activities', query),
  /** A month per local day: counts by kind and status (the month view; a day's list comes from `list`). */
  calendar: (query: ActivityCalendarQuery) => http.get<ActivityCalendar>('/activities/calendar', query),
  get: (id: string) => http.get<ActivityDetail>(`/activities/${id}`),
  create: (input: ActivityCreateInput) => http.post<ActivityDetail>('/activities', input),
  update: (id: string, input: ActivityUpdateInput) => http.patch<ActivityDetail>(`/activities/${id}`, input),
  cancel: (id: string, input: ActivityCancelInput) => http.post<ActivityDetail>(`/activities/${id}/cancel`, input),
  record: (id: string, input: ActivityRecordInput) => http.post<ActivityDetail>(`/activities/${id}/record`, input),
  addGuest: (id: string, input: ActivityGuestInput) => http.post<ActivityDetail>(`/activities/${id}/guests`, input),
  removeGuest: (id: string, guestId: string) => http.delete<ActivityDetail>(`/activities/${id}/guests/${guestId}`),
  addResolution: (id: string, input: ResolutionInput) => http.post<ResolutionRecorded>(`/activities/${id}/resolutions`, input),
  linkAttachment: (id: string, attachmentId: string) => http.post<ActivityDetail>(`/activities/${id}/attachments`, { attachmentId }),
  unlinkAttachment: (id: string, attachmentId: string) => http.delete<ActivityDetail>(`/activities/${id}/attachments/${attachmentId}`),
};
