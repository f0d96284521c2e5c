import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { unprocessable } from '../errors.ts';
import { readAccess } from '../auth/middleware.ts';
import { checkGeoJson } from '../geo/validate.ts';
import { SITE_KINDS, isSiteKind } from '../domain/safetyRules.ts';
import { siting } from '../planning/siting.ts';
import { numberIn, readObject } from '../planning/input.ts';

/**
 * POST /api/analysis/siting `{"geometry": GeoJSON, "kind": "hazard_source"|"hazmat_storage"|"chemical_plant"|
 * "gas_station", "radiusM"?}` → `{"verdict","rules":[{"rule","status","requiredM","actualM","offender","clause",…}]}`.
 */
export const sitingRoutes = new Hono<AppEnv>()
  .post('/api/analysis/siting', readAccess, async (c) => {
    const pool = c.var.deps.db.pool;
    const body = await readObject(c);
    if (!isSiteKind(body.kind)) {
      throw unprocessable(`kind 必须是 ${SITE_KINDS.join(' | ')} 之一 (unknown or missing kind)`, 'kind');
    }
    const radiusM = body.radiusM === undefined || body.radiusM === null ? null
      : numberIn(body.radiusM, 'radiusM', 0, 50_000, { exclusiveMin: true });
    // the geometry's PostGIS validity is checked by the analysis statement itself (one round trip)
    const geometryJson = JSON.stringify(checkGeoJson(body.geometry, 'geometry'));
    return c.json(await siting(pool, { geometryJson, field: 'geometry', kind: body.kind, radiusM },
      c.var.deps.db.kind === 'postgres'));
  });
