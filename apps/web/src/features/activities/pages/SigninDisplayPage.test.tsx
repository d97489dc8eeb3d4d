import { screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { AttendanceSheet } from '@pioneer/domain';
import { json, mockApi, renderWithProviders } from '../../../test-utils.tsx';
import { SigninDisplayPage } from './SigninDisplayPage.tsx';

const ID = '0190a000-0000-7000-8000-0000000000a1';
const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const expiresAt = new Date(Date.now() + 20 * 60_000).toISOString();

const sheet: AttendanceSheet = {
  activityId: ID,
  activityStatus: 'planned',
  signin: { open: true, opensAt: new Date(Date.now() - 60_000).toISOString(), expiresAt },
  counts: { expected: 3, present: 1, absent: 0, leave: 0, pending: 2 },
  attendees: [],
};

describe('SigninDisplayPage', { timeout: 60_000 }, () => {
  it('shows the code open now on a device that did not open it, asking the server instead of reopening', async () => {
    sessionStorage.clear();
    const { calls } = mockApi({
      [`GET /activities/${ID}`]: json(200, { id: ID, topic: '主题党日', orgName: '第一党支部' }),
      [`GET /activities/${ID}/attendance`]: json(200, sheet),
      [`GET /activities/${ID}/signin`]: json(200, { token: TOKEN, path: `/s/${TOKEN}`, opensAt: sheet.signin.opensAt, expiresAt }),
    });
    renderWithProviders(
      <Routes>
        <Route path="/activities/:id/signin" element={<SigninDisplayPage />} />
      </Routes>,
      { path: `/activities/${ID}/signin` },
    );
    expect(await screen.findByText(`${window.location.origin}/s/${TOKEN}`)).toBeTruthy();
    await waitFor(() => expect(calls.some((c) => c.url === `/api/v1/activities/${ID}/signin` && c.method === 'GET')).toBe(true));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });
});
