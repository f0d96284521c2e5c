// End-to-end: the map follows the database live. Rows are written by a SEPARATE `pg` client (as psql or an importer
// would, not through the API); without reloading the page, the map must draw them at their new place within seconds:
// tiled layers reload their tiles, GeoJSON layers refetch, the layer counts follow (issue 4).
// Run: pnpm --filter @safety-atlas/tests e2e   (see tests/e2e/README.md)
import * as lib from './lib/mapPage.mjs';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildWebClient, repoRoot, startServer } from './lib/server.mjs';
import { launchBrowser, watchedPage } from './lib/browser.mjs';
import { connectDatabase } from './lib/db.mjs';
import { chooseFeature, distanceM } from './lib/geometry.mjs';

const artifacts = path.join(repoRoot, 'tests/artifacts');
mkdirSync(artifacts, { recursive: true });

/** How long the map may take to show a database change (the brief: about a second; CI machines are slow). */
const LIVE_TIMEOUT_MS = 5_000;

let server, browser, page, consoleErrors, offMachine, db;

async function getJson(p) {
  const res = await fetch(server.url + p);
  assert.equal(res.status, 200, `${p} → ${res.status}`);
  return res.json();
}


const waitIdle = () => lib.waitIdle(page);
const jumpTo = (center, zoom) => lib.jumpTo(page, center, zoom);
const readPixelsAt = (lonLat, r) => lib.readPixels(page, lonLat, r);
const { changedPixels } = lib;

/** Ids of a layer's features rendered within 4 px of a lon/lat. */
async function renderedIdsAt(layer, lonLat) {
  return page.evaluate(([layer, lonLat]) => {
    const map = window.__atlas.map;
    const { x, y } = map.project(lonLat);
    const layers = map.getStyle().layers.map((l) => l.id).filter((l) => l.startsWith(`${layer}/`));
    return map.queryRenderedFeatures([[x - 4, y - 4], [x + 4, y + 4]], { layers }).map((f) => f.id ?? f.properties.id);
  }, [layer, lonLat]);
}

/**
 * Waits until feature `id` of `layer` is drawn at `at` and not at `gone` (either may be null); resolves to the
 * milliseconds it took from `since`.
 */
async function waitDrawn(layer, id, { at = null, gone = null, since }) {
  await page.waitForFunction(([layer, id, at, gone]) => {
    const map = window.__atlas.map;
    const layers = map.getStyle().layers.map((l) => l.id).filter((l) => l.startsWith(`${layer}/`));
    const ids = (p) => {
      const { x, y } = map.project(p);
      return map.queryRenderedFeatures([[x - 4, y - 4], [x + 4, y + 4]], { layers }).map((f) => f.id ?? f.properties.id);
    };
    return (!at || ids(at).includes(id)) && (!gone || !ids(gone).includes(id));
  }, [layer, id, at, gone], { timeout: LIVE_TIMEOUT_MS, polling: 50 });
  return Date.now() - since;
}



/** The lon/lat `dx`, `dy` screen pixels away from `lonLat` at the current camera. */
async function offsetLonLat(lonLat, dx, dy) {
  return page.evaluate(([p, dx, dy]) => {
    const map = window.__atlas.map;
    const { x, y } = map.project(p);
    const q = map.unproject([x + dx, y + dy]);
    return [Math.round(q.lng * 1e7) / 1e7, Math.round(q.lat * 1e7) / 1e7];
  }, [lonLat, dx, dy]);
}

const layerCount = async (id) => Number((await page.getByTestId(`layer-count-${id}`).innerText()).replace(/,/g, ''));

