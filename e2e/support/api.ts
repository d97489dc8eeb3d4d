import { expect, type APIRequestContext, type APIResponse, type PlaywrightWorkerArgs } from '@playwright/test';
import type { MeView, OrgView, PersonView, TransferView } from '@pioneer/domain';

/**
 * A signed-in API session for arranging what a journey starts from (a person to find, a letter
 * to accept) and for looking up names the UI then shows. Journeys act through the UI; this only
 * sets the stage. Writes carry the session's CSRF token, as the web app's client does.
 */
export type ApiSession = {
  me: MeView;
  get: <T>(path: string, params?: Record<string, string | number>) => Promise<T>;
  post: <T>(path: string, body?: unknown) => Promise<T>;
  /** Multipart upload (the import). */
  upload: <T>(path: string, fields: Record<string, string>, file: { name: string; buffer: Buffer }) => Promise<T>;
  dispose: () => Promise<void>;
};

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function json<T>(res: APIResponse, what: string): Promise<T> {
  if (!res.ok()) throw new Error(`${what} answered ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

export async function apiSession(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string, username: string, password: string): Promise<ApiSession> {
  const request: APIRequestContext = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'Accept-Language': 'zh-CN' } });
  const me = await json<MeView>(await request.post('/api/v1/auth/login', { data: { login: username, password } }), `login as ${username}`);
  expect(me.mustChangePassword, `${username} must not be waiting for a password change`).toBe(false);
  const headers = { 'X-CSRF-Token': me.csrfToken };
  return {
    me,
    get: async (path, params) => json(await request.get(`/api/v1${path}`, { params }), `GET ${path}`),
    post: async (path, body) => json(await request.post(`/api/v1${path}`, { data: body ?? {}, headers }), `POST ${path}`),
    upload: async (path, fields, file) =>
      json(
        await request.post(`/api/v1${path}`, { headers, multipart: { ...fields, file: { name: file.name, mimeType: XLSX_MIME, buffer: file.buffer } } }),
        `POST ${path}`,
      ),
    dispose: () => request.dispose(),
  };
}

/** The organisation an account's (first) business role is granted on. */
export function grantedOrgId(session: ApiSession): string {
  const orgId = session.me.grants.find((g) => g.orgId)?.orgId;
  if (!orgId) throw new Error(`${session.me.username} has no grant on an organisation`);
  return orgId;
}

export const getOrg = (session: ApiSession, id: string) => session.get<OrgView>(`/orgs/${id}`);

export type { MeView, OrgView, PersonView, TransferView };
