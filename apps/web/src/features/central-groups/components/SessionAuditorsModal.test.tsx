import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { AuditView, MeView } from '@pioneer/domain';
import { RequireAuth } from '../../../app/guards.tsx';
import { apiError, json, mockApi, renderWithProviders } from '../../../test-utils.tsx';
import { MyAuditsCard } from './MyAuditsCard.tsx';
import { SessionAuditorsModal } from './SessionAuditorsModal.tsx';

const ROOT = '0190a000-0000-7000-8000-000000000001';
const SESSION = '0190a000-0000-7000-8000-0000000000e1';
const ME = '0190a000-0000-7000-8000-0000000000a9';

const me: MeView = {
  userId: ME,
  username: 'wang',
  displayName: '王五',
  personId: null,
  mustChangePassword: false,
  grants: [{ role: 'committee_officer', orgId: ROOT, orgName: '县直机关工委' }],
  csrfToken: 'csrf-1',
  idleTimeoutMinutes: 30,
};

const audit = (over: Partial<AuditView>): AuditView => ({
  id: '0190a000-0000-7000-8000-0000000000f1',
  activityId: SESSION,
  groupId: '0190a000-0000-7000-8000-0000000000f9',
  groupName: '县财政局党委理论学习中心组',
  topic: '学习全会精神',
  sessionOn: '2026-03-10',
  sessionStatus: 'held',
  auditorUserId: null,
  auditorName: '刘老同志',
  auditorUnit: '县委老干部局',
  status: 'assigned',
  notes: null,
  rating: null,
  assignedAt: '2026-03-01T02:00:00.000Z',
  completedAt: null,
  ...over,
});

const authed = (ui: ReactNode) => renderWithProviders(<RequireAuth>{ui}</RequireAuth>);

describe('SessionAuditorsModal', { timeout: 60_000 }, () => {
  it('lists the auditors with their state and notes, and assigns one by name and unit', async () => {
    const done = audit({ id: '0190a000-0000-7000-8000-0000000000f2', auditorName: '孙老同志', status: 'completed', notes: '学习认真，联系实际。', rating: 'good' });
    const { calls } = mockApi({
      'GET /auth/me': json(200, me),
      [`GET /activities/${SESSION}/auditors`]: json(200, [audit({}), done]),
      [`POST /activities/${SESSION}/auditors`]: json(201, audit({ id: '0190a000-0000-7000-8000-0000000000f3', auditorName: '赵老同志', auditorUnit: '县人大' })),
    });
    authed(<SessionAuditorsModal session={{ id: SESSION, topic: '学习全会精神', status: 'held' }} committeeOfficer onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('刘老同志')).toBeTruthy();
    expect(within(dialog).getByText('学习认真，联系实际。')).toBeTruthy();
    expect(within(dialog).getByText('好')).toBeTruthy();
    // A named auditor's notes are written by the officer once the session is held; a completed audit offers nothing.
    expect(within(dialog).getAllByRole('button', { name: /填写旁听意见/ })).toHaveLength(1);

    fireEvent.click(within(dialog).getByText('按姓名和单位登记'));
    expect(await within(dialog).findByLabelText('单位')).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: /^安\s*排$/ }));
    });
    expect(await within(dialog).findByText('请填写旁听人员姓名。', {}, { timeout: 5000 })).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.change(within(dialog).getByLabelText('姓名'), { target: { value: ' 赵老同志 ' } });
    fireEvent.change(within(dialog).getByLabelText('单位'), { target: { value: '县人大' } });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: /^安\s*排$/ }));
    });
    expect(await screen.findByText('已安排赵老同志列席旁听。')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ name: '赵老同志', unit: '县人大' });
  });

  it('puts the officer down by their own account and withdraws an assignment after confirmation', async () => {
    const { calls } = mockApi({
      'GET /auth/me': json(200, me),
      [`GET /activities/${SESSION}/auditors`]: json(200, [audit({ sessionStatus: 'planned' })]),
      [`POST /activities/${SESSION}/auditors`]: json(201, audit({ id: '0190a000-0000-7000-8000-0000000000f3', auditorUserId: ME, auditorName: '王五', auditorUnit: null })),
      'DELETE /central-groups/audits/0190a000-0000-7000-8000-0000000000f1': json(200, []),
    });
    authed(<SessionAuditorsModal session={{ id: SESSION, topic: '学习全会精神', status: 'planned' }} committeeOfficer onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('刘老同志')).toBeTruthy();
    // Not held yet: nothing to write up.
    expect(within(dialog).queryByRole('button', { name: /填写旁听意见/ })).toBeNull();
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: /^安\s*排$/ }));
    });
    expect(await screen.findByText('已安排王五列席旁听。')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ auditorUserId: ME });

    fireEvent.click(within(dialog).getByRole('button', { name: '撤销安排 刘老同志' }));
    const confirm = await screen.findByText(/撤销刘老同志的列席旁听安排/);
    await act(async () => {
      fireEvent.click(within(confirm.closest('.ant-popover') as HTMLElement).getByRole('button', { name: /撤销安排/ }));
    });
    expect(await screen.findByText('已撤销列席旁听安排。')).toBeTruthy();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(true);
  });

  it('shows a secretary the auditors but no way to assign, write up or withdraw', async () => {
    mockApi({ 'GET /auth/me': json(200, { ...me, grants: [{ role: 'secretary', orgId: ROOT, orgName: '县财政局党委' }] }), [`GET /activities/${SESSION}/auditors`]: json(200, [audit({})]) });
    authed(<SessionAuditorsModal session={{ id: SESSION, topic: '学习全会精神', status: 'held' }} committeeOfficer={false} onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('刘老同志')).toBeTruthy();
    expect(within(dialog).queryByText('安排列席旁听')).toBeNull();
    expect(within(dialog).queryByRole('button', { name: /填写旁听意见|撤销安排/ })).toBeNull();
  });
});

