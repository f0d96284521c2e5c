import { describe, expect, it } from 'vitest';
import { parseChange, subscribeStream } from './stream.ts';

/** A stand-in EventSource: the test dispatches server events by name. */
class FakeSource {
  static last: FakeSource;
  listeners = new Map<string, ((e: { data: string }) => void)[]>();
  closed = false;
  constructor(public url: string) { FakeSource.last = this; }
  addEventListener(type: string, fn: (e: { data: string }) => void) { this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]); }
  close() { this.closed = true; }
  emit(type: string, data = '{}') { for (const fn of this.listeners.get(type) ?? []) fn({ data }); }
}

describe('change events of /api/stream', () => {
  it('parses collection, ids and bbox, and rejects what is not a change', () => {
    expect(parseChange('{"collection":"enterprises","ids":[3,7],"bbox":[121.4,31.2,121.5,31.3]}'))
      .toEqual({ collection: 'enterprises', ids: [3, 7], bbox: [121.4, 31.2, 121.5, 31.3] });
    // a bulk change names no ids; a malformed bbox is left out, not passed on
    expect(parseChange('{"collection":"roads","bbox":[1,2,3]}')).toEqual({ collection: 'roads' });
    expect(parseChange('{"ids":[1]}')).toBeNull();
    expect(parseChange('not json')).toBeNull();
  });

  it('hands changes over, resyncs only after a reconnection, and closes', () => {
    const seen: string[] = [];
    const stop = subscribeStream({
      change: (c) => seen.push(`change ${c.collection} ${c.ids?.join(',')}`),
      resync: () => seen.push('resync'),
      status: (up) => seen.push(up ? 'up' : 'down'),
    }, { origin: 'http://127.0.0.1:1', eventSource: FakeSource as unknown as typeof EventSource });
    const src = FakeSource.last;
    expect(src.url).toBe('http://127.0.0.1:1/api/stream');
    src.emit('hello');
    src.emit('change', '{"collection":"gas_pipelines","ids":[12]}');
    src.emit('change', '{"bogus":true}');
    src.emit('error');
    src.emit('hello');
    expect(seen).toEqual(['up', 'change gas_pipelines 12', 'down', 'up', 'resync']);
    stop();
    expect(src.closed).toBe(true);
  });
});
