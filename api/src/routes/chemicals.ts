import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { unprocessable } from '../errors.ts';
import { readAccess } from '../auth/middleware.ts';
import { listHazardClasses, searchChemicals } from '../hazards/chemicals.ts';

/** The GB 18218-2018 catalogue for the UI: Table-1 substances (search by name, alias, CAS, UN) and Table-2 classes. */
export const chemicalRoutes = new Hono<AppEnv>()
  .use('/api/chemicals', readAccess)
  .use('/api/hazard-classes', readAccess)
  .get('/api/chemicals', async (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 200);
    const limitText = c.req.query('limit');
    const limit = limitText === undefined ? 50 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw unprocessable('limit 必须是 1–500 的整数 / limit must be 1–500', 'limit');
    return c.json(await searchChemicals(c.var.deps.db.pool, q, limit));
  })
  .get('/api/hazard-classes', async (c) => c.json(await listHazardClasses(c.var.deps.db.pool)));
