/**
 * 培训班管理: the year's classes with their enrolment and status, the figures the source documents
 * report (班次, 人次), creating a class (the body POST /classes expects, then the class's page) and
 * the server's refusal shown in the form.
 */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { ClassList, ClassStatistics, ClassSummaryView, ClassView, RotationList } from '@pioneer/domain';
import { RequireAuth } from '../../app/guards.tsx';
import { apiError, json, meView, mockApi, orgView, renderWithProviders } from '../../test-utils.tsx';
import { ClassesPage } from './ClassesPage.tsx';

const ROOT = '0190a000-0000-7000-8000-000000000001';
const BRANCH = '0190a000-0000-7000-8000-000000000002';
const CLASS = '0190a000-0000-7000-8000-0000000000c1';
const DONE = '0190a000-0000-7000-8000-0000000000c2';
const NEW_CLASS = '0190a000-0000-7000-8000-0000000000c3';
const ROTATION = '0190a000-0000-7000-8000-0000000000a1';
const CLOSED_ROTATION = '0190a000-0000-7000-8000-0000000000a2';
const year = new Date().getFullYear();

const me = meView([{ role: 'committee_officer', orgId: ROOT, orgName: '县直机关工委' }]);
const rootOrg = orgView({ id: ROOT, name: '县直机关工委', kind: 'working_committee', childCount: 3 });
const summary: ClassSummaryView = {
  id: CLASS,
  orgId: ROOT,
  orgName: '县直机关工委',
  year,
  title: '2026年第一期书记培训班',
  type: 'secretaries',
  targetGroup: 'secretaries',
  level: 'county',
  capacity: 50,
  selfEnrolment: true,
  rotationId: ROTATION,
  rotationTitle: '全县党员集中轮训',
  venue: '县委党校',
  notes: null,
  status: 'open',
  enrolled: 12,
  requested: 3,
  sessionCount: 4,
  totalHours: 14,
  firstDay: `${year}-04-08`,
  lastDay: `${year}-04-10`,
  completedAt: null,
  version: 1,
  canManage: true,
};
const list: ClassList = {
  items: [
    summary,
    { ...summary, id: DONE, orgId: BRANCH, orgName: '县财政局党支部', title: '财政局党员专题培训', type: 'thematic', targetGroup: 'all_members', level: 'unit', rotationId: null, rotationTitle: null, status: 'completed', enrolled: 20, requested: 0, capacity: 20, totalHours: 6, firstDay: `${year}-03-02`, lastDay: `${year}-03-02`, canManage: false },
  ],
};
const statistics: ClassStatistics = {
  orgId: ROOT,
  year,
  byType: [
    { type: 'secretaries', classes: 2, personTimes: 87, completedPersons: 81 },
    { type: 'thematic', classes: 5, personTimes: 236, completedPersons: 229 },
  ],
  total: { classes: 7, personTimes: 323, completedPersons: 310 },
};
const rotations: RotationList = {
  items: [
    { id: ROTATION, orgId: ROOT, orgName: '县直机关工委', year, title: '全县党员集中轮训', targetGroups: ['all_members'], deadline: `${year}-10-31`, requiredHours: 24, notes: null, status: 'open', version: 1, canEdit: true, batchCount: 1 },
    { id: CLOSED_ROTATION, orgId: ROOT, orgName: '县直机关工委', year, title: '已结束的春季轮训', targetGroups: ['secretaries'], deadline: `${year}-03-31`, requiredHours: null, notes: null, status: 'closed', version: 2, canEdit: true, batchCount: 2 },
  ],
};
const created: ClassView = { ...summary, id: NEW_CLASS, title: '年轻党员理论培训班', type: 'thematic', targetGroup: 'all_members', capacity: 40, enrolled: 0, requested: 0, sessionCount: 0, totalHours: 0, firstDay: null, lastDay: null, sessions: [] };

function renderPage() {
  return renderWithProviders(
    <Routes>
      <Route path="/classes" element={<RequireAuth><ClassesPage /></RequireAuth>} />
      <Route path="/classes/:id" element={<div>班级详情页</div>} />
    </Routes>,
    { path: '/classes' },
  );
}

const baseRoutes = {
  'GET /auth/me': json(200, me),
  'GET /classes': json(200, list),
  'GET /classes/statistics': json(200, statistics),
  'GET /rotations': json(200, rotations),
  [`GET /orgs/${ROOT}`]: json(200, rootOrg),
};

