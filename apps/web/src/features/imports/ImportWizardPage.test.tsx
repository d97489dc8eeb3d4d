import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { ImportReport, MeView } from '@pioneer/domain';
import { apiError, json, mockApi, renderWithProviders } from '../../test-utils.tsx';
import { ImportWizardPage } from './ImportWizardPage.tsx';

const ORG = '0190a000-0000-7000-8000-000000000002';
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
const BATCH = '0190a000-0000-7000-8000-0000000000b1';

const dryRun: ImportReport = {
  batchId: BATCH,
  status: 'dry_run',
  orgId: ORG,
  orgName: '第二党支部',
  fileName: 'roster.xlsx',
  createdAt: '2026-01-05T02:00:00.000Z',
  committedAt: null,
  mode: null,
  totalRows: 3,
  counts: { new: 1, update: 1, unchanged: 0, error: 1 },
  absentColumns: ['民族'],
  problems: [{ row: 4, column: '公民身份号码', field: 'idNumber', value: '320102********0310', code: 'ID_NUMBER_CHECK_DIGIT', message: '身份证号码校验位不符。' }],
  updates: [{ row: 3, personId: 'p1', name: '李四', columns: ['手机号码'] }],
  written: null,
};

function renderWizard() {
  return renderWithProviders(
    <Routes>
      <Route path="/imports" element={<ImportWizardPage />} />
    </Routes>,
    { path: `/imports?orgId=${ORG}` },
  );
}

describe('ImportWizardPage', { timeout: 60_000 }, () => {
  it('uploads the file for a dry run, shows each problem by row and column, and commits the valid rows', async () => {
    const { calls } = mockApi({
      'GET /auth/me': json(200, secretary),
      [`GET /orgs/${ORG}`]: json(200, { id: ORG, code: 'B2', name: '第二党支部', kind: 'branch', parentId: null, depth: 1, establishedOn: null, hasCommittee: false, active: true, childCount: 0, ancestors: [] }),
      'POST /imports/people': json(200, dryRun),
      [`POST /imports/${BATCH}/commit`]: json(200, { ...dryRun, status: 'committed', mode: 'valid_rows', committedAt: '2026-01-05T02:01:00.000Z', written: { inserted: 1, updated: 1 } }),
    });
    const { container } = renderWizard();
    // The organisation from the address is named, not shown as an id.
    await waitFor(() => expect(container.textContent).toContain('第二党支部'));
    expect(container.textContent).not.toContain(ORG);

    const file = new File(['xlsx bytes'], 'roster.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    await act(async () => {
      fireEvent.change(container.querySelector('input[type=file]')!, { target: { files: [file] } });
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /上传并检查/ }));
    });

    expect(await screen.findByText('身份证号码校验位不符。')).toBeTruthy();
    expect(screen.getByText('公民身份号码')).toBeTruthy();
    expect(screen.getByText('320102********0310')).toBeTruthy();
    const upload = calls.find((c) => c.method === 'POST' && c.url.endsWith('/imports/people'))!;
    expect(upload.body).toBeInstanceOf(FormData);
    expect((upload.body as FormData).get('orgId')).toBe(ORG);
    expect(((upload.body as FormData).get('file') as File).name).toBe('roster.xlsx');

    // All-or-nothing with a problem row would write nothing: the page says so and will not send it.
    fireEvent.click(screen.getByText('全部无误才导入（有任何问题则一行也不写入）'));
    expect(await screen.findByText(/选择“全部无误才导入”时不会写入任何数据/)).toBeTruthy();
    expect((screen.getByRole('button', { name: /确认导入 2 人/ }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByText('导入所有无误的行，跳过有问题的行'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /确认导入 2 人/ }));
    });
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: /^确认导入$/ }));
    });
    expect(await screen.findByText('导入完成：新增 1 人，更新 1 人')).toBeTruthy();
    expect(calls.find((c) => c.url.endsWith('/commit'))!.body).toEqual({ mode: 'valid_rows' });
  });

  it("shows the server's reason when the file cannot be read", async () => {
    mockApi({
      'GET /auth/me': json(200, secretary),
      [`GET /orgs/${ORG}`]: json(200, { id: ORG, code: 'B2', name: '第二党支部', kind: 'branch', parentId: null, depth: 1, establishedOn: null, hasCommittee: false, active: true, childCount: 0, ancestors: [] }),
      'POST /imports/people': apiError(400, 'IMPORT_FILE_UNREADABLE', '无法读取该文件：请上传由模板填写的 .xlsx 文件。'),
    });
    const { container } = renderWizard();
    await waitFor(() => expect(container.textContent).toContain('第二党支部'));
    await act(async () => {
      fireEvent.change(container.querySelector('input[type=file]')!, { target: { files: [new File(['x'], 'notes.xlsx')] } });
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /上传并检查/ }));
    });
    expect(await screen.findByText('无法读取该文件：请上传由模板填写的 .xlsx 文件。')).toBeTruthy();
    // Still on the first step: nothing to report on.
    expect(screen.getByRole('button', { name: /上传并检查/ })).toBeTruthy();
  });
});
