/**
 * The demo county's organisational life: central study groups for the units, and a year of
 * meetings up to "today" — held ones with their attendance, the next weeks' planned ones — so
 * that dashboards, circulars, study hours and make-up study have something true to show.
 *
 * `planOrgLife` is pure (seeded, no clock): which organisation holds what on which day, with a
 * realistic share of months missed so that some organisations fall short. `loadOrgLife` writes
 * the plan through the activities module's own functions (derived attendees, the record, then
 * `afterActivityChange`, which credits study hours and assigns make-up study), so demo figures
 * are derived exactly as a secretary's would be.
 */
import {
  addDays,
  creditHoursFor,
  defaultRuleSet,
  localDayStart,
  periodBounds,
  periodOf,
  previousPeriod,
  type ActivityKind,
  type OrgKind,
  type StudyForm,
} from '@pioneer/domain';
import type { Transaction } from 'kysely';
import type { ServerContext } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { newId } from '../lib/ids.ts';
import { afterActivityChange } from '../modules/activities/activity-changed.ts';
import { insertPlannedActivity } from '../modules/activities/activities.service.ts';
import * as activitiesRepo from '../modules/activities/activities.repo.ts';
import { deriveExpectedAttendees } from '../modules/activities/expected-attendees.ts';
import { createRandom, type Random } from './generate.ts';
import * as repo from './demo.repo.ts';

export type OrgLifeOrg = { id: string; kind: OrgKind; hasCommittee: boolean; centralGroupId: string | null };

export type PlannedDemoActivity = {
  orgId: string;
  kind: ActivityKind;
  studyForm: StudyForm | null;
  topic: string;
  /** Local calendar day and start hour in the deployment's time zone. */
  day: string;
  hour: number;
  minutes: number;
  centralGroupId: string | null;
  held: boolean;
};

const TOPICS: Partial<Record<ActivityKind, readonly string[]>> = {
  member_assembly: ['讨论发展党员事项', '学习贯彻党的二十届四中全会精神', '审议支部半年工作总结', '选举支部委员会委员', '讨论预备党员转正'],
  committee_meeting: ['研究本月主题党日安排', '研究发展党员工作', '研究党员教育培训计划', '分析党员思想动态', '研究党费收缴情况'],
  party_group_meeting: ['交流学习体会', '开展批评与自我批评', '学习《中国共产党章程》', '讨论本组志愿服务安排'],
  party_lesson: ['书记讲党课：弘扬伟大建党精神', '专题党课：学习新时代党的组织路线', '党课：全面从严治党永远在路上', '党课：密切联系群众的优良作风'],
  theme_party_day: ['重温入党誓词', '走进革命纪念馆现场学习', '社区志愿服务', '学习党的创新理论', '廉政警示教育', '开展民主议事'],
  org_life_meeting: ['年度组织生活会：对照检视、批评与自我批评'],
  democratic_review: ['年度民主评议党员'],
  central_group_study: ['专题学习习近平新时代中国特色社会主义思想', '学习党的二十届四中全会精神', '学习《中国共产党纪律处分条例》', '研讨：以高质量党建引领高质量发展'],
};

