import { loadSettings } from './config.ts';
import { prepare, listen } from './bootstrap.ts';
import { StartupError } from './db/open.ts';

const log = (msg: string) => console.log(`[safety-atlas] ${msg}`);

async function main() {
  const settings = loadSettings();
  const deps = await prepare(settings, log);
  const running = await listen(deps);
  log(`安全生产一张图 SafetyAtlas is running: ${running.url}/  (API ${running.url}/api/health)`);
  const stop = async () => { log('stopping…'); await running.close(); process.exit(0); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  if (err instanceof StartupError) {
    console.error(`[safety-atlas] cannot start: ${err.message}`);
  } else {
    console.error(`[safety-atlas] cannot start: ${(err as Error).message ?? err}`);
    if (process.env.DEBUG) console.error(err);
  }
  process.exit(1);
});
