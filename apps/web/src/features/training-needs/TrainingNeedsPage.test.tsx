/**
 * 学时达标与漏训 (managers): the page opens at the manager's organisation with the subtree's
 * coverage figures and sub-organisations; the missed and weak lists show each person's hours, the
 * server's reasons and the next step; a manual entry is approved (refused with the server's reason)
 * or rejected with a note; study delivered to an exempt member is recorded.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ManualCreditView, TrainingCoverageView, TrainingExceptionList } from '@pioneer/domain';
import { apiError, json, meView, mockApi, orgView, renderPageAt, type RecordedCall } from '../../test-utils.tsx';
import { TrainingNeedsPage } from './TrainingNeedsPage.tsx';

const ROOT = '0190a000-0000-7000-8000-000000000001';
const FINANCE = '0190a000-0000-7000-8000-000000000002';
const P1 = '0190a000-0000-7000-8000-0000000000f1';
const P2 = '0190a000-0000-7000-8000-0000000000f2';
const CREDIT = '0190a000-0000-7000-8000-0000000000e1';
const year = new Date().getFullYear();

const me = meView([{ role: 'committee_officer', orgId: ROOT, orgName: '县直机关工委' }]);
const rootOrg = orgView({ id: ROOT, name: '县直机关工委', kind: 'working_committee', childCount: 2 });
const coverage: TrainingCoverageView = {
  orgId: ROOT,
  orgName: '县直机关工委',
  year,
  considered: 128,
  required: 118,
  met: 86,
  short: 32,
  exempt: 10,
  centralisedRequired: 118,
  centralisedMet: 97,
  trained: 99,
  missed: 7,
  weak: 21,
  hoursTotal: 3620,
  hoursBuckets: [
    { label: '0–8', count: 6 },
    { label: '8–16', count: 10 },
    { label: '16–32', count: 16 },
    { label: '≥32', count: 86 },
  ],
  children: [
    { orgId: FINANCE, orgName: '县财政局党委', considered: 64, required: 60, met: 41, short: 19, exempt: 4, centralisedRequired: 60, centralisedMet: 52, missed: 3, weak: 12 },
  ],
};
const exceptionRow = (kind: 'missed' | 'weak'): TrainingExceptionList['items'][number] =>
  kind === 'missed'
    ? {
        personId: P1,
        name: '李未训',
        orgId: FINANCE,
        orgName: '县财政局办公室支部',
        category: 'full',
        hoursDone: 12,
        hoursRequired: 32,
        reasons: [{ code: 'MISSED_CENTRALISED', params: { deadline: `${year}-10-31` }, text: '' }],
        action: { code: 'ACTION_ENROL_CLASS', params: {}, text: '' },
      }
    : {
        personId: P2,
        name: '周少时',
        orgId: FINANCE,
        orgName: '县财政局预算股支部',
        category: 'probationary',
        hoursDone: 12,
        hoursRequired: 32,
        reasons: [
          { code: 'WEAK_HOURS_YEAR_END', params: { year, done: 12, required: 32, missing: 20 }, text: '' },
          { code: 'WEAK_FAILED_TEST', params: { title: '党章党规知识测试' }, text: '' },
        ],
        action: { code: 'ACTION_STUDY_HOURS', params: { missing: 20 }, text: '' },
      };
const exceptions = (call: RecordedCall) => {
  const kind = new URL(call.url, 'http://x').searchParams.get('kind') as 'missed' | 'weak';
  return json(200, { year, kind, total: 1, page: 1, pageSize: 20, items: [exceptionRow(kind)] });
};
const manual: ManualCreditView = {
  id: CREDIT,
  personId: P1,
  personName: '李未训',
  orgName: '县财政局办公室支部',
  studiedOn: `${year}-01-05`,
  hours: 4,
  description: '县委宣讲团专题报告会',
  status: 'pending',
  decisionNote: null,
  decidedAt: null,
  creditId: null,
  createdAt: `${year}-01-06T00:00:00Z`,
};

const renderAt = (path: string, element: React.ReactNode) => renderPageAt(path, element);

const baseRoutes = {
  'GET /auth/me': json(200, me),
  [`GET /orgs/${ROOT}`]: json(200, rootOrg),
  [`GET /orgs/${ROOT}/training-coverage`]: json(200, coverage),
  [`GET /orgs/${ROOT}/training-exceptions`]: exceptions,
  [`GET /orgs/${ROOT}/delivered-study`]: json(200, { items: [] }),
  [`GET /orgs/${ROOT}/manual-credits`]: json(200, { items: [manual] }),
};
const query = (call: RecordedCall) => Object.fromEntries(new URL(call.url, 'http://x').searchParams);

// A minute per test: the page's tabs, tables and chart take tens of seconds in jsdom on a loaded machine.
describe('TrainingNeedsPage', { timeout: 60_000 }, () => {
  beforeEach(() => {
    // jsdom has no canvas; ECharts only measures text with one (it draws SVG), so widths by length will do.
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
      () => ({ measureText: (text: string) => ({ width: text.length * 12 }), font: '' }) as unknown as CanvasRenderingContext2D,
    );
  });

  it("opens at the manager's organisation with the subtree's coverage figures and its sub-organisations", async () => {
    const { calls } = mockApi(baseRoutes);
    const { container } = renderAt('/training-needs', <TrainingNeedsPage />);
    expect(await screen.findByRole('cell', { name: '县财政局党委' }, { timeout: 15_000 })).toBeTruthy();
    const figures = Array.from(container.querySelectorAll('.ant-statistic')).map((el) => el.textContent);
    expect(figures).toEqual([
      '党员和发展对象128',
      '有学习要求118',
      '已达标86',
      '未达标32',
      '免除要求10',
      '集中培训（应参加 / 已参加）118 / 97',
      '参加过集中培训99',
      '漏训7',
      '弱训21',
    ]);
    const row = screen.getByRole('cell', { name: '县财政局党委' }).closest('tr')!;
    expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['县财政局党委', '60', '41', '19', '4', '60 / 52', '3', '12']);
    // The hours distribution is charted from the server's buckets (read out by the chart's description).
    await waitFor(() => expect(container.querySelector('.echart')?.getAttribute('aria-label')).toContain('学时分布（人数）'));
    const chart = container.querySelector('.echart')!.getAttribute('aria-label')!;
    for (const bucket of ['0–8', '8–16', '16–32', '≥32']) expect(chart).toContain(bucket);
    expect(chart).toContain('86');
    expect(query(calls.find((c) => c.url.includes('/training-coverage?'))!)).toEqual({ year: String(year) });
    expect(calls.find((c) => c.url.includes('/training-coverage?'))!.url.startsWith(`/api/v1/orgs/${ROOT}/`)).toBe(true);
  });

  it('lists the missed and the weak with their hours, the reasons in Chinese and the next step', async () => {
    const { calls } = mockApi(baseRoutes);
    renderAt('/training-needs', <TrainingNeedsPage />);
    fireEvent.click(await screen.findByRole('tab', { name: '漏训名单' }, { timeout: 15_000 }));
    const missed = (await screen.findByRole('cell', { name: '李未训' })).closest('tr')!;
    expect([...missed.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      '李未训',
      '县财政局办公室支部',
      '12 / 32',
      `漏训：截至 ${year}-10-31 未参加集中培训`,
      '安排参加下一期集中培训班',
    ]);

    fireEvent.click(screen.getByRole('tab', { name: '弱训名单' }));
    const weak = (await screen.findByRole('cell', { name: '周少时' })).closest('tr')!;
    expect([...weak.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      '周少时',
      '县财政局预算股支部',
      '12 / 32',
      `弱训：${year}年 学时 12/32，差 20 学时；弱训：测试“党章党规知识测试”未通过`,
      '参加组织生活或学习课程，补足 20 学时',
    ]);
    const asked = calls.filter((c) => c.url.startsWith(`/api/v1/orgs/${ROOT}/training-exceptions?`)).map(query);
    expect(asked).toContainEqual({ year: String(year), kind: 'missed', page: '1', pageSize: '20' });
    expect(asked).toContainEqual({ year: String(year), kind: 'weak', page: '1', pageSize: '20' });
  });

  it("shows the server's reason when an approval would pass the day's cap, and rejects with the manager's note", async () => {
    const cap = `${year}-01-05 当天已记 6 学时，每人每天最多 8 学时，本次最多还能记 2 学时。请修改学时后重新申请，或驳回本申请。`;
    const { calls } = mockApi({
      ...baseRoutes,
      [`POST /manual-credits/${CREDIT}/approve`]: apiError(409, 'MANUAL_CREDIT_DAY_CAP', cap),
      [`POST /manual-credits/${CREDIT}/reject`]: json(200, { ...manual, status: 'rejected', decisionNote: '当天学时已满，请改为 2 学时重新申请' }),
    });
    renderAt('/training-needs', <TrainingNeedsPage />);
    fireEvent.click(await screen.findByRole('tab', { name: '补录审核' }, { timeout: 15_000 }));
    const row = (await screen.findByRole('cell', { name: '县委宣讲团专题报告会' })).closest('tr')!;
    expect(within(row).getByText('李未训')).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(row).getByRole('button', { name: /通\s*过/ }));
    });
    expect(await screen.findByText(cap)).toBeTruthy();
    const approve = calls.find((c) => c.url.endsWith('/approve'))!;
    expect(approve.method).toBe('POST');
    expect(approve.body).toEqual({});

    fireEvent.click(within(row).getByRole('button', { name: /驳\s*回/ }));
    fireEvent.change(await screen.findByRole('textbox', { name: '驳回原因' }), { target: { value: '当天学时已满，请改为 2 学时重新申请' } });
    const dialog = screen.getByRole('textbox', { name: '驳回原因' }).closest('.ant-modal') as HTMLElement;
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: /OK|确\s*定/ }));
    });
    await waitFor(() => expect(calls.find((c) => c.url.endsWith('/reject'))).toBeTruthy());
    const reject = calls.find((c) => c.url.endsWith('/reject'))!;
    expect(reject.method).toBe('POST');
    expect(reject.url).toBe(`/api/v1/manual-credits/${CREDIT}/reject`);
    expect(reject.body).toEqual({ note: '当天学时已满，请改为 2 学时重新申请' });
  });

  it('records study delivered to an exempt member, offering only exempt people', async () => {
    const { calls } = mockApi({
      ...baseRoutes,
      // The picker asks the server for exempt members only (exempt=true), not the first page of everyone.
      'GET /people': (call) =>
        call.url.includes('exempt=true')
          ? json(200, {
              items: [{ id: P1, name: '孙老党员', orgName: '县财政局离退休支部', isInfirm: true, studyExempt: false }],
              total: 1,
              page: 1,
              pageSize: 20,
            })
          : json(200, {
              items: [
                { id: P1, name: '孙老党员', orgName: '县财政局离退休支部', isInfirm: true, studyExempt: false },
                { id: P2, name: '孙年轻', orgName: '县财政局办公室支部', isInfirm: false, studyExempt: false },
              ],
              total: 2,
              page: 1,
              pageSize: 20,
            }),
      [`POST /people/${P1}/delivered-study`]: json(201, {
        id: 'd1',
        personId: P1,
        personName: '孙老党员',
        orgName: '县财政局离退休支部',
        deliveredOn: `${year - 1}-12-20`,
        material: '党的二十届三中全会精神学习材料',
        deliveredBy: '王五',
        note: null,
        createdAt: `${year - 1}-12-20T00:00:00Z`,
      }),
    });
    renderAt('/training-needs', <TrainingNeedsPage />);
    fireEvent.click(await screen.findByRole('tab', { name: '送学上门' }, { timeout: 15_000 }));
    await act(async () => {
      fireEvent.mouseDown(await screen.findByLabelText('人员'));
    });
    fireEvent.click(await screen.findByTitle('孙老党员（县财政局离退休支部）'));
    expect(screen.queryByTitle('孙年轻（县财政局办公室支部）')).toBeNull();
    const day = screen.getByLabelText('送学日期');
    fireEvent.mouseDown(day);
    fireEvent.change(day, { target: { value: `${year - 1}-12-20` } });
    fireEvent.keyDown(day, { key: 'Enter', code: 'Enter' });
    fireEvent.change(screen.getByLabelText('学习材料'), { target: { value: '党的二十届三中全会精神学习材料' } });
    fireEvent.change(screen.getByLabelText('送学人'), { target: { value: '王五' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '登记送学' }));
    });
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')).toBeTruthy());
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url).toBe(`/api/v1/people/${P1}/delivered-study`);
    expect(post.body).toEqual({ deliveredOn: `${year - 1}-12-20`, material: '党的二十届三中全会精神学习材料', deliveredBy: '王五' });
    expect(await screen.findByText('已登记')).toBeTruthy();
  });
});
