import { EventEmitter } from 'node:events';

export type AppEvent =
  | { type: 'position'; data: unknown }
  | { type: 'alert'; data: unknown }
  | { type: 'change'; data: { collection: string; ids?: number[]; bbox?: [number, number, number, number] } };

/** In-process event bus behind GET /api/stream (NATS can replace it when NATS_URL is set). */
export class EventBus {
  private emitter = new EventEmitter();
  constructor() { this.emitter.setMaxListeners(0); }
  publish(event: AppEvent): void { this.emitter.emit('event', event); }
  subscribe(fn: (event: AppEvent) => void): () => void {
    this.emitter.on('event', fn);
    return () => this.emitter.off('event', fn);
  }
}
