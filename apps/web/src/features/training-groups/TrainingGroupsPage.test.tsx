import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MeView, MyTrainingPlans, TrainingGroupView } from '@pioneer/domain';
import { json, mockApi, renderPageAt } from '../../test-utils.tsx';
import { MyTrainingPlansPage } from './MyTrainingPlansPage.tsx';
import { TrainingGroupsPage } from './TrainingGroupsPage.tsx';

const ROOT = '0190a000-0000-7000-8000-000000000001';
const GROUP = '0190a000-0000-7000-8000-0000000000e1';
const CUSTOM = '0190a000-0000-7000-8000-0000000000e2';
const P1 = '0190a000-0000-7000-8000-0000000000f1';
const P2 = '0190a000-0000-7000-8000-0000000000f2';
const me = (role: 'committee_officer' | 'member', personId: string | null = null): MeView => ({
  userId: 'u1',
  username: 'wang',
  displayName: '王五',
  personId,
  mustChangePassword: false,
  grants: [{ role, orgId: ROOT, orgName: '县直机关工委' }],
  csrfToken: 'csrf-1',
  idleTimeoutMinutes: 30,
});
const rootOrg = { id: ROOT, code: 'W', name: '县直机关工委', kind: 'working_committee', parentId: null, depth: 0, establishedOn: null, hasCommittee: false, active: true, childCount: 3, ancestors: [] };
const group: TrainingGroupView = { id: GROUP, orgId: ROOT, orgName: '县直机关工委', name: '经济条线专题培训', kind: 'business_line', businessLine: 'economy', memberCount: 12, editable: true, planYears: [], version: 1 };
const directions = [{ code: 'modern_economy', nameZh: '现代经济', nameEn: 'Modern economy', builtin: true }];

const renderAt = (path: string, element: React.ReactNode) => renderPageAt(path, element);

describe('TrainingGroupsPage', { timeout: 60_000 }, () => {
  it('lists the groups with their derived member counts and shows the members derived from the records', async () => {
    const year = new Date().getFullYear();
    const { calls } = mockApi({
      'GET /auth/me': json(200, me('committee_officer')),
      [`GET /orgs/${ROOT}`]: json(200, rootOrg),
      'GET /training-groups': json(200, [group]),
      [`GET /training-groups/${GROUP}/members`]: json(200, {
        items: [{ personId: 'p1', name: '李经济', orgId: ROOT, orgName: '县发改局支部', category: 'full', birthDate: '1980-01-01', leadingCadre: false, partyAffairsWorker: false, businessLine: 'economy' }],
        total: 1,
        page: 1,
        pageSize: 20,
      }),
    });
    renderAt('/training-groups', <TrainingGroupsPage />);
    expect(await screen.findByText('经济条线专题培训')).toBeTruthy();
    expect(screen.getByText('业务条线：经济')).toBeTruthy();
    const list = calls.find((c) => c.url.startsWith('/api/v1/training-groups?'))!;
    expect(new URL(list.url, 'http://x').searchParams.get('year')).toBe(String(year));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '12' }));
    });
    expect(await screen.findByText('李经济')).toBeTruthy();
    expect(screen.getByText('正式党员')).toBeTruthy();
  });
});

describe('TrainingGroupsPage: a custom group\'s named list', { timeout: 60_000 }, () => {
  it('starts from the whole current list, adds a person found by name among the people of the group\'s organisation, and saves the full list', async () => {
    const custom: TrainingGroupView = { ...group, id: CUSTOM, name: '青年理论学习小组', kind: 'custom', businessLine: null, memberCount: 1 };
    const current = { personId: P1, name: '李经济', orgId: ROOT, orgName: '县发改局支部', category: 'full', birthDate: '1990-01-01', leadingCadre: false, partyAffairsWorker: false, businessLine: null };
    const { calls } = mockApi({
      'GET /auth/me': json(200, me('committee_officer')),
      [`GET /orgs/${ROOT}`]: json(200, rootOrg),
      'GET /training-groups': json(200, [custom]),
      [`GET /training-groups/${CUSTOM}/members`]: json(200, { items: [current], total: 1, page: 1, pageSize: 20 }),
      'GET /people': (call) => json(200, { items: call.url.includes('q=') ? [{ id: P2, name: '王青年', orgName: '县财政局支部' }] : [], total: 1, page: 1, pageSize: 20 }),
      [`PUT /training-groups/${CUSTOM}/members`]: json(200, { ...custom, memberCount: 2 }),
    });
    renderAt('/training-groups', <TrainingGroupsPage />);
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: '1' }));
    });
    // The current member is in the picker already, named (not shown as an id).
    await waitFor(() => expect(document.querySelector('.ant-select-selection-item')?.textContent).toContain('李经济（县发改局支部）'));
    const picker = screen.getByLabelText('名单成员');
    await act(async () => {
      fireEvent.mouseDown(picker);
      fireEvent.change(picker, { target: { value: 'wqn' } });
    });
    await waitFor(() => expect(calls.some((c) => c.url.startsWith('/api/v1/people?') && c.url.includes(`orgId=${ROOT}`) && c.url.includes('q=wqn'))).toBe(true));
    fireEvent.click(await screen.findByTitle('王青年（县财政局支部）'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存名单' }));
    });
    await waitFor(() => expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ personIds: [P1, P2] }));
    expect(await screen.findByText('名单已保存，共 2 人。')).toBeTruthy();
  });
});

describe('MyTrainingPlansPage', { timeout: 60_000 }, () => {
  it("shows a person their groups' plans with target hours and courses", async () => {
    const mine: MyTrainingPlans = {
      year: 2026,
      groups: [
        {
          groupId: GROUP,
          groupName: '经济条线专题培训',
          kind: 'business_line',
          orgName: '县直机关工委',
          businessLine: 'economy',
          plan: {
            id: '0190a000-0000-7000-8000-0000000000f1',
            groupId: GROUP,
            year: 2026,
            topics: [{ title: '县域经济高质量发展' }],
            directions: ['modern_economy'],
            targetHours: 32,
            courses: [{ id: 'c1', title: '优化营商环境实务', direction: 'modern_economy', minutes: 90, lecturerId: 'l1', lecturerName: '吴晓东' }],
            notes: null,
            updatedAt: '2026-01-01T00:00:00.000Z',
            version: 1,
          },
        },
      ],
    };
    mockApi({ 'GET /auth/me': json(200, me('member', 'p1')), 'GET /me/training-plans': json(200, mine), 'GET /teacher-directions': json(200, directions) });
    renderAt('/my-training-plans', <MyTrainingPlansPage />);
    expect(await screen.findByText('县域经济高质量发展')).toBeTruthy();
    expect(screen.getByText(/32 学时/)).toBeTruthy();
    expect(screen.getByText('优化营商环境实务（吴晓东）')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('现代经济')).toBeTruthy());
  });
});
