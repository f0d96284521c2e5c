import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';

export const healthRoutes = new Hono<AppEnv>().get('/api/health', (c) => {
  const { db, postgisVersion } = c.var.deps;
  return c.json({ status: 'ok', database: db.kind, postgis: postgisVersion });
});
