/**
 * 年度集中轮训: the year's rotations as declared, declaring one (the body POST /rotations expects,
 * after the server's refusal of a deadline before the year is shown and corrected), and coverage
 * drilled down from the committee to a sub-organisation and to the people with why each counts so.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CoveragePeople, RotationCoverage, RotationList } from '@pioneer/domain';
import { apiError, json, meView, mockApi, orgView, renderPageAt, type RecordedCall } from '../../test-utils.tsx';
import { RotationsPage } from './RotationsPage.tsx';

const ROOT = '0190a000-0000-7000-8000-000000000001';
const FINANCE = '0190a000-0000-7000-8000-000000000002';
const REFORM = '0190a000-0000-7000-8000-000000000003';
const ROTATION = '0190a000-0000-7000-8000-0000000000a1';
const year = new Date().getFullYear();

const me = meView([{ role: 'committee_officer', orgId: ROOT, orgName: '县直机关工委' }]);
const rootOrg = orgView({ id: ROOT, name: '县直机关工委', kind: 'working_committee', childCount: 2 });
const rotations: RotationList = {
  items: [
    { id: ROTATION, orgId: ROOT, orgName: '县直机关工委', year, title: `${year}年度党员集中轮训`, targetGroups: ['all_members', 'secretaries'], deadline: `${year}-10-31`, requiredHours: 24, notes: null, status: 'open', version: 1, canEdit: true, batchCount: 3 },
  ],
};
const counts = (targeted: number, trained: number, inProgress: number, notYet: number, exempt: number) => ({ targeted, trained, inProgress, notYet, exempt, rate: targeted - exempt > 0 ? trained / (targeted - exempt) : null });
const rootCoverage: RotationCoverage = {
  rotationId: ROTATION,
  orgId: ROOT,
  orgName: '县直机关工委',
  deadline: `${year}-10-31`,
  totals: counts(125, 80, 10, 30, 5),
  direct: counts(5, 5, 0, 0, 0),
  children: [
    { ...counts(60, 45, 5, 10, 0), orgId: FINANCE, orgName: '县财政局党委', hasChildren: true },
    { ...counts(60, 30, 5, 20, 5), orgId: REFORM, orgName: '县发改局党支部', hasChildren: false },
  ],
};
const financeCoverage: RotationCoverage = { ...rootCoverage, orgId: FINANCE, orgName: '县财政局党委', totals: counts(60, 45, 5, 10, 0), direct: counts(0, 0, 0, 0, 0), children: [] };
const person = (personId: string, name: string, orgName: string, status: CoveragePeople['items'][number]['status'], detail: string | null = null, detailOn: string | null = null) => ({ personId, name, orgId: FINANCE, orgName, category: 'full', status, detail, detailOn });
const notYet: CoveragePeople = { items: [person('p1', '李未训', '县财政局办公室支部', 'not_yet')], total: 1, page: 1, pageSize: 20 };
const trained: CoveragePeople = { items: [person('p2', '周已训', '县财政局预算股支部', 'trained', '第一期党员集中轮训班', `${year}-04-10`)], total: 1, page: 1, pageSize: 20 };

const renderAt = (path: string, element: React.ReactNode) => renderPageAt(path, element);

const query = (call: RecordedCall) => new URL(call.url, 'http://x').searchParams;

// Two minutes per test, as the compliance dashboard's: the form and the coverage drawer took 46 s and 51 s
// of a minute when run beside the other training pages' tests on a loaded two-core machine.
describe('RotationsPage', { timeout: 120_000 }, () => {
  it("lists the year's rotations with target groups, deadline, hours, batches and status", async () => {
    const { calls } = mockApi({ 'GET /auth/me': json(200, me), 'GET /rotations': json(200, rotations) });
    renderAt('/rotations', <RotationsPage />);
    const title = await screen.findByRole('cell', { name: `${year}年度党员集中轮训` }, { timeout: 30_000 });
    const row = title.closest('tr')!;
    expect(within(row).getByText('全体党员')).toBeTruthy();
    expect(within(row).getByText('党组织书记')).toBeTruthy();
    expect(within(row).getByText(`${year}-10-31`)).toBeTruthy();
    expect(within(row).getByText('24')).toBeTruthy();
    expect(within(row).getByText('3 个批次')).toBeTruthy();
    expect(within(row).getByText('进行中')).toBeTruthy();
    expect(query(calls.find((c) => c.url.startsWith('/api/v1/rotations?'))!).get('year')).toBe(String(year));
  });

  it("declares a rotation: a deadline before the year is refused with the server's reason, the corrected one is sent", async () => {
    const refusal = `完成时限 ${year - 1}-12-31 早于 ${year} 年 1 月 1 日，请填写该年度内或之后的日期。`;
    let attempts = 0;
    const { calls } = mockApi({
      'GET /auth/me': json(200, me),
      'GET /rotations': json(200, { items: [] }),
      [`GET /orgs/${ROOT}`]: json(200, rootOrg),
      'POST /rotations': () => (++attempts === 1 ? apiError(400, 'ROTATION_DEADLINE_BEFORE_YEAR', refusal) : json(201, { ...rotations.items[0], batches: [] })),
    });
    renderAt('/rotations', <RotationsPage />);
    expect(await screen.findByText('本年度尚未部署集中轮训。', undefined, { timeout: 30_000 })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '部署轮训' }));

    await act(async () => {
      fireEvent.mouseDown(await screen.findByLabelText('培训对象'));
    });
    fireEvent.click(await screen.findByTitle('党组织书记'));
    fireEvent.change(screen.getByLabelText('要求学时'), { target: { value: '24' } });
    const setDeadline = (day: string) => {
      const deadline = screen.getByLabelText('完成时限');
      fireEvent.mouseDown(deadline);
      fireEvent.change(deadline, { target: { value: day } });
      fireEvent.keyDown(deadline, { key: 'Enter', code: 'Enter' });
    };
    const ok = () => act(async () => void fireEvent.click(screen.getByRole('button', { name: /OK|确\s*定/ })));
    setDeadline(`${year - 1}-12-31`);
    await ok();
    expect(await screen.findByText(refusal)).toBeTruthy();

    setDeadline(`${year}-10-31`);
    await ok();
    await waitFor(() => expect(attempts).toBe(2));
    const [first, second] = calls.filter((c) => c.method === 'POST');
    expect(second!.url).toBe('/api/v1/rotations');
    const sent = { orgId: ROOT, year, title: `${year}年度党员集中轮训`, targetGroups: ['all_members', 'secretaries'], requiredHours: 24, notes: null };
    expect(first!.body).toEqual({ ...sent, deadline: `${year - 1}-12-31` });
    expect(second!.body).toEqual({ ...sent, deadline: `${year}-10-31` });
    expect(await screen.findByText('已保存')).toBeTruthy();
  });

  it('shows coverage over the subtree, drills down to a sub-organisation and lists its people with why each counts so', async () => {
    const { calls } = mockApi({
      'GET /auth/me': json(200, me),
      'GET /rotations': json(200, rotations),
      [`GET /rotations/${ROTATION}/coverage`]: (call) => json(200, query(call).get('orgId') === FINANCE ? financeCoverage : rootCoverage),
      [`GET /rotations/${ROTATION}/coverage/people`]: (call) => json(200, query(call).get('status') === 'trained' ? trained : notYet),
    });
    renderAt('/rotations', <RotationsPage />);
    fireEvent.click(await screen.findByRole('button', { name: '覆盖情况' }, { timeout: 30_000 }));
    await waitFor(() => expect(screen.getByTestId('coverage-org').textContent).toBe('县直机关工委 的覆盖情况'));
    const totals = screen.getByTestId('coverage-totals').textContent;
    for (const figure of ['应训125', '已培训80', '培训中10', '未培训30', '免训5', '覆盖率67%']) expect(totals).toContain(figure);

    const row = (name: string) => screen.getByRole('cell', { name }).closest('tr')!;
    expect([...row('县财政局党委').querySelectorAll('td')].slice(1, 7).map((td) => td.textContent)).toEqual(['60', '45', '5', '10', '0', '75%']);
    expect([...row('县发改局党支部').querySelectorAll('td')].slice(1, 7).map((td) => td.textContent)).toEqual(['60', '30', '5', '20', '5', '55%']);
    expect([...row('本级（不含下级）').querySelectorAll('td')].slice(1, 7).map((td) => td.textContent)).toEqual(['5', '5', '0', '0', '0', '100%']);
    // The people not yet trained are listed first, with the next step.
    expect(await screen.findByText('下一步：安排进下一批次培训班')).toBeTruthy();

    fireEvent.click(within(row('县财政局党委')).getByRole('button', { name: '查看下级' }));
    await waitFor(() => expect(screen.getByTestId('coverage-org').textContent).toBe('县财政局党委 的覆盖情况'));
    await waitFor(() => expect(calls.some((c) => c.url.includes('/coverage/people?') && query(c).get('orgId') === FINANCE && query(c).get('status') === 'not_yet')).toBe(true));
    fireEvent.click(screen.getByText('已培训', { selector: '.ant-segmented-item-label' }));
    expect(await screen.findByText(`第一期党员集中轮训班 · ${year}-04-10`)).toBeTruthy();
    const trainedCall = calls.findLast((c) => c.url.includes('/coverage/people?'))!;
    expect(Object.fromEntries(query(trainedCall))).toEqual({ orgId: FINANCE, status: 'trained', page: '1', pageSize: '20' });
    expect(screen.getByRole('button', { name: '返回上级' })).toBeTruthy();
  });
});
