import type pg from 'pg';

/** Runs fn on one connection inside BEGIN … COMMIT; any error rolls everything back, so nothing is half-written. */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Records an edit in audit_log (who, what, before/after) — call it inside the edit's transaction. */
export async function writeAudit(db: { query(text: string, values?: unknown[]): Promise<unknown> }, entry: {
  username: string; action: 'insert' | 'update' | 'delete'; collection: string; featureId: number;
  before: unknown; after: unknown;
}): Promise<void> {
  await db.query(`INSERT INTO audit_log (username, action, collection, feature_id, before, after)
    VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)`,
  [entry.username, entry.action, entry.collection, entry.featureId,
    entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before), JSON.stringify(entry.after)]);
}
