import { describe, expect, it } from 'vitest';
import { api, apiUrl, databaseKind, tokenFor } from './helpers.ts';

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

describe('base map and client config', () => {
  it('serves water, coast and the Outer Ring area as GeoJSON', async () => {
    const res = await api('/api/basemap');
    expect(res.status).toBe(200);
    const kinds = new Set(res.body.features.map((f: any) => `${f.properties.layer}:${f.properties.kind}`));
    expect(kinds.has('planning_area:outer_ring_inside')).toBe(true);
    expect([...kinds].some((k) => /^basemap:(water|river)$/.test(String(k)))).toBe(true);
  });
  it('tells the client which base map to use', async () => {
    const res = await api('/api/config');
    expect(res.body).toEqual({ basemapStyleUrl: null, publicRead: true, database: databaseKind() });
  });
});

describe('GET /api/layers', () => {
  it('lists every collection of the data model with its zh-CN title and a count matching the sample city', async () => {
    const res = await api('/api/layers');
    expect(res.status).toBe(200);
    const ids = res.body.map((l: any) => l.id);
    for (const id of ['districts', 'chemical_parks', 'enterprises', 'hazard_sources', 'chemicals', 'gas_pipelines',
      'pipeline_occupations', 'railways', 'rail_crossings', 'emergency_resources', 'protected_targets', 'restricted_zones',
      'roads', 'hidden_dangers', 'vehicles', 'waybills', 'positions', 'alerts', 'incidents']) expect(ids).toContain(id);
    const byId = Object.fromEntries(res.body.map((l: any) => [l.id, l]));
    expect(byId.districts).toMatchObject({ title: '行政区', count: 16, geometryType: 'MultiPolygon' });
    expect(byId.chemicals).toMatchObject({ count: 85, geometryType: null }); // GB 18218-2018 Table 1 has 85 rows
  });
  it('serves a layer as GeoJSON and 404s an unknown one', async () => {
    const fc = await api('/api/layers/districts/geojson');
    expect(fc.body.features).toHaveLength(16);
    expect(fc.body.features.map((f: any) => f.properties.name)).toContain('浦东新区');
    expect((await api('/api/layers/nope/geojson')).status).toBe(404);
  });
});

describe('GET /api/stream', () => {
  /** reads the stream until `pattern` shows up (or 3 s pass), then hangs up */
  async function readUntil(path: string, pattern: RegExp): Promise<{ status: number; type: string | null; text: string }> {
    const ac = new AbortController();
    const res = await fetch(apiUrl() + path, { signal: ac.signal });
    let text = '';
    if (res.ok && res.body) {
      const reader = res.body.getReader();
      const deadline = Date.now() + 3000;
      while (!pattern.test(text) && Date.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    } else text = await res.text();
    ac.abort();
    return { status: res.status, type: res.headers.get('content-type'), text };
  }

  it('greets a client with `hello` on an event stream', async () => {
    const hello = await readUntil('/api/stream', /event: hello/);
    expect(hello.status).toBe(200);
    expect(hello.type).toMatch(/^text\/event-stream/);
    expect(hello.text).toMatch(/event: hello\ndata: \{"time":"\d{4}-/);
  });

  it('takes the token as ?access_token= (EventSource cannot send headers), and only there', async () => {
    const token = await tokenFor('viewer');
    expect((await readUntil(`/api/stream?access_token=${token}`, /event: hello/)).status).toBe(200);
    // a query token is not a general way in: other routes still need the header
    expect((await api(`/api/auth/me?access_token=${token}`)).status).toBe(401);
  });
});
