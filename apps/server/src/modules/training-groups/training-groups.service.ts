/**
 * Differentiated training (分类分层): groups declared on an organisation — by a rule over people's
 * records or as a named list — and each group's annual plan linking the teacher pool's courses.
 * Members of rule groups are derived when asked, never stored, so a changed record (a new leading
 * cadre, a birthday past 35, another business line) changes the groups without anyone typing it.
 */
import {
  belongsToGroup,
  type BusinessLine,
  type MyTrainingPlans,
  type PlanTopic,
  type TrainingGroupCreateInput,
  type TrainingGroupKind,
  type TrainingGroupMemberPage,
  type TrainingGroupView,
  type TrainingPlanInput,
  type TrainingPlanView,
} from '@pioneer/domain';
import type { Kysely, Transaction } from 'kysely';
import type { ServerContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { todayIn } from '../../lib/time.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import * as teachersRepo from '../teachers/teachers.repo.ts';
import * as policy from './training-groups.policy.ts';
import * as repo from './training-groups.repo.ts';

type Db = Kysely<DB> | Transaction<DB>;
type Caller = { actor: Actor; ip: string | null };

const currentYear = (ctx: ServerContext) => Number(todayIn(ctx).slice(0, 4));
const ruleOf = (g: repo.GroupRow) => ({ id: g.id, kind: g.kind as TrainingGroupKind, business_line: g.business_line, org_path: g.org_path });

async function loadGroup(db: Db, actor: Actor, id: string, access: 'manage' | 'read'): Promise<repo.GroupRow> {
  const group = await repo.findGroup(db, id);
  if (!group) throw new AppError('TRAINING_GROUP_NOT_FOUND');
  if (access === 'manage' ? policy.managesGroup(actor, group) : policy.readsGroup(actor, group)) return group;
  throw new AppError('TRAINING_GROUP_NOT_FOUND');
}

async function present(db: Db, actor: Actor, g: repo.GroupRow, year: number, paths = policy.visiblePaths(actor, g)): Promise<TrainingGroupView> {
  return {
    id: g.id,
    orgId: g.org_id,
    orgName: g.org_name,
    name: g.name,
    kind: g.kind as TrainingGroupKind,
    businessLine: g.business_line as BusinessLine | null,
    memberCount: await repo.countMembers(db, ruleOf(g), year, paths),
    editable: policy.managesGroup(actor, g),
    planYears: (g.plan_years ?? []).map(Number),
    version: g.version,
  };
}

/** Groups that cover an organisation the caller manages, with members counted within it. */
export async function listGroups(ctx: ServerContext, options: { actor: Actor; orgId: string; year?: number | undefined }): Promise<TrainingGroupView[]> {
  const { actor } = options;
  const org = await repo.findOrg(ctx.db, options.orgId);
  if (!org || !policy.managesGroup(actor, { org_path: org.path })) throw new AppError('ORG_NOT_FOUND');
  const year = options.year ?? currentYear(ctx);
  const groups = await repo.groupsApplyingTo(ctx.db, org.path);
  // Counted within the deeper of the organisation asked about and the group's own.
  return Promise.all(groups.map((g) => present(ctx.db, actor, g, year, [g.org_path.length > org.path.length ? g.org_path : org.path])));
}

export async function createGroup(ctx: ServerContext, options: Caller & { input: TrainingGroupCreateInput }): Promise<TrainingGroupView> {
  const { actor, input } = options;
  const org = await repo.findOrg(ctx.db, input.orgId);
  if (!org || !policy.managesGroup(actor, { org_path: org.path })) throw new AppError('ORG_NOT_FOUND');
  const businessLine = input.businessLine ?? null;
  const id = newId();
  return ctx.db.transaction().execute(async (trx) => {
    if (input.kind !== 'custom') {
      const same = await repo.sameKindGroup(trx, org.id, input.kind, businessLine);
      if (same) throw new AppError('TRAINING_GROUP_EXISTS', { org: org.name, name: same.name });
    }
    await repo.insertGroup(trx, { id, orgId: org.id, orgPath: org.path, name: input.name, kind: input.kind, businessLine, createdBy: actor.userId });
    await recordAudit(trx, { actor, ip: options.ip, action: 'training_group.create', entityType: 'training_group', entityId: id, orgId: org.id, after: input });
    return present(trx, actor, (await repo.findGroup(trx, id))!, currentYear(ctx));
  });
}

export async function getGroup(ctx: ServerContext, options: { actor: Actor; id: string; year?: number | undefined }): Promise<TrainingGroupView> {
  const group = await loadGroup(ctx.db, options.actor, options.id, 'read');
  return present(ctx.db, options.actor, group, options.year ?? currentYear(ctx));
}

export async function renameGroup(ctx: ServerContext, options: Caller & { id: string; version: number; name: string }): Promise<TrainingGroupView> {
  const { actor } = options;
  const group = await loadGroup(ctx.db, actor, options.id, 'manage');
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.renameGroup(trx, group.id, options.version, options.name))) throw new AppError('CONFLICT_VERSION');
    await recordAudit(trx, { actor, ip: options.ip, action: 'training_group.rename', entityType: 'training_group', entityId: group.id, orgId: group.org_id, before: { name: group.name }, after: { name: options.name } });
    return present(trx, actor, (await repo.findGroup(trx, group.id))!, currentYear(ctx));
  });
}

