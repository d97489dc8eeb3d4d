/**
 * The demo county's teacher pool and differentiated training: ~20 lecturers (internal ones drawn
 * from the county's leading cadres and secretaries, the demo member `member1` among them so that
 * "my teaching" has something to show; external ones from the party school, universities and model
 * workers), ~60 courses over the directions, requests from `branch_secretary` answered by `member1`,
 * pool lecturers as speakers of held party lessons with their participants' feedback, and the
 * county's training groups with this year's plans. Everything goes through the teachers and
 * training-groups services as the working committee's officer would, except the participants'
 * ratings, which are stored through the teachers repository (most participants have no account to
 * act as).
 */
import type { CourseFormat } from '@pioneer/domain';
import type { ServerContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { newId } from '../lib/ids.ts';
import * as teachers from '../modules/teachers/teachers.service.ts';
import * as teachersRepo from '../modules/teachers/teachers.repo.ts';
import * as groups from '../modules/training-groups/training-groups.service.ts';
import { createRandom } from './generate.ts';

export type LoadTeachersResult = { lecturers: number; courses: number; requests: number; feedback: number; groups: number };

const EXTERNAL: Array<{ name: string; unit: string; title: string; directions: string[] }> = [
  { name: '周文华', unit: '县委党校', title: '副教授', directions: ['political_theory'] },
  { name: '陈立新', unit: '县委党校', title: '讲师', directions: ['political_theory', 'social_management'] },
  { name: '刘春梅', unit: '市委党校', title: '教授', directions: ['political_theory'] },
  { name: '黄志强', unit: '省财经大学', title: '教授', directions: ['modern_economy'] },
  { name: '吴晓东', unit: '县发展和改革局', title: '高级经济师', directions: ['modern_economy'] },
  { name: '郑丽娟', unit: '县社会治理研究会', title: '研究员', directions: ['social_management'] },
  { name: '孙建军', unit: '县农业科学研究所', title: '高级农艺师', directions: ['science_technology', 'rural_revitalization'] },
  { name: '马晓燕', unit: '县人民医院', title: '主任医师', directions: ['science_technology'] },
  { name: '朱国庆', unit: '县劳动模范协会', title: '全国劳动模范', directions: ['exemplars'] },
  { name: '胡秀英', unit: '县退役军人事务局', title: '优秀共产党员', directions: ['exemplars'] },
  { name: '林海涛', unit: '县纪委监委', title: '案件审理室主任', directions: ['political_theory', 'social_management'] },
  { name: '何振华', unit: '县乡村振兴局', title: '高级农经师', directions: ['rural_revitalization', 'modern_economy'] },
];

const COURSES: Record<string, string[]> = {
  political_theory: ['习近平新时代中国特色社会主义思想专题', '伟大建党精神的时代价值', '学习党章 遵守党章', '全面从严治党永远在路上', '党的二十届四中全会精神解读', '《中国共产党纪律处分条例》解读', '党史中的初心与使命'],
  modern_economy: ['县域经济高质量发展', '数字经济与产业转型', '优化营商环境实务', '财政预算绩效管理'],
  social_management: ['新时代“枫桥经验”与基层治理', '信访工作条例解读', '突发事件应急处置', '网格化社会治理'],
  science_technology: ['人工智能应用与安全', '科学素养与健康生活', '现代农业技术推广', '网络安全与保密'],
  exemplars: ['劳模精神代代传', '平凡岗位上的不平凡', '扎根基层的“老党员”故事'],
  rural_revitalization: ['乡村振兴政策解读', '村级集体经济发展案例'],
};
const FORMATS: CourseFormat[] = ['lecture', 'lecture', 'seminar', 'on_site', 'online', 'case_study'];

export async function loadTeachers(ctx: ServerContext, options: { rootPath: string; today: string; seed: string | number; officerUserId: string | null }): Promise<LoadTeachersResult> {
  const rng = createRandom(`${options.seed}:teachers`);
  const root = await ctx.db.selectFrom('organizations').select(['id', 'path']).where('path', '=', options.rootPath).executeTakeFirstOrThrow();
  const userOf = (username: string) => ctx.db.selectFrom('users').select(['id', 'username', 'display_name', 'person_id']).where('username', '=', username).executeTakeFirst();
  const officerUser = options.officerUserId ? await ctx.db.selectFrom('users').select(['id', 'username', 'display_name', 'person_id']).where('id', '=', options.officerUserId).executeTakeFirst() : undefined;
  if (!officerUser) return { lecturers: 0, courses: 0, requests: 0, feedback: 0, groups: 0 };
  const asActor = (u: { id: string; username: string; display_name: string; person_id: string | null }, grants: Actor['grants']): Actor => ({
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    personId: u.person_id,
    sessionId: 'demo',
    mustChangePassword: false,
    grants,
  });
  const officer = { actor: asActor(officerUser, [{ role: 'committee_officer', orgId: root.id, orgPath: root.path }]), ip: null };

  await teachers.createDirection(ctx, { ...officer, input: { code: 'rural_revitalization', nameZh: '乡村振兴', nameEn: 'Rural revitalisation' } });

  // Internal lecturers: the demo member first, then leading cadres and secretaries of the county.
  const member1 = await userOf('member1');
  const cadres = await ctx.db
    .selectFrom('people')
    .select('id')
    .where('org_path', 'like', `${root.path}%`)
    .where((eb) => eb.or([eb('is_leading_cadre', '=', true), eb('is_secretary', '=', true)]))
    .where('category', '=', 'full')
    .orderBy('id')
    .limit(40)
    .execute();
  const internalPeople = [...new Set([...(member1?.person_id ? [member1.person_id] : []), ...cadres.filter(() => rng.chance(0.3)).map((c) => c.id)])].slice(0, 8);
  const directionCodes = Object.keys(COURSES);
  const lecturerIds: string[] = [];
  let member1Lecturer: string | null = null;
  for (const personId of internalPeople) {
    const directions = [rng.pick(directionCodes)];
    const l = await teachers.createLecturer(ctx, { ...officer, input: { kind: 'internal', personId, title: rng.pick(['科长', '副局长', '支部书记', '党务干部']), directions, bio: '长期从事机关党建工作，结合本职岗位讲授专题党课。' } });
    lecturerIds.push(l.id);
    if (personId === member1?.person_id) member1Lecturer = l.id;
  }
  for (const e of EXTERNAL) {
    const phone = `139${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
    const l = await teachers.createLecturer(ctx, { ...officer, input: { kind: 'external', name: e.name, unit: e.unit, title: e.title, directions: e.directions, phone, bio: `${e.unit}${e.title}，师资库特聘讲师。` } });
    lecturerIds.push(l.id);
  }

  // Three courses each, mostly in their own directions.
  let courses = 0;
  const courseIds: string[] = [];
  for (const id of lecturerIds) {
    const l = await teachers.getLecturer(ctx, { actor: officer.actor, id });
    for (let i = 0; i < 3; i += 1) {
      const direction = i < 2 ? rng.pick(l.directions) : rng.pick(directionCodes);
      const c = await teachers.addCourse(ctx, { ...officer, lecturerId: id, input: { title: rng.pick(COURSES[direction] ?? COURSES.political_theory!), direction, minutes: rng.pick([45, 60, 90, 120, 180]), format: rng.pick(FORMATS), summary: null } });
      courseIds.push(c.id);
      courses += 1;
    }
  }

  // Requests from the first branch's secretary to the demo member as lecturer: accepted, declined, pending.
  let requests = 0;
  const secretaryUser = await userOf('branch_secretary');
  const secretaryGrant = secretaryUser
    ? await ctx.db.selectFrom('role_grants as g').innerJoin('organizations as o', 'o.id', 'g.org_id').select(['o.id', 'o.path']).where('g.user_id', '=', secretaryUser.id).where('g.role', '=', 'secretary').executeTakeFirst()
    : undefined;
  if (secretaryUser && secretaryGrant && member1Lecturer && member1) {
    const secretary = { actor: asActor(secretaryUser, [{ role: 'secretary', orgId: secretaryGrant.id, orgPath: secretaryGrant.path }]), ip: null };
    const lecturerActor = { actor: asActor(member1, [{ role: 'member', orgId: secretaryGrant.id, orgPath: secretaryGrant.path }]), ip: null };
    const day = (offset: number) => new Date(Date.parse(`${options.today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    const ask = (purpose: string, offset: number) =>
      teachers.createRequest(ctx, { ...secretary, input: { orgId: secretaryGrant.id, lecturerId: member1Lecturer!, targetType: 'party_lesson', purpose, preferredDate: day(offset) } });
    const a = await ask('支部专题党课：学习党的二十届四中全会精神', 14);
    await teachers.answerRequest(ctx, { ...lecturerActor, id: a.id, answer: 'accept' });
    const d = await ask('主题党日微党课', 3);
    await teachers.answerRequest(ctx, { ...lecturerActor, id: d.id, answer: 'decline', reason: '当天参加县委党校轮训，建议改期' });
    await ask('七一专题党课', 30);
    await teachers.createRequest(ctx, { ...secretary, input: { orgId: secretaryGrant.id, lecturerId: lecturerIds[lecturerIds.length - 1]!, targetType: 'class_session', purpose: '党务干部培训班：乡村振兴专题', preferredDate: day(21) } });
    requests = 4;
  }

  // Pool lecturers speak at held party lessons; participants rate about half of them.
  const lessons = await ctx.db
    .selectFrom('activities')
    .select('id')
    .where('org_path', 'like', `${root.path}%`)
    .where('kind', '=', 'party_lesson')
    .where('status', '=', 'held')
    .orderBy('held_on', 'desc')
    .limit(24)
    .execute();
  let feedback = 0;
  const comments = ['联系实际，很有启发', '案例鲜活，通俗易懂', '内容充实，希望多安排互动', '理论讲得透，收获很大', null, null];
  for (const lesson of lessons) {
    const lecturerId = rng.pick(lecturerIds.filter((id) => id !== member1Lecturer));
    await teachers.setActivityLecturer(ctx, { ...officer, activityId: lesson.id, lecturerId });
    const present = await ctx.db.selectFrom('activity_attendees').select('person_id').where('activity_id', '=', lesson.id).where('status', '=', 'present').execute();
    for (const p of present) {
      if (!rng.chance(0.5)) continue;
      await teachersRepo.insertFeedback(ctx.db, { id: newId(), lecturerId, sessionType: 'party_lesson', sessionId: lesson.id, personId: p.person_id, rating: rng.pick([3, 4, 4, 5, 5, 5]), comment: rng.pick(comments) });
      feedback += 1;
    }
  }

  // The county's groups, each with this year's plan.
  const year = Number(options.today.slice(0, 4));
  const defs = [
    { name: '领导干部专题培训', kind: 'leading_cadres', directions: ['political_theory', 'modern_economy'], hours: 56 },
    { name: '青年党员理论学习', kind: 'young_members', directions: ['political_theory', 'science_technology'], hours: 40 },
    { name: '党务工作者能力提升', kind: 'party_affairs_workers', directions: ['political_theory', 'social_management'], hours: 56 },
    { name: '发展对象和预备党员培训', kind: 'candidates_probationary', directions: ['political_theory', 'exemplars'], hours: 32 },
    { name: '经济条线专题培训', kind: 'business_line', businessLine: 'economy', directions: ['modern_economy'], hours: 32 },
    { name: '纪检条线专题培训', kind: 'business_line', businessLine: 'discipline_inspection', directions: ['political_theory', 'social_management'], hours: 32 },
  ] as const;
  for (const def of defs) {
    const g = await groups.createGroup(ctx, { ...officer, input: { orgId: root.id, name: def.name, kind: def.kind, ...('businessLine' in def ? { businessLine: def.businessLine } : {}) } });
    const picked = await teachersRepo.activeCoursesByIds(ctx.db, courseIds);
    const linked = picked.filter((c) => (def.directions as readonly string[]).includes(c.direction)).slice(0, 4).map((c) => c.id);
    await groups.savePlan(ctx, {
      ...officer,
      id: g.id,
      year,
      input: {
        topics: def.directions.map((direction, i) => ({ title: `${def.name}·专题${i + 1}`, direction, month: 3 + i * 3, hours: 8 })),
        directions: [...def.directions],
        targetHours: def.hours,
        courseIds: linked,
        notes: '按照缺什么补什么的原则，结合个人学时缺口安排。',
      },
    });
  }
  return { lecturers: lecturerIds.length, courses, requests, feedback, groups: defs.length };
}