describe('MyAuditsCard', { timeout: 60_000 }, () => {
  it('lists my audits and writes up a held session with notes and the private rating', async () => {
    const mine = audit({ auditorUserId: ME, auditorName: '王五', auditorUnit: null });
    const later = audit({ id: '0190a000-0000-7000-8000-0000000000f4', auditorUserId: ME, auditorName: '王五', sessionStatus: 'planned', topic: '专题研讨', sessionOn: '2026-04-10' });
    const { calls } = mockApi({
      'GET /auth/me': json(200, me),
      'GET /me/audits': json(200, [mine, later]),
      [`POST /central-groups/audits/${mine.id}/complete`]: json(200, { ...mine, status: 'completed', notes: '准备充分', rating: 'fair' }),
    });
    authed(<MyAuditsCard highlight={mine.id} />);
    expect(await screen.findByText('专题研讨')).toBeTruthy();
    expect(screen.getByText('学习召开后填写')).toBeTruthy();
    expect(document.querySelector('.row-highlight')!.textContent).toContain('学习全会精神');
    fireEvent.click(screen.getByRole('button', { name: /填写旁听意见/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('旁听意见'), { target: { value: ' 准备充分 ' } });
    fireEvent.mouseDown(within(dialog).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('较好'));
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    });
    expect(await screen.findByText('旁听意见已保存。')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ notes: '准备充分', rating: 'fair' });
  });

  it("shows the server's refusal when the notes cannot be saved", async () => {
    const mine = audit({ auditorUserId: ME, auditorName: '王五' });
    mockApi({
      'GET /auth/me': json(200, me),
      'GET /me/audits': json(200, [mine]),
      [`POST /central-groups/audits/${mine.id}/complete`]: apiError(409, 'CENTRAL_GROUP_AUDIT_COMPLETED', '该列席旁听已完成，不能再次提交。'),
    });
    authed(<MyAuditsCard highlight={null} />);
    fireEvent.click(await screen.findByRole('button', { name: /填写旁听意见/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('旁听意见'), { target: { value: '补充意见' } });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    });
    await waitFor(() => expect(within(dialog).getByText('该列席旁听已完成，不能再次提交。')).toBeTruthy());
  });
});
