/** Test helpers of training classes: a class with sessions written through the service, people with training flags. */
import type { ClassSessionInput } from '@pioneer/domain';
import type { ServerContext } from '../../context.ts';
import type { Actor } from '../../lib/actor.ts';
import * as classes from './classes.service.ts';

export async function officerActor(ctx: ServerContext, orgId: string): Promise<Actor> {
  const org = await ctx.db.selectFrom('organizations').select(['id', 'path']).where('id', '=', orgId).executeTakeFirstOrThrow();
  const user = await ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow();
  return { userId: user.id, username: 'kit', displayName: 'kit', personId: null, sessionId: 'kit', mustChangePassword: false, grants: [{ role: 'committee_officer', orgId: org.id, orgPath: org.path }] };
}

/** A class organised by orgId with the sessions given (each `hours` long, on consecutive days from `firstDay`). */
export async function makeClass(
  ctx: ServerContext,
  options: { orgId: string; year?: number; capacity?: number; targetGroup?: 'all_members' | 'secretaries' | 'party_affairs_workers' | 'candidates_probationary'; selfEnrolment?: boolean; rotationId?: string | null; title?: string; sessions?: Array<Partial<ClassSessionInput> & { hours: number; startsAt: string }> },
) {
  const actor = await officerActor(ctx, options.orgId);
  let view = await classes.createClass(ctx, {
    actor,
    ip: null,
    input: {
      orgId: options.orgId,
      year: options.year ?? 2026,
      title: options.title ?? '2026年党务干部培训班',
      type: 'thematic',
      targetGroup: options.targetGroup ?? 'all_members',
      capacity: options.capacity ?? 50,
      selfEnrolment: options.selfEnrolment ?? false,
      rotationId: options.rotationId ?? null,
    },
  });
  for (const s of options.sessions ?? []) {
    const start = new Date(s.startsAt);
    view = await classes.addSession(ctx, {
      actor,
      ip: null,
      classId: view.id,
      input: { topic: s.topic ?? '专题辅导', lecturerName: s.lecturerName ?? '张教授', ...s, endsAt: s.endsAt ?? new Date(start.getTime() + s.hours * 3_600_000).toISOString() },
    });
  }
  return view;
}
