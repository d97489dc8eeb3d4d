/**
 * The people registry (党员及入党积极分子等人员信息): one record shape for members and people in
 * development. Owns the record rules at write time (checkPersonRecord plus deployment-wide
 * uniqueness of the ID number), encryption of ID and phone numbers with their keyed hashes and
 * tails, the search, the audited full view, and the member's own profile. Moving a person to
 * another organisation is not an edit: it is a transfer (modules/transfers).
 */
import {
  checkPersonRecord,
  checkPhone,
  looksLikePinyinQuery,
  normalizeIdNumber,
  normalizePhone,
  normalizePinyinQuery,
  normalizeText,
  toPinyinKeys,
  checkIdNumber,
  lastFour,
  type OwnProfileInput,
  type PeopleListQuery,
  type PersonInput,
  type PersonIssue,
  type PersonUpdateInput,
  type PersonView,
} from '@pioneer/domain';
import type { Kysely, Transaction } from 'kysely';
import type { ServerContext } from '../../context.ts';
import type { DB, NewPerson, OrganizationRow, PersonRow, PersonUpdate } from '../../db/schema.ts';
import { AppError, type FieldIssue } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import type { Pii } from '../../lib/pii.ts';
import { todayIn } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import * as policy from './people.policy.ts';
import { auditPerson, personRecordFromRow, presentPerson, type PersonWithOrgRow } from './people.presenter.ts';
import * as repo from './people.repo.ts';

type Db = Kysely<DB> | Transaction<DB>;
type Caller = { actor: Actor; ip: string | null };
type PersonRecord = Omit<PersonInput, 'orgId'>;
type PersonColumns = Omit<NewPerson, 'id' | 'org_id' | 'org_path' | 'created_at' | 'updated_at' | 'version'>;

const blankToNull = (v: string | null | undefined): string | null => (v && v.trim() ? v.trim() : null);

/**
 * The stored columns of a record, normalised: ID and phone numbers in canonical form (half-width,
 * no spaces, upper-case X; phone digits only), encrypted beside their keyed hashes and last four
 * characters, pinyin keys for search, blank text as null. A date that only means something with a
 * status or a flag (lost contact since, exemption reason) is dropped without it, so a person back
 * in contact carries no stale flag.
 */
function personColumns(pii: Pii, input: PersonRecord): PersonColumns {
  const name = normalizeText(input.name);
  const keys = toPinyinKeys(name);
  const idNumber = normalizeIdNumber(input.idNumber);
  const phone = blankToNull(input.phone) === null ? null : normalizePhone(input.phone!);
  const status = input.status ?? 'normal';
  const studyExempt = input.studyExempt ?? false;
  return {
    name,
    name_pinyin: keys.full,
    name_initials: keys.initials,
    sex: input.sex,
    ethnicity: blankToNull(input.ethnicity),
    birth_date: input.birthDate,
    id_number_enc: pii.encrypt(idNumber),
    id_number_hash: pii.hash('id', idNumber),
    id_number_tail: lastFour(idNumber),
    phone_enc: phone === null ? null : pii.encrypt(phone),
    phone_hash: phone === null ? null : pii.hash('phone', phone),
    phone_tail: phone === null ? null : lastFour(phone),
    education: blankToNull(input.education),
    category: input.category,
    joined_on: input.joinedOn ?? null,
    confirmed_on: input.confirmedOn ?? null,
    post: blankToNull(input.post),
    address: blankToNull(input.address),
    status,
    lost_contact_since: status === 'lost_contact' ? (input.lostContactSince ?? null) : null,
    is_leading_cadre: input.isLeadingCadre ?? false,
    is_party_affairs_worker: input.isPartyAffairsWorker ?? false,
    is_secretary: input.isSecretary ?? false,
    is_committee_member: input.isCommitteeMember ?? false,
    is_infirm: input.isInfirm ?? false,
    is_retired: input.isRetired ?? false,
    study_exempt: studyExempt,
    study_exempt_reason: studyExempt ? blankToNull(input.studyExemptReason) : null,
    secretary_since: input.secretarySince ?? null,
    business_line: input.businessLine ?? null,
  };
}

/**
 * A new row for the people table, ready to insert, for one record or many (the demo generator and
 * the Excel import build rows in bulk with it). It does not validate: callers run
 * validatePersonForWrite (or checkPersonRecord and their own batch uniqueness check) first, on the
 * same `today`; the row itself derives nothing from the date.
 */
export function buildPersonRow(ctx: Pick<ServerContext, 'pii' | 'now'>, input: PersonInput, org: Pick<OrganizationRow, 'id' | 'path'>, _today: string): NewPerson {
  const { orgId: _orgId, ...record } = input;
  const now = ctx.now();
  return { id: newId(), org_id: org.id, org_path: org.path, ...personColumns(ctx.pii, record), created_at: now, updated_at: now };
}

