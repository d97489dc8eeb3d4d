/** /people and /me/profile endpoints: the people registry. */
import type { OwnProfileInput, PeopleListQuery, PersonInput, PersonUpdateInput, PersonView } from '@pioneer/domain';
import { http } from './client.ts';

export type PeoplePage = { items: PersonView[]; total: number; page: number; pageSize: number };
export type PersonPii = { idNumber: string; phone: string | null };
/** Everything of the list query is optional on the wire except the organisation. */
export type PeopleQuery = Pick<PeopleListQuery, 'orgId'> & Partial<Omit<PeopleListQuery, 'orgId'>>;

export const peopleApi = {
  list: (query: PeopleQuery) => http.get<PeoplePage>('/people', query),
  get: (id: string) => http.get<PersonView>(`/people/${id}`),
  /** The full ID and phone numbers; the server records every call in the audit log. */
  pii: (id: string) => http.get<PersonPii>(`/people/${id}/pii`),
  create: (input: PersonInput) => http.post<PersonView>('/people', input),
  update: (id: string, input: PersonUpdateInput) => http.patch<PersonView>(`/people/${id}`, input),
  myProfile: () => http.get<PersonView>('/me/profile'),
  updateMyProfile: (input: OwnProfileInput) => http.patch<PersonView>('/me/profile', input),
};