export async function deleteGroup(ctx: ServerContext, options: Caller & { id: string }): Promise<{ ok: true }> {
  const { actor } = options;
  const group = await loadGroup(ctx.db, actor, options.id, 'manage');
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteGroup(trx, group.id);
    await recordAudit(trx, { actor, ip: options.ip, action: 'training_group.delete', entityType: 'training_group', entityId: group.id, orgId: group.org_id, before: { name: group.name, kind: group.kind } });
  });
  return { ok: true };
}

export async function listMembers(ctx: ServerContext, options: { actor: Actor; id: string; year?: number | undefined; page: number; pageSize: number }): Promise<TrainingGroupMemberPage> {
  const { actor } = options;
  const group = await loadGroup(ctx.db, actor, options.id, 'read');
  const year = options.year ?? currentYear(ctx);
  const paths = policy.visiblePaths(actor, group);
  const [rows, total] = await Promise.all([
    repo.listMembers(ctx.db, ruleOf(group), year, paths, { limit: options.pageSize, offset: (options.page - 1) * options.pageSize }),
    repo.countMembers(ctx.db, ruleOf(group), year, paths),
  ]);
  return {
    items: rows.map((p) => ({
      personId: p.id,
      name: p.name,
      orgId: p.org_id,
      orgName: p.org_name,
      category: p.category,
      birthDate: p.birth_date,
      leadingCadre: p.is_leading_cadre,
      partyAffairsWorker: p.is_party_affairs_worker,
      businessLine: p.business_line,
    })),
    total,
    page: options.page,
    pageSize: options.pageSize,
  };
}

/** Replaces a custom group's named members: people of the group's organisation or below it. */
export async function setMembers(ctx: ServerContext, options: Caller & { id: string; personIds: string[] }): Promise<TrainingGroupView> {
  const { actor } = options;
  const group = await loadGroup(ctx.db, actor, options.id, 'manage');
  if (group.kind !== 'custom') throw new AppError('TRAINING_GROUP_NOT_CUSTOM', { name: group.name });
  const people = await repo.peopleByIds(ctx.db, options.personIds);
  if (people.length !== new Set(options.personIds).size) throw new AppError('PERSON_NOT_FOUND');
  const outside = people.find((p) => !p.org_path.startsWith(group.org_path));
  if (outside) throw new AppError('TRAINING_GROUP_MEMBER_OUTSIDE', { name: outside.name, org: group.org_name });
  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockGroup(trx, group.id);
    const before = (await repo.namedMembers(trx, group.id)).map((m) => m.person_id);
    await repo.replaceMembers(trx, group.id, options.personIds);
    await repo.touchGroup(trx, group.id);
    await recordAudit(trx, { actor, ip: options.ip, action: 'training_group.members.set', entityType: 'training_group', entityId: group.id, orgId: group.org_id, before, after: [...new Set(options.personIds)] });
    return present(trx, actor, (await repo.findGroup(trx, group.id))!, currentYear(ctx));
  });
}

// --- plans ------------------------------------------------------------------------------------

async function presentPlans(db: Db, plans: repo.PlanRow[]): Promise<TrainingPlanView[]> {
  const courses = new Map((await teachersRepo.coursesByIds(db, plans.flatMap((p) => p.course_ids))).map((c) => [c.id, c]));
  return plans.map((p) => ({
    id: p.id,
    groupId: p.group_id,
    year: p.year,
    topics: p.topics as PlanTopic[],
    directions: p.directions,
    targetHours: Number(p.target_hours),
    courses: p.course_ids
      .map((id) => courses.get(id))
      .filter((c) => c !== undefined)
      .map((c) => ({ id: c.id, title: c.title, direction: c.direction, minutes: c.minutes, lecturerId: c.lecturer_id, lecturerName: c.lecturer_name })),
    notes: p.notes,
    updatedAt: new Date(p.updated_at).toISOString(),
    version: p.version,
  }));
}

