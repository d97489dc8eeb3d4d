/**
 * The attendance grid of the recording page: one row per attendee the server derived (then guests
 * and auditors who are people), one click per person for 出席 / 缺席 / 请假 (with the reason), a
 * "全部出席" button, and the counts as they stand on screen. Keyboard: on a row, 1 / 2 / 3 set
 * present / absent / leave and ↑ ↓ move between rows. The grid only holds the secretary's marks;
 * the page sends the changed ones, and the server decides what they mean.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { Button, Input, Radio, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { QrcodeOutlined, UserOutlined } from '@ant-design/icons';
import type { AttendanceCounts, AttendanceEntryView, AttendanceMarkInput, AttendanceMarkStatus, AttendanceStatus } from '@pioneer/domain';
import { useI18n } from '../../../i18n/index.tsx';

export type Mark = { status: AttendanceStatus; leaveReason: string };
export type Marks = Record<string, Mark>;

export function initialMarks(attendees: readonly AttendanceEntryView[]): Marks {
  return Object.fromEntries(attendees.map((a) => [a.personId, { status: a.status, leaveReason: a.leaveReason ?? '' }]));
}

/** The marks that differ from what the server has; 'pending' is never sent (nobody "unmarks"). */
export function changedEntries(attendees: readonly AttendanceEntryView[], marks: Marks): AttendanceMarkInput['entries'] {
  const entries: AttendanceMarkInput['entries'] = [];
  for (const a of attendees) {
    const m = marks[a.personId];
    if (!m || m.status === 'pending') continue;
    const reason = m.leaveReason.trim();
    if (m.status === a.status && (m.status !== 'leave' || reason === (a.leaveReason ?? ''))) continue;
    entries.push({ personId: a.personId, status: m.status, ...(m.status === 'leave' && reason ? { leaveReason: reason } : {}) });
  }
  return entries;
}

/** Counts over the expected attendees as marked on screen (guests and auditors are not counted). */
export function countMarks(attendees: readonly AttendanceEntryView[], marks: Marks): AttendanceCounts {
  const counts: AttendanceCounts = { expected: 0, present: 0, absent: 0, leave: 0, pending: 0 };
  for (const a of attendees) {
    if (a.role !== 'expected') continue;
    counts.expected += 1;
    counts[marks[a.personId]?.status ?? a.status] += 1;
  }
  return counts;
}

const KEY_STATUS: Record<string, AttendanceMarkStatus> = { '1': 'present', '2': 'absent', '3': 'leave' };

type Props = {
  attendees: readonly AttendanceEntryView[];
  /** The activity's organisation: its name is not repeated on every row, only other ones are. */
  orgId?: string;
  marks: Marks;
  onChange: (marks: Marks) => void;
  disabled?: boolean;
};

