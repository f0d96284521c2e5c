// End-to-end: the map client in Debian's Chromium against the real API and database.
// Run: pnpm --filter @safety-atlas/tests e2e   (see tests/e2e/README.md)
import * as lib from './lib/mapPage.mjs';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildWebClient, repoRoot, startServer } from './lib/server.mjs';
import { launchBrowser, watchedPage } from './lib/browser.mjs';
import { bbox, chooseFeature, kindOf, probePoint } from './lib/geometry.mjs';

const artifacts = path.join(repoRoot, 'tests/artifacts');
mkdirSync(artifacts, { recursive: true });

/**
 * Every layer the map must draw and let the user toggle, with one zh-CN field label its feature panel must show.
 * (The names are the collections of architecture.md §3.)
 */
const mapLayers = {
  districts: '行政区划代码',
  roads: '道路等级',
  chemical_parks: '安全风险等级',
  enterprises: '统一社会信用代码',
  hazard_sources: '重大危险源级别',
  hidden_dangers: '隐患级别',
  gas_pipelines: '压力级制',
  pipeline_occupations: '状态',
  railways: '类别',
  rail_crossings: '有人看守',
  restricted_zones: '限行规则',
  emergency_resources: '类别',
  protected_targets: '敏感程度',
};

let server, browser, page, consoleErrors, offMachine, apiLayers;
const geojson = new Map();

async function getJson(p) {
  const res = await fetch(server.url + p);
  assert.equal(res.status, 200, `${p} → ${res.status}`);
  return res.json();
}

const waitIdle = (extra) => lib.waitIdle(page, extra);
const jumpTo = (center, zoom) => lib.jumpTo(page, center, zoom);
const readPixels = (xy, r) => lib.readPixels(page, xy, r);
const { changedPixels } = lib;

async function setLayerVisible(id, visible) {
  const box = page.getByTestId(`layer-toggle-${id}`);
  if ((await box.isChecked()) !== visible) await box.click();
  await waitIdle(`window.__atlas.layers[${JSON.stringify(id)}].visible === ${visible}`);
}



/** Ids of the layer's rendered features within 4 px of a container point. */
async function renderedIds(id, xy) {
  return page.evaluate(([id, x, y]) => {
    const map = window.__atlas.map;
    const layers = map.getStyle().layers.map((l) => l.id).filter((l) => l.startsWith(`${id}/`));
    return map.queryRenderedFeatures([[x - 4, y - 4], [x + 4, y + 4]], { layers }).map((f) => f.id ?? f.properties.id);
  }, [id, xy.x, xy.y]);
}

async function mapOffset() {
  const box = await page.getByTestId('map').boundingBox();
  return { left: box.x, top: box.y };
}

/** The name the panel must show (zh-CN): name, else title, else the feature id. */
const expectedName = (props) => props.name || props.title || `#${props.id}`;

