import { describe, expect, it } from 'vitest';
import { api, databaseKind, tokenFor } from './helpers.ts';

describe('GET /api/health', () => {
  it('reports the database kind and the PostGIS version', async () => {
    const res = await api('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.database).toBe(databaseKind());
    expect(res.body.postgis).toMatch(/^3\.\d+\.\d+/);
  });
});

describe('auth', () => {
  it('logs in each demo user with its role', async () => {
    for (const role of ['admin', 'commander', 'planner', 'dispatcher', 'viewer']) {
      const res = await api('/api/auth/login', { method: 'POST', json: { username: role, password: 'demo' } });
      expect(res.status).toBe(200);
      expect(res.body.token).toMatch(/^[0-9a-f]{64}$/);
      expect(res.body.user).toEqual({ username: role, role, districts: [] });
    }
  });
  it('rejects a wrong password with 401 and malformed JSON with 400', async () => {
    const wrong = await api('/api/auth/login', { method: 'POST', json: { username: 'admin', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    const bad = await api('/api/auth/login', { method: 'POST', body: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/malformed JSON/);
  });
  it('resolves a token to its user', async () => {
    const token = await tokenFor('planner');
    const me = await api('/api/auth/me', { token });
    expect(me.body).toEqual({ username: 'planner', role: 'planner', districts: [] });
    expect((await api('/api/auth/me')).status).toBe(401);
  });
});

describe('unknown routes', () => {
  it('answer JSON 404 without a stack trace', async () => {
    const res = await api('/api/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
