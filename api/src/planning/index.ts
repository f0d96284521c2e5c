import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { safetyDistanceRoutes } from '../routes/safetyDistance.ts';
import { sitingRoutes } from '../routes/siting.ts';
import { registerRoutes } from '../routes/registers.ts';
import { parkRoutes } from '../routes/parks.ts';

/** Safety distances, siting, planner registers and chemical parks (issue 5, part 2): mounted as one group. */
export const planningRoutes = new Hono<AppEnv>()
  .route('/', safetyDistanceRoutes)
  .route('/', sitingRoutes)
  .route('/', registerRoutes)
  .route('/', parkRoutes);
