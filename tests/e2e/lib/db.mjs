// A `pg` client beside the server, writing rows as psql or an importer would (not through the API).
// `pg` is resolved from the API package (the tests package reaches it through its @safety-atlas/api dependency).
import { createRequire } from 'node:module';

const requireFromApi = createRequire(new URL('../../../api/package.json', import.meta.url));
const pg = requireFromApi('pg');

/** Connects to `url` (the e2e server's database); `end()` when done. */
export async function connectDatabase(url) {
  const client = new pg.Client({ connectionString: url, application_name: 'safety-atlas e2e' });
  await client.connect();
  return client;
}
