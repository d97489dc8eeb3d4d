/** The demo county's teacher pool and training groups: loaded with the county, through the services. */
import { beforeAll, expect, it } from 'vitest';
import { todayIn } from '../lib/time.ts';
import { describeEachDatabase } from '../test/harness.ts';
import { loadDemo } from './load.ts';

describeEachDatabase('demo teacher pool', (getEnv) => {
  beforeAll(async () => {
    await loadDemo(getEnv().ctx, { size: 0.05, seed: 'teachers-demo' });
  }, 240_000);

  it('has about twenty lecturers with three courses each over the directions, the demo member among them', async () => {
    const { ctx } = getEnv();
    const lecturers = await ctx.db.selectFrom('lecturers').select(['id', 'kind', 'status', 'user_id', 'person_id']).execute();
    expect(lecturers.length).toBeGreaterThanOrEqual(15);
    expect(lecturers.filter((l) => l.kind === 'external')).toHaveLength(12);
    expect(lecturers.every((l) => l.status === 'active')).toBe(true);
    const member1 = await ctx.db.selectFrom('users').select('person_id').where('username', '=', 'member1').executeTakeFirstOrThrow();
    expect(lecturers.some((l) => l.person_id === member1.person_id)).toBe(true);
    const courses = await ctx.db.selectFrom('lecturer_courses').select('direction').execute();
    expect(courses).toHaveLength(lecturers.length * 3);
    expect(new Set(courses.map((c) => c.direction)).size).toBeGreaterThanOrEqual(5);
  });

  it('has requests in every state a lecturer answers, feedback on held party lessons, and groups with plans', async () => {
    const { ctx } = getEnv();
    const statuses = (await ctx.db.selectFrom('lecturer_requests').select('status').execute()).map((r) => r.status).sort();
    expect(statuses).toEqual(['accepted', 'declined', 'pending', 'pending']);
    const feedback = await ctx.db
      .selectFrom('lecturer_feedback as f')
      .innerJoin('activities as a', 'a.id', 'f.session_id')
      .innerJoin('activity_attendees as at', (j) => j.onRef('at.activity_id', '=', 'a.id').onRef('at.person_id', '=', 'f.person_id'))
      .select(['a.lecturer_id', 'f.lecturer_id as rated', 'at.status', 'a.kind'])
      .execute();
    expect(feedback.length).toBeGreaterThan(0);
    expect(feedback.every((f) => f.status === 'present' && f.kind === 'party_lesson' && f.lecturer_id === f.rated)).toBe(true);
    const plans = await ctx.db.selectFrom('training_group_plans').select(['year', 'course_ids']).execute();
    expect(plans).toHaveLength(6);
    expect(plans.every((p) => p.year === Number(todayIn(ctx).slice(0, 4)))).toBe(true);
  });
});
