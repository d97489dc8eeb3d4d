/** The activities policy on plain actors: managers see all of their subtree, attendees a limited view, others nothing. */
import { describe, expect, it } from 'vitest';
import type { Actor, Grant } from '../../lib/actor.ts';
import { activityViewMode, canListActivities, canManageActivity, canPlanIn, canSeeLeaveReason, listScope } from './activities.policy.ts';

const actor = (grants: Grant[], personId: string | null = null): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  personId,
  sessionId: 's',
  mustChangePassword: false,
  grants,
});

const branchA = { org_path: '/1/2/3/' };
const branchB = { org_path: '/1/2/4/' };
const secretaryOfA = actor([{ role: 'secretary', orgId: 'a', orgPath: '/1/2/3/' }], 'p-secretary');
const officer = actor([{ role: 'committee_officer', orgId: 'root', orgPath: '/1/' }]);
const member = actor([{ role: 'member', orgId: 'a', orgPath: '/1/2/3/' }], 'p-member');
const admin = actor([{ role: 'system_admin', orgId: null, orgPath: null }]);

describe('activities policy', () => {
  it('lets managers plan and manage inside their subtree only', () => {
    expect(canPlanIn(secretaryOfA, { path: '/1/2/3/' })).toBe(true);
    expect(canPlanIn(secretaryOfA, { path: '/1/2/3/9/' })).toBe(true);
    expect(canPlanIn(secretaryOfA, { path: '/1/2/4/' })).toBe(false);
    expect(canManageActivity(secretaryOfA, branchB)).toBe(false);
    expect(canManageActivity(officer, branchB)).toBe(true);
    expect(canManageActivity(member, branchA)).toBe(false);
    expect(canManageActivity(admin, branchA)).toBe(false);
  });

  it('gives managers the full view, an attendee the limited view, and nobody else any view', () => {
    const attendees = new Set(['p-member']);
    expect(activityViewMode(secretaryOfA, branchA, new Set())).toBe('full');
    expect(activityViewMode(member, branchA, attendees)).toBe('attendee');
    expect(activityViewMode(member, branchA, new Set(['someone-else']))).toBeNull();
    // A secretary outside the subtree who attends (dual organisational life) sees the attendee's view.
    expect(activityViewMode(secretaryOfA, branchB, new Set(['p-secretary']))).toBe('attendee');
    expect(activityViewMode(secretaryOfA, branchB, new Set())).toBeNull();
    expect(activityViewMode(admin, branchA, attendees)).toBeNull();
  });

  it('shows a leave reason in the limited view only to the person it belongs to', () => {
    expect(canSeeLeaveReason(member, 'attendee', 'p-member')).toBe(true);
    expect(canSeeLeaveReason(member, 'attendee', 'p-other')).toBe(false);
    expect(canSeeLeaveReason(secretaryOfA, 'full', 'p-other')).toBe(true);
  });

  it('lists for managers only, folding nested subtrees and refusing an unmanaged one', () => {
    expect(canListActivities(member)).toBe(false);
    expect(canListActivities(admin)).toBe(false);
    expect(canListActivities(secretaryOfA)).toBe(true);
    const both = actor([
      { role: 'committee_officer', orgId: 'u', orgPath: '/1/2/' },
      { role: 'secretary', orgId: 'a', orgPath: '/1/2/3/' },
    ]);
    expect(listScope(both, null)).toEqual(['/1/2/']);
    expect(listScope(secretaryOfA, { path: '/1/2/4/' })).toBeNull();
    expect(listScope(secretaryOfA, { path: '/1/2/3/' })).toEqual(['/1/2/3/']);
  });
});
