import { Hono } from 'hono';
import { existsSync } from 'node:fs';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppDeps, AppEnv } from './context.ts';
import { handleError } from './errors.ts';
import { identify } from './auth/middleware.ts';
import { mountRoutes } from './routes/index.ts';
import { relative } from 'node:path';

/** Builds the HTTP application: API, OGC API, tiles and the built web client at `/`. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.use('*', async (c, next) => { c.set('deps', deps); await next(); });
  app.use('*', identify);
  mountRoutes(app);
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404));
  if (existsSync(deps.settings.webDist)) {
    const root = relative(process.cwd(), deps.settings.webDist) || '.';
    app.use('/*', serveStatic({ root }));
    // client-side routes fall back to index.html; API paths keep their JSON 404
    const spa = serveStatic({ root, path: 'index.html' });
    app.get('/*', (c, next) => (/^\/(api|ogc|tiles)(\/|$)/.test(c.req.path) ? next() : spa(c, next)));
  }
  return app;
}

export type AppType = ReturnType<typeof createApp>;
