import { fileURLToPath } from 'node:url';

/** Repository root (api/src/config.ts → ../../). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface Settings {
  databaseUrl: string | undefined;
  /** PGlite data directory; undefined = in-memory (PGLITE_DIR=memory) */
  dataDir: string | undefined;
  host: string;
  port: number;
  jt808Port: number;
  natsUrl: string | undefined;
  basemapStyleUrl: string | undefined;
  publicRead: boolean;
  webDist: string;
}

/** Runtime settings of architecture.md §2, read from the environment. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const databaseUrl = env.DATABASE_URL || undefined;
  const publicReadDefault = databaseUrl ? 'false' : 'true';
  return {
    databaseUrl,
    dataDir: env.PGLITE_DIR === 'memory' ? undefined : env.PGLITE_DIR || `${repoRoot}.data/pglite`,
    host: env.HOST || '127.0.0.1',
    port: Number(env.PORT ?? 8787),
    jt808Port: Number(env.JT808_PORT ?? 7808),
    natsUrl: env.NATS_URL || undefined,
    basemapStyleUrl: env.BASEMAP_STYLE_URL || undefined,
    publicRead: (env.PUBLIC_READ ?? publicReadDefault) === 'true',
    webDist: env.WEB_DIST || `${repoRoot}web/dist`,
  };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
