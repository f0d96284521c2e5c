import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { collections, findCollection } from '../layers/catalog.ts';
import { notFound } from '../errors.ts';
import { readAccess } from '../auth/middleware.ts';

export const layerRoutes = new Hono<AppEnv>()
  .use('/api/layers/*', readAccess)
  .use('/api/layers', readAccess)
  .get('/api/layers', async (c) => {
    const pool = c.var.deps.db.pool;
    // one round trip: a count per collection
    const sql = collections.map((col) => `SELECT '${col.id}' AS id, count(*)::int AS n FROM ${col.id}`).join(' UNION ALL ');
    const counts = new Map((await pool.query<{ id: string; n: number }>(sql)).rows.map((r) => [r.id, r.n]));
    return c.json(collections.map((col) => ({
      id: col.id, title: col.title, titleEn: col.titleEn, count: counts.get(col.id) ?? 0, geometryType: col.geometryType,
    })));
  })
  /**
   * Whole small layer as GeoJSON for the map client (large layers come as vector tiles).
   * Properties are every column but the geometry and hidden ones; the database builds the JSON.
   */
  .get('/api/layers/:id/geojson', async (c) => {
    const col = findCollection(c.req.param('id'));
    if (!col || !col.geometryColumn) throw notFound(`no layer with geometry named "${c.req.param('id')}"`);
    const hidden = ['geom', ...(col.hidden ?? [])].map((h) => `'${h}'`).join(',');
    const { rows } = await c.var.deps.db.pool.query<{ fc: unknown }>(`
      SELECT json_build_object('type','FeatureCollection','features', coalesce(json_agg(json_build_object(
        'type','Feature','id', t.id,
        'geometry', ST_AsGeoJSON(t.${col.geometryColumn}, 7)::json,
        'properties', to_jsonb(t) - ARRAY[${hidden}]::text[]) ORDER BY t.id), '[]'::json)) AS fc
      FROM ${col.id} t`);
    return c.json(rows[0].fc);
  });
