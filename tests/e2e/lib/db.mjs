// A `pg` client beside the server, writing rows as psql or an importer would (not through the API).
import pg from 'pg';

/** Connects to `url` (the e2e server's database); `end()` when done. */
export async function connectDatabase(url) {
  const client = new pg.Client({ connectionString: url, application_name: 'safety-atlas e2e' });
  await client.connect();
  return client;
}
