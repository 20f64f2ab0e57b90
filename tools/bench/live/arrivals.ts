import { performance } from 'node:perf_hooks';
import { OrchClient } from '@orch/client';
import { io, type Socket } from 'socket.io-client';
import { LIVE_BENCH } from './bench-config';

/** When each client saw each message, by a key (a position, or a tick id). */
export class Arrivals {
  private readonly byKey = new Map<number, number[]>();

  record(key: number): void {
    const list = this.byKey.get(key);
    const now = performance.now();
    if (list) list.push(now);
    else this.byKey.set(key, [now]);
  }

  count(key: number): number {
    return this.byKey.get(key)?.length ?? 0;
  }

  /** Every arrival's delay after its key was sent; keys never sent are ignored. */
  latencies(sentAt: ReadonlyMap<number, number>): number[] {
    const out: number[] = [];
    for (const [key, times] of this.byKey) {
      const sent = sentAt.get(key);
      if (sent !== undefined) for (const time of times) out.push(time - sent);
    }
    return out;
  }

  /** Per key: the delay until the last client had it (fan-out completion). */
  lastArrivals(sentAt: ReadonlyMap<number, number>, expected: number): number[] {
    const out: number[] = [];
    for (const [key, sent] of sentAt) {
      const times = this.byKey.get(key) ?? [];
      if (times.length >= expected) out.push(Math.max(...times) - sent);
    }
    return out;
  }
}

export interface Fleet {
  readonly events: Arrivals;
  readonly changes: Arrivals;
  close(): void;
}

export type BenchRoom = 'events' | 'sessions';

/** `count` SDK connections to the gateway, each in every one of `rooms`, live from now. */
export async function orchestratorClients(origin: string, apiKey: string, count: number, rooms: readonly BenchRoom[] = ['events', 'sessions']): Promise<Fleet> {
  const events = new Arrivals();
  const changes = new Arrivals();
  const connections: ReturnType<OrchClient['live']>[] = [];
  const client = new OrchClient({ baseUrl: origin, apiKey });
  for (let start = 0; start < count; start += LIVE_BENCH.connectBatch) {
    const batch = Array.from({ length: Math.min(LIVE_BENCH.connectBatch, count - start) }, async () => {
      const connection = client.live({ socket: { reconnection: false } });
      connections.push(connection);
      await connection.connected();
      const subscriptions = rooms.map((room) =>
        room === 'events'
          ? connection.subscribe('events', (message) => events.record(message.position))
          : connection.subscribe('sessions', (message) => changes.record(message.position)),
      );
      await Promise.all(subscriptions.map((subscription) => subscription.ready));
    });
    await Promise.all(batch);
  }
  return { events, changes, close: () => connections.forEach((connection) => connection.close()) };
}

/** `count` plain socket.io clients of the bare baseline server. */
export async function bareClients(origin: string, count: number): Promise<{ ticks: Arrivals; close(): void }> {
  const ticks = new Arrivals();
  const sockets: Socket[] = [];
  for (let start = 0; start < count; start += LIVE_BENCH.connectBatch) {
    const batch = Array.from({ length: Math.min(LIVE_BENCH.connectBatch, count - start) }, async () => {
      const socket = io(`${origin}/live`, { transports: ['websocket'], reconnection: false });
      sockets.push(socket);
      socket.on('tick', (message: { id: number }) => ticks.record(message.id));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
    });
    await Promise.all(batch);
  }
  return { ticks, close: () => sockets.forEach((socket) => socket.close()) };
}
