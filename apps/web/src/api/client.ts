/**
 * The one HTTP client of the web app. Every call goes to /api/v1 with the session cookie, the
 * UI language in Accept-Language (the server answers errors in it) and, on writes, the session's
 * CSRF token. Failures become ApiError with the server's stable code, its already-translated
 * message and its per-field details. 401 and the forced password change are announced to the
 * session layer, which decides where the user goes.
 */
import type { ErrorBody } from '@pioneer/domain';

export type FieldDetail = ErrorBody['error']['details'][number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Codes the client itself raises when there is no server answer to report. */
export const NETWORK_ERROR = 'NETWORK_ERROR';
export const BAD_RESPONSE = 'BAD_RESPONSE';

export const API_BASE = '/api/v1';

type AuthListener = (error: ApiError) => void;

const state = {
  lang: 'zh-CN',
  csrfToken: null as string | null,
  lastCallAt: Date.now(),
  listeners: new Set<AuthListener>(),
};

export function setApiLanguage(lang: string): void {
  state.lang = lang;
}

export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}

/** When the server last saw us: the session's idle clock restarts with every call. */
export function lastApiCallAt(): number {
  return state.lastCallAt;
}

/** Called with every 401 (except a failed login) and every 403 PASSWORD_CHANGE_REQUIRED. */
export function onAuthProblem(listener: AuthListener): () => void {
  state.listeners.add(listener);
  return () => state.listeners.delete(listener);
}

export type QueryValue = string | number | boolean | null | undefined;

export type RequestOptions = {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
};

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    // Empty filters are left out rather than sent as "" (which the schemas would reject).
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function send(method: string, path: string, options: RequestOptions & { raw?: boolean }): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': state.lang };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (WRITES.has(method) && state.csrfToken) headers['X-CSRF-Token'] = state.csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    throw new ApiError(0, NETWORK_ERROR, '');
  }
  state.lastCallAt = Date.now();
  if (!response.ok) throw await toApiError(response, path);
  return response;
}

async function toApiError(response: Response, path: string): Promise<ApiError> {
  let error: ApiError;
  try {
    const body = (await response.json()) as Partial<ErrorBody>;
    const e = body.error;
    error = e && typeof e.code === 'string' ? new ApiError(response.status, e.code, e.message ?? '', e.details ?? []) : new ApiError(response.status, BAD_RESPONSE, '');
  } catch {
    error = new ApiError(response.status, BAD_RESPONSE, '');
  }
  const isLogin = path === '/auth/login';
  if ((response.status === 401 && !isLogin) || error.code === 'PASSWORD_CHANGE_REQUIRED') {
    for (const listener of state.listeners) listener(error);
  }
  return error;
}

/** A JSON call; resolves with the parsed body (undefined for 204). */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, BAD_RESPONSE, '');
  }
}

/** A file download (Excel template or export): the body as a Blob and the server's file name. */
export async function download(path: string, options: RequestOptions = {}): Promise<{ blob: Blob; filename: string | null }> {
  const response = await send('GET', path, options);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const filename = star ? decodeURIComponent(star[1]!) : (plain?.[1] ?? null);
  return { blob: await response.blob(), filename };
}

export const http = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
