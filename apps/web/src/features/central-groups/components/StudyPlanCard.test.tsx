import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { StudyPlanView } from '@pioneer/domain';
import { apiError, json, mockApi, renderWithProviders } from '../../../test-utils.tsx';
import { planActions, saveMode } from '../plan-actions.ts';
import { StudyPlanCard } from './StudyPlanCard.tsx';

const GROUP = '0190a000-0000-7000-8000-0000000000f1';
const PLAN = '0190a000-0000-7000-8000-0000000000f2';

const plan = (status: StudyPlanView['status'], over: Partial<StudyPlanView> = {}): StudyPlanView => ({
  id: PLAN,
  groupId: GROUP,
  year: 2026,
  version: 1,
  status,
  superseded: false,
  items: [
    { month: 3, topic: '专题研讨：作风建设', studyForm: 'discussion' },
    { month: 1, topic: '学习贯彻全会精神', studyForm: 'collective_study', speaker: '王文' },
  ],
  submittedAt: status === 'draft' ? null : '2026-01-05T02:00:00.000Z',
  decidedAt: status === 'approved' || status === 'returned' ? '2026-01-06T02:00:00.000Z' : null,
  decidedBy: status === 'approved' || status === 'returned' ? '王文' : null,
  comment: status === 'returned' ? '请补充第四季度的专题研讨。' : null,
  ...over,
});

const buttons = () => ({
  save: screen.queryByRole('button', { name: /保存草稿/ }),
  submit: screen.queryByRole('button', { name: /报送审批/ }),
  approve: screen.queryByRole('button', { name: /审批通过/ }),
  return: screen.queryByRole('button', { name: /退回修改/ }),
});

function renderCard(plans: StudyPlanView[], options: { manage?: boolean; mayDecide?: boolean } = {}, extra: Parameters<typeof mockApi>[0] = {}) {
  const api = mockApi({ [`GET /central-groups/${GROUP}/plans`]: json(200, plans), ...extra });
  renderWithProviders(<StudyPlanCard groupId={GROUP} year={2026} manage={options.manage ?? true} mayDecide={options.mayDecide ?? false} />);
  return api;
}

describe('planActions', () => {
  it('offers editing and submission only while the plan is open (none yet, draft or returned), to managers', () => {
    for (const status of [null, 'draft', 'returned'] as const) {
      expect(planActions(status, { manage: true, mayDecide: true })).toEqual({ edit: true, submit: true, approve: false, return: false, newVersion: false });
      expect(planActions(status, { manage: false, mayDecide: true })).toEqual({ edit: false, submit: false, approve: false, return: false, newVersion: false });
    }
  });

  it('offers approval and return only for a submitted plan, and only to those who may decide', () => {
    expect(planActions('submitted', { manage: true, mayDecide: true })).toEqual({ edit: false, submit: false, approve: true, return: true, newVersion: false });
    expect(planActions('submitted', { manage: true, mayDecide: false })).toEqual({ edit: false, submit: false, approve: false, return: false, newVersion: false });
  });

  it('never edits an approved plan: managers may only draw up a new version of it', () => {
    expect(planActions('approved', { manage: true, mayDecide: true })).toEqual({ edit: false, submit: false, approve: false, return: false, newVersion: true });
    expect(planActions('approved', { manage: false, mayDecide: true })).toEqual({ edit: false, submit: false, approve: false, return: false, newVersion: false });
  });

  it('changes a draft or returned version in place and creates a version otherwise', () => {
    expect(saveMode({ status: 'draft' })).toBe('patch');
    expect(saveMode({ status: 'returned' })).toBe('patch');
    expect(saveMode({ status: 'approved' })).toBe('create');
    expect(saveMode(null)).toBe('create');
  });
});

