/** /rotations: the year's rotation training, its coverage and the people behind it. */
import type { CoveragePeople, CoverageStatus, RotationCoverage, RotationCreateInput, RotationList, RotationUpdateInput, RotationView } from '@pioneer/domain';
import { http } from './client.ts';

export const rotationsApi = {
  list: (year?: number) => http.get<RotationList>('/rotations', { year }),
  get: (id: string) => http.get<RotationView>(`/rotations/${id}`),
  declare: (input: RotationCreateInput) => http.post<RotationView>('/rotations', input),
  update: (id: string, input: RotationUpdateInput) => http.patch<RotationView>(`/rotations/${id}`, input),
  close: (id: string) => http.post<RotationView>(`/rotations/${id}/close`),
  coverage: (id: string, orgId?: string) => http.get<RotationCoverage>(`/rotations/${id}/coverage`, { orgId }),
  people: (id: string, q: { orgId?: string; status?: CoverageStatus; page: number; pageSize: number }) => http.get<CoveragePeople>(`/rotations/${id}/coverage/people`, q),
};
