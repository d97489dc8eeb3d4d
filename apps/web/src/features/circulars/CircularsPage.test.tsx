import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CircularFigures, CircularSummary, CircularView, MeView } from '@pioneer/domain';
import { RequireAuth } from '../../app/guards.tsx';
import { apiError, json, mockApi, renderWithProviders, type RecordedCall } from '../../test-utils.tsx';
import { CircularsPage } from './CircularsPage.tsx';

const ROOT = '0190a000-0000-7000-8000-000000000001';
const CIRCULAR = '0190a000-0000-7000-8000-0000000000c1';

const me = (role: 'committee_officer' | 'secretary'): MeView => ({
  userId: 'u1',
  username: 'wang',
  displayName: '王五',
  personId: null,
  mustChangePassword: false,
  grants: [{ role, orgId: ROOT, orgName: '县直机关工委' }],
  csrfToken: 'csrf-1',
  idleTimeoutMinutes: 30,
});

const rootOrg = { id: ROOT, code: 'W', name: '县直机关工委', kind: 'working_committee', parentId: null, depth: 0, establishedOn: null, hasCommittee: false, active: true, childCount: 3, ancestors: [] };

const figures: CircularFigures = {
  renderer: 'circular-v1',
  period: '2026-Q3',
  periodStart: '2026-07-01',
  periodEnd: '2026-09-30',
  title: '关于2026年第三季度组织生活开展情况的通报',
  issuer: { orgId: ROOT, name: '县直机关工委' },
  issuedOn: '2026-10-08',
  totals: { orgsJudged: 3, orgsAllMet: 1, attendanceExpected: 40, attendancePresent: 35 },
  allMet: [{ orgId: 'o1', name: '第一党支部' }],
  shortfalls: [{ orgId: 'o2', name: '第二党支部', reasons: ['2026年第三季度 支部党员大会 0/1 次', '2026年8月 主题党日 0/1 次'] }],
  makeup: [{ orgId: 'o2', name: '第二党支部', open: 2 }],
  audits: { groups: 2, sessionsHeld: 6, sessionsAudited: 1, groupsAudited: 1, groupsNotAudited: ['县财政局党组理论学习中心组'] },
  requirements: ['未达标的党支部于下季度首月补齐。'],
};

const summary: CircularSummary = {
  id: CIRCULAR,
  orgId: ROOT,
  orgName: '县直机关工委',
  period: '2026-Q3',
  version: 1,
  title: figures.title,
  createdAt: '2026-10-08T02:00:00.000Z',
  generatedByName: '王五',
  publishedAt: null,
  docxBytes: 12_000,
  pdfBytes: 80_000,
};
const view: CircularView = { ...summary, figures };

function renderPage(path = `/circulars?orgId=${ROOT}&period=2026-Q3`) {
  return renderWithProviders(
    <Routes>
      <Route
        path="/circulars"
        element={
          <RequireAuth>
            <CircularsPage />
          </RequireAuth>
        }
      />
    </Routes>,
    { path },
  );
}