/** Every (year, month) from the month of `from` to the month of `to`. */
function monthsBetween(from: string, to: string): Array<{ year: number; month: number }> {
  const out = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const endKey = to.slice(0, 7);
  while (`${year}-${pad(month)}` <= endKey) {
    out.push({ year, month });
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year += 1;
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/**
 * What each organisation holds from the first day of the previous quarter to 30 days ahead (two
 * quarters of history keep a county-size load to a couple of minutes: every meeting is written
 * through the real record path). Past days are held (with a share skipped: organisations that
 * fall short), later ones planned.
 */
export function planOrgLife(options: { orgs: OrgLifeOrg[]; today: string; seed: string | number }): PlannedDemoActivity[] {
  const rng = createRandom(`${options.seed}:org-life`);
  const from = periodBounds(previousPeriod(periodOf('quarter', options.today))).first;
  const horizon = addDays(options.today, 30);
  const out: PlannedDemoActivity[] = [];
  const topic = (r: Random, kind: ActivityKind) => r.pick(TOPICS[kind] ?? ['组织生活']);
  for (const org of options.orgs) {
    // Each organisation has its own diligence: most hold nearly everything, a few miss often.
    const diligence = rng.chance(0.2) ? 0.6 : 0.93;
    const add = (kind: ActivityKind, day: string, hour: number, minutes: number, studyForm: StudyForm | null = null) => {
      if (day < from || day > horizon) return;
      const held = day < options.today;
      if (held && !rng.chance(diligence)) return;
      out.push({ orgId: org.id, kind, studyForm, topic: topic(rng, kind), day, hour, minutes, centralGroupId: kind === 'central_group_study' ? org.centralGroupId : null, held });
    };
    for (const { year, month } of monthsBetween(from, horizon)) {
      const quarterMonth = (month - 1) % 3;
      if (org.kind === 'branch' || org.kind === 'general_branch') {
        add('theme_party_day', dayOf(year, month, 15), 9, 120, 'collective_study');
        if (org.hasCommittee) add('committee_meeting', dayOf(year, month, 5), 15, 60);
        if (quarterMonth === 1) add('member_assembly', dayOf(year, month, 20), 14, 90);
        if (quarterMonth === 2) add('party_lesson', dayOf(year, month, 10), 9, 120, 'tutorial');
        if (month === 12) {
          add('org_life_meeting', dayOf(year, 12, 18), 9, 180, 'discussion');
          add('democratic_review', dayOf(year, 12, 22), 9, 120);
        }
      }
      if (org.kind === 'party_group') add('party_group_meeting', dayOf(year, month, 12), 16, 60, 'discussion');
      if (org.centralGroupId) {
        add('central_group_study', dayOf(year, month, 8), 9, 180, quarterMonth === 2 ? 'discussion' : 'collective_study');
        if (quarterMonth === 2) add('party_lesson', dayOf(year, month, 25), 9, 120, 'tutorial');
      }
    }
  }
  return out;
}

export type LoadOrgLifeResult = { centralGroups: number; held: number; planned: number };

/** Central groups for the units, then the planned year, written through the activities module. */
export async function loadOrgLife(ctx: ServerContext, options: { rootPath: string; today: string; seed: string | number; actorUserId: string | null }): Promise<LoadOrgLifeResult> {
  const centralGroups = await ctx.db.transaction().execute((trx) => createCentralGroups(trx, options.rootPath));
  const orgs = await repo.orgLifeOrgs(ctx.db, options.rootPath);
  const plan = planOrgLife({ orgs, today: options.today, seed: options.seed });
  const rng = createRandom(`${options.seed}:attendance`);
  const paths = new Map((await repo.orgPaths(ctx.db, options.rootPath)).map((o) => [o.id, o.path]));
  let held = 0;
  // Transactions of a few hundred activities: the embedded database holds one session, and a
  // county-size load should not keep every other request waiting for its whole duration.
  for (let i = 0; i < plan.length; i += 200) {
    const slice = plan.slice(i, i + 200);
    await ctx.db.transaction().execute(async (trx) => {
      for (const a of slice) {
        await writeActivity(trx, ctx, a, paths.get(a.orgId)!, rng, options.actorUserId);
        if (a.held) held += 1;
      }
    });
  }
  return { centralGroups, held, planned: plan.length - held };
}

async function createCentralGroups(trx: Transaction<DB>, rootPath: string): Promise<number> {
  const units = await repo.unitsWithLeadingCadres(trx, rootPath);
  for (const unit of units) {
    if (unit.cadreIds.length < 3) continue;
    await repo.insertCentralGroup(trx, {
      id: newId(),
      orgId: unit.id,
      orgPath: unit.path,
      name: `${unit.name}理论学习中心组`,
      members: unit.cadreIds.slice(0, 9).map((personId, i) => ({ personId, role: i === 0 ? 'leader' : i === 1 ? 'deputy_leader' : 'member' })),
    });
  }
  return units.filter((u) => u.cadreIds.length >= 3).length;
}

async function writeActivity(trx: Transaction<DB>, ctx: ServerContext, a: PlannedDemoActivity, orgPath: string, rng: Random, actorUserId: string | null): Promise<void> {
  const id = newId();
  const start = new Date(localDayStart(a.day, ctx.config.timeZone).getTime() + a.hour * 3_600_000);
  const end = new Date(start.getTime() + a.minutes * 60_000);
  const now = ctx.now();
  const values = {
    id,
    orgId: a.orgId,
    orgPath,
    kind: a.kind,
    topic: a.topic,
    plannedStart: start,
    plannedEnd: end,
    place: '党员活动室',
    onlineLink: null,
    studyForm: a.studyForm,
    speakerPersonId: null,
    speakerName: null,
    materials: null,
    partnerOrgIds: [],
    centralGroupId: a.centralGroupId,
    planId: null,
    createdBy: actorUserId,
    now,
  };
  if (!a.held) {
    await insertPlannedActivity(trx, ctx, { values, actorUserId });
    return;
  }
  // A past meeting is written as recorded straight away: planned and recorded in one step, the
  // way a secretary records a meeting that was never planned in the system.
  await activitiesRepo.insertActivity(trx, values);
  const creditHours = creditHoursFor({ kind: a.kind, minutes: a.minutes, ruleSet: defaultRuleSet });
  await activitiesRepo.updateActivity(
    trx,
    id,
    { status: 'held', actual_start: start, actual_end: end, held_on: a.day, credit_hours: creditHours > 0 ? creditHours : null, minutes: `会议围绕“${a.topic}”进行，与会同志逐一发言。` },
    now,
  );
  const derived = await deriveExpectedAttendees(
    trx,
    { id, kind: a.kind, org_id: a.orgId, org_path: orgPath, central_group_id: a.centralGroupId, held_on: a.day, planned_start: start },
    { timeZone: ctx.config.timeZone },
  );
  await activitiesRepo.insertAttendees(
    trx,
    id,
    derived.map((d) => ({ personId: d.personId, role: 'expected', voting: d.voting })),
    now,
  );
  // Most attend; some ask for leave, a few are absent (they get make-up study).
  const statuses = { present: [] as string[], leave: [] as string[], absent: [] as string[] };
  for (const d of derived) {
    const x = rng.next();
    (x < 0.88 ? statuses.present : x < 0.95 ? statuses.leave : statuses.absent).push(d.personId);
  }
  await repo.markDemoAttendance(trx, id, statuses, now);
  await afterActivityChange(trx, ctx, {
    activityId: id,
    before: null,
    after: { status: 'held', heldOn: a.day, kind: a.kind, orgId: a.orgId },
    attendanceChanged: true,
    actorUserId,
  });
}
