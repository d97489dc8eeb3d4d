import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { ActivityDetail, AttendanceEntryView, AttendanceSheet } from '@pioneer/domain';
import { apiError, json, mockApi, renderWithProviders, type RecordedCall } from '../../../test-utils.tsx';
import { ActivityPage } from './ActivityPage.tsx';

const ID = '0190a000-0000-7000-8000-0000000000a1';
const ORG = '0190a000-0000-7000-8000-000000000001';

const person = (personId: string, name: string, patch: Partial<AttendanceEntryView> = {}): AttendanceEntryView => ({
  personId,
  name,
  orgId: ORG,
  orgName: '第一党支部',
  role: 'expected',
  voting: true,
  status: 'pending',
  leaveReason: null,
  leaveRequestedAt: null,
  signedInAt: null,
  markedVia: null,
  updatedAt: '2026-11-20T06:00:00.000Z',
  ...patch,
});

const attendees = [
  person('0190a000-0000-7000-8000-0000000000p1', '张三'),
  person('0190a000-0000-7000-8000-0000000000p2', '李四', { status: 'present', markedVia: 'qr' }),
  person('0190a000-0000-7000-8000-0000000000p3', '王五'),
];

const sheet = (list = attendees): AttendanceSheet => ({
  activityId: ID,
  activityStatus: 'planned',
  signin: { open: false, opensAt: null, expiresAt: null },
  counts: { expected: 3, present: list.filter((a) => a.status === 'present').length, absent: 0, leave: 0, pending: 0 },
  attendees: list,
});

const detail = (patch: Partial<ActivityDetail> = {}): ActivityDetail => ({
  id: ID,
  orgId: ORG,
  orgName: '第一党支部',
  kind: 'member_assembly',
  status: 'planned',
  topic: '第四季度支部党员大会',
  plannedStart: '2026-11-20T06:30:00.000Z',
  plannedEnd: '2026-11-20T08:00:00.000Z',
  actualStart: null,
  actualEnd: null,
  heldOn: null,
  place: '三楼会议室',
  onlineLink: null,
  studyForm: null,
  planId: null,
  centralGroupId: null,
  creditHours: null,
  counts: { expected: 3, present: 1, absent: 0, leave: 0, pending: 2 },
  version: 4,
  speakerPersonId: null,
  speakerName: null,
  materials: null,
  minutes: null,
  cancelReason: null,
  partnerOrgs: [],
  centralGroup: null,
  attendees: [],
  guests: [],
  resolutions: [],
  attachments: [],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  canManage: true,
  ...patch,
});

function renderPage() {
  return renderWithProviders(
    <Routes>
      <Route path="/activities/:id" element={<ActivityPage />} />
    </Routes>,
    { path: `/activities/${ID}` },
  );
}

const row = (name: string) => screen.getByText(name).closest('tr') as HTMLElement;
// getByRole walks the accessibility tree of the whole (large) page, which takes seconds under jsdom.
const button = (text: string | RegExp) => screen.getByText(text).closest('button') as HTMLButtonElement;
const base = { 'GET /attachments/limits': json(200, { maxBytes: 20 * 1024 * 1024, extensions: ['pdf', 'docx'] }) };

