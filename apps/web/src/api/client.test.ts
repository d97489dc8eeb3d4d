import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, json, mockApi } from '../test-utils.tsx';
import { ApiError, buildUrl, http, NETWORK_ERROR, onAuthProblem, setApiLanguage, setCsrfToken } from './client.ts';

afterEach(() => {
  setCsrfToken(null);
  setApiLanguage('zh-CN');
});

describe('API client', () => {
  it('sends the session CSRF token on writes and the UI language on every call', async () => {
    const { calls } = mockApi({ 'POST /orgs': json(201, { id: 'x' }), 'GET /orgs/roots': json(200, []) });
    setCsrfToken('csrf-123');
    setApiLanguage('en');
    await http.post('/orgs', { name: 'A' });
    await http.get('/orgs/roots');
    expect(calls[0]!.headers['X-CSRF-Token']).toBe('csrf-123');
    expect(calls[0]!.headers['Accept-Language']).toBe('en');
    expect(calls[0]!.headers['Content-Type']).toBe('application/json');
    expect(calls[0]!.body).toEqual({ name: 'A' });
    // A read never carries the token: it is only ever needed to prove a write is ours.
    expect(calls[1]!.headers['X-CSRF-Token']).toBeUndefined();
    expect(calls[1]!.headers['Accept-Language']).toBe('en');
  });

  it('sends zh-CN by default', async () => {
    const { calls } = mockApi({ 'GET /auth/me': json(200, {}) });
    await http.get('/auth/me');
    expect(calls[0]!.headers['Accept-Language']).toBe('zh-CN');
  });

  it('leaves empty filters out of the query string', () => {
    expect(buildUrl('/people', { orgId: 'o1', q: '', category: undefined, status: null, page: 2 })).toBe('/api/v1/people?orgId=o1&page=2');
  });

  it("turns the server's error envelope into an ApiError with code, message and field details", async () => {
    mockApi({ 'POST /people': apiError(400, 'VALIDATION_FAILED', '提交的数据有误', [{ path: 'idNumber', code: 'ID_NUMBER_CHECK_DIGIT', message: '校验位不符' }]) });
    const error = await http.post('/people', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: '提交的数据有误', details: [{ path: 'idNumber', code: 'ID_NUMBER_CHECK_DIGIT', message: '校验位不符' }] });
  });

  it('announces a 401 and a forced password change to the session layer, but not a failed login', async () => {
    const heard: string[] = [];
    const stop = onAuthProblem((e) => heard.push(e.code));
    mockApi({
      'GET /orgs/roots': apiError(401, 'SESSION_EXPIRED', '登录已超时'),
      'GET /people': apiError(403, 'PASSWORD_CHANGE_REQUIRED', '请先修改密码'),
      'POST /auth/login': apiError(401, 'LOGIN_FAILED', '用户名或密码错误'),
      'POST /orgs': apiError(403, 'FORBIDDEN', '无权限'),
    });
    await http.get('/orgs/roots').catch(() => {});
    await http.get('/people').catch(() => {});
    await http.post('/auth/login', {}).catch(() => {});
    await http.post('/orgs', {}).catch(() => {});
    stop();
    expect(heard).toEqual(['SESSION_EXPIRED', 'PASSWORD_CHANGE_REQUIRED']);
  });

  it('reports an unreachable server as a network error, not as a server message', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const error = await http.get('/orgs/roots').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: NETWORK_ERROR });
  });

  it('survives an error answer that is not JSON', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502 })));
    const error = await http.get('/orgs/roots').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: 'BAD_RESPONSE' });
  });
});
