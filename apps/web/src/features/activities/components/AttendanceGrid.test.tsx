import { useState } from 'react';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AttendanceEntryView } from '@pioneer/domain';
import { renderWithProviders } from '../../../test-utils.tsx';
import { AttendanceGrid, changedEntries, initialMarks, type Marks } from './AttendanceGrid.tsx';

const entry = (personId: string, name: string, patch: Partial<AttendanceEntryView> = {}): AttendanceEntryView => ({
  personId,
  name,
  orgId: 'o1',
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
  entry('p1', '张三'),
  entry('p2', '李四', { status: 'present', markedVia: 'qr', signedInAt: '2026-11-20T06:31:00.000Z' }),
  entry('p3', '王五', { status: 'leave', leaveReason: '外出公务', markedVia: 'leave_request', leaveRequestedAt: '2026-11-19T01:00:00.000Z' }),
  entry('p4', '赵六', { voting: false }),
  entry('g1', '孙七', { role: 'guest', orgName: '机关工委' }),
];

/** The grid as the recording page holds it, with the marks exposed for the assertions. */
function Harness({ onMarks }: { onMarks: (m: Marks) => void }) {
  const [marks, setMarks] = useState(() => initialMarks(attendees));
  onMarks(marks);
  return <AttendanceGrid attendees={attendees} marks={marks} onChange={setMarks} />;
}

function renderGrid() {
  let latest: Marks = {};
  const utils = renderWithProviders(<Harness onMarks={(m) => (latest = m)} />);
  return { ...utils, marks: () => latest };
}

const counts = () => screen.getByTestId('attendance-counts').textContent;
const row = (name: string) => screen.getByText(name).closest('tr') as HTMLElement;

describe('AttendanceGrid', { timeout: 60_000 }, () => {
  it('counts the expected attendees only, as marked by the server at first', () => {
    renderGrid();
    // Four expected (the guest is listed but not counted): one signed in by QR, one on leave.
    expect(counts()).toBe('应到 4 人，出席 1，缺席 0，请假 1，未标记 2');
    expect(screen.getByText('预备党员')).toBeTruthy();
    expect(screen.getByText('列席')).toBeTruthy();
    expect((within(row('王五')).getByRole('textbox') as HTMLInputElement).value).toBe('外出公务');
  });

  it('marks everyone present with one click, keeps those on leave, and updates the counts at once', async () => {
    const { marks } = renderGrid();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '全部出席' }));
    });
    expect(counts()).toBe('应到 4 人，出席 3，缺席 0，请假 1，未标记 0');
    expect(marks().p3).toEqual({ status: 'leave', leaveReason: '外出公务' });
    expect(marks().g1!.status).toBe('present');
    // Only what changed is sent: the QR sign-in and the leave request are already on the server.
    expect(changedEntries(attendees, marks())).toEqual([
      { personId: 'p1', status: 'present' },
      { personId: 'p4', status: 'present' },
      { personId: 'g1', status: 'present' },
    ]);
  });

  it('takes one click per person and asks for the reason of a leave', async () => {
    const { marks } = renderGrid();
    await act(async () => {
      fireEvent.click(within(row('张三')).getByText('缺席'));
    });
    expect(counts()).toBe('应到 4 人，出席 1，缺席 1，请假 1，未标记 1');
    await act(async () => {
      fireEvent.click(within(row('赵六')).getByText('请假'));
    });
    expect(counts()).toBe('应到 4 人，出席 1，缺席 1，请假 2，未标记 0');
    const reason = within(row('赵六')).getByRole('textbox');
    fireEvent.change(reason, { target: { value: '病假' } });
    expect(changedEntries(attendees, marks())).toEqual([
      { personId: 'p1', status: 'absent' },
      { personId: 'p4', status: 'leave', leaveReason: '病假' },
    ]);
  });

  it('is driven from the keyboard: 1 / 2 / 3 on a row, arrows between rows', async () => {
    renderGrid();
    const first = row('张三');
    first.focus();
    await act(async () => {
      fireEvent.keyDown(first, { key: '1' });
    });
    expect(counts()).toBe('应到 4 人，出席 2，缺席 0，请假 1，未标记 1');
    await act(async () => {
      fireEvent.keyDown(first, { key: 'ArrowDown' });
    });
    expect(document.activeElement).toBe(row('李四'));
    await act(async () => {
      fireEvent.keyDown(row('李四'), { key: '2' });
    });
    expect(counts()).toBe('应到 4 人，出席 1，缺席 1，请假 1，未标记 1');
    await act(async () => {
      fireEvent.keyDown(row('赵六'), { key: '3' });
    });
    expect(counts()).toBe('应到 4 人，出席 1，缺席 1，请假 2，未标记 0');
    expect(within(row('赵六')).getByRole('textbox')).toBeTruthy();
    // Typing a 1 into a reason is text, not a mark.
    const reason = within(row('赵六')).getByRole('textbox');
    await act(async () => {
      fireEvent.keyDown(reason, { key: '1' });
    });
    expect(counts()).toBe('应到 4 人，出席 1，缺席 1，请假 2，未标记 0');
  });

  it('sends nothing when nothing changed, and never sends "not marked"', () => {
    expect(changedEntries(attendees, initialMarks(attendees))).toEqual([]);
  });
});
