import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { unprocessable } from '../errors.ts';
import { readAccess, requireRole } from '../auth/middleware.ts';
import { listParks, patchPark, type ParkPatch } from '../planning/parks.ts';
import { numberIn, positiveInt, readObject, requestDistricts } from '../planning/input.ts';

/**
 * GET /api/chemical-parks — parks with score, risk grade (A–D, ⚠️ secondary-source thresholds) and enclosure.
 * PATCH /api/chemical-parks/:id `{"score"?: 0..100 | null, "enclosed"?: bool}` — planners/admins; recomputes risk_grade.
 */
export const parkRoutes = new Hono<AppEnv>()
  .get('/api/chemical-parks', readAccess, async (c) => c.json(await listParks(c.var.deps.db.pool, requestDistricts(c))))
  .patch('/api/chemical-parks/:id', requireRole('planner'), async (c) => {
    const id = positiveInt(c.req.param('id'), 'id');
    const body = await readObject(c);
    const patch: ParkPatch = {};
    if (body.score !== undefined) patch.score = body.score === null ? null : numberIn(body.score, 'score', 0, 100);
    if (body.enclosed !== undefined) {
      if (typeof body.enclosed !== 'boolean') throw unprocessable('enclosed 必须是 true 或 false (enclosed must be a boolean)', 'enclosed');
      patch.enclosed = body.enclosed;
    }
    if (patch.score === undefined && patch.enclosed === undefined) {
      throw unprocessable('请给出 score 或 enclosed (give score and/or enclosed)', 'score');
    }
    const user = c.var.user!;
    const result = await patchPark(c.var.deps.db.pool, id, patch, user.username, user.districts.length ? user.districts : null);
    c.var.deps.events.publish({ type: 'change', data: { collection: 'chemical_parks', ids: [id] } });
    return c.json(result);
  });
