/**
 * The people registry contract: one record shape for full and probationary members and for
 * applicants, activists and candidates (a category field), and the record-level checks shared by
 * the form, the API and the Excel import.
 */
import { z } from 'zod';
import { checkIdNumber, checkIdNumberAgainstRecord } from '../rules/id-number.ts';
import { checkMembershipDates, personCategories, personStatuses } from '../rules/membership.ts';
import { checkPhone } from '../rules/phone.ts';
import { businessLines } from '../rules/training-groups.ts';
import { isoDate, page, pageQuery } from './common.ts';

export const sexes = ['male', 'female'] as const;
export const personCategory = z.enum(personCategories);
export const personStatus = z.enum(personStatuses);

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const personFlags = {
  isLeadingCadre: z.boolean().optional(),
  isPartyAffairsWorker: z.boolean().optional(),
  isSecretary: z.boolean().optional(),
  isCommitteeMember: z.boolean().optional(),
  isInfirm: z.boolean().optional(),
  isRetired: z.boolean().optional(),
  studyExempt: z.boolean().optional(),
};

export const personInput = z.object({
  orgId: z.uuid(),
  name: z.string().trim().min(1).max(50),
  sex: z.enum(sexes),
  ethnicity: optionalText(20),
  birthDate: isoDate,
  idNumber: z.string().trim().min(1).max(30),
  phone: optionalText(30),
  education: optionalText(30),
  category: personCategory,
  joinedOn: isoDate.nullable().optional(),
  confirmedOn: isoDate.nullable().optional(),
  post: optionalText(100),
  address: optionalText(200),
  status: personStatus.optional(),
  lostContactSince: isoDate.nullable().optional(),
  ...personFlags,
  studyExemptReason: optionalText(200),
  /** The day the person took office as secretary (新任书记 are trained within 6 months of it). */
  secretarySince: isoDate.nullable().optional(),
  /** The business line the person works in (业务条线), a group of differentiated training. */
  businessLine: z.enum(businessLines).nullable().optional(),
});
export type PersonInput = z.infer<typeof personInput>;

/**
 * An update names the version it was based on, so concurrent edits are caught. Unknown fields are
 * refused rather than dropped: the organisation in particular changes only through a transfer
 * (组织关系转接), and a client that sends orgId here must learn that nothing moved.
 */
export const personUpdateInput = personInput.omit({ orgId: true }).partial().extend({ version: z.number().int().positive() }).strict();
export type PersonUpdateInput = z.infer<typeof personUpdateInput>;

/**
 * What a member may change in their own profile. Any other field (category, dates, flags…) is
 * refused with a validation error, never silently ignored, so the member is not told "saved".
 */
export const ownProfileInput = z.object({ phone: optionalText(30), address: optionalText(200), education: optionalText(30) }).strict();
export type OwnProfileInput = z.infer<typeof ownProfileInput>;

export type PersonField = keyof PersonInput;
export type PersonIssue = { field: PersonField; code: string };

export type CheckedPerson = {
  idNumber: string;
  phone: string | null;
  issues: PersonIssue[];
};

/**
 * Every record-level rule in one place: the ID number's check digit and its agreement with the
 * birth date and sex, the phone, the membership dates and age at joining, and the reasons that
 * must accompany a status or an exemption. Uniqueness needs the database and is the server's job.
 */
export function checkPersonRecord(input: Omit<PersonInput, 'orgId'>, today: string): CheckedPerson {
  const issues: PersonIssue[] = [];
  let idNumber = input.idNumber;
  const id = checkIdNumber(input.idNumber, today);
  if (!id.ok) issues.push({ field: 'idNumber', code: id.code });
  else {
    idNumber = id.value;
    for (const code of checkIdNumberAgainstRecord(id.info, { birthDate: input.birthDate, sex: input.sex })) {
      issues.push({ field: code === 'ID_NUMBER_BIRTH_MISMATCH' ? 'birthDate' : 'sex', code });
    }
  }
  let phone: string | null = null;
  if (input.phone) {
    const p = checkPhone(input.phone);
    if (!p.ok) issues.push({ field: 'phone', code: p.code });
    else phone = p.value;
  }
  for (const e of checkMembershipDates({
    category: input.category,
    birthDate: input.birthDate,
    joinedOn: input.joinedOn ?? null,
    confirmedOn: input.confirmedOn ?? null,
    today,
  })) {
    issues.push({ field: e.field, code: e.code });
  }
  if (input.status === 'lost_contact' && !input.lostContactSince) issues.push({ field: 'lostContactSince', code: 'LOST_CONTACT_DATE_REQUIRED' });
  if (input.lostContactSince && input.lostContactSince > today) issues.push({ field: 'lostContactSince', code: 'DATE_IN_FUTURE' });
  if (input.studyExempt && !input.studyExemptReason) issues.push({ field: 'studyExemptReason', code: 'STUDY_EXEMPT_REASON_REQUIRED' });
  return { idNumber, phone, issues };
}

export const personView = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  sex: z.enum(sexes),
  ethnicity: z.string().nullable(),
  birthDate: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  education: z.string().nullable(),
  category: personCategory,
  joinedOn: z.string().nullable(),
  confirmedOn: z.string().nullable(),
  post: z.string().nullable(),
  address: z.string().nullable(),
  status: personStatus,
  lostContactSince: z.string().nullable(),
  /** Derived from lostContactSince: 6 months → consider suspension, 2 years → consider removal. */
  lostContactFlag: z.enum(['none', 'over_6_months', 'over_2_years']),
  isLeadingCadre: z.boolean(),
  isPartyAffairsWorker: z.boolean(),
  isSecretary: z.boolean(),
  isCommitteeMember: z.boolean(),
  isInfirm: z.boolean(),
  isRetired: z.boolean(),
  studyExempt: z.boolean(),
  studyExemptReason: z.string().nullable(),
  secretarySince: z.string().nullable(),
  businessLine: z.enum(businessLines).nullable(),
  version: z.number().int(),
});
export type PersonView = z.infer<typeof personView>;

/** The unmasked ID and phone numbers: a separate call, and every call is audited. */
export const personPiiView = z.object({ idNumber: z.string(), phone: z.string().nullable() });

export const peopleListQuery = pageQuery.extend({
  orgId: z.uuid(),
  /** Name, pinyin ('zhangsan'), pinyin initials ('zs'), or the last 4+ digits of an ID or phone number. */
  q: z.string().trim().max(50).optional(),
  category: personCategory.optional(),
  status: personStatus.optional(),
  /** Only members exempt from hard study requirements (长期病休/年老体弱: study_exempt or is_infirm), e.g. for 送学上门. */
  exempt: z.enum(['true']).optional(),
  /** Whole subtree (default) or only the organisation itself. */
  scope: z.enum(['subtree', 'direct']).default('subtree'),
  sort: z.enum(['name', 'joinedOn', 'category']).default('name'),
});
export type PeopleListQuery = z.infer<typeof peopleListQuery>;

export const peoplePage = page(personView);
export const personIdParams = z.object({ id: z.uuid() });
