// The API as api/src/server.ts starts it, plus one line naming the database URL, so an end-to-end test can write
// to the very database the server reads (as psql or an importer would) — also the embedded PGlite, which other
// processes reach through its pglite-socket. Run with `node --import tsx` (see server.mjs).
import { loadSettings, listen, prepare } from '@safety-atlas/api';

const log = (msg) => console.log(`[safety-atlas] ${msg}`);
try {
  const deps = await prepare(loadSettings(), log);
  const running = await listen(deps);
  console.log(`[safety-atlas] database: ${deps.db.url}`);
  log(`安全生产一张图 SafetyAtlas is running: ${running.url}/  (API ${running.url}/api/health)`);
  const stop = async () => { await running.close(); process.exit(0); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  console.error(`[safety-atlas] cannot start: ${err?.message ?? err}`);
  process.exit(1);
}
