import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { readJson, unprocessable } from '../errors.ts';
import { readAccess } from '../auth/middleware.ts';
import { resolveItems } from '../hazards/chemicals.ts';
import { assess } from '../hazards/assessment.ts';
import { isObject, validateExposedPeople, validateItems } from '../hazards/validate.ts';

/**
 * POST /api/analysis/major-hazard — GB 18218-2018 identification and grading of one unit (architecture.md §4):
 * `{"items":[{"chemical":"<name|alias|CAS|UN>","quantityT":n,"hazardClass"?:"W5.1"}],"exposedPeople":n}`.
 */
export const majorHazardRoutes = new Hono<AppEnv>()
  .use('/api/analysis/major-hazard', readAccess)
  .post('/api/analysis/major-hazard', async (c) => {
    const body = await readJson(c);
    if (!isObject(body)) throw unprocessable('请求体必须是对象 {"items","exposedPeople"} / body must be an object', 'body');
    const items = validateItems(body.items, 'items');
    const exposedPeople = validateExposedPeople(body.exposedPeople);
    const resolved = await resolveItems(c.var.deps.db.pool, items, 'items');
    return c.json(assess(resolved, exposedPeople));
  });