export function AttendanceGrid({ attendees, orgId, marks, onChange, disabled }: Props) {
  const { t } = useI18n();
  const body = useRef<HTMLDivElement>(null);
  // After "3" on a row the reason field of that row takes the cursor as soon as it appears.
  const [reasonFocus, setReasonFocus] = useState<string | null>(null);
  const counts = countMarks(attendees, marks);

  const set = (personId: string, patch: Partial<Mark>) => {
    const current = marks[personId] ?? { status: 'pending', leaveReason: '' };
    onChange({ ...marks, [personId]: { ...current, ...patch } });
  };

  const allPresent = () => {
    // Those on leave keep it (usually their own request); everyone else is marked present.
    const next: Marks = { ...marks };
    for (const a of attendees) {
      const m = next[a.personId] ?? { status: a.status, leaveReason: a.leaveReason ?? '' };
      if (m.status !== 'leave') next[a.personId] = { ...m, status: 'present' };
    }
    onChange(next);
  };

  const focusRow = (index: number) => {
    const rows = body.current?.querySelectorAll<HTMLElement>('tr[data-person]');
    rows?.[Math.max(0, Math.min(index, rows.length - 1))]?.focus();
  };

  const onRowKey = (event: KeyboardEvent<HTMLElement>, index: number, personId: string) => {
    const target = event.target as HTMLElement;
    if (target.tagName === 'INPUT' && (target as HTMLInputElement).type === 'text') return;
    if (target.tagName === 'TEXTAREA' || disabled) return;
    const status = KEY_STATUS[event.key];
    if (status) {
      event.preventDefault();
      set(personId, { status });
      setReasonFocus(status === 'leave' ? personId : null);
      if (status === 'leave') event.currentTarget.querySelector<HTMLInputElement>('input[type=text]')?.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      focusRow(index + (event.key === 'ArrowDown' ? 1 : -1));
    }
  };

  const columns: TableColumnsType<AttendanceEntryView> = [
    { key: 'n', title: '#', width: 44, render: (_, __, i) => <span className="muted">{i + 1}</span> },
    {
      key: 'name',
      title: t('attendance.person'),
      render: (_, a) => (
        <Space size={4} wrap>
          <span className="attendance-grid__name">{a.name}</span>
          {a.role !== 'expected' ? <Tag color="purple">{t(a.role === 'guest' ? 'guests.guest' : 'guests.auditor')}</Tag> : null}
          {a.role === 'expected' && !a.voting ? <Tag>{t('attendance.nonVoting')}</Tag> : null}
          {a.markedVia === 'qr' ? (
            <Tooltip title={a.signedInAt ? `${t('attendance.viaQr')} ${new Date(a.signedInAt).toLocaleTimeString()}` : t('attendance.viaQr')}>
              <QrcodeOutlined aria-label={t('attendance.viaQr')} />
            </Tooltip>
          ) : null}
          {a.markedVia === 'leave_request' ? (
            <Tooltip title={t('attendance.viaLeave')}>
              <UserOutlined aria-label={t('attendance.viaLeave')} />
            </Tooltip>
          ) : null}
          {a.orgId !== orgId ? <span className="muted">{a.orgName}</span> : null}
        </Space>
      ),
    },
    {
      key: 'status',
      title: t('attendance.title'),
      width: 230,
      render: (_, a) => {
        const m = marks[a.personId] ?? { status: a.status, leaveReason: '' };
        return (
          <Radio.Group
            size="small"
            optionType="button"
            buttonStyle="solid"
            disabled={disabled}
            value={m.status === 'pending' ? undefined : m.status}
            onChange={(e) => set(a.personId, { status: e.target.value as AttendanceMarkStatus })}
            aria-label={`${a.name} ${t('attendance.title')}`}
            options={[
              { value: 'present', label: t('attendance.present') },
              { value: 'absent', label: t('attendance.absent') },
              { value: 'leave', label: t('attendance.leave') },
            ]}
          />
        );
      },
    },
    {
      key: 'reason',
      title: t('attendance.reason'),
      render: (_, a) => {
        const m = marks[a.personId];
        if (m?.status !== 'leave') return null;
        const missing = !m.leaveReason.trim();
        return (
          <Input
            size="small"
            maxLength={500}
            disabled={disabled}
            value={m.leaveReason}
            status={missing ? 'warning' : undefined}
            autoFocus={reasonFocus === a.personId}
            placeholder={t('attendance.reasonRequired')}
            aria-label={`${a.name} ${t('attendance.reason')}`}
            onChange={(e) => set(a.personId, { leaveReason: e.target.value })}
          />
        );
      },
    },
  ];

  return (
    <div className="attendance-grid" ref={body}>
      <div className="attendance-grid__bar">
        <Button size="small" type="primary" ghost disabled={disabled || attendees.length === 0} onClick={allPresent}>
          {t('attendance.allPresent')}
        </Button>
        <Typography.Text className="attendance-grid__counts" aria-live="polite" data-testid="attendance-counts">
          {t('attendance.counts', { ...counts })}
        </Typography.Text>
      </div>
      <Table<AttendanceEntryView>
        rowKey="personId"
        size="small"
        columns={columns}
        dataSource={[...attendees]}
        pagination={false}
        locale={{ emptyText: t('attendance.empty') }}
        rowClassName={(a) => `attendance-grid__row attendance-grid__row--${marks[a.personId]?.status ?? a.status}`}
        onRow={(a, index) =>
          ({ tabIndex: 0, 'data-person': a.personId, onKeyDown: (e) => onRowKey(e, index ?? 0, a.personId) }) as React.HTMLAttributes<HTMLElement>
        }
        scroll={{ x: 640 }}
      />
      <Typography.Text type="secondary" className="attendance-grid__hint">
        {t('attendance.keyboardHint')}
      </Typography.Text>
    </div>
  );
}
