import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { unprocessable } from '../errors.ts';
import { readAccess, requireRole } from '../auth/middleware.ts';
import { checkGeoJson } from '../geo/validate.ts';
import { SITE_KINDS, isSiteKind, type SiteKind } from '../domain/safetyRules.ts';
import { safetyDistance, type Site } from '../planning/safetyDistance.ts';
import { configureRule, listRules } from '../planning/rules.ts';
import { numberIn, positiveInt, readObject } from '../planning/input.ts';

const FACILITY_KINDS = [...SITE_KINDS, 'gas_pipeline', 'railway'];

/**
 * POST /api/analysis/safety-distance `{"geometry": GeoJSON | "hazardSourceId": id, "kind"?, "radiusM"?, "allRules"?}`
 * — every protected target, railway, pipeline, road and enterprise within reach with its governing rule
 * (architecture.md §4); `allRules: true` adds every applicable rule per feature.
 * GET /api/safety-rules — the rule table; PUT /api/safety-rules/:id `{"requiredM": n | null, "source"?}` sets a
 * configurable (unverified or missing) distance — planners and admins.
 */
export const safetyDistanceRoutes = new Hono<AppEnv>()
  .post('/api/analysis/safety-distance', readAccess, async (c) => {
    const pool = c.var.deps.db.pool;
    const body = await readObject(c);
    const radiusM = body.radiusM === undefined || body.radiusM === null ? null
      : numberIn(body.radiusM, 'radiusM', 0, 50_000, { exclusiveMin: true });
    let kind: SiteKind = 'hazard_source';
    if (body.kind !== undefined) {
      if (!isSiteKind(body.kind)) throw unprocessable(`kind 必须是 ${SITE_KINDS.join(' | ')} 之一 (unknown kind)`, 'kind');
      kind = body.kind;
    }
    if (body.hazardSourceId !== undefined && body.geometry !== undefined) {
      throw unprocessable('geometry 与 hazardSourceId 只能给出其一 (give either geometry or hazardSourceId)', 'geometry');
    }
    // the geometry's PostGIS validity is checked by the analysis statement itself (one round trip)
    const hazardSourceId = body.hazardSourceId === undefined ? undefined : positiveInt(body.hazardSourceId, 'hazardSourceId');
    const site: Site = hazardSourceId !== undefined ? { kind, radiusM, hazardSourceId }
      : { kind, radiusM, geometryJson: JSON.stringify(checkGeoJson(body.geometry, 'geometry')), field: 'geometry' };
    if (body.allRules !== undefined && typeof body.allRules !== 'boolean') {
      throw unprocessable('allRules 必须是 true 或 false (allRules must be a boolean)', 'allRules');
    }
    const result = await safetyDistance(pool, site, { allRules: body.allRules === true }, c.var.deps.db.kind === 'postgres');
    return c.json({ ...(hazardSourceId ? { hazardSourceId } : {}), ...result });
  })
  .get('/api/safety-rules', readAccess, async (c) => {
    const facilityKind = c.req.query('facilityKind') ?? null;
    if (facilityKind !== null && !FACILITY_KINDS.includes(facilityKind)) {
      throw unprocessable(`facilityKind 必须是 ${FACILITY_KINDS.join(' | ')} 之一`, 'facilityKind');
    }
    return c.json({ rules: await listRules(c.var.deps.db.pool, facilityKind) });
  })
  .put('/api/safety-rules/:id', requireRole('planner'), async (c) => {
    const id = positiveInt(c.req.param('id'), 'id');
    const body = await readObject(c);
    if (!('requiredM' in body)) throw unprocessable('缺少 requiredM（米，或 null 表示未配置） (requiredM is required)', 'requiredM');
    const requiredM = body.requiredM === null ? null : numberIn(body.requiredM, 'requiredM', 0, 100_000);
    let source: string | null = null;
    if (body.source !== undefined && body.source !== null) {
      if (typeof body.source !== 'string' || body.source.length > 500) {
        throw unprocessable('source 必须是不超过 500 字的文本 (source must be text up to 500 characters)', 'source');
      }
      source = body.source.trim() || null;
    }
    const rule = await configureRule(c.var.deps.db.pool, id, requiredM, source, c.var.user!.username);
    return c.json(rule);
  });