describe('StudyPlanCard', { timeout: 60_000 }, () => {
  it('lets managers save and submit a draft, without approval buttons', async () => {
    renderCard([plan('draft')], { mayDecide: true });
    expect(await screen.findByText('草稿')).toBeTruthy();
    await waitFor(() => expect((screen.getAllByLabelText('学习专题')[0] as HTMLInputElement).value).toBe('学习贯彻全会精神'));
    const b = buttons();
    expect(b.save).toBeTruthy();
    expect(b.submit).toBeTruthy();
    expect(b.approve).toBeNull();
    expect(b.return).toBeNull();
  });

  it('shows a submitted plan read-only with approve and return to the one who decides, and nothing to others', async () => {
    renderCard([plan('submitted')], { mayDecide: true });
    expect(await screen.findByText('待审批')).toBeTruthy();
    expect(screen.getByText('学习贯彻全会精神')).toBeTruthy();
    expect(screen.queryByLabelText('学习专题')).toBeNull();
    const b = buttons();
    expect(b.approve).toBeTruthy();
    expect(b.return).toBeTruthy();
    expect(b.save).toBeNull();
    expect(b.submit).toBeNull();
  });

  it('hides approval from a manager who may not decide', async () => {
    renderCard([plan('submitted')], { mayDecide: false });
    expect(await screen.findByText('待审批')).toBeTruthy();
    expect(Object.values(buttons()).every((b) => b === null)).toBe(true);
  });

  it('shows an approved plan by month with no action but a new version', async () => {
    renderCard([plan('approved')], { mayDecide: true });
    expect(await screen.findByText('已审批')).toBeTruthy();
    expect(Object.values(buttons()).every((b) => b === null)).toBe(true);
    expect(screen.getByRole('button', { name: /修订计划/ })).toBeTruthy();
    const rows = screen.getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows[0]).toContain('1月');
    expect(rows[1]).toContain('3月');
    expect(screen.getByText(/王文 于 .* 审批通过/)).toBeTruthy();
  });

  it('shows why a returned plan came back and lets it be edited and submitted again', async () => {
    renderCard([plan('returned')]);
    expect(await screen.findByText('计划已退回：请补充第四季度的专题研讨。')).toBeTruthy();
    const b = buttons();
    expect(b.save).toBeTruthy();
    expect(b.submit).toBeTruthy();
  });

  it('submits what is on screen: changes the draft in place first (PATCH), then submits it', async () => {
    const { calls } = renderCard([plan('draft')], {}, {
      [`PATCH /central-groups/plans/${PLAN}`]: json(200, plan('draft')),
      [`POST /central-groups/plans/${PLAN}/submit`]: json(200, plan('submitted')),
    });
    await waitFor(() => expect((screen.getAllByLabelText('学习专题')[0] as HTMLInputElement).value).toBe('学习贯彻全会精神'));
    fireEvent.change(screen.getAllByLabelText('学习专题')[1]!, { target: { value: '专题研讨：作风建设（第一季度）' } });
    fireEvent.click(buttons().submit!);
    const confirm = await screen.findByText(/确定报送吗/);
    await act(async () => {
      fireEvent.click(within(confirm.closest('.ant-popover') as HTMLElement).getByRole('button', { name: /报送审批/ }));
    });
    expect(await screen.findByText('学习计划已报送审批。')).toBeTruthy();
    const writes = calls.filter((c) => c.method !== 'GET');
    expect(writes.map((c) => `${c.method} ${c.url}`)).toEqual([`PATCH /api/v1/central-groups/plans/${PLAN}`, `POST /api/v1/central-groups/plans/${PLAN}/submit`]);
    expect(writes[0]!.body).toEqual({
      items: [
        { month: 1, topic: '学习贯彻全会精神', studyForm: 'collective_study', speaker: '王文' },
        { month: 3, topic: '专题研讨：作风建设（第一季度）', studyForm: 'discussion' },
      ],
    });
  });

  it('returns a submitted plan only with a comment', async () => {
    const { calls } = renderCard([plan('submitted')], { mayDecide: true }, { [`POST /central-groups/plans/${PLAN}/return`]: json(200, plan('returned')) });
    fireEvent.click(await screen.findByRole('button', { name: /退回修改/ }));
    const dialog = await screen.findByRole('dialog');
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: /退回修改/ }));
    });
    expect(await within(dialog).findByText('请写明需要修改的地方。')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.change(within(dialog).getByLabelText('退回意见'), { target: { value: '  请补充第四季度的专题研讨。 ' } });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: /退回修改/ }));
    });
    expect(await screen.findByText('学习计划已退回。')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ comment: '请补充第四季度的专题研讨。' });
  });

  it("approves after confirmation and shows the server's refusal when it has one", async () => {
    renderCard([plan('submitted')], { mayDecide: true }, {
      [`POST /central-groups/plans/${PLAN}/approve`]: apiError(409, 'CENTRAL_GROUP_PLAN_STATE', '该学习计划当前为“已审批”状态，不能执行此操作。'),
    });
    fireEvent.click(await screen.findByRole('button', { name: /审批通过/ }));
    const confirm = await screen.findByText('审批通过2026年度学习计划？通过后计划不能再修改。');
    await act(async () => {
      fireEvent.click(within(confirm.closest('.ant-popover') as HTMLElement).getByRole('button', { name: /审批通过/ }));
    });
    expect(await screen.findByText('该学习计划当前为“已审批”状态，不能执行此操作。')).toBeTruthy();
  });

  it('saves a plan not yet drawn up as a new one (POST)', async () => {
    const { calls } = renderCard([], {}, { [`POST /central-groups/${GROUP}/plans`]: json(201, plan('draft')) });
    expect(await screen.findByText('未制定')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('学习专题'), { target: { value: '学习党章' } });
    fireEvent.click(buttons().save!);
    expect(await screen.findByText('学习计划已保存为草稿。')).toBeTruthy();
    const write = calls.find((c) => c.method !== 'GET')!;
    expect(`${write.method} ${write.url}`).toBe(`POST /api/v1/central-groups/${GROUP}/plans`);
    expect(write.body).toEqual({ year: 2026, items: [{ month: 1, topic: '学习党章', studyForm: 'collective_study' }] });
  });

  it('draws up a new version of an approved plan from its items, saved as a new version beside the one in force', async () => {
    const v2 = plan('draft', { id: '0190a000-0000-7000-8000-0000000000f3', version: 2 });
    const { calls } = renderCard([plan('approved')], {}, { [`POST /central-groups/${GROUP}/plans`]: json(201, v2) });
    fireEvent.click(await screen.findByRole('button', { name: /修订计划/ }));
    expect(await screen.findByText(/已审批的计划不能修改/)).toBeTruthy();
    await waitFor(() => expect((screen.getAllByLabelText('学习专题')[0] as HTMLInputElement).value).toBe('学习贯彻全会精神'));
    fireEvent.change(screen.getAllByLabelText('学习材料（可选）')[0]!, { target: { value: '  《决定》全文 ' } });
    fireEvent.click(buttons().save!);
    expect(await screen.findByText('学习计划已保存为草稿。')).toBeTruthy();
    const write = calls.find((c) => c.method !== 'GET')!;
    expect(`${write.method} ${write.url}`).toBe(`POST /api/v1/central-groups/${GROUP}/plans`);
    expect(write.body).toEqual({
      year: 2026,
      items: [
        { month: 1, topic: '学习贯彻全会精神', studyForm: 'collective_study', speaker: '王文', materials: '《决定》全文' },
        { month: 3, topic: '专题研讨：作风建设', studyForm: 'discussion' },
      ],
    });
  });

  it('lists every version with its fate, and says which approved one is in force', async () => {
    const v1 = plan('approved', { superseded: true });
    const v2 = plan('approved', { id: '0190a000-0000-7000-8000-0000000000f3', version: 2, items: [{ month: 2, topic: '第二版专题', studyForm: 'discussion' }] });
    const v3 = plan('submitted', { id: '0190a000-0000-7000-8000-0000000000f4', version: 3, items: [{ month: 4, topic: '第三版专题', studyForm: 'discussion' }] });
    renderCard([v3, v2, v1], { manage: true, mayDecide: false });
    expect(await screen.findByText('待审批')).toBeTruthy();
    expect(screen.getByText('第2版已审批，在新版本审批通过前仍然有效。')).toBeTruthy();
    fireEvent.click(screen.getByText('历次版本（3）'));
    expect(await screen.findByText('已被替代')).toBeTruthy();
    expect(screen.getByText('现行')).toBeTruthy();
    expect(screen.getAllByText('第二版专题').length).toBeGreaterThan(0);
  });
});