describe('CircularsPage', { timeout: 60_000 }, () => {
  let saved: Array<{ name: string }>;
  beforeEach(() => {
    saved = [];
    // jsdom has no blob URLs; saveFile needs one and clicks a link carrying the file name.
    Object.defineProperty(URL, 'createObjectURL', { configurable: true, value: vi.fn(() => 'blob:circular') });
    Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, value: vi.fn() });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download });
    });
  });
  afterEach(() => {
    Reflect.deleteProperty(URL, 'createObjectURL');
    Reflect.deleteProperty(URL, 'revokeObjectURL');
  });

  it('generates the selected quarter for the selected subtree, then offers the Word and PDF documents of the new version', async () => {
    let generated = false;
    const { calls } = mockApi({
      'GET /auth/me': json(200, me('committee_officer')),
      [`GET /orgs/${ROOT}`]: json(200, rootOrg),
      'GET /circulars': () => json(200, generated ? [summary] : []),
      'POST /circulars': () => {
        generated = true;
        return json(201, view);
      },
      [`GET /circulars/${CIRCULAR}/docx`]: json(200, 'docx bytes'),
      [`GET /circulars/${CIRCULAR}/pdf`]: json(200, 'pdf bytes'),
    });
    renderPage();
    expect(await screen.findByText('还没有通报。选择组织和季度后点击“生成”。')).toBeTruthy();
    // The list asks for the subtree and quarter in the address.
    const firstList = calls.find((c) => c.url.startsWith('/api/v1/circulars?'))!;
    expect(new URL(firstList.url, 'http://x').searchParams.get('orgId')).toBe(ROOT);
    expect(new URL(firstList.url, 'http://x').searchParams.get('period')).toBe('2026-Q3');

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /生成2026年第三季度通报/ }));
    });
    const post = calls.find((c) => c.method === 'POST' && c.url === '/api/v1/circulars')!;
    expect(post.body).toEqual({ orgId: ROOT, period: '2026-Q3' });
    expect(post.headers['X-CSRF-Token']).toBe('csrf-1');
    expect(await screen.findByText('已生成第 1 版通报。')).toBeTruthy();

    const docx = await screen.findByRole('button', { name: '下载第 1 版 Word 文档' });
    const pdf = screen.getByRole('button', { name: '下载第 1 版 PDF' });
    await act(async () => {
      fireEvent.click(docx);
    });
    await waitFor(() => expect(saved).toHaveLength(1));
    await act(async () => {
      fireEvent.click(pdf);
    });
    await waitFor(() => expect(saved).toHaveLength(2));
    const downloads = calls.filter((c: RecordedCall) => c.url.includes(`/circulars/${CIRCULAR}/`)).map((c) => c.url);
    expect(downloads).toEqual([`/api/v1/circulars/${CIRCULAR}/docx`, `/api/v1/circulars/${CIRCULAR}/pdf`]);
    // Without a file name from the server the title and version name the file.
    expect(saved.map((s) => s.name)).toEqual([`${figures.title}-v1.docx`, `${figures.title}-v1.pdf`]);
  });

  it('shows the figures a version was generated from, with each shortfall and its reasons', async () => {
    mockApi({
      'GET /auth/me': json(200, me('committee_officer')),
      [`GET /orgs/${ROOT}`]: json(200, rootOrg),
      'GET /circulars': json(200, [summary]),
      [`GET /circulars/${CIRCULAR}`]: json(200, view),
    });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: /查看数据/ }));
    const drawer = await screen.findByRole('dialog');
    expect(await within(drawer).findByText('2026年第三季度 支部党员大会 0/1 次')).toBeTruthy();
    expect(within(drawer).getByText('2026年8月 主题党日 0/1 次')).toBeTruthy();
    expect(within(drawer).getByText('应到 40 人次，实到 35 人次')).toBeTruthy();
    expect(within(drawer).getByText('县财政局党组理论学习中心组')).toBeTruthy();
  });

  it('opens the circular named in the address, as the "circular published" notification links to it, and forgets it when closed', async () => {
    const { calls } = mockApi({
      'GET /auth/me': json(200, me('secretary')),
      [`GET /orgs/${ROOT}`]: json(200, rootOrg),
      'GET /circulars': json(200, [{ ...summary, publishedAt: '2026-10-09T01:00:00.000Z' }]),
      [`GET /circulars/${CIRCULAR}`]: json(200, { ...view, publishedAt: '2026-10-09T01:00:00.000Z' }),
    });
    renderPage(`/circulars?id=${CIRCULAR}`);
    const drawer = await screen.findByRole('dialog');
    expect(await within(drawer).findByText('2026年第三季度 支部党员大会 0/1 次')).toBeTruthy();
    expect(calls.some((c) => c.url === `/api/v1/circulars/${CIRCULAR}`)).toBe(true);
    await act(async () => {
      fireEvent.click(within(drawer).getByRole('button', { name: /close|关闭/i }));
    });
    await waitFor(() => expect(screen.queryByText('2026年第三季度 支部党员大会 0/1 次')).toBeNull());
  });

  it('publishes a draft after confirmation and says how many secretaries were told', async () => {
    const { calls } = mockApi({
      'GET /auth/me': json(200, me('committee_officer')),
      [`GET /orgs/${ROOT}`]: json(200, rootOrg),
      'GET /circulars': json(200, [summary]),
      [`POST /circulars/${CIRCULAR}/publish`]: json(200, { ...summary, publishedAt: '2026-10-09T01:00:00.000Z', notified: 7 }),
    });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: /发\s*布/ }));
    const confirm = await screen.findByText('发布后将通知“县直机关工委”下各组织的书记，确定发布此版本吗？');
    const popover = confirm.closest('.ant-popover') as HTMLElement;
    await act(async () => {
      fireEvent.click(within(popover).getByRole('button', { name: /发\s*布/ }));
    });
    expect(await screen.findByText('已发布，已通知 7 名书记。')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST' && c.url.endsWith(`/circulars/${CIRCULAR}/publish`))).toBe(true);
  });

  it("shows the server's refusal when generation fails", async () => {
    mockApi({
      'GET /auth/me': json(200, me('committee_officer')),
      [`GET /orgs/${ROOT}`]: json(200, rootOrg),
      'GET /circulars': json(200, []),
      'POST /circulars': apiError(400, 'CIRCULAR_PERIOD_IN_FUTURE', '2026年第三季度尚未开始，不能生成通报；请选择本季度或以前的季度。'),
    });
    renderPage();
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: /生成2026年第三季度通报/ }));
    });
    expect(await screen.findByText('2026年第三季度尚未开始，不能生成通报；请选择本季度或以前的季度。')).toBeTruthy();
  });

  it('gives a secretary the published circulars to read and download, without generating or publishing', async () => {
    mockApi({
      'GET /auth/me': json(200, me('secretary')),
      [`GET /orgs/${ROOT}`]: json(200, rootOrg),
      'GET /circulars': json(200, [{ ...summary, publishedAt: '2026-10-09T01:00:00.000Z' }]),
    });
    renderPage();
    expect(await screen.findByRole('button', { name: '下载第 1 版 PDF' })).toBeTruthy();
    expect(screen.getByText('已发布')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /生成/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /发\s*布/ })).toBeNull();
  });
});
