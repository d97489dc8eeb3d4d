/**
 * 学时台账与培训统计 (managers) and 我的年度学习档案 (members): the page starts at the manager's
 * organisation, each export asks the server for the chosen subtree and year and hands the file to
 * the browser, and a refused export says why in a dialog.
 */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MeView } from '@pioneer/domain';
import { apiError, attachment, json, mockApi, orgView, renderPageAt, type RecordedCall } from '../../test-utils.tsx';
import { MyStudyRecordPage, TrainingReportsPage } from './TrainingReportsPage.tsx';

const ROOT = '0190a000-0000-7000-8000-000000000001';
const year = new Date().getFullYear();
const me = (role: 'committee_officer' | 'member'): MeView => ({
  userId: 'u1',
  username: 'wang',
  displayName: '王五',
  personId: role === 'member' ? '0190a000-0000-7000-8000-0000000000f1' : null,
  mustChangePassword: false,
  grants: [{ role, orgId: ROOT, orgName: '县直机关工委' }],
  csrfToken: 'csrf-1',
  idleTimeoutMinutes: 30,
});
const rootOrg = orgView({ id: ROOT, name: '县直机关工委', kind: 'working_committee', childCount: 2 });

const renderAt = (path: string, element: React.ReactNode) => renderPageAt(path, element);

const query = (call: RecordedCall) => Object.fromEntries(new URL(call.url, 'http://x').searchParams);

// A minute per test: antd's selects and dialogs take tens of seconds in jsdom on a loaded machine.
describe('TrainingReportsPage', { timeout: 60_000 }, () => {
  let saved: string[];
  beforeEach(() => {
    saved = [];
    // jsdom has no blob URLs; saveFile needs one and clicks a link carrying the file name.
    Object.defineProperty(URL, 'createObjectURL', { configurable: true, value: vi.fn(() => 'blob:export') });
    Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, value: vi.fn() });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
  });
  afterEach(() => {
    Reflect.deleteProperty(URL, 'createObjectURL');
    Reflect.deleteProperty(URL, 'revokeObjectURL');
  });

  it("downloads the hours ledger of the manager's organisation for the year chosen", async () => {
    const { calls } = mockApi({
      'GET /auth/me': json(200, me('committee_officer')),
      [`GET /orgs/${ROOT}`]: json(200, rootOrg),
      'GET /training-reports/ledger.xlsx': attachment(`${year - 1}年度学时台账-县直机关工委.xlsx`, `training-ledger-${year - 1}.xlsx`),
    });
    renderAt('/training-reports', <TrainingReportsPage />);
    const ledger = await screen.findByRole('button', { name: /下载学时台账（Excel）/ }, { timeout: 15_000 });
    // The organisation the manager was granted is chosen already, so the exports are ready.
    await waitFor(() => expect(ledger.hasAttribute('disabled')).toBe(false));
    await waitFor(() => expect(document.querySelector('#trainingReportsOrg')?.closest('.ant-select-content')?.textContent).toContain('县直机关工委'));
    await act(async () => {
      fireEvent.mouseDown(screen.getByLabelText('年度'));
    });
    fireEvent.click(await screen.findByTitle(String(year - 1)));
    await act(async () => {
      fireEvent.click(ledger);
    });
    // The server's Chinese file name, not the page's fallback.
    await waitFor(() => expect(saved).toEqual([`${year - 1}年度学时台账-县直机关工委.xlsx`]));
    const asked = calls.find((c) => c.url.startsWith('/api/v1/training-reports/'))!;
    expect(asked.method).toBe('GET');
    expect(asked.url.split('?')[0]).toBe('/api/v1/training-reports/ledger.xlsx');
    expect(query(asked)).toEqual({ orgId: ROOT, year: String(year - 1) });
  });

  it("says why the statistics export was refused, and saves nothing", async () => {
    const refusal = `${year} 年尚未开始，没有可导出的学时；请选择今年或以前的年度。`;
    const { calls } = mockApi({
      'GET /auth/me': json(200, me('committee_officer')),
      [`GET /orgs/${ROOT}`]: json(200, rootOrg),
      'GET /training-reports/statistics.xlsx': apiError(400, 'TRAINING_REPORT_YEAR_IN_FUTURE', refusal),
    });
    renderAt('/training-reports', <TrainingReportsPage />);
    const statistics = await screen.findByRole('button', { name: /下载培训统计（Excel）/ }, { timeout: 15_000 });
    await act(async () => {
      fireEvent.click(statistics);
    });
    expect((await screen.findAllByText('下载失败')).length).toBeGreaterThan(0);
    expect(screen.getByText(refusal)).toBeTruthy();
    expect(query(calls.find((c) => c.url.startsWith('/api/v1/training-reports/statistics.xlsx'))!)).toEqual({ orgId: ROOT, year: String(year) });
    expect(saved).toEqual([]);
  });

  it('downloads my own study record of the year as a PDF, and says why when the server cannot make it', async () => {
    let fontInstalled = false;
    const { calls } = mockApi({
      'GET /auth/me': json(200, me('member')),
      'GET /me/annual-study-record.pdf': () =>
        fontInstalled ? json(200, 'pdf bytes') : apiError(503, 'TRAINING_REPORT_PDF_FONT_MISSING', '服务器缺少生成 PDF 所需的中文字体，暂时无法生成学习档案，请联系系统管理员安装 fonts-noto-cjk 或设置 PDF_FONT_PATH。'),
    });
    renderAt('/my-study-record', <MyStudyRecordPage />);
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: new RegExp(`下载 ${year} 年度学习档案（PDF）`) }, { timeout: 15_000 }));
    });
    expect(await screen.findByText(/服务器缺少生成 PDF 所需的中文字体/)).toBeTruthy();
    expect(saved).toEqual([]);

    fontInstalled = true;
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /知道了|OK/ }));
    });
    await act(async () => {
      fireEvent.mouseDown(screen.getByRole('combobox'));
    });
    fireEvent.click(await screen.findByTitle(String(year - 1)));
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: new RegExp(`下载 ${year - 1} 年度学习档案（PDF）`) }));
    });
    // No Content-Disposition here: the page names the file itself.
    await waitFor(() => expect(saved).toEqual([`study-record-${year - 1}.pdf`]));
    expect(calls.filter((c) => c.url.startsWith('/api/v1/me/annual-study-record.pdf')).map(query)).toEqual([{ year: String(year) }, { year: String(year - 1) }]);
  });
});
