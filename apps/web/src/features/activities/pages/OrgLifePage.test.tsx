import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { ActivityCalendar, ActivitySummary } from '@pioneer/domain';
import { json, mockApi, renderWithProviders } from '../../../test-utils.tsx';
import { OrgLifePage } from './OrgLifePage.tsx';

const ORG = '0190a000-0000-7000-8000-000000000001';
const summary = (i: number): ActivitySummary => ({
  id: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
  orgId: ORG,
  orgName: '第一党支部',
  kind: 'theme_party_day',
  status: 'planned',
  topic: `主题党日 ${i}`,
  plannedStart: '2026-09-10T01:00:00.000Z',
  plannedEnd: null,
  actualStart: null,
  actualEnd: null,
  heldOn: null,
  place: null,
  onlineLink: null,
  studyForm: null,
  planId: null,
  centralGroupId: null,
  creditHours: null,
  counts: { expected: 0, present: 0, absent: 0, leave: 0, pending: 0 },
  version: 1,
});

const calendar: ActivityCalendar = {
  month: '2026-09',
  total: 252,
  days: [
    { day: '2026-09-01', total: 1, byKind: { member_assembly: 1 }, byStatus: { held: 1 } },
    { day: '2026-09-10', total: 251, byKind: { theme_party_day: 250, party_lesson: 1 }, byStatus: { planned: 250, cancelled: 1 } },
  ],
};

describe('OrgLifePage calendar', { timeout: 60_000 }, () => {
  it('shows each day’s counts from the calendar endpoint and loads a day’s list only when the day is chosen', async () => {
    const { calls } = mockApi({
      'GET /activities/calendar': json(200, calendar),
      'GET /activities': json(200, { items: [summary(1), summary(2)], total: 251, page: 1, pageSize: 20 }),
    });
    renderWithProviders(
      <Routes>
        <Route path="/activities" element={<OrgLifePage />} />
      </Routes>,
      { path: `/activities?orgId=${ORG}&month=2026-09` },
    );
    expect(await screen.findByText('计划中 250 项')).toBeTruthy();
    expect(screen.getByText('已召开 1 项')).toBeTruthy();
    expect(screen.getByText('本月共 252 项，点击日期查看当天的活动')).toBeTruthy();
    expect(screen.getByTestId('cal-2026-09-10').getAttribute('title')).toBe('主题党日 250、党课 1');
    const asked = calls.find((c) => c.url.startsWith('/api/v1/activities/calendar'))!;
    expect(Object.fromEntries(new URL(asked.url, 'http://x').searchParams)).toEqual({ orgId: ORG, month: '2026-09' });
    // No list of activities until a day is chosen.
    expect(calls.some((c) => /\/api\/v1\/activities\?/.test(c.url))).toBe(false);

    await act(async () => {
      fireEvent.click(screen.getByTestId('cal-2026-09-10'));
    });
    expect(await screen.findByText('2026-09-10 的活动')).toBeTruthy();
    expect(await screen.findByText('主题党日 1')).toBeTruthy();
    await waitFor(() => expect(calls.some((c) => /\/api\/v1\/activities\?/.test(c.url))).toBe(true));
    const day = calls.find((c) => /\/api\/v1\/activities\?/.test(c.url))!;
    expect(Object.fromEntries(new URL(day.url, 'http://x').searchParams)).toMatchObject({ orgId: ORG, from: '2026-09-10', to: '2026-09-10', page: '1' });
  });
});