// The whole recording page under jsdom is slow on a shared machine: generous limits.
describe('ActivityPage', { timeout: 60_000 }, () => {
  it('saves the record with only the changed marks in one request with one Ctrl+Enter', async () => {
    const held = detail({ status: 'held', version: 5, heldOn: '2026-11-20', actualStart: '2026-11-20T06:30:00.000Z' });
    const { calls } = mockApi({
      ...base,
      [`GET /activities/${ID}`]: json(200, detail()),
      [`GET /activities/${ID}/attendance`]: json(200, sheet()),
      [`POST /activities/${ID}/record`]: json(200, held),
    });
    const { container } = renderPage();
    await screen.findByText('张三');
    await act(async () => {
      fireEvent.click(button('全部出席'));
    });
    await act(async () => {
      fireEvent.click(within(row('王五')).getByText('缺席'));
    });
    expect(await screen.findByText('2 人的出席情况尚未保存', undefined, { timeout: 20_000 })).toBeTruthy();
    await act(async () => {
      fireEvent.keyDown(container.querySelector('.record-page')!, { key: 'Enter', ctrlKey: true });
    });
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true), { timeout: 20_000 });
    const writes = calls.filter((c) => c.method !== 'GET');
    expect(writes.map((c: RecordedCall) => `${c.method} ${c.url}`)).toEqual([`POST /api/v1/activities/${ID}/record`]);
    const record = writes[0]!.body as Record<string, unknown>;
    expect(record).toMatchObject({ version: 4, topic: '第四季度支部党员大会', place: '三楼会议室', minutes: null, speakerPersonId: null, speakerName: null });
    expect(Date.parse(record.actualStart as string)).toBe(Date.parse('2026-11-20T06:30:00.000Z'));
    // The QR sign-in of 李四 is the server's already: only the two changed marks go with the record.
    expect(record.attendance).toEqual([
      { personId: attendees[0]!.personId, status: 'present' },
      { personId: attendees[2]!.personId, status: 'absent' },
    ]);
    expect(await screen.findByText('记录已保存', undefined, { timeout: 20_000 })).toBeTruthy();
  });

  it('shows whom the server found unmarked, adds someone expected only since the save to the grid, and sends their mark next time', async () => {
    const newcomer = '0190a000-0000-7000-8000-0000000000p4';
    let attempts = 0;
    const { calls } = mockApi({
      ...base,
      [`GET /activities/${ID}`]: json(200, detail()),
      [`GET /activities/${ID}/attendance`]: json(200, sheet()),
      [`POST /activities/${ID}/record`]: () =>
        ++attempts === 1
          ? apiError(409, 'ACTIVITY_ATTENDANCE_PENDING', '还有 2 名应到人员未登记出席情况：王五、赵六。', [
              { path: `attendance.${attendees[2]!.personId}`, code: 'ACTIVITY_ATTENDANCE_PENDING', message: '王五' },
              { path: `attendance.${newcomer}`, code: 'ACTIVITY_ATTENDANCE_PENDING', message: '赵六' },
            ])
          : json(200, detail({ status: 'held', version: 5 })),
    });
    renderPage();
    await screen.findByText('张三');
    await act(async () => {
      fireEvent.click(within(row('张三')).getByText('出席'));
    });
    await act(async () => {
      fireEvent.click(button('保存记录和考勤'));
    });
    expect(await screen.findByText('还有 2 名应到人员未登记出席情况：王五、赵六。', undefined, { timeout: 20_000 })).toBeTruthy();
    expect(screen.getByText(/赵六 是保存时才成为应到人员的/)).toBeTruthy();
    // 赵六 is now a row of the grid; 王五 was one already and is not repeated.
    expect(screen.getAllByText('王五')).toHaveLength(1);
    await act(async () => {
      fireEvent.click(within(row('赵六')).getByText('缺席'));
    });
    await act(async () => {
      fireEvent.click(within(row('王五')).getByText('出席'));
    });
    await act(async () => {
      fireEvent.click(button('保存记录和考勤'));
    });
    await waitFor(() => expect(attempts).toBe(2), { timeout: 20_000 });
    const second = calls.filter((c) => c.method === 'POST')[1]!.body as { attendance: unknown[] };
    expect(second.attendance).toEqual([
      { personId: attendees[0]!.personId, status: 'present' },
      { personId: attendees[2]!.personId, status: 'present' },
      { personId: newcomer, status: 'absent' },
    ]);
    expect(screen.queryByText(/记录已保存，但出席情况没有保存/)).toBeNull();
  });

  it("puts the server's field errors under the record's fields", async () => {
    const { calls } = mockApi({
      ...base,
      [`GET /activities/${ID}`]: json(200, detail()),
      [`GET /activities/${ID}/attendance`]: json(200, sheet()),
      [`POST /activities/${ID}/record`]: apiError(400, 'VALIDATION_FAILED', '请检查填写的内容。', [
        { path: 'body.actualStart', code: 'ACTIVITY_START_IN_FUTURE', message: '实际开始时间不能晚于现在。' },
      ]),
    });
    renderPage();
    await screen.findByText('张三');
    await act(async () => {
      fireEvent.click(button('全部出席'));
    });
    await act(async () => {
      fireEvent.click(button('保存记录和考勤'));
    });
    expect(await screen.findByText('实际开始时间不能晚于现在。', undefined, { timeout: 20_000 })).toBeTruthy();
    // One request carried everything; nothing is sent to the marking endpoint separately.
    expect(calls.filter((c) => c.method !== 'GET').map((c) => c.method)).toEqual(['POST']);
  });

  it('shows a cancelled activity read-only with its reason', async () => {
    mockApi({
      ...base,
      [`GET /activities/${ID}`]: json(200, detail({ status: 'cancelled', cancelReason: '与县委会议冲突' })),
      [`GET /activities/${ID}/attendance`]: json(200, { ...sheet(), activityStatus: 'cancelled' }),
    });
    renderPage();
    expect(await screen.findByText('该活动已取消：与县委会议冲突')).toBeTruthy();
    expect(screen.queryByText('保存记录和考勤')).toBeNull();
    expect(button('全部出席').disabled).toBe(true);
  });
});
