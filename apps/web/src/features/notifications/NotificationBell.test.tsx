import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { NotificationView } from '@pioneer/domain';
import { json, mockApi, renderWithProviders } from '../../test-utils.tsx';
import { NotificationBell } from './NotificationBell.tsx';

const N1 = '0190a000-0000-7000-8000-0000000000n1';
const note = (patch: Partial<NotificationView> = {}): NotificationView => ({
  id: N1,
  kind: 'makeup_assigned',
  title: '请完成补学：支部党员大会',
  body: '您未参加 2026-11-22 的支部党员大会，请阅读会议材料并填写学习体会。',
  link: '/my-life/makeup/m1',
  params: {},
  createdAt: '2026-11-23T02:10:00.000Z',
  readAt: null,
  ...patch,
});

function renderBell() {
  return renderWithProviders(
    <Routes>
      <Route path="/" element={<NotificationBell />} />
      <Route path="/my-life/makeup/:id" element={<p>make-up page</p>} />
    </Routes>,
  );
}

describe('NotificationBell', { timeout: 60_000 }, () => {
  it('shows the unread count, and a click marks the notification read and follows its link', async () => {
    const { calls } = mockApi({
      'GET /me/notifications/unread-count': json(200, { count: 2 }),
      'GET /me/notifications': json(200, {
        items: [note(), note({ id: 'n2', title: '主题党日签到已开始', link: '/s/abc', readAt: null })],
        total: 2,
        page: 1,
        pageSize: 10,
      }),
      [`POST /me/notifications/${N1}/read`]: json(200, note({ readAt: '2026-11-23T02:11:00.000Z' })),
    });
    renderBell();
    const bell = await screen.findByLabelText('消息提醒，2 条未读');
    await act(async () => {
      fireEvent.click(bell);
    });
    // Unread first when there are any.
    await waitFor(() => expect(calls.some((c) => c.url.includes('/me/notifications?') && c.url.includes('unreadOnly=true'))).toBe(true));
    await act(async () => {
      fireEvent.click(await screen.findByText('请完成补学：支部党员大会'));
    });
    expect(await screen.findByText('make-up page')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST' && c.url.endsWith(`/me/notifications/${N1}/read`))).toBe(true);
  });

  it('marks everything read at once', async () => {
    let unread = 1;
    const { calls } = mockApi({
      'GET /me/notifications/unread-count': () => json(200, { count: unread }),
      'GET /me/notifications': json(200, { items: [note()], total: 1, page: 1, pageSize: 10 }),
      'POST /me/notifications/read-all': () => {
        unread = 0;
        return json(200, { updated: 1 });
      },
    });
    renderBell();
    await act(async () => {
      fireEvent.click(await screen.findByLabelText('消息提醒，1 条未读'));
    });
    await act(async () => {
      fireEvent.click(await screen.findByText('全部已读'));
    });
    expect(await screen.findByText('已将 1 条消息标为已读')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/read-all'))).toBe(true);
    expect(await screen.findByLabelText('消息提醒', { selector: 'button' })).toBeTruthy();
  });
});
