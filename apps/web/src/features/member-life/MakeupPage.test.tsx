import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { MakeupDetail } from '@pioneer/domain';
import { apiError, json, mockApi, renderWithProviders } from '../../test-utils.tsx';
import { MakeupPage } from './MakeupPage.tsx';

const ID = '0190a000-0000-7000-8000-0000000000m1';

const detail = (patch: Partial<MakeupDetail> = {}): MakeupDetail => ({
  id: ID,
  activityId: '0190a000-0000-7000-8000-0000000000a1',
  activityKind: 'party_lesson',
  activityTopic: '党章学习专题党课',
  heldOn: '2026-11-10',
  orgId: 'o1',
  orgName: '第一党支部',
  personId: 'p1',
  personName: '王五',
  assignedAt: '2026-11-10T10:00:00.000Z',
  dueOn: '2026-12-10',
  status: 'open',
  overdue: false,
  readAt: null,
  completedAt: null,
  note: null,
  attendedAfterAll: false,
  studyForm: 'tutorial',
  speakerName: '张书记',
  place: '党员活动室',
  materials: '《中国共产党章程》总纲部分。',
  minutesExcerpt: '会议由张书记主持，围绕党章总纲进行了专题辅导。',
  minutesTruncated: true,
  attachments: [{ id: 'f1', fileName: '党章辅导提纲.pdf', mediaType: 'application/pdf', sizeBytes: 204800, downloadUrl: '/api/v1/me/makeup/x/attachments/f1' }],
  ...patch,
});

const NOTE = '通过学习党章总纲，我进一步认识到党员义务的重要性，今后要在工作中严格对照党章要求自己。';

function renderPage() {
  return renderWithProviders(
    <Routes>
      <Route path="/my-life/makeup/:id" element={<MakeupPage />} />
    </Routes>,
    { path: `/my-life/makeup/${ID}` },
  );
}

describe('MakeupPage', { timeout: 60_000 }, () => {
  it('leads from the materials to "read", then to the note, and shows it done', async () => {
    const readAt = '2026-11-12T02:00:00.000Z';
    // The server's copy of the assignment, as each step leaves it.
    let current = detail();
    const { calls } = mockApi({
      [`GET /me/makeup/${ID}`]: () => json(200, current),
      [`POST /me/makeup/${ID}/read`]: () => json(200, (current = { ...current, readAt })),
      [`POST /me/makeup/${ID}/complete`]: (call) =>
        json(200, (current = { ...current, status: 'done', completedAt: '2026-11-12T02:10:00.000Z', note: (call.body as { note: string }).note })),
      'GET /me/makeup': json(200, []),
      'GET /me/obligations': json(200, { upcoming: [], makeup: [], counts: { upcoming: 0, signinOpen: 0, makeupOpen: 0, makeupOverdue: 0 } }),
    });
    renderPage();
    // The meeting's record to study: materials, the start of the minutes, attachments.
    expect(await screen.findByText('《中国共产党章程》总纲部分。')).toBeTruthy();
    expect(screen.getByText(/围绕党章总纲进行了专题辅导。…/)).toBeTruthy();
    expect(screen.getByText('党章辅导提纲.pdf')).toBeTruthy();
    expect(screen.getByText('截止 2026-12-10')).toBeTruthy();
    // No note before reading: only the "read" step is offered.
    expect(screen.queryByLabelText(/学习体会/)).toBeNull();

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '我已阅读' }));
    });
    const note = await screen.findByLabelText(/学习体会/);
    expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/read'))).toBe(true);

    // Too short a note is explained with the contract's own message, and nothing is sent.
    fireEvent.change(note, { target: { value: '学习了。' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /提交，完成补学/ }));
    });
    expect(await screen.findByText(/学习体会请写 20 至 2000 个字/)).toBeTruthy();
    expect(calls.some((c) => c.url.endsWith('/complete'))).toBe(false);

    fireEvent.change(note, { target: { value: NOTE } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /提交，完成补学/ }));
    });
    expect(await screen.findByText('补学已完成', { selector: '.ant-result-title' })).toBeTruthy();
    expect(calls.find((c) => c.url.endsWith('/complete'))!.body).toEqual({ note: NOTE });
    expect(screen.getByText(NOTE)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '我已阅读' })).toBeNull();
  });

  it('opens straight at the note when the materials were already read, and shows a refusal from the server', async () => {
    mockApi({
      [`GET /me/makeup/${ID}`]: json(200, detail({ readAt: '2026-11-12T02:00:00.000Z' })),
      [`POST /me/makeup/${ID}/complete`]: apiError(409, 'MAKEUP_ALREADY_DONE', '该补学已于 2026-11-12 10:10 完成，无需重复提交。'),
    });
    renderPage();
    const note = await screen.findByLabelText(/学习体会/);
    expect(screen.queryByRole('button', { name: '我已阅读' })).toBeNull();
    fireEvent.change(note, { target: { value: NOTE } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /提交，完成补学/ }));
    });
    expect(await screen.findByText('该补学已于 2026-11-12 10:10 完成，无需重复提交。')).toBeTruthy();
  });

  it('shows a finished assignment with its note and no more steps to take', async () => {
    mockApi({
      [`GET /me/makeup/${ID}`]: json(200, detail({ readAt: '2026-11-12T02:00:00.000Z', status: 'done', completedAt: '2026-11-12T02:10:00.000Z', note: NOTE })),
    });
    renderPage();
    expect(await screen.findByText(NOTE)).toBeTruthy();
    await waitFor(() => expect(screen.queryByLabelText(/学习体会/)).toBeNull());
    expect(screen.queryByRole('button', { name: '我已阅读' })).toBeNull();
  });

  it('says when the assignment no longer exists', async () => {
    mockApi({ [`GET /me/makeup/${ID}`]: apiError(404, 'MAKEUP_NOT_FOUND', '未找到该补学任务，可能已撤销（出席情况已更正）。') });
    renderPage();
    expect(await screen.findByText('未找到该补学任务，可能已撤销（出席情况已更正）。')).toBeTruthy();
  });
});
