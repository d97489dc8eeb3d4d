/**
 * Person rows to API shapes. The ID and phone numbers leave the server masked
 * ('110105********1234', '138****5678') everywhere except the audited full view; the audit log
 * gets the same masked shape, so not even the log holds a plain number.
 */
import { lostContactFlag, maskIdNumber, maskPhone, type PersonCategory, type PersonStatus, type PersonView } from '@pioneer/domain';
import type { PersonRow } from '../../db/schema.ts';
import type { Pii } from '../../lib/pii.ts';

export type PersonWithOrgRow = PersonRow & { org_name: string };

export function presentPerson(pii: Pii, row: PersonWithOrgRow, today: string): PersonView {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    name: row.name,
    sex: row.sex as PersonView['sex'],
    ethnicity: row.ethnicity,
    birthDate: row.birth_date,
    idNumberMasked: maskIdNumber(pii.decrypt(row.id_number_enc)),
    phoneMasked: row.phone_enc ? maskPhone(pii.decrypt(row.phone_enc)) : null,
    education: row.education,
    category: row.category as PersonCategory,
    joinedOn: row.joined_on,
    confirmedOn: row.confirmed_on,
    post: row.post,
    address: row.address,
    status: row.status as PersonStatus,
    lostContactSince: row.lost_contact_since,
    // Someone back in contact keeps no flag, whatever date is left on the record.
    lostContactFlag: row.status === 'lost_contact' ? lostContactFlag(row.lost_contact_since, today) : 'none',
    isLeadingCadre: row.is_leading_cadre,
    isPartyAffairsWorker: row.is_party_affairs_worker,
    isSecretary: row.is_secretary,
    isCommitteeMember: row.is_committee_member,
    isInfirm: row.is_infirm,
    isRetired: row.is_retired,
    studyExempt: row.study_exempt,
    studyExemptReason: row.study_exempt_reason,
    version: row.version,
  };
}

/** The record as the audit log keeps it: every field that can change, the numbers masked. */
export function auditPerson(pii: Pii, row: PersonRow): Record<string, unknown> {
  return {
    orgId: row.org_id,
    name: row.name,
    sex: row.sex,
    ethnicity: row.ethnicity,
    birthDate: row.birth_date,
    idNumber: maskIdNumber(pii.decrypt(row.id_number_enc)),
    phone: row.phone_enc ? maskPhone(pii.decrypt(row.phone_enc)) : null,
    education: row.education,
    category: row.category,
    joinedOn: row.joined_on,
    confirmedOn: row.confirmed_on,
    post: row.post,
    address: row.address,
    status: row.status,
    lostContactSince: row.lost_contact_since,
    isLeadingCadre: row.is_leading_cadre,
    isPartyAffairsWorker: row.is_party_affairs_worker,
    isSecretary: row.is_secretary,
    isCommitteeMember: row.is_committee_member,
    isInfirm: row.is_infirm,
    isRetired: row.is_retired,
    studyExempt: row.study_exempt,
    studyExemptReason: row.study_exempt_reason,
    version: row.version,
  };
}