export type IdNumberHolder = { id: string; name: string; org_id: string; org_path: string; org_name: string };

export type PersonWriteCheck = {
  /** Canonical forms, when valid (otherwise as typed). */
  idNumber: string;
  phone: string | null;
  /** Record rules and, when the number is valid, ID_NUMBER_TAKEN on idNumber. */
  issues: PersonIssue[];
  /** Who already holds the ID number, if anyone (to be named only to those who may see them). */
  holder: IdNumberHolder | null;
};

/**
 * Every rule a write must pass: the record rules of checkPersonRecord, then uniqueness of the ID
 * number across the whole deployment by its keyed hash (one person, one record, wherever they
 * are). `excludePersonId` is the record being edited. Pass a transaction as `db` to check inside it.
 */
export async function validatePersonForWrite(
  ctx: { pii: Pii; db: Db },
  input: PersonRecord,
  today: string,
  options: { excludePersonId?: string } = {},
): Promise<PersonWriteCheck> {
  const checked = checkPersonRecord(input, today);
  const issues = [...checked.issues];
  let holder: IdNumberHolder | null = null;
  if (!issues.some((i) => i.field === 'idNumber')) {
    holder = (await repo.findIdNumberHolder(ctx.db, ctx.pii.hash('id', checked.idNumber), options.excludePersonId)) ?? null;
    if (holder) issues.push({ field: 'idNumber', code: 'ID_NUMBER_TAKEN' });
  }
  return { idNumber: checked.idNumber, phone: checked.phone, issues, holder };
}

/** Field issues carry their rule code as message; the error handler puts them in the caller's language. */
const toDetails = (issues: PersonIssue[]): FieldIssue[] => issues.map((i) => ({ path: i.field, code: i.code, message: i.code }));

/**
 * Record problems are reported together (400, every field at once). A duplicate ID number on an
 * otherwise valid record is a conflict (409) that names the holder only to a caller who could see
 * them anyway: anyone else must not learn who, or where, a number belongs to.
 */
function assertWritable(actor: Actor, check: PersonWriteCheck): void {
  const recordIssues = check.issues.filter((i) => i.code !== 'ID_NUMBER_TAKEN');
  if (recordIssues.length > 0) throw new AppError('VALIDATION_FAILED', {}, toDetails(check.issues));
  if (check.holder) throw takenError(actor, check.holder);
}

function takenError(actor: Actor, holder: IdNumberHolder | null): AppError {
  if (holder && policy.canSeeHolder(actor, holder)) return new AppError('PERSON_ID_NUMBER_TAKEN', { org: holder.org_name, name: holder.name });
  return new AppError('PERSON_ID_NUMBER_TAKEN_ELSEWHERE', {}, toDetails([{ field: 'idNumber', code: 'ID_NUMBER_TAKEN' }]));
}

const isIdNumberUniqueViolation = (error: unknown) => {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e.code === '23505' && (e.constraint === 'people_id_number_hash_key' || (e.message ?? '').includes('people_id_number_hash_key'));
};

function assertRegistryUser(actor: Actor): void {
  if (!policy.canUseRegistry(actor)) throw new AppError('FORBIDDEN');
}

/** A person the actor may see, or the same 404 whether it is missing or outside their subtree. */
async function loadVisiblePerson(ctx: ServerContext, actor: Actor, id: string): Promise<repo.PersonWithOrg> {
  assertRegistryUser(actor);
  const person = await repo.findPerson(ctx.db, id);
  if (!person || !policy.canViewPerson(actor, person)) throw new AppError('PERSON_NOT_FOUND');
  return person;
}

/** The stored record in input form, numbers decrypted, as the base an update is merged onto. */
function recordOf(pii: Pii, row: PersonRow): PersonRecord {
  return personRecordFromRow(row, { idNumber: pii.decrypt(row.id_number_enc), phone: row.phone_enc ? pii.decrypt(row.phone_enc) : null });
}

/**
 * The columns that really change. Encrypted values differ on every encryption (random IV), so the
 * numbers are compared by their keyed hashes and re-encrypted only when they change.
 */
function changedColumns(current: PersonRow, next: PersonColumns): PersonUpdate {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (key === 'id_number_enc' || key === 'phone_enc') continue;
    if (current[key as keyof PersonRow] !== value) changes[key] = value;
  }
  if ('id_number_hash' in changes) changes.id_number_enc = next.id_number_enc;
  if ('phone_hash' in changes) changes.phone_enc = next.phone_enc;
  return changes as PersonUpdate;
}