describe('map client (安全生产一张图)', () => {
  before(async () => {
    if (!process.env.E2E_SKIP_BUILD) buildWebClient();
    server = await startServer();
    apiLayers = await getJson('/api/layers');
    browser = await launchBrowser();
    ({ page, consoleErrors, offMachine } = await watchedPage(browser));
    await page.goto(server.url + '/');
    await page.waitForFunction('window.__atlas && window.__atlas.mapLoaded && window.__atlas.loaded', null, { timeout: 60_000 });
    await waitIdle();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows Shanghai with the header, every layer with its API count, and empty states', async () => {
    assert.match(await page.locator('header h1').innerText(), /安全生产一张图\s*SafetyAtlas/);
    const center = await page.evaluate(() => window.__atlas.map.getCenter().toArray());
    assert.ok(center[0] > 121.2 && center[0] < 121.8 && center[1] > 30.9 && center[1] < 31.5, `centre ${center} is not Shanghai`);
    const zoom = await page.evaluate(() => window.__atlas.map.getZoom());
    assert.ok(zoom > 7 && zoom < 11, `zoom ${zoom} does not show the whole city`);

    for (const id of Object.keys(mapLayers)) {
      const info = apiLayers.find((l) => l.id === id);
      assert.ok(info, `GET /api/layers has no ${id}`);
      const row = page.getByTestId(`layer-row-${id}`);
      assert.ok(await row.isVisible(), `layer list has no row for ${id}`);
      assert.match(await row.innerText(), new RegExp(info.title), `${id} row shows its zh-CN title`);
      assert.equal((await page.getByTestId(`layer-count-${id}`).innerText()).replace(/,/g, ''), String(info.count), `${id} count`);
      assert.equal(await page.evaluate((i) => window.__atlas.layers[i].featureCount, id), info.count, `${id}: features on the map`);
      assert.equal(await page.getByTestId(`layer-empty-${id}`).count(), info.count === 0 ? 1 : 0, `${id}: empty state iff no features`);
    }
    await page.screenshot({ path: path.join(artifacts, 'map.png') });
  });

  it('draws the base map water (GET /api/basemap) in blue under the layers, and the Outer Ring outline', async () => {
    const base = await getJson('/api/basemap');
    const water = base.features.find((f) => f.properties.layer === 'basemap' && ['water', 'river'].includes(f.properties.kind)
      && kindOf(f.geometry) === 'polygon');
    assert.ok(water, 'the base map has a water polygon');
    const p = probePoint(water.geometry);
    const [[x0, y0], [x1, y1]] = bbox(water.geometry);
    const zoom = await page.evaluate((b) => window.__atlas.map.cameraForBounds(b).zoom, [[x0, y0], [x1, y1]]);
    for (const id of Object.keys(mapLayers)) await setLayerVisible(id, false);
    await jumpTo(p, Math.min(zoom, 14));
    const xy = await page.evaluate((c) => window.__atlas.map.project(c), p);
    const [r, g, b] = await readPixels(xy, 0);
    assert.ok(b > r + 20 && b > g, `water at ${p} is blue (rgb ${r},${g},${b})`);

    // the Outer Ring Road area: its outline is drawn (a dashed line) and the base-map legend names it
    const ring = base.features.find((f) => f.properties.layer === 'planning_area' && f.properties.kind === 'outer_ring_inside');
    assert.ok(ring, 'GET /api/basemap has the outer_ring_inside planning area');
    const outer = ring.geometry.type === 'MultiPolygon' ? ring.geometry.coordinates[0][0] : ring.geometry.coordinates[0];
    const vertex = outer[Math.floor(outer.length / 3)];
    const next = outer[Math.floor(outer.length / 3) + 1];
    const onRing = [(vertex[0] + next[0]) / 2, (vertex[1] + next[1]) / 2];
    await jumpTo(onRing, 12);
    const ringHits = await page.evaluate((c) => {
      const map = window.__atlas.map;
      const { x, y } = map.project(c);
      return map.queryRenderedFeatures([[x - 3, y - 3], [x + 3, y + 3]], { layers: ['basemap_features/outer-ring'] }).length;
    }, onRing);
    assert.ok(ringHits > 0, `the Outer Ring outline is drawn at ${onRing}`);
    assert.match(await page.getByTestId('base-legend').innerText(), /外环线以内/);
    for (const id of Object.keys(mapLayers)) await setLayerVisible(id, true);
  });

  describe('each layer draws, opens its feature panel and toggles off', () => {
    before(async () => {
      for (const id of Object.keys(mapLayers)) await setLayerVisible(id, false);
    });
    after(async () => {
      for (const id of Object.keys(mapLayers)) await setLayerVisible(id, true);
    });

    for (const [id, label] of Object.entries(mapLayers)) {
      it(id, async (t) => {
        const info = apiLayers.find((l) => l.id === id);
        if (!info || info.count === 0) { t.skip(`${id} has no features in this database`); return; }
        const fc = await getJson(`/api/layers/${id}/geojson`);
        geojson.set(id, fc);
        assert.equal(fc.features.length, info.count);
        const feature = chooseFeature(fc.features);
        assert.ok(feature, `${id}: no feature with a geometry`);
        const probe = probePoint(feature.geometry);
        let zoom = 16;
        if (kindOf(feature.geometry) === 'polygon') {
          const [[x0, y0], [x1, y1]] = bbox(feature.geometry);
          zoom = await page.evaluate((b) => window.__atlas.map.cameraForBounds(b, { padding: 80 }).zoom, [[x0, y0], [x1, y1]]);
          zoom = Math.max(6, Math.min(16, zoom));
        }

        await setLayerVisible(id, true);
        await jumpTo(probe, zoom);
        const xy = await page.evaluate((c) => window.__atlas.map.project(c), probe);
        const radius = kindOf(feature.geometry) === 'polygon' ? 10 : 5;
        const on = await readPixels(xy, radius);
        const ids = await renderedIds(id, xy);
        assert.ok(ids.includes(feature.id), `${id} #${feature.id} is rendered at ${probe} (found ${ids})`);

        // click it: the side panel shows the feature's name and zh-CN field labels
        const offset = await mapOffset();
        await page.mouse.click(offset.left + xy.x, offset.top + xy.y);
        const panel = page.locator('[data-testid=feature-panel][data-state=open]');
        await panel.waitFor({ timeout: 10_000 });
        assert.equal(await panel.getAttribute('data-collection'), id);
        const clickedId = Number(await panel.getAttribute('data-feature-id'));
        assert.ok(ids.includes(clickedId), `clicked a rendered ${id} feature (${clickedId} in ${ids})`);
        const clicked = fc.features.find((f) => f.id === clickedId);
        assert.equal(await page.getByTestId('feature-name').innerText(), expectedName(clicked.properties));
        assert.equal(await page.getByTestId('feature-layer').innerText(), info.title);
        const labels = await panel.locator('dt').allInnerTexts();
        assert.ok(labels.includes(label), `${id} panel labels ${labels} include ${label}`);
        const last = await page.evaluate(() => window.__atlas.clicked.at(-1));
        assert.deepEqual({ layer: last.layer, id: last.id }, { layer: id, id: clickedId });
        await page.screenshot({ path: path.join(artifacts, `layer-${id}.png`) });
        await page.getByRole('button', { name: '关闭' }).click();
        await page.locator('[data-testid=feature-panel][data-state=empty]').waitFor();
        await waitIdle();

        // toggled off, it is gone: nothing rendered there, and the pixels change
        await setLayerVisible(id, false);
        assert.deepEqual(await renderedIds(id, xy), [], `${id} still rendered after toggling off`);
        const off = await readPixels(xy, radius);
        const changed = changedPixels(on, off);
        assert.ok(changed >= 3, `${id} drew nothing at ${probe}: only ${changed} pixels differ with the layer on and off`);
      });
    }
  });

  it('switches the language to English and back', async () => {
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.match(await page.locator('header h1').innerText(), /SafetyAtlas/);
    const enterprises = apiLayers.find((l) => l.id === 'enterprises');
    assert.match(await page.getByTestId('layer-row-enterprises').innerText(), new RegExp(enterprises.titleEn));
    assert.match(await page.getByTestId('layer-panel').innerText(), /Layers/);
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    assert.match(await page.locator('header h1').innerText(), /安全生产一张图/);
  });

  it('shows a feature panel over the full map (screenshot)', async () => {
    await page.evaluate(() => { window.__atlas.idle = false; window.__atlas.map.fitBounds([[120.85, 30.66], [122.05, 31.88]], { animate: false, padding: 24 }); });
    await waitIdle();
    const pick = ['hazard_sources', 'enterprises', 'chemical_parks', 'districts'].find((id) => apiLayers.find((l) => l.id === id)?.count > 0);
    if (pick) {
      const fc = geojson.get(pick) ?? await getJson(`/api/layers/${pick}/geojson`);
      const p = probePoint(chooseFeature(fc.features).geometry);
      await jumpTo(p, 13);
      const xy = await page.evaluate((c) => window.__atlas.map.project(c), p);
      const offset = await mapOffset();
      await page.mouse.click(offset.left + xy.x, offset.top + xy.y);
      await page.locator('[data-testid=feature-panel][data-state=open]').waitFor({ timeout: 10_000 });
      await waitIdle();
    }
    await page.screenshot({ path: path.join(artifacts, 'feature-panel.png') });
  });

  it('asks for a sign-in when reads need a token, then loads the map with it', async () => {
    // The server here has PUBLIC_READ=true; answer layer reads without a token with the API's 401 (as a server
    // with PUBLIC_READ=false does), so the client's sign-in path runs against the real /api/auth/login.
    const { page: p2, consoleErrors: errors2 } = await watchedPage(browser);
    const seen = [];
    const tilesSeen = [];
    // vector tiles too (a tile refused before signing in must load once signed in)
    await p2.route(/\/tiles\//, (route) => {
      const auth = route.request().headers().authorization;
      tilesSeen.push(Boolean(auth));
      if (auth) return route.continue();
      return route.fulfill({ status: 401, contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'unauthorized', message: '需要登录' } }) });
    });
    await p2.route(/\/api\/layers(\/|$)/, (route) => {
      const auth = route.request().headers().authorization;
      seen.push(Boolean(auth));
      if (auth) return route.continue();
      return route.fulfill({ status: 401, contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'unauthorized', message: '需要登录' } }) });
    });
    await p2.goto(server.url + '/');
    const form = p2.getByTestId('login-panel');
    await form.waitFor({ timeout: 30_000 });
    await form.getByLabel('用户名').fill('viewer');
    await form.getByLabel('密码').fill('wrong');
    await form.getByRole('button', { name: '登录' }).click();
    await form.getByRole('alert').waitFor();
    assert.match(await form.getByRole('alert').innerText(), /登录失败/);
    await form.getByLabel('密码').fill('demo');
    await form.getByRole('button', { name: '登录' }).click();
    await p2.waitForFunction('window.__atlas && window.__atlas.loaded', null, { timeout: 60_000 });
    assert.equal(await form.count(), 0, 'the sign-in form is gone');
    assert.match(await p2.locator('header').innerText(), /viewer/);
    assert.equal(seen[0], false, 'the first layer request had no token');
    assert.ok(seen.length > 1 && seen.slice(1).every(Boolean), 'every layer request after signing in carried the token');
    // the tiled layers (roads …) are drawn once signed in, though their first tiles were refused
    await p2.waitForFunction(() => window.__atlas.map.queryRenderedFeatures({ layers: ['roads/z0'] }).length > 0, null, { timeout: 30_000 });
    assert.ok(tilesSeen.some(Boolean), 'tile requests after signing in carried the token');
    assert.deepEqual(errors2.filter((e) => !/401 \(Unauthorized\)/.test(e)), [], 'no console error but the refused requests');
    await p2.close();
  });

  it('logged no console error and made no request off the machine', () => {
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(offMachine, []);
  });
});
