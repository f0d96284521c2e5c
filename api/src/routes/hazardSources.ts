import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { ApiError, readJson, unprocessable } from '../errors.ts';
import { readAccess, requireRole } from '../auth/middleware.ts';
import { createSource, listSources, scopeOf, sourceDetail, sourceStats, updateSource, validateSourceInput } from '../hazards/store.ts';
import { recomputeHazardSources } from '../hazards/recompute.ts';

const intParam = (value: string | undefined, field: string, min: number, max: number, fallback?: number) => {
  if (value === undefined || value === '') {
    if (fallback === undefined) return undefined;
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw unprocessable(`${field} 必须是 ${min}–${max} 的整数 / must be an integer ${min}–${max}`, field);
  return n;
};

/** Path id → number; ids beyond int4 cannot exist, so they are a 404 like any other missing row. */
const idParam = (raw: string) => {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id > 2147483647) throw new ApiError(404, 'not_found', `重大危险源 ${raw} 不存在 / no hazard source ${raw}`);
  return id;
};

/**
 * Stored major hazard sources (重大危险源), graded per GB 18218-2018 on every write. SSE `change` events come from
 * the database change feed (004_change_notify.sql), so the routes do not publish them.
 */
export const hazardSourceRoutes = new Hono<AppEnv>()
  .get('/api/hazard-sources', readAccess, async (c) => {
    const rows = await listSources(c.var.deps.db.pool, {
      district: c.req.query('district') || undefined,
      grade: intParam(c.req.query('grade'), 'grade', 1, 4),
      scope: scopeOf(c.var.user),
      limit: intParam(c.req.query('limit'), 'limit', 1, 10000, 1000)!,
      offset: intParam(c.req.query('offset'), 'offset', 0, 1e9, 0)!,
    });
    return c.json(rows);
  })
  .get('/api/hazard-sources/stats', readAccess, async (c) => c.json(await sourceStats(c.var.deps.db.pool, scopeOf(c.var.user))))
  .post('/api/hazard-sources/recompute', requireRole('planner'), async (c) => {
    return c.json(await recomputeHazardSources(c.var.deps.db.pool));
  })
  .get('/api/hazard-sources/:id{[0-9]+}', readAccess, async (c) => {
    return c.json(await sourceDetail(c.var.deps.db.pool, idParam(c.req.param('id')), scopeOf(c.var.user)));
  })
  .post('/api/hazard-sources', requireRole('planner'), async (c) => {
    const input = validateSourceInput(await readJson(c), false);
    const { pool } = c.var.deps.db;
    const id = await createSource(pool, c.var.user!, input);
    return c.json(await sourceDetail(pool, id, null), 201);
  })
  .patch('/api/hazard-sources/:id{[0-9]+}', requireRole('planner'), async (c) => {
    const id = idParam(c.req.param('id'));
    const input = validateSourceInput(await readJson(c), true);
    const { pool } = c.var.deps.db;
    await updateSource(pool, c.var.user!, id, input);
    return c.json(await sourceDetail(pool, id, null));
  });
