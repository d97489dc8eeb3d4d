/**
 * Person rows to API shapes. The ID and phone numbers leave the server masked
 * ('110105********1234', '138****5678') everywhere except the audited full view; the audit log
 * gets the same masked shape, so not even the log holds a plain number.
 */
import { lostContactFlag, maskIdNumber, maskPhone, type BusinessLine, type PersonCategory, type PersonInput, type PersonStatus, type PersonView } from '@pioneer/domain';
import type { PersonRow } from '../../db/schema.ts';
import type { Pii } from '../../lib/pii.ts';

export type PersonWithOrgRow = PersonRow & { org_name: string };

/** The person columns the record form is read from; the encrypted numbers come in separately. */
export type PersonRecordColumns = Pick<
  PersonRow,
  | 'name'
  | 'sex'
  | 'ethnicity'
  | 'birth_date'
  | 'education'
  | 'category'
  | 'joined_on'
  | 'confirmed_on'
  | 'post'
  | 'address'
  | 'status'
  | 'lost_contact_since'
  | 'is_leading_cadre'
  | 'is_party_affairs_worker'
  | 'is_secretary'
  | 'is_committee_member'
  | 'is_infirm'
  | 'is_retired'
  | 'study_exempt'
  | 'study_exempt_reason'
  | 'secretary_since'
  | 'business_line'
>;

/**
 * A stored person in input form (without orgId), the one place the row-to-record field mapping is
 * written out. The numbers are passed in as the caller needs them (plain, masked), since only the
 * caller knows which form is allowed to leave. Every field is present (a row has them all), which
 * the API view relies on.
 */
export function personRecordFromRow(row: PersonRecordColumns, numbers: { idNumber: string; phone: string | null }): Required<Omit<PersonInput, 'orgId'>> {
  return {
    name: row.name,
    sex: row.sex as PersonInput['sex'],
    ethnicity: row.ethnicity,
    birthDate: row.birth_date,
    idNumber: numbers.idNumber,
    phone: numbers.phone,
    education: row.education,
    category: row.category as PersonCategory,
    joinedOn: row.joined_on,
    confirmedOn: row.confirmed_on,
    post: row.post,
    address: row.address,
    status: row.status as PersonStatus,
    lostContactSince: row.lost_contact_since,
    isLeadingCadre: row.is_leading_cadre,
    isPartyAffairsWorker: row.is_party_affairs_worker,
    isSecretary: row.is_secretary,
    isCommitteeMember: row.is_committee_member,
    isInfirm: row.is_infirm,
    isRetired: row.is_retired,
    studyExempt: row.study_exempt,
    studyExemptReason: row.study_exempt_reason,
    secretarySince: row.secretary_since,
    businessLine: row.business_line as BusinessLine | null,
  };
}

/** The numbers masked, as every view but the audited full one and the audit log show them. */
function maskedNumbers(pii: Pii, row: PersonRow): { idNumber: string; phone: string | null } {
  return { idNumber: maskIdNumber(pii.decrypt(row.id_number_enc)), phone: row.phone_enc ? maskPhone(pii.decrypt(row.phone_enc)) : null };
}

export function presentPerson(pii: Pii, row: PersonWithOrgRow, today: string): PersonView {
  const numbers = maskedNumbers(pii, row);
  // The view names the numbers by what they are (masked) and keeps them apart from the record fields.
  const { idNumber: _idNumber, phone: _phone, ...fields } = personRecordFromRow(row, numbers);
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    ...fields,
    idNumberMasked: numbers.idNumber,
    phoneMasked: numbers.phone,
    // Someone back in contact keeps no flag, whatever date is left on the record.
    lostContactFlag: row.status === 'lost_contact' ? lostContactFlag(row.lost_contact_since, today) : 'none',
    version: row.version,
  };
}

/** The record as the audit log keeps it: every field that can change, the numbers masked. */
export function auditPerson(pii: Pii, row: PersonRow): Record<string, unknown> {
  return { orgId: row.org_id, ...personRecordFromRow(row, maskedNumbers(pii, row)), version: row.version };
}
