import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CentralGroupDetail, WritingsSummary, WritingView } from '@pioneer/domain';
import { json, mockApi, renderWithProviders } from '../../../test-utils.tsx';
import { researchStanding } from '../writings.ts';
import { WritingsCard } from './WritingsCard.tsx';

const GROUP = '0190a000-0000-7000-8000-0000000000a1';
const ORG = '0190a000-0000-7000-8000-0000000000a2';
const WANG = '0190a000-0000-7000-8000-0000000000b1';
const LI = '0190a000-0000-7000-8000-0000000000b2';
const FILE = '0190a000-0000-7000-8000-0000000000c1';

const group: CentralGroupDetail = {
  id: GROUP,
  orgId: ORG,
  orgName: '县财政局党委',
  name: '县财政局党委理论学习中心组',
  memberCount: 2,
  members: [
    { personId: WANG, name: '王组长', role: 'leader', branchId: 'b1', branchName: '第一党支部', leadingCadre: true },
    { personId: LI, name: '李成员', role: 'member', branchId: 'b2', branchName: '第二党支部', leadingCadre: true },
  ],
};

const writing = (over: Partial<WritingView>): WritingView => ({
  id: '0190a000-0000-7000-8000-0000000000d1',
  personId: WANG,
  year: 2026,
  kind: 'research_report',
  title: '关于基层减负的调研报告',
  submittedOn: '2026-02-20',
  activityId: null,
  attachment: null,
  ...over,
});

const summary = (yearEnded: boolean): WritingsSummary => ({
  groupId: GROUP,
  year: 2026,
  researchReportsMin: 1,
  researchReportsMax: 2,
  yearEnded,
  members: [
    {
      personId: WANG,
      name: '王组长',
      role: 'leader',
      statementCount: 1,
      researchReportCount: 1,
      statements: [writing({ id: '0190a000-0000-7000-8000-0000000000d2', kind: 'statement', title: '研讨发言' })],
      researchReports: [writing({ attachment: { id: FILE, fileName: '调研报告定稿.pdf', mediaType: 'application/pdf', sizeBytes: 2048, createdAt: '2026-02-20T02:00:00.000Z', downloadUrl: `/api/v1/attachments/${FILE}/download` } })],
      researchReportsShort: false,
    },
    { personId: LI, name: '李成员', role: 'member', statementCount: 0, researchReportCount: 0, statements: [], researchReports: [], researchReportsShort: true },
  ],
});

function renderCard(data: WritingsSummary, extra: Parameters<typeof mockApi>[0] = {}) {
  const api = mockApi({ [`GET /central-groups/${GROUP}/writings`]: json(200, data), 'GET /activities': json(200, { items: [], total: 0, page: 1, pageSize: 200 }), ...extra });
  const view = renderWithProviders(<WritingsCard group={group} year={2026} manage />);
  return { ...api, ...view };
}

describe('researchStanding', () => {
  it('is short of the practice only once the year is over; before, not there yet', () => {
    expect(researchStanding({ researchReportsShort: true }, { yearEnded: false })).toBe('notYet');
    expect(researchStanding({ researchReportsShort: true }, { yearEnded: true })).toBe('short');
    expect(researchStanding({ researchReportsShort: false }, { yearEnded: true })).toBe('met');
    expect(researchStanding({ researchReportsShort: false }, { yearEnded: false })).toBe('met');
  });
});

describe('WritingsCard', { timeout: 60_000 }, () => {
  it('while the year runs, lists who has no research report yet without calling it a shortfall', async () => {
    const { container } = renderCard(summary(false));
    expect(await screen.findByText('本年度尚有 1 名成员未提交调研报告')).toBeTruthy();
    expect(screen.getByText('调研报告 0 篇，年内应至少 1 篇')).toBeTruthy();
    expect(screen.queryByText(/未达要求/)).toBeNull();
    expect(container.querySelector('.row-short')).toBeNull();
    // Counts, titles and the file of each writing.
    expect(screen.getByText('调研报告 1 篇')).toBeTruthy();
    expect(screen.getByText('研讨发言')).toBeTruthy();
    expect(screen.getByRole('button', { name: /调研报告定稿\.pdf/ })).toBeTruthy();
  });

  it('once the year is over, shows the members short of the practice as a shortfall', async () => {
    const { container } = renderCard(summary(true));
    expect(await screen.findByText('2026年调研报告未达要求的成员（1 人）')).toBeTruthy();
    expect(screen.getByText('未达要求：调研报告 0 篇，少于 1 篇')).toBeTruthy();
    const shaded = container.querySelectorAll('.row-short');
    expect(shaded).toHaveLength(1);
    expect(shaded[0]!.textContent).toContain('李成员');
  });

  it("records a member's writing with its file: the file is uploaded for the group's organisation and linked by id", async () => {
    const { calls, container } = renderCard(summary(false), {
      'POST /attachments': json(201, { id: FILE, fileName: '报告.pdf' }),
      [`POST /central-groups/${GROUP}/writings`]: json(201, writing({ personId: LI })),
    });
    fireEvent.click(await screen.findByRole('button', { name: /登记/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.mouseDown(within(dialog).getAllByRole('combobox')[0]!);
    fireEvent.click(await screen.findByTitle('李成员'));
    fireEvent.change(within(dialog).getByLabelText('题目'), { target: { value: '  关于机关党建的调研 ' } });
    fireEvent.change(container.ownerDocument.querySelector('.ant-modal input[type=file]')!, { target: { files: [new File(['%PDF-1.4'], '报告.pdf', { type: 'application/pdf' })] } });
    expect(await within(dialog).findByText('报告.pdf')).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    });
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/writings') && c.method === 'POST')).toBe(true));
    const upload = calls.find((c) => c.url === '/api/v1/attachments')!;
    expect((upload.body as FormData).get('orgId')).toBe(ORG);
    expect(((upload.body as FormData).get('file') as File).name).toBe('报告.pdf');
    const saved = calls.find((c) => c.url === `/api/v1/central-groups/${GROUP}/writings` && c.method === 'POST')!;
    expect(saved.body).toMatchObject({ personId: LI, year: 2026, kind: 'research_report', title: '关于机关党建的调研', attachmentId: FILE });
  });
});
