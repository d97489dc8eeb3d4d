import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ActivityDetail, CentralGroupSummary, MeView } from '@pioneer/domain';
import { RequireAuth } from '../../../app/guards.tsx';
import { json, mockApi, renderWithProviders } from '../../../test-utils.tsx';
import { NewActivityModal } from './NewActivityModal.tsx';

const UNIT = '0190a000-0000-7000-8000-000000000002';
const SUB = '0190a000-0000-7000-8000-000000000003';
const GROUP = '0190a000-0000-7000-8000-0000000000g1';
const CREATED = '0190a000-0000-7000-8000-0000000000a9';

const me: MeView = {
  userId: 'u1',
  username: 'li',
  displayName: '李书记',
  personId: null,
  mustChangePassword: false,
  grants: [{ role: 'secretary', orgId: UNIT, orgName: '县财政局党委' }],
  csrfToken: 'csrf-1',
  idleTimeoutMinutes: 30,
};
const unitOrg = { id: UNIT, code: 'U', name: '县财政局党委', kind: 'party_committee', parentId: null, depth: 1, establishedOn: null, hasCommittee: false, active: true, childCount: 1, ancestors: [] };
const group = (orgId: string): CentralGroupSummary => ({ id: GROUP, orgId, orgName: '县财政局党委', name: '县财政局党委理论学习中心组', memberCount: 7 });

function renderModal() {
  return renderWithProviders(
    <RequireAuth>
      <NewActivityModal defaultOrgId={UNIT} defaultDay="2026-12-03" onClose={() => undefined} />
    </RequireAuth>,
  );
}

const kindOptions = async () => {
  await act(async () => {
    fireEvent.mouseDown(screen.getByLabelText('类型'));
  });
  return Array.from(document.querySelectorAll('.ant-select-item-option')).map((o) => o.textContent);
};

describe('NewActivityModal', { timeout: 60_000 }, () => {
  it('lets Enter in 开始时间 confirm the time without submitting the form', async () => {
    const { calls } = mockApi({
      'GET /auth/me': json(200, me),
      [`GET /orgs/${UNIT}`]: json(200, unitOrg),
      'GET /central-groups': json(200, []),
      'POST /activities': json(201, { id: CREATED } as ActivityDetail),
    });
    renderModal();
    fireEvent.change(await screen.findByLabelText('主题'), { target: { value: '十二月主题党日' } });
    const start = screen.getByLabelText('开始时间');
    await act(async () => {
      fireEvent.mouseDown(start);
      fireEvent.focus(start);
      fireEvent.change(start, { target: { value: '2026-12-04 09:30' } });
    });
    let notCancelled = true;
    await act(async () => {
      notCancelled = fireEvent.keyDown(start, { key: 'Enter', code: 'Enter', keyCode: 13 });
    });
    // The browser's implicit submission is the keydown's default action: it is prevented.
    expect(notCancelled).toBe(false);
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await act(async () => {
      fireEvent.click(screen.getByText('创 建').closest('button')!);
    });
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const body = calls.find((c) => c.method === 'POST')!.body as { plannedStart: string };
    // The typed time was confirmed by Enter.
    expect(body.plannedStart).toMatch(/^2026-12-04T09:30:00/);
  });

  it('offers central-group study when the organisation has its own central group and sends that group', async () => {
    const { calls } = mockApi({
      'GET /auth/me': json(200, me),
      [`GET /orgs/${UNIT}`]: json(200, unitOrg),
      'GET /central-groups': json(200, [group(UNIT)]),
      'POST /activities': json(201, { id: CREATED } as ActivityDetail),
    });
    renderModal();
    fireEvent.change(await screen.findByLabelText('主题'), { target: { value: '学习全会精神' } });
    expect(await screen.findByText('中心组学习和民主生活会由“县财政局党委理论学习中心组”开展，应到人员为该中心组成员。')).toBeTruthy();
    expect(await kindOptions()).toEqual(expect.arrayContaining(['理论学习中心组学习', '民主生活会']));
    await act(async () => {
      fireEvent.click(document.querySelector('.ant-select-item-option[title="理论学习中心组学习"]')!);
    });
    await act(async () => {
      fireEvent.click(screen.getByText('创 建').closest('button')!);
    });
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ orgId: UNIT, kind: 'central_group_study', centralGroupId: GROUP });
  });

  it('does not offer central-group kinds when only a sub-organisation has a central group', async () => {
    mockApi({
      'GET /auth/me': json(200, me),
      [`GET /orgs/${UNIT}`]: json(200, unitOrg),
      'GET /central-groups': json(200, [group(SUB)]),
    });
    renderModal();
    await screen.findByLabelText('主题');
    expect(await screen.findByText('选择设有理论学习中心组的党委（党组）后，可安排中心组学习和民主生活会。')).toBeTruthy();
    const options = await kindOptions();
    expect(options).toContain('党课');
    expect(options).not.toContain('理论学习中心组学习');
    expect(options).not.toContain('民主生活会');
  });

  it('offers only the kinds the chosen organisation can hold, and takes one of them when the default cannot be held', async () => {
    const BRANCH = '0190a000-0000-7000-8000-000000000004';
    const branchOrg = { ...unitOrg, id: BRANCH, name: '第一党支部', kind: 'branch', hasCommittee: false, childCount: 0 };
    const { calls } = mockApi({
      'GET /auth/me': json(200, me),
      [`GET /orgs/${UNIT}`]: json(200, unitOrg),
      [`GET /orgs/${BRANCH}`]: json(200, branchOrg),
      'GET /central-groups': json(200, []),
      'POST /activities': json(201, { id: CREATED } as ActivityDetail),
    });
    renderWithProviders(
      <RequireAuth>
        <NewActivityModal defaultOrgId={BRANCH} defaultDay="2026-12-03" onClose={() => undefined} />
      </RequireAuth>,
    );
    fireEvent.change(await screen.findByLabelText('主题'), { target: { value: '十二月主题党日' } });
    await waitFor(async () => expect(await kindOptions()).toContain('主题党日'));
    const branchKinds = await kindOptions();
    expect(branchKinds).toEqual(expect.arrayContaining(['支部党员大会', '党课', '组织生活会', '谈心谈话']));
    // No committee: no 支委会; not a party group: no 党小组会; no central group.
    expect(branchKinds).not.toContain('支委会');
    expect(branchKinds).not.toContain('党小组会');
    expect(branchKinds).not.toContain('理论学习中心组学习');
    await act(async () => {
      fireEvent.click(screen.getByText('创 建').closest('button')!);
    });
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ orgId: BRANCH, kind: 'theme_party_day' });
  });

  it('replaces a default kind a party committee cannot hold (主题党日) with one it can', async () => {
    const { calls } = mockApi({
      'GET /auth/me': json(200, me),
      [`GET /orgs/${UNIT}`]: json(200, unitOrg),
      'GET /central-groups': json(200, []),
      'POST /activities': json(201, { id: CREATED } as ActivityDetail),
    });
    renderModal();
    fireEvent.change(await screen.findByLabelText('主题'), { target: { value: '党委书记讲党课' } });
    await waitFor(async () => expect(await kindOptions()).not.toContain('主题党日'));
    await act(async () => {
      fireEvent.click(screen.getByText('创 建').closest('button')!);
    });
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ orgId: UNIT, kind: 'party_lesson' });
  });
});
