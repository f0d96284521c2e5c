import type { AppDeps } from '../context.ts';
import { changeFeed, type ChangeNotice } from '../changes/feed.ts';
import { EXPOSURE_RADIUS_M, recomputeHazardSources } from './recompute.ts';

/** Changes arriving within this window are regraded together (a bulk import is one recompute, not thousands). */
const DEBOUNCE_MS = 150;

/**
 * GB 18218-2018 §4.3: α depends on the people within 500 m of the plant boundary, so a hazard source's grade must be
 * recomputed when the population around it changes — a protected target added, moved, removed or re-counted, or
 * the enterprise (part of the zone) moved — whoever made the change (API, importer or psql). Listens on the change
 * feed and regrades exactly the sources within 500 m of the old and new extents of the changed rows.
 */
export function watchExposure(deps: AppDeps, log: (msg: string) => void = (m) => console.error(`[safety-atlas] ${m}`)): () => void {
  let boxes: [number, number, number, number][] = [];
  let enterpriseIds = new Set<number>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  const flush = () => {
    timer = null;
    const b = boxes; const e = [...enterpriseIds];
    boxes = []; enterpriseIds = new Set();
    running = running.then(() => regrade(b, e)).catch((err) => log(`exposure regrade failed: ${(err as Error).message}`));
  };

  const regrade = async (b: [number, number, number, number][], e: number[]) => {
    // the 500 m zone is around the source and its enterprise (recompute.ts), so either may be near the change
    const { rows } = await deps.db.pool.query<{ id: number }>(`
      WITH x AS (SELECT ST_SetSRID(ST_Envelope(ST_Collect(ST_MakePoint(w, s), ST_MakePoint(e, n))), 4326)::geography AS g
                   FROM unnest($1::float8[], $2::float8[], $3::float8[], $4::float8[]) AS b(w, s, e, n))
      SELECT hs.id FROM x JOIN hazard_sources hs ON ST_DWithin(hs.geom::geography, x.g, $5)      -- geography index
      UNION
      SELECT hs.id FROM x JOIN enterprises en ON ST_DWithin(en.geom::geography, x.g, $5)            -- geography index
                          JOIN hazard_sources hs ON hs.enterprise_id = en.id
      UNION
      SELECT id FROM hazard_sources WHERE enterprise_id = ANY($6::int[])`,
      [b.map((x) => x[0]), b.map((x) => x[1]), b.map((x) => x[2]), b.map((x) => x[3]), EXPOSURE_RADIUS_M, e]);
    if (!rows.length) return;
    const res = await recomputeHazardSources(deps.db.pool, rows.map((r) => r.id));
    if (process.env.DEBUG) log(`GB 18218 regrade after population change: ${res.sources} source(s) near the change, ${res.updated} updated`);
  };

  const onChanges = (notices: ChangeNotice[]) => {
    for (const n of notices) {
      if (n.collection !== 'protected_targets' && n.collection !== 'enterprises') continue;
      for (const bb of [n.old, n.new]) if (bb) boxes.push(bb);
      if (n.collection === 'enterprises' && n.id !== null) enterpriseIds.add(n.id);
      timer ??= setTimeout(flush, DEBOUNCE_MS);
    }
  };

  const unsubscribe = changeFeed(deps).subscribe({ onChanges, onResync: () => {} });
  return () => { unsubscribe(); if (timer) clearTimeout(timer); };
}