export async function listPlans(ctx: ServerContext, options: { actor: Actor; id: string }): Promise<TrainingPlanView[]> {
  const group = await loadGroup(ctx.db, options.actor, options.id, 'read');
  return presentPlans(ctx.db, await repo.plansOfGroup(ctx.db, group.id));
}

/**
 * Saves a group's plan for a year: its topics and directions (of the teacher pool), target hours
 * and the catalogue's active courses it links. A new year's plan is created; an existing one is
 * replaced only with its current version (two editors never overwrite each other silently).
 */
export async function savePlan(ctx: ServerContext, options: Caller & { id: string; year: number; input: TrainingPlanInput }): Promise<{ plan: TrainingPlanView; created: boolean }> {
  const { actor, input, year } = options;
  const group = await loadGroup(ctx.db, actor, options.id, 'manage');
  const directions = [...new Set([...input.directions, ...input.topics.flatMap((t) => (t.direction ? [t.direction] : []))])];
  const known = await teachersRepo.knownDirections(ctx.db, directions);
  const unknown = directions.find((d) => !known.has(d));
  if (unknown) throw new AppError('TRAINING_GROUP_PLAN_DIRECTION', { code: unknown });
  const courseIds = [...new Set(input.courseIds)];
  const courses = await teachersRepo.activeCoursesByIds(ctx.db, courseIds);
  if (courses.length !== courseIds.length) throw new AppError('TRAINING_GROUP_PLAN_COURSE', { count: courseIds.length - courses.length });
  const values = { topics: input.topics, directions: [...new Set(input.directions)], targetHours: input.targetHours, courseIds, notes: input.notes || null, updatedBy: actor.userId };
  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockGroup(trx, group.id);
    const existing = await repo.findPlan(trx, group.id, year);
    let id: string;
    if (existing) {
      if (input.version === undefined) throw new AppError('TRAINING_GROUP_PLAN_EXISTS', { year });
      if (!(await repo.updatePlan(trx, existing.id, input.version, values))) throw new AppError('CONFLICT_VERSION');
      id = existing.id;
    } else {
      if (input.version !== undefined) throw new AppError('CONFLICT_VERSION');
      id = newId();
      await repo.insertPlan(trx, { id, groupId: group.id, year, ...values });
    }
    await recordAudit(trx, { actor, ip: options.ip, action: 'training_group.plan.save', entityType: 'training_group_plan', entityId: id, orgId: group.org_id, after: { year, ...values } });
    const [plan] = await presentPlans(trx, [(await repo.findPlan(trx, group.id, year))!]);
    return { plan: plan!, created: !existing };
  });
}

/** The groups I belong to in a year, from my record (rule groups) or the named lists, with their plans. */
export async function myPlans(ctx: ServerContext, options: { actor: Actor; year?: number | undefined }): Promise<MyTrainingPlans> {
  const { actor } = options;
  if (!actor.personId) throw new AppError('PROFILE_NOT_LINKED');
  const person = await repo.personForGroups(ctx.db, actor.personId);
  if (!person) throw new AppError('PROFILE_NOT_LINKED');
  const year = options.year ?? currentYear(ctx);
  const candidates = await repo.groupsAbove(ctx.db, person.org_path);
  const named = await repo.customGroupsOf(
    ctx.db,
    person.id,
    candidates.filter((g) => g.kind === 'custom').map((g) => g.id),
  );
  const record = { category: person.category, birthDate: person.birth_date, isLeadingCadre: person.is_leading_cadre, isPartyAffairsWorker: person.is_party_affairs_worker, businessLine: person.business_line };
  const mine = candidates.filter((g) => (g.kind === 'custom' ? named.has(g.id) : belongsToGroup({ kind: g.kind as TrainingGroupKind, businessLine: g.business_line as BusinessLine | null }, record, year)));
  const plans = await presentPlans(ctx.db, await repo.plansOfGroups(ctx.db, mine.map((g) => g.id), year));
  const planOf = new Map(plans.map((p) => [p.groupId, p]));
  return {
    year,
    groups: mine.map((g) => ({ groupId: g.id, groupName: g.name, kind: g.kind as TrainingGroupKind, orgName: g.org_name, businessLine: g.business_line as BusinessLine | null, plan: planOf.get(g.id) ?? null })),
  };
}
