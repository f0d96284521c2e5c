import type pg from 'pg';

/** True once the sample city (or any city) has been loaded. */
export async function isSeeded(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM districts');
  return rows[0].n > 0;
}

/** Loads the sample Shanghai. (placeholder until the sample city lands) */
export async function seedSampleCity(pool: pg.Pool, log: (msg: string) => void = () => {}): Promise<void> {
  log('seed: nothing to load yet');
  void pool;
}
