import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { readAccess } from '../auth/middleware.ts';

/**
 * The offline base map: water, rivers and coast from `basemap_features` plus the planning areas (Outer Ring …),
 * as GeoJSON for the client's style — no glyph, sprite or tile requests leave the machine.
 * `GET /api/config` tells the client which base map to use (BASEMAP_STYLE_URL) and how reads are guarded.
 */
export const basemapRoutes = new Hono<AppEnv>()
  .get('/api/config', (c) => {
    const { settings, db } = c.var.deps;
    return c.json({ basemapStyleUrl: settings.basemapStyleUrl ?? null, publicRead: settings.publicRead, database: db.kind });
  })
  .get('/api/basemap', readAccess, async (c) => {
    const { rows } = await c.var.deps.db.pool.query<{ fc: unknown }>(`
      SELECT json_build_object('type','FeatureCollection','features', coalesce(json_agg(f ORDER BY f->>'id'), '[]'::json)) AS fc
      FROM (
        SELECT json_build_object('type','Feature','id', 'b' || id,
          'geometry', ST_AsGeoJSON(geom, 6)::json, 'properties', json_build_object('layer','basemap','kind',kind,'name',name)) AS f
          FROM basemap_features
        UNION ALL
        SELECT json_build_object('type','Feature','id', 'p' || id,
          'geometry', ST_AsGeoJSON(geom, 6)::json, 'properties', json_build_object('layer','planning_area','kind',kind,'name',name))
          FROM planning_areas
      ) s(f)`);
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(rows[0].fc);
  });
