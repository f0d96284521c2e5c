import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../context.ts';
import type { AppEvent } from '../events.ts';
import { readAccess } from '../auth/middleware.ts';

/**
 * GET /api/stream — Server-Sent Events: positions, alerts and data changes. A read like any other (PUBLIC_READ);
 * browsers pass the token as ?access_token= because EventSource cannot set an Authorization header.
 */
export const streamRoutes = new Hono<AppEnv>().get('/api/stream', readAccess, (c) => {
  const events = c.var.deps.events;
  return streamSSE(c, async (stream) => {
    const queue: AppEvent[] = [];
    let wake: (() => void) | null = null;
    const unsubscribe = events.subscribe((e) => { queue.push(e); wake?.(); });
    stream.onAbort(() => { unsubscribe(); wake?.(); });
    await stream.writeSSE({ event: 'hello', data: JSON.stringify({ time: new Date().toISOString() }) });
    while (!stream.aborted) {
      if (!queue.length) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => { wake = resolve; timer = setTimeout(resolve, 15000); });
        clearTimeout(timer); // a pending keep-alive timer would hold the process open after the client left
        wake = null;
        if (!queue.length && !stream.aborted) { await stream.writeSSE({ event: 'ping', data: '{}' }); continue; }
      }
      const e = queue.shift();
      if (e) await stream.writeSSE({ event: e.type, data: JSON.stringify(e.data) });
    }
    unsubscribe();
  });
});
