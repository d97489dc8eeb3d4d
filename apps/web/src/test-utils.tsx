/**
 * Helpers for component tests: the app's real providers around a component, on an in-memory
 * router, and a fake `fetch` that answers the API calls a test names (anything else fails loudly).
 */
import type { ReactNode } from 'react';
import type { MeView } from '@pioneer/domain';
import type { OrgDetail } from './api/orgs.ts';
import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { vi } from 'vitest';
import { RequireAuth } from './app/guards.tsx';
import { createQueryClient, Providers } from './app/providers.tsx';
import type { Lang } from './i18n/index.tsx';

export function renderWithProviders(ui: ReactNode, options: { path?: string; lang?: Lang } = {}) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  const result = render(
    <MemoryRouter initialEntries={[options.path ?? '/']}>
      <Providers queryClient={queryClient} lang={options.lang ?? 'zh-CN'}>
        {ui}
      </Providers>
    </MemoryRouter>,
  );
  return { ...result, queryClient };
}

/** A page behind the sign-in guard at `path`, matched by `route` (a pattern with parameters, or the path itself). */
export function renderPageAt(path: string, element: ReactNode, route = path) {
  return renderWithProviders(
    <Routes>
      <Route path={route} element={<RequireAuth>{element}</RequireAuth>} />
    </Routes>,
    { path },
  );
}

export type RecordedCall = { method: string; url: string; headers: Record<string, string>; body: unknown };
type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
type Route = (call: RecordedCall) => Answer | undefined;

export const json = (status: number, body: unknown): Answer => ({ status, body });
/** A file as the server sends it: the name in Content-Disposition (RFC 6266, UTF-8 with an ASCII fallback). */
export const attachment = (fileName: string, fallbackName: string, body = 'file bytes'): Answer => ({
  status: 200,
  body,
  headers: { 'Content-Disposition': `attachment; filename="${fallbackName}"; filename*=UTF-8''${encodeURIComponent(fileName)}` },
});
export const apiError = (status: number, code: string, message: string, details: Array<{ path: string; code: string; message: string }> = []) =>
  json(status, { error: { code, message, details } });

/** Replaces fetch; `routes` maps 'METHOD /path' (path without /api/v1 and query) to an answer. */
export function mockApi(routes: Record<string, Answer | Route>) {
  const calls: RecordedCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const headers = { ...(init?.headers as Record<string, string>) };
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body;
    const call = { method, url, headers, body };
    calls.push(call);
    const path = url.replace(/^\/api\/v1/, '').split('?')[0];
    const route = routes[`${method} ${path}`];
    const answer = typeof route === 'function' ? route(call) : route;
    if (!answer) throw new Error(`unexpected API call in test: ${method} ${url}`);
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json', ...answer.headers },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

/** The signed-in user as GET /auth/me answers it: a committee officer of the root unless told otherwise. */
export function meView(grants: MeView['grants'], overrides: Partial<MeView> = {}): MeView {
  return { userId: 'u1', username: 'wang', displayName: '王五', personId: null, mustChangePassword: false, grants, csrfToken: 'csrf-1', idleTimeoutMinutes: 30, ...overrides };
}

/** An organisation as GET /orgs/{id} answers it (with its visible ancestors). */
export function orgView(v: Pick<OrgDetail, 'id' | 'name' | 'kind'> & Partial<OrgDetail>): OrgDetail {
  return { code: 'W', parentId: null, depth: 0, establishedOn: null, hasCommittee: false, active: true, childCount: 0, ancestors: [], ...v };
}