describe('live map (changes made in the database show without a reload)', () => {
  before(async () => {
    if (!process.env.E2E_SKIP_BUILD) buildWebClient();
    server = await startServer({ withDatabase: true });
    if (!server.databaseUrl) throw new Error('ATLAS_URL is set without DATABASE_URL: the live test must write to the server\'s database');
    db = await connectDatabase(server.databaseUrl);
    browser = await launchBrowser();
    ({ page, consoleErrors, offMachine } = await watchedPage(browser));
    await page.goto(server.url + '/');
    await page.waitForFunction('window.__atlas && window.__atlas.mapLoaded && window.__atlas.loaded && window.__atlas.streamConnected',
      null, { timeout: 60_000 });
    await waitIdle();
  });

  after(async () => {
    await db?.end();
    await browser?.close();
    await server?.stop();
  });

  it('moves an enterprise (vector tiles) when another client updates its point', async () => {
    const fc = await getJson('/api/layers/enterprises/geojson');
    const feature = chooseFeature(fc.features);
    const id = feature.id;
    const from = feature.geometry.coordinates;
    await jumpTo(from, 15);
    // 240 px east, 40 px south: at zoom 15 and 31°N a pixel is 78,271.5 m × cos 31° / 2^15 ≈ 2.05 m (512 px tiles),
    // so the point moves √(240² + 40²) × 2.05 ≈ 499 m — in view, and free of enterprises (checked below)
    const to = await offsetLonLat(from, 240, 40);
    const movedM = distanceM(from, to);
    assert.ok(movedM > 450 && movedM < 550, `moved ${movedM} m`);
    assert.deepEqual(await renderedIdsAt('enterprises', to), [], 'no enterprise drawn at the new place yet');
    assert.ok((await renderedIdsAt('enterprises', from)).includes(id), `enterprise #${id} drawn at ${from} before the change`);
    const pixelsBefore = await readPixelsAt(to, 5);
    const oldPixelsBefore = await readPixelsAt(from, 5);
    await page.screenshot({ path: path.join(artifacts, 'live-before.png') });

    const t0 = Date.now();
    await db.query('UPDATE enterprises SET geom = ST_SetSRID(ST_MakePoint($2, $3), 4326), updated_at = now() WHERE id = $1', [id, to[0], to[1]]);
    try {
      const ms = await waitDrawn('enterprises', id, { at: to, gone: from, since: t0 });
      console.log(`# enterprise #${id} redrawn at its new place ${ms} ms after the UPDATE`);
      await waitIdle();
      assert.ok(changedPixels(pixelsBefore, await readPixelsAt(to, 5)) >= 3, 'pixels at the new place changed');
      assert.ok(changedPixels(oldPixelsBefore, await readPixelsAt(from, 5)) >= 3, 'pixels at the old place changed');
      const applied = await page.evaluate(() => window.__atlas.changes.filter((c) => c.collection === 'enterprises'));
      assert.ok(applied.some((c) => c.ids?.includes(id)), 'the map applied a `change` event naming the enterprise');

      // the side panel of the moved point: the full feature through OGC API Features
      const box = await page.getByTestId('map').boundingBox();
      const xy = await page.evaluate((c) => window.__atlas.map.project(c), to);
      await page.mouse.click(box.x + xy.x, box.y + xy.y);
      const panel = page.locator('[data-testid=feature-panel][data-state=open]');
      await panel.waitFor({ timeout: 10_000 });
      assert.equal(await panel.getAttribute('data-collection'), 'enterprises');
      assert.equal(Number(await panel.getAttribute('data-feature-id')), id);
      assert.equal(await page.getByTestId('feature-name').innerText(), feature.properties.name);
      await waitIdle();
      await page.screenshot({ path: path.join(artifacts, 'live-after.png') });
      await page.getByRole('button', { name: '关闭' }).click();
    } finally {
      await db.query('UPDATE enterprises SET geom = ST_SetSRID(ST_MakePoint($2, $3), 4326) WHERE id = $1', [id, from[0], from[1]]);
    }
    await waitDrawn('enterprises', id, { at: from, gone: to, since: Date.now() });
  });

  it('draws a protected target another client inserts, counts it, and removes it when deleted', async () => {
    const before = await layerCount('protected_targets');
    const fc = await getJson('/api/layers/enterprises/geojson');
    const anchor = chooseFeature(fc.features).geometry.coordinates;
    await jumpTo(anchor, 15);
    const at = await offsetLonLat(anchor, -200, -120);
    assert.deepEqual(await renderedIdsAt('protected_targets', at), [], 'nothing drawn there yet');

    const t0 = Date.now();
    const { rows } = await db.query(`INSERT INTO protected_targets (name, kind, sensitivity, population, geom)
      VALUES ('e2e 实时测试小学', 'school', 'high', 800, ST_SetSRID(ST_MakePoint($1, $2), 4326)) RETURNING id`, at);
    const id = rows[0].id;
    try {
      const ms = await waitDrawn('protected_targets', id, { at, since: t0 });
      console.log(`# protected target #${id} drawn ${ms} ms after the INSERT`);
      await page.waitForFunction(([n]) => document.querySelector('[data-testid=layer-count-protected_targets]')?.textContent?.replace(/,/g, '') === String(n),
        [before + 1], { timeout: LIVE_TIMEOUT_MS });
    } finally {
      await db.query('DELETE FROM protected_targets WHERE id = $1', [id]);
    }
    await waitDrawn('protected_targets', id, { gone: at, since: Date.now() });
    await page.waitForFunction(([n]) => document.querySelector('[data-testid=layer-count-protected_targets]')?.textContent?.replace(/,/g, '') === String(n),
      [before], { timeout: LIVE_TIMEOUT_MS });
  });

  it('refetches a GeoJSON layer (level crossings) when another client moves one', async () => {
    const fc = await getJson('/api/layers/rail_crossings/geojson');
    const feature = chooseFeature(fc.features);
    const id = feature.id;
    const from = feature.geometry.coordinates;
    await jumpTo(from, 15);
    const to = await offsetLonLat(from, -220, 60);
    assert.ok((await renderedIdsAt('rail_crossings', from)).includes(id), `crossing #${id} drawn before the change`);
    const t0 = Date.now();
    await db.query('UPDATE rail_crossings SET geom = ST_SetSRID(ST_MakePoint($2, $3), 4326) WHERE id = $1', [id, to[0], to[1]]);
    try {
      const ms = await waitDrawn('rail_crossings', id, { at: to, gone: from, since: t0 });
      console.log(`# level crossing #${id} redrawn ${ms} ms after the UPDATE`);
    } finally {
      await db.query('UPDATE rail_crossings SET geom = ST_SetSRID(ST_MakePoint($2, $3), 4326) WHERE id = $1', [id, from[0], from[1]]);
    }
    await waitDrawn('rail_crossings', id, { at: from, gone: to, since: Date.now() });
  });

  it('logged no console error and made no request off the machine', () => {
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(offMachine, []);
  });
});
