import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MyCentralGroup, MyWritings, NoteReviewView } from '@pioneer/domain';
import { json, mockApi, renderWithProviders } from '../../test-utils.tsx';
import { MyCentralGroupPage } from './MyCentralGroupPage.tsx';

const GROUP = '0190a000-0000-7000-8000-0000000000a1';
const REVIEW = '0190a000-0000-7000-8000-0000000000b1';
const FILE = '0190a000-0000-7000-8000-0000000000c1';
const WRITING = '0190a000-0000-7000-8000-0000000000d1';

const groups: MyCentralGroup[] = [{ id: GROUP, orgId: 'o1', orgName: '县财政局党委', name: '县财政局党委理论学习中心组', memberCount: 5, role: 'member' }];

const review = (over: Partial<NoteReviewView>): NoteReviewView => ({
  id: REVIEW,
  groupId: GROUP,
  groupName: '县财政局党委理论学习中心组',
  personId: 'p1',
  personName: '李成员',
  dueOn: '2026-03-31',
  note: '请提交第一季度的学习笔记',
  status: 'requested',
  text: null,
  attachment: null,
  submittedAt: null,
  comments: null,
  returnedAt: null,
  overdue: false,
  ...over,
});

const writings: MyWritings = {
  year: 2026,
  researchReportsMin: 1,
  researchReportsMax: 2,
  yearEnded: false,
  groups: [{ groupId: GROUP, groupName: '县财政局党委理论学习中心组', statements: [], researchReports: [], researchReportsShort: true }],
};

function renderPage(path: string, routes: Parameters<typeof mockApi>[0]) {
  const api = mockApi({ 'GET /me/central-groups': json(200, groups), ...routes });
  renderWithProviders(<MyCentralGroupPage />, { path });
  return api;
}

describe('MyCentralGroupPage', { timeout: 60_000 }, () => {
  it('hands in notes as a file: uploaded to the review first, then submitted naming it; empty notes are not sent', async () => {
    const { calls } = renderPage(`/my-central-group?tab=notes&review=${REVIEW}`, {
      'GET /me/note-reviews': json(200, [review({})]),
      [`POST /me/note-reviews/${REVIEW}/attachment`]: json(201, { id: FILE, fileName: '笔记.pdf', mediaType: 'application/pdf', sizeBytes: 10, createdAt: '2026-03-02T02:00:00.000Z', downloadUrl: `/api/v1/attachments/${FILE}/download` }),
      [`POST /me/note-reviews/${REVIEW}/submit`]: json(200, review({ status: 'submitted', submittedAt: '2026-03-02T02:00:00.000Z' })),
    });
    expect(await screen.findByText('调阅要求：请提交第一季度的学习笔记')).toBeTruthy();
    expect(document.querySelector('.cg-card-highlight')).toBeTruthy();
    const submit = screen.getByRole('button', { name: /提交学习笔记/ });
    await act(async () => {
      fireEvent.click(submit);
    });
    expect(await screen.findByText('请填写笔记内容或选择笔记文件。')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(document.querySelector('input[type=file]')!, { target: { files: [new File(['%PDF-1.4'], '笔记.pdf', { type: 'application/pdf' })] } });
    expect(await screen.findByText('笔记.pdf')).toBeTruthy();
    await act(async () => {
      fireEvent.click(submit);
    });
    expect(await screen.findByText('学习笔记已提交。')).toBeTruthy();
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.url)).toEqual([`/api/v1/me/note-reviews/${REVIEW}/attachment`, `/api/v1/me/note-reviews/${REVIEW}/submit`]);
    expect(((posts[0]!.body as FormData).get('file') as File).name).toBe('笔记.pdf');
    expect(posts[1]!.body).toEqual({ attachmentId: FILE });
  });

  it('shows returned notes with what was handed in and the comments', async () => {
    renderPage('/my-central-group', {
      'GET /me/note-reviews': json(200, [
        review({
          status: 'returned',
          text: '学习体会：……',
          attachment: { id: FILE, fileName: '笔记.pdf', mediaType: 'application/pdf', sizeBytes: 10, createdAt: '2026-03-02T02:00:00.000Z', downloadUrl: `/api/v1/attachments/${FILE}/download` },
          submittedAt: '2026-03-02T02:00:00.000Z',
          comments: '联系实际还不够，请结合本职工作。',
          returnedAt: '2026-03-05T02:00:00.000Z',
        }),
      ]),
    });
    expect(await screen.findByText('联系实际还不够，请结合本职工作。')).toBeTruthy();
    expect(screen.getByText('学习体会：……')).toBeTruthy();
    expect(screen.getByRole('button', { name: /笔记\.pdf/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /提交学习笔记/ })).toBeNull();
  });

  it('records my research report and uploads its file to it; no report yet is not a shortfall while the year runs', async () => {
    const saved = { id: WRITING, personId: 'p1', year: 2026, kind: 'research_report', title: '关于基层减负的调研报告', submittedOn: '2026-02-20', activityId: null, attachment: null };
    const { calls } = renderPage('/my-central-group?tab=writings', {
      'GET /me/writings': json(200, writings),
      'POST /me/writings': json(201, saved),
      [`POST /me/writings/${WRITING}/attachment`]: json(200, { ...saved, attachment: { id: FILE, fileName: '报告.pdf', mediaType: 'application/pdf', sizeBytes: 10, createdAt: '2026-02-20T02:00:00.000Z', downloadUrl: `/api/v1/attachments/${FILE}/download` } }),
    });
    expect(await screen.findByText(/年内应至少 1 篇/)).toBeTruthy();
    expect(screen.queryByText(/未达要求/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /提\s*交/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('题目'), { target: { value: '关于基层减负的调研报告' } });
    fireEvent.change(dialog.querySelector('input[type=file]')!, { target: { files: [new File(['%PDF-1.4'], '报告.pdf', { type: 'application/pdf' })] } });
    expect(await within(dialog).findByText('报告.pdf')).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    });
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2));
    const [create, upload] = calls.filter((c) => c.method === 'POST');
    expect(create!.url).toBe('/api/v1/me/writings');
    expect(create!.body).toMatchObject({ groupId: GROUP, kind: 'research_report', title: '关于基层减负的调研报告' });
    expect(upload!.url).toBe(`/api/v1/me/writings/${WRITING}/attachment`);
    expect(((upload!.body as FormData).get('file') as File).name).toBe('报告.pdf');
  });

  it('tells someone outside any central group so', async () => {
    mockApi({ 'GET /me/central-groups': json(200, []), 'GET /me/note-reviews': json(200, []) });
    renderWithProviders(<MyCentralGroupPage />, { path: '/my-central-group' });
    expect(await screen.findByText('您目前不是理论学习中心组成员。')).toBeTruthy();
    expect(screen.getByText('没有调阅您的学习笔记。')).toBeTruthy();
  });
});