/** Opens the form and fills what a committee officer types: title, places and the rotation it is a batch of. */
async function fillCreateForm() {
  fireEvent.click(screen.getByRole('button', { name: '新建培训班' }));
  fireEvent.change(await screen.findByLabelText('培训班名称'), { target: { value: '年轻党员理论培训班' } });
  fireEvent.change(screen.getByLabelText('名额'), { target: { value: '40' } });
  await act(async () => {
    fireEvent.mouseDown(screen.getByLabelText('所属轮训（批次）'));
  });
  // Only open rotations take new batches.
  expect(await screen.findByTitle('全县党员集中轮训')).toBeTruthy();
  expect(screen.queryByTitle('已结束的春季轮训')).toBeNull();
  fireEvent.click(screen.getByTitle('全县党员集中轮训'));
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: /OK|确\s*定/ }));
  });
}

// A minute per test: the page's tables and the form's selects take tens of seconds in jsdom on a loaded machine.
describe('ClassesPage', { timeout: 60_000 }, () => {
  it("lists the year's classes with enrolment, applications and status, and the year's 班次 and 人次 by type", async () => {
    const { calls } = mockApi(baseRoutes);
    renderPage();
    expect(await screen.findByRole('link', { name: '2026年第一期书记培训班' }, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByRole('link', { name: '2026年第一期书记培训班' }).getAttribute('href')).toBe(`/classes/${CLASS}`);
    // 12 enrolled of 50 places, 3 applications waiting.
    expect(screen.getByText('12 / 50 (+3)')).toBeTruthy();
    expect(screen.getByText('20 / 20')).toBeTruthy();
    expect(screen.getByText('全县党员集中轮训')).toBeTruthy();
    expect(screen.getByText(`${year}-04-08 – ${year}-04-10`)).toBeTruthy();
    expect(screen.getByText('进行中')).toBeTruthy();
    expect(screen.getByText('已结业')).toBeTruthy();
    expect(calls.find((c) => c.url.startsWith('/api/v1/classes?'))?.url).toBe(`/api/v1/classes?year=${year}`);

    const statsRow = (label: string) => screen.getAllByRole('row').find((r) => r.textContent?.startsWith(label))!;
    await waitFor(() => expect(statsRow('合计')).toBeTruthy());
    expect([...statsRow('合计').querySelectorAll('td')].map((td) => td.textContent)).toEqual(['合计', '7', '323', '310']);
    expect([...statsRow('专题培训班').querySelectorAll('td')].map((td) => td.textContent)).toEqual(['专题培训班', '5', '236', '229']);
    expect([...statsRow('书记培训班').querySelectorAll('td')].map((td) => td.textContent)).toEqual(['书记培训班', '2', '87', '81']);
  });

  it("creates a class of the officer's organisation as a batch of an open rotation and opens its page", async () => {
    const { calls } = mockApi({ ...baseRoutes, 'POST /classes': json(201, created) });
    renderPage();
    await screen.findByRole('link', { name: '2026年第一期书记培训班' }, { timeout: 15_000 });
    await fillCreateForm();
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')).toBeTruthy());
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url).toBe('/api/v1/classes');
    expect(post.body).toEqual({ orgId: ROOT, year, title: '年轻党员理论培训班', type: 'thematic', targetGroup: 'all_members', capacity: 40, selfEnrolment: false, rotationId: ROTATION });
    expect(await screen.findByText('班级详情页')).toBeTruthy();
  });

  it("shows the server's reason when it refuses the rotation, and keeps the form open", async () => {
    const refusal = '所选轮训计划不是该年度的、已结束，或不覆盖主办组织；请选择覆盖本单位的本年度轮训计划。';
    mockApi({ ...baseRoutes, 'POST /classes': apiError(400, 'CLASS_ROTATION_MISMATCH', refusal) });
    renderPage();
    await screen.findByRole('link', { name: '2026年第一期书记培训班' }, { timeout: 15_000 });
    await fillCreateForm();
    expect(await screen.findByText(refusal)).toBeTruthy();
    expect(screen.getByLabelText('培训班名称')).toBeTruthy();
    expect(screen.queryByText('班级详情页')).toBeNull();
  });
});