/** Only the fields an edit changed, before and after, numbers masked. */
function auditDiff(pii: Pii, before: PersonRow, after: PersonRow) {
  const b = auditPerson(pii, before);
  const a = auditPerson(pii, after);
  const keys = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return { before: Object.fromEntries(keys.map((k) => [k, b[k]])), after: Object.fromEntries(keys.map((k) => [k, a[k]])) };
}

/**
 * What the search box asked for. Digits (4 or more, an ID number may end in X) are the last four
 * of an ID or phone number; a whole valid ID or phone number is looked up exactly by its keyed
 * hash; Latin letters are pinyin or initials ('zhangsan', 'zhangs', 'zs'); anything else is the
 * start of a name. Every branch is a prefix or equality match on an index.
 */
export function classifySearch(pii: Pii, raw: string | undefined, today: string): repo.PeopleSearch | null {
  const q = normalizeText(raw ?? '');
  if (q === '') return null;
  const compact = q.replace(/\s+/g, '');
  if (/^\d{17}[\dXx]$/.test(compact)) {
    const id = checkIdNumber(compact, today);
    if (id.ok) return { kind: 'idHash', hash: pii.hash('id', id.value) };
  }
  if (/^[\d+\-()]+$/.test(compact) && compact.replace(/\D/g, '').length > 4) {
    const phone = checkPhone(compact);
    if (phone.ok) return { kind: 'phoneHash', hash: pii.hash('phone', phone.value) };
  }
  if (/^\d+[Xx]?$/.test(compact)) {
    if (compact.length < 4) return { kind: 'nothing' };
    const tail = lastFour(compact).toUpperCase();
    return { kind: 'tail', idTail: tail, phoneTail: /^\d{4}$/.test(tail) ? tail : null };
  }
  if (looksLikePinyinQuery(compact)) return { kind: 'pinyin', prefix: normalizePinyinQuery(compact) };
  return { kind: 'name', prefix: q };
}

export async function listPeople(ctx: ServerContext, options: { actor: Actor; query: PeopleListQuery }) {
  const { actor, query } = options;
  assertRegistryUser(actor);
  const org = await findOrg(ctx.db, query.orgId);
  if (!org || !policy.canListPeopleOf(actor, org)) throw new AppError('ORG_NOT_FOUND');
  const today = todayIn(ctx);
  const { total, rows } = await repo.listPeople(ctx.db, {
    orgId: org.id,
    orgPath: org.path,
    scope: query.scope,
    category: query.category,
    status: query.status,
    exempt: query.exempt === 'true',
    search: classifySearch(ctx.pii, query.q, today),
    sort: query.sort,
    page: query.page,
    pageSize: query.pageSize,
  });
  return { items: rows.map((r) => presentPerson(ctx.pii, r, today)), total, page: query.page, pageSize: query.pageSize };
}

export async function getPerson(ctx: ServerContext, options: { actor: Actor; id: string }): Promise<PersonView> {
  const person = await loadVisiblePerson(ctx, options.actor, options.id);
  return presentPerson(ctx.pii, person, todayIn(ctx));
}

/** The full numbers; the audit entry is written first, so an unrecorded view cannot happen. */
export async function getPersonPii(ctx: ServerContext, options: Caller & { id: string }): Promise<{ idNumber: string; phone: string | null }> {
  const person = await loadVisiblePerson(ctx, options.actor, options.id);
  if (!policy.canViewPersonPii(options.actor, person)) throw new AppError('FORBIDDEN');
  await recordAudit(ctx.db, {
    actor: options.actor,
    action: 'person.view_pii',
    entityType: 'person',
    entityId: person.id,
    orgId: person.org_id,
    ip: options.ip,
    detail: { name: person.name, fields: person.phone_enc ? ['idNumber', 'phone'] : ['idNumber'] },
  });
  return { idNumber: ctx.pii.decrypt(person.id_number_enc), phone: person.phone_enc ? ctx.pii.decrypt(person.phone_enc) : null };
}

export async function createPerson(ctx: ServerContext, options: Caller & { input: PersonInput }): Promise<PersonView> {
  const { actor, input } = options;
  assertRegistryUser(actor);
  const org = await findOrg(ctx.db, input.orgId);
  if (!org || !policy.canCreatePersonIn(actor, org)) throw new AppError('ORG_NOT_FOUND');
  if (!org.active) throw new AppError('ORG_INACTIVE', { name: org.name });
  const today = todayIn(ctx);
  const row = await ctx.db.transaction().execute(async (trx) => {
    assertWritable(actor, await validatePersonForWrite({ pii: ctx.pii, db: trx }, input, today));
    const created = await repo.insertPerson(trx, buildPersonRow(ctx, input, org, today)).catch((error: unknown) => {
      // Another request registered the same number between the check and the insert.
      throw isIdNumberUniqueViolation(error) ? takenError(actor, null) : error;
    });
    await recordAudit(trx, { actor, action: 'person.create', entityType: 'person', entityId: created.id, orgId: org.id, ip: options.ip, after: auditPerson(ctx.pii, created) });
    return created;
  });
  return presentPerson(ctx.pii, { ...row, org_name: org.name }, today);
}

