/**
 * The demo county's rotation training and classes, written through the rotations and classes
 * services as the working committee's officer: this year's rotation for all members, a completed
 * county class a month ago (its batch: attendance by roster with one leave and one absence, so the
 * report shows both outcomes, credits in the ledger and completions in the coverage), and a coming
 * class next week that takes applications, with `member1` nominated — what the member's "my
 * classes" page and the e2e journey start from.
 */
import type { ServerContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import * as classes from '../modules/classes/classes.service.ts';
import * as rotations from '../modules/rotations/rotations.service.ts';

export type LoadTrainingClassesResult = { rotations: number; classes: number; enrolments: number };

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();

export async function loadTrainingClasses(ctx: ServerContext, options: { rootPath: string; today: string; officerUserId: string | null }): Promise<LoadTrainingClassesResult> {
  if (!options.officerUserId) return { rotations: 0, classes: 0, enrolments: 0 };
  const root = await ctx.db.selectFrom('organizations').select(['id', 'path']).where('path', '=', options.rootPath).executeTakeFirstOrThrow();
  const actor: Actor = { userId: options.officerUserId, username: 'demo', displayName: '机关工委', personId: null, sessionId: 'demo', mustChangePassword: false, grants: [{ role: 'committee_officer', orgId: root.id, orgPath: root.path }] };
  const year = Number(options.today.slice(0, 4));
  const rotation = await rotations.declareRotation(ctx, {
    actor,
    ip: null,
    input: { orgId: root.id, year, title: `${year}年度全县党员集中轮训`, targetGroups: ['all_members'], deadline: `${year}-12-31`, requiredHours: 16, notes: '各单位分批次组织党员参加县委党校集中轮训，每批两天。' },
  });
  const member1 = await ctx.db.selectFrom('users').select('person_id').where('username', '=', 'member1').executeTakeFirst();
  const people = await ctx.db
    .selectFrom('people')
    .select('id')
    .where('org_path', 'like', `${root.path}%`)
    .where('category', 'in', ['full', 'probationary'])
    .where('study_exempt', '=', false)
    .$if(Boolean(member1?.person_id), (q) => q.where('id', '<>', member1!.person_id!))
    .orderBy('org_path')
    .orderBy('name_pinyin')
    .limit(40)
    .execute();
  const ids = people.map((p) => p.id);
  let enrolments = 0;
  let made = 0;

  // A month ago: two sessions on one day, completed.
  const pastDay = addDays(options.today, -30);
  const pastYear = Number(pastDay.slice(0, 4));
  let past = await classes.createClass(ctx, {
    actor,
    ip: null,
    input: { orgId: root.id, year: pastYear, title: `${pastYear}年度党员集中轮训第一期`, type: 'thematic', targetGroup: 'all_members', capacity: 30, selfEnrolment: false, rotationId: pastYear === year ? rotation.id : null, venue: '县委党校报告厅' },
  });
  past = await classes.addSession(ctx, { actor, ip: null, classId: past.id, input: { startsAt: at(pastDay, 9), endsAt: at(pastDay, 12), hours: 3, topic: '学习贯彻党的二十届四中全会精神', lecturerName: '周文华', venue: '县委党校报告厅' } });
  past = await classes.addSession(ctx, { actor, ip: null, classId: past.id, input: { startsAt: at(pastDay, 14), endsAt: at(pastDay, 17), hours: 3, topic: '县域经济高质量发展', lecturerName: '黄志强', venue: '县委党校报告厅' } });
  const firstBatch = ids.slice(0, 20);
  if (firstBatch.length > 0) {
    await classes.nominate(ctx, { actor, ip: null, classId: past.id, personIds: firstBatch });
    enrolments += firstBatch.length;
    for (const [i, session] of past.sessions.entries()) {
      const entries = firstBatch.map((personId, k) =>
        k === 0 && i === 1 ? { personId, status: 'leave' as const, leaveReason: '单位紧急公务' } : k === 1 && i === 0 ? { personId, status: 'absent' as const } : { personId, status: 'present' as const },
      );
      await classes.markRoster(ctx, { actor, ip: null, sessionId: session.id, input: { entries } });
    }
    await classes.completeClass(ctx, { actor, ip: null, classId: past.id });
  }
  made += 1;

  // Next week: open for applications, member1 nominated.
  const nextDay = addDays(options.today, 7);
  const nextYear = Number(nextDay.slice(0, 4));
  let next = await classes.createClass(ctx, {
    actor,
    ip: null,
    input: { orgId: root.id, year: nextYear, title: `${nextYear}年度党员集中轮训第二期`, type: 'thematic', targetGroup: 'all_members', capacity: 40, selfEnrolment: true, rotationId: nextYear === year ? rotation.id : null, venue: '县委党校报告厅' },
  });
  next = await classes.addSession(ctx, { actor, ip: null, classId: next.id, input: { startsAt: at(nextDay, 9), endsAt: at(nextDay, 12), hours: 3, topic: '全面从严治党永远在路上', lecturerName: '林海涛', venue: '县委党校报告厅' } });
  await classes.addSession(ctx, { actor, ip: null, classId: next.id, input: { startsAt: at(nextDay, 14), endsAt: at(nextDay, 17), hours: 3, topic: '优化营商环境实务', lecturerName: '吴晓东', venue: '县委党校报告厅' } });
  const secondBatch = [...(member1?.person_id ? [member1.person_id] : []), ...ids.slice(20, 30)];
  if (secondBatch.length > 0) {
    await classes.nominate(ctx, { actor, ip: null, classId: next.id, personIds: secondBatch });
    enrolments += secondBatch.length;
  }
  made += 1;
  return { rotations: 1, classes: made, enrolments };
}
