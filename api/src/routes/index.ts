import type { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { healthRoutes } from './health.ts';
import { authRoutes } from './auth.ts';
import { layerRoutes } from './layers.ts';
import { streamRoutes } from './stream.ts';
import { basemapRoutes } from './basemap.ts';
import { tileRoutes } from './tiles.ts';
import { ogcRoutes } from './ogc.ts';
import { planningRoutes } from '../planning/index.ts';
import { majorHazardRoutes } from './majorHazard.ts';
import { chemicalRoutes } from './chemicals.ts';
import { hazardSourceRoutes } from './hazardSources.ts';

/** Every route module, mounted in this order. Add a resource by adding its file here. */
export function mountRoutes(app: Hono<AppEnv>): void {
  app.route('/', healthRoutes);
  app.route('/', authRoutes);
  app.route('/', layerRoutes);
  app.route('/', streamRoutes);
  app.route('/', basemapRoutes);
  app.route('/', tileRoutes);
  app.route('/', ogcRoutes);
  app.route('/', planningRoutes);
  app.route('/', majorHazardRoutes);
  app.route('/', chemicalRoutes);
  app.route('/', hazardSourceRoutes);
}
