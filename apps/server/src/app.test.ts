import { expect, it } from 'vitest';
import { describeEachDatabase } from './test/harness.ts';

describeEachDatabase('app', (env) => {
  it('answers the health check when the database is reachable', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('publishes an OpenAPI document generated from the request schemas', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const login = doc.paths['/api/v1/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['login', 'password']);
    expect(Object.keys(doc.paths)).toContain('/api/v1/orgs/{id}/move');
  });

  it('serves browsable API docs', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });

  it('sets security headers on every response', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers an unknown API route with a localized error', async () => {
    const zh = await env().app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(zh.statusCode).toBe(404);
    expect(zh.json().error).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: '接口不存在：GET /api/v1/nothing-here' });
    const en = await env().app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.json().error.message).toBe('No such endpoint: GET /api/v1/nothing-here');
  });

  it('requires a session for the API', async () => {
    const res = await env().app.inject({ method: 'GET', url: '/api/v1/orgs/roots' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('NOT_AUTHENTICATED');
  });

  it('answers malformed JSON as a client error, not a server error', async () => {
    const res = await env().app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"login":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});
