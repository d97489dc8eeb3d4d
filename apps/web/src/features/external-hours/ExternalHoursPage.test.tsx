/** The external-hours page against a mocked API: upload → report with problems and duplicates → commit; reversal from the history. */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { ExternalHoursBatchSummary, ExternalHoursReport, MeView } from '@pioneer/domain';
import { json, mockApi, renderWithProviders } from '../../test-utils.tsx';
import { ExternalHoursPage } from './ExternalHoursPage.tsx';

const ORG = '0190a000-0000-7000-8000-000000000002';
const BATCH = '0190a000-0000-7000-8000-0000000000b1';
const secretary: MeView = {
  userId: 'u1',
  username: 'li.si',
  displayName: '李四',
  personId: null,
  mustChangePassword: false,
  grants: [{ role: 'secretary', orgId: ORG, orgName: '第二党支部' }],
  csrfToken: 'csrf-1',
  idleTimeoutMinutes: 30,
};
const org = { id: ORG, code: 'B2', name: '第二党支部', kind: 'branch', parentId: null, depth: 1, establishedOn: null, hasCommittee: false, active: true, childCount: 0, ancestors: [] };

const dryRun: ExternalHoursReport = {
  batchId: BATCH,
  status: 'dry_run',
  orgId: ORG,
  orgName: '第二党支部',
  fileName: '外部学时.xlsx',
  createdAt: '2026-05-05T02:00:00.000Z',
  committedAt: null,
  reversedAt: null,
  reversalReason: null,
  mode: null,
  totalRows: 3,
  counts: { accepted: 1, duplicate: 1, error: 1 },
  absentColumns: [],
  problems: [
    { row: 3, column: null, field: null, value: null, severity: 'duplicate', code: 'EXT_DUPLICATE_IN_FILE', message: '与第 2 行是同一人、同一平台、同一课程、同一完成日期的记录，只计一次，本行不导入。' },
    { row: 4, column: '学时', field: 'hours', value: 'abc', severity: 'error', code: 'EXT_HOURS_INVALID', message: '学时须为大于 0 的数字，如 2 或 1.5。' },
  ],
  accepted: [{ row: 2, personId: 'p1', personName: '李建国', orgName: '第二党支部', platform: '学习强国', course: '党史专题', completedOn: '2026-03-15', hours: 2, centralised: true, level: 'county' }],
  written: null,
};
const committed: ExternalHoursReport = { ...dryRun, status: 'committed', mode: 'valid_rows', committedAt: '2026-05-05T02:01:00.000Z', written: { credited: 1, hours: 2, completions: 1 } };
const summary: ExternalHoursBatchSummary = {
  batchId: BATCH,
  status: 'committed',
  orgId: ORG,
  orgName: '第二党支部',
  fileName: '外部学时.xlsx',
  createdBy: '李四',
  createdAt: committed.createdAt,
  committedAt: committed.committedAt,
  reversedAt: null,
  reversalReason: null,
  totalRows: 3,
  counts: committed.counts,
  written: committed.written,
};

const render = (path: string) =>
  renderWithProviders(
    <Routes>
      <Route path="/external-hours" element={<ExternalHoursPage />} />
    </Routes>,
    { path },
  );

describe('ExternalHoursPage', { timeout: 60_000 }, () => {
  it('uploads for a dry run, shows problems and duplicates by row, lists the records to credit, and commits the valid rows', async () => {
    const { calls } = mockApi({
      'GET /auth/me': json(200, secretary),
      [`GET /orgs/${ORG}`]: json(200, org),
      'POST /external-hours/imports': json(200, dryRun),
      [`POST /external-hours/imports/${BATCH}/commit`]: json(200, committed),
    });
    const { container } = render(`/external-hours?orgId=${ORG}`);
    await waitFor(() => expect(container.textContent).toContain('第二党支部'));
    await act(async () => {
      fireEvent.change(container.querySelector('input[type=file]')!, { target: { files: [new File(['x'], '外部学时.xlsx')] } });
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /上传并检查/ }));
    });
    expect(await screen.findByText('学时须为大于 0 的数字，如 2 或 1.5。')).toBeTruthy();
    expect(screen.getByText('重复')).toBeTruthy();
    expect((calls.find((c) => c.url.endsWith('/external-hours/imports'))!.body as FormData).get('orgId')).toBe(ORG);

    fireEvent.click(screen.getByText('全部无误才导入（有任何问题则一行也不计入；重复行始终跳过）'));
    expect((screen.getByRole('button', { name: /确认计入 1 条记录/ }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByText('只导入无误的行，跳过有问题和重复的行'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /确认计入 1 条记录/ }));
    });
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: /^确认计入$/ }));
    });
    expect(await screen.findByText('已计入 1 条记录，共 2 学时')).toBeTruthy();
    expect(calls.find((c) => c.url.endsWith('/commit'))!.body).toEqual({ mode: 'valid_rows' });
  });

  it('reverses a committed batch from the history with a reason', async () => {
    const { calls } = mockApi({
      'GET /auth/me': json(200, secretary),
      [`GET /orgs/${ORG}`]: json(200, org),
      'GET /external-hours/imports': json(200, [summary]),
      [`POST /external-hours/imports/${BATCH}/reverse`]: json(200, { ...committed, status: 'reversed', reversedAt: '2026-05-06T02:00:00.000Z', reversalReason: '平台数据有误' }),
    });
    render(`/external-hours?tab=history&orgId=${ORG}`);
    expect(await screen.findByText('1 条 / 2 学时')).toBeTruthy();
    // antd spaces out two-character Chinese button labels (撤 销).
    fireEvent.click(screen.getByRole('button', { name: /撤\s?销/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('撤销原因'), { target: { value: '平台数据有误' } });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: /撤\s?销/ }));
    });
    await waitFor(() => expect(calls.find((c) => c.url.endsWith('/reverse'))?.body).toEqual({ reason: '平台数据有误' }));
  });
});
