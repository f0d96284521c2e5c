import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { unprocessable } from '../errors.ts';
import { readAccess } from '../auth/middleware.ts';
import { hazardViolations, violationStats, violationsCsv } from '../planning/violations.ts';
import { pipelineOccupations } from '../planning/pipelineOccupations.ts';
import { requestDistricts } from '../planning/input.ts';

const PRESSURE_CLASSES = ['低压', '中压B', '中压A', '次高压B', '次高压A', '高压B', '高压A'];

/**
 * Planner registers:
 * - GET /api/registers/hazard-violations[?district=a,b][&format=csv] — hazard sources breaking a rule today
 * - GET /api/registers/hazard-violations/stats — counts by district
 * - GET /api/analysis/pipeline-occupations[?pressureClass=] — buildings inside pipeline protection ranges
 */
export const registerRoutes = new Hono<AppEnv>()
  .get('/api/registers/hazard-violations', readAccess, async (c) => {
    const format = c.req.query('format') ?? 'json';
    if (format !== 'json' && format !== 'csv') throw unprocessable('format 必须是 json 或 csv', 'format');
    const data = await hazardViolations(c.var.deps.db.pool, requestDistricts(c));
    if (format === 'json') return c.json(data);
    const day = data.generatedAt.slice(0, 10);
    return c.body(violationsCsv(data), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="hazard-violations-${day}.csv"; ` +
        `filename*=UTF-8''${encodeURIComponent(`重大危险源违规台账-${day}.csv`)}`,
    });
  })
  .get('/api/registers/hazard-violations/stats', readAccess, async (c) => {
    return c.json(violationStats(await hazardViolations(c.var.deps.db.pool, requestDistricts(c))));
  })
  .get('/api/analysis/pipeline-occupations', readAccess, async (c) => {
    const pressureClass = c.req.query('pressureClass') ?? null;
    if (pressureClass !== null && !PRESSURE_CLASSES.includes(pressureClass)) {
      throw unprocessable(`pressureClass 必须是 ${PRESSURE_CLASSES.join(' | ')} 之一`, 'pressureClass');
    }
    return c.json(await pipelineOccupations(c.var.deps.db.pool, pressureClass));
  });