/**
 * Applies the changed fields to the record, re-checks the whole merged record (a new birth date
 * must still agree with the ID number…), and writes only if nobody changed it since `version`.
 */
export async function updatePerson(ctx: ServerContext, options: Caller & { id: string; input: PersonUpdateInput }): Promise<PersonView> {
  const { actor } = options;
  const person = await loadVisiblePerson(ctx, actor, options.id);
  if (!policy.canEditPerson(actor, person)) throw new AppError('FORBIDDEN');
  const { version, ...patch } = options.input;
  if (person.version !== version) throw new AppError('CONFLICT_VERSION');
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<PersonRecord>;
  const merged: PersonRecord = { ...recordOf(ctx.pii, person), ...defined };
  const today = todayIn(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    assertWritable(actor, await validatePersonForWrite({ pii: ctx.pii, db: trx }, merged, today, { excludePersonId: person.id }));
    const changes = changedColumns(person, personColumns(ctx.pii, merged));
    if (Object.keys(changes).length === 0) return presentPerson(ctx.pii, person, today);
    const updated = await repo.updatePerson(trx, person.id, { ...changes, updated_at: ctx.now() }, version).catch((error: unknown) => {
      throw isIdNumberUniqueViolation(error) ? takenError(actor, null) : error;
    });
    if (!updated) throw new AppError('CONFLICT_VERSION');
    if ('phone_hash' in changes) await repo.syncAccountPhoneHash(trx, person.id, updated.phone_hash);
    await recordAudit(trx, { actor, action: 'person.update', entityType: 'person', entityId: person.id, orgId: person.org_id, ip: options.ip, ...auditDiff(ctx.pii, person, updated) });
    return presentPerson(ctx.pii, { ...updated, org_name: person.org_name }, today);
  });
}

/** The caller's own record, for members (and anyone whose account is linked to a person). */
async function loadOwnPerson(ctx: ServerContext, actor: Actor): Promise<PersonWithOrgRow> {
  const personId = policy.ownPersonId(actor);
  const person = personId ? await repo.findPerson(ctx.db, personId) : undefined;
  if (!person) throw new AppError('PROFILE_NOT_LINKED');
  return person;
}

export async function getOwnProfile(ctx: ServerContext, options: { actor: Actor }): Promise<PersonView> {
  return presentPerson(ctx.pii, await loadOwnPerson(ctx, options.actor), todayIn(ctx));
}

const OWN_PROFILE_COLUMNS = ['phone_enc', 'phone_hash', 'phone_tail', 'address', 'education'] as const;

const pick = (changes: PersonUpdate, keys: readonly string[]): PersonUpdate =>
  Object.fromEntries(Object.entries(changes).filter(([k]) => keys.includes(k))) as PersonUpdate;

/**
 * A member keeps their phone, address and education up to date. Only the phone has a rule; the
 * rest of the record is the organisation's to correct, so a problem elsewhere in it (which the
 * member could not fix) never blocks this edit.
 */
export async function updateOwnProfile(ctx: ServerContext, options: Caller & { input: OwnProfileInput }): Promise<PersonView> {
  const { actor, input } = options;
  const person = await loadOwnPerson(ctx, actor);
  if (input.phone) {
    const phone = checkPhone(input.phone);
    if (!phone.ok) throw new AppError('VALIDATION_FAILED', {}, toDetails([{ field: 'phone', code: phone.code }]));
  }
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<PersonRecord>;
  const current = recordOf(ctx.pii, person);
  const today = todayIn(ctx);
  // Only the member's own columns are written, even if normalising the rest would change it.
  const changes = pick(changedColumns(person, personColumns(ctx.pii, { ...current, ...defined })), OWN_PROFILE_COLUMNS);
  if (Object.keys(changes).length === 0) return presentPerson(ctx.pii, person, today);
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await repo.updatePerson(trx, person.id, { ...changes, updated_at: ctx.now() }, person.version);
    if (!updated) throw new AppError('CONFLICT_VERSION');
    if ('phone_hash' in changes) await repo.syncAccountPhoneHash(trx, person.id, updated.phone_hash);
    await recordAudit(trx, { actor, action: 'person.update_own_profile', entityType: 'person', entityId: person.id, orgId: person.org_id, ip: options.ip, ...auditDiff(ctx.pii, person, updated) });
    return presentPerson(ctx.pii, { ...updated, org_name: person.org_name }, today);
  });
}
