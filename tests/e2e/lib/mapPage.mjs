// Helpers every map test needs, on a page that exposes `window.__atlas` (web/src/map/testHooks.ts).

/** Waits until MapLibre has rendered everything (after `__atlas.idle` was reset by the action) and `extra` holds. */
export async function waitIdle(page, extra = 'true') {
  await page.waitForFunction(`window.__atlas && window.__atlas.idle && window.__atlas.map.loaded() && !window.__atlas.map.isMoving() && (${extra})`,
    null, { timeout: 30_000, polling: 50 });
}

/** Moves the camera (no animation) and waits for the map to settle. */
export async function jumpTo(page, center, zoom) {
  await page.evaluate(([c, z]) => { window.__atlas.idle = false; window.__atlas.map.jumpTo({ center: c, zoom: z }); }, [center, zoom]);
  await waitIdle(page);
}

/** RGBA of the map canvas in a (2r+1)² window around a map-container pixel, or around a [lon, lat]. */
export async function readPixels(page, at, r) {
  return page.evaluate(([at, r]) => {
    const src = window.__atlas.map.getCanvas();
    const { x, y } = Array.isArray(at) ? window.__atlas.map.project(at) : at;
    const dpr = src.width / src.clientWidth;
    const c = document.createElement('canvas');
    c.width = src.width; c.height = src.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(src, 0, 0);
    const size = Math.round((2 * r + 1) * dpr);
    return Array.from(ctx.getImageData(Math.round((x - r) * dpr), Math.round((y - r) * dpr), size, size).data);
  }, [at, r]);
}

/** Pixels whose colour changed by more than 24 in some channel. */
export function changedPixels(a, b) {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) {
    if (Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2])) > 24) n++;
  }
  return n;
}
