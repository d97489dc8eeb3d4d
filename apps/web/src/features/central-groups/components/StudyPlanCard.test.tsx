import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { StudyPlanView } from '@pioneer/domain';
import { apiError, json, mockApi, renderWithProviders } from '../../../test-utils.tsx';
import { planActions } from '../plan-actions.ts';
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
      expect(planActions(status, { manage: true, mayDecide: true })).toEqual({ edit: true, submit: true, approve: false, return: false });
      expect(planActions(status, { manage: false, mayDecide: true })).toEqual({ edit: false, submit: false, approve: false, return: false });
    }
  });

  it('offers approval and return only for a submitted plan, and only to those who may decide', () => {
    expect(planActions('submitted', { manage: true, mayDecide: true })).toEqual({ edit: false, submit: false, approve: true, return: true });
    expect(planActions('submitted', { manage: true, mayDecide: false })).toEqual({ edit: false, submit: false, approve: false, return: false });
  });

  it('offers nothing on an approved plan', () => {
    expect(planActions('approved', { manage: true, mayDecide: true })).toEqual({ edit: false, submit: false, approve: false, return: false });
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

  it('shows an approved plan by month with no action at all', async () => {
    renderCard([plan('approved')], { mayDecide: true });
    expect(await screen.findByText('已审批')).toBeTruthy();
    expect(Object.values(buttons()).every((b) => b === null)).toBe(true);
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

  it('submits what is on screen: saves the items first, then submits the saved plan', async () => {
    const { calls } = renderCard([plan('draft')], {}, {
      [`POST /central-groups/${GROUP}/plans`]: json(200, plan('draft')),
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
    const writes = calls.filter((c) => c.method === 'POST');
    expect(writes.map((c) => c.url)).toEqual([`/api/v1/central-groups/${GROUP}/plans`, `/api/v1/central-groups/plans/${PLAN}/submit`]);
    expect(writes[0]!.body).toEqual({
      year: 2026,
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
});
