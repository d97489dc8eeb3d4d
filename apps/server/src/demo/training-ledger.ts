/**
 * The demo county's training ledger: secretaries get the day they took office (one of them new
 * this year, so "新任书记" shows with its deadline), people get business lines, the demo member
 * `member1` asks for hours studied elsewhere (one approved by `branch_secretary` into the ledger,
 * one waiting), a few members of the first branch get online-course credits with a direction, and
 * the county's exempt members (送学上门) get delivered-study records. Everything that is a decision
 * goes through the training-needs service as the secretary would.
 */
import { businessLines } from '@pioneer/domain';
import type { ServerContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { newId } from '../lib/ids.ts';
import { insertCredits } from '../modules/ledger/ledger.repo.ts';
import * as needs from '../modules/training-needs/training-needs.service.ts';

export type LoadTrainingLedgerResult = { manual: number; delivered: number; credits: number };

export async function loadTrainingLedger(ctx: ServerContext, options: { rootPath: string; today: string; officerUserId: string | null }): Promise<LoadTrainingLedgerResult> {
  const year = Number(options.today.slice(0, 4));
  const day = (offset: number) => new Date(Date.parse(`${options.today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  const inCounty = ctx.db.selectFrom('people').where('org_path', 'like', `${options.rootPath}%`);

  // Secretaries took office years ago, except one who did 40 days ago.
  const secretaries = await inCounty.select('id').where('is_secretary', '=', true).orderBy('id').execute();
  for (const [i, s] of secretaries.entries()) {
    await ctx.db.updateTable('people').set({ secretary_since: i === 0 ? day(-40) : `${year - 2 - (i % 5)}-0${1 + (i % 9)}-01` }).where('id', '=', s.id).execute();
  }
  const members = await inCounty.select(['id', 'org_id', 'org_path']).where('category', 'in', ['full', 'probationary']).orderBy('id').execute();
  for (const [i, m] of members.entries()) {
    if (i % 3 === 0) await ctx.db.updateTable('people').set({ business_line: businessLines[i % businessLines.length]! }).where('id', '=', m.id).execute();
  }

  const userOf = (username: string) => ctx.db.selectFrom('users').select(['id', 'username', 'display_name', 'person_id']).where('username', '=', username).executeTakeFirst();
  const member1 = await userOf('member1');
  const secretaryUser = await userOf('branch_secretary');
  const grant = secretaryUser
    ? await ctx.db.selectFrom('role_grants as g').innerJoin('organizations as o', 'o.id', 'g.org_id').select(['o.id', 'o.path']).where('g.user_id', '=', secretaryUser.id).where('g.role', '=', 'secretary').executeTakeFirst()
    : undefined;
  if (!member1?.person_id || !secretaryUser || !grant) return { manual: 0, delivered: 0, credits: 0 };
  const asActor = (u: NonNullable<typeof member1>, grants: Actor['grants']): Actor => ({ userId: u.id, username: u.username, displayName: u.display_name, personId: u.person_id, sessionId: 'demo', mustChangePassword: false, grants });
  const member = { actor: asActor(member1, [{ role: 'member', orgId: grant.id, orgPath: grant.path }]), ip: null };
  const secretary = { actor: asActor(secretaryUser, [{ role: 'secretary', orgId: grant.id, orgPath: grant.path }]), ip: null };

  const approved = await needs.requestMyManual(ctx, { ...member, input: { studiedOn: day(-20), hours: 3, description: '参加县委宣讲团专题宣讲报告会' } });
  await needs.decideManual(ctx, { ...secretary, id: approved.id, approve: true, note: '有签到表为证' });
  await needs.requestMyManual(ctx, { ...member, input: { studiedOn: day(-3), hours: 2, description: '观看警示教育片并撰写心得' } });

  // Online courses of the first branch's members, with their directions (what recommendations read).
  const branchPeople = await ctx.db.selectFrom('people').select(['id', 'org_id', 'org_path']).where('org_path', 'like', `${grant.path}%`).where('category', 'in', ['full', 'probationary']).orderBy('id').limit(12).execute();
  const directions = ['political_theory', 'political_theory', 'modern_economy', 'social_management'];
  const credits = branchPeople.flatMap((p, i) =>
    [0, 1].map((k) => ({
      id: newId(),
      personId: p.id,
      orgId: p.org_id,
      orgPath: p.org_path,
      year,
      creditedOn: day(-10 - i - k * 7),
      hours: 1 + ((i + k) % 3),
      sourceType: 'course' as const,
      sourceId: null,
      description: `网络课程：${['学习党章 遵守党章', '县域经济高质量发展', '新时代“枫桥经验”与基层治理'][(i + k) % 3]}`,
      reversesId: null,
      createdBy: null,
      createdAt: ctx.now(),
      direction: directions[(i + k) % directions.length]!,
    })),
  );
  await ctx.db.transaction().execute((trx) => insertCredits(trx, credits));

  // 送学上门 for the county's exempt members, recorded by the working committee's officer.
  const officerUser = options.officerUserId ? await ctx.db.selectFrom('users').select(['id', 'username', 'display_name', 'person_id']).where('id', '=', options.officerUserId).executeTakeFirst() : undefined;
  if (!officerUser) return { manual: 2, delivered: 0, credits: credits.length };
  const exempt = await inCounty.select(['id', 'org_path']).where((eb) => eb.or([eb('is_infirm', '=', true), eb('study_exempt', '=', true)])).orderBy('id').limit(10).execute();
  const rootOrg = await ctx.db.selectFrom('organizations').select(['id', 'path']).where('path', '=', options.rootPath).executeTakeFirstOrThrow();
  const officer = { actor: asActor(officerUser, [{ role: 'committee_officer', orgId: rootOrg.id, orgPath: rootOrg.path }]), ip: null };
  let delivered = 0;
  for (const [i, p] of exempt.entries()) {
    await needs.recordDelivered(ctx, { ...officer, personId: p.id, input: { deliveredOn: day(-5 - i * 9), material: ['党的二十届四中全会精神学习辅导材料', '《中国共产党章程》大字本', '支部主题党日学习资料'][i % 3]!, deliveredBy: '所在支部书记', note: '上门宣讲并听取意见' } });
    delivered += 1;
  }
  return { manual: 2, delivered, credits: credits.length };
}
