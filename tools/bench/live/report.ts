import { formatMs } from '../event-store/format';
import { percentiles } from '../event-store/stats';
import { cpus } from 'node:os';
import { textTable } from '../shared/text-table';
import type { CpuPerCommand } from './cpu-usage';
import type { LoopDelay } from './loop-delay';
import type { Arrivals } from './arrivals';
import type { PacedResult } from './paced-commands';

export type Row = readonly string[];

const TARGET_P99_MS = 100;
const baselineP99 = new Map<string, number>();
const ourP99 = new Map<string, number>();

export function latencyRows(run: string, load: PacedResult, rooms: readonly [string, Arrivals][], clients: number): Row[] {
  const trip = percentiles(load.roundTrips);
  return rooms.map(([room, arrivals]) => {
    const frames = percentiles(arrivals.latencies(load.sentAt));
    const expected = load.sentAt.size * clients;
    const received = arrivals.latencies(load.sentAt).length;
    if (run.includes('baseline')) baselineP99.set('latency', frames.p99);
    else ourP99.set(`${run}: ${room}`, frames.p99);
    const base = baselineP99.get('latency');
    return [
      run,
      room,
      load.achievedRate.toFixed(0) + (load.failures ? ` (${load.failures} failed)` : ''),
      formatMs(trip.p50),
      formatMs(trip.p99),
      formatMs(frames.p50),
      formatMs(frames.p99),
      formatMs(frames.max),
      `${received}/${expected}`,
      base && !run.includes('baseline') ? `${(frames.p99 / base).toFixed(1)}×` : '1.0×',
    ];
  });
}

export function fanOutRows(run: string, room: string, arrivals: Arrivals, sentAt: ReadonlyMap<number, number>, clients: number): Row {
  const frames = percentiles(arrivals.latencies(sentAt));
  const all = percentiles(arrivals.lastArrivals(sentAt, clients));
  const complete = arrivals.lastArrivals(sentAt, clients).length;
  return [run, room, formatMs(frames.p50), formatMs(frames.p99), formatMs(all.p50), formatMs(all.p99), `${complete}/${sentAt.size}`];
}

/** CPU ms per command by part, and what the whole costs of the machine's cores at `rate` commands/s. */
export function cpuRow(run: string, per: CpuPerCommand, rate: number): Row {
  const total = per.server + per.postgres + per.clients;
  const share = (total * rate) / (1000 * Math.max(1, cpus().length));
  return [run, formatMs(per.server), formatMs(per.postgres), formatMs(per.clients), formatMs(total), `${(share * 100).toFixed(0)}%`];
}

/** Event-loop delay of the server and of the clients' process during a latency run. */
export function loopDelayRow(run: string, server: LoopDelay, clients: LoopDelay): Row {
  return [run, formatMs(server.p50), formatMs(server.p99), formatMs(server.max), formatMs(clients.p50), formatMs(clients.p99), formatMs(clients.max)];
}

export function printTable(header: Row, rows: readonly Row[]): void {
  for (const line of textTable([header, ...rows])) console.log(line);
}

/** The target: p99 < 100 ms command → frame at 200 commands/s to 100 clients, in every run and room. */
export function verdict(rate: number, clients: number): string {
  const parts = [...ourP99].map(([room, p99]) => `${room} p99 ${formatMs(p99)}`);
  const met = ourP99.size > 0 && [...ourP99.values()].every((p99) => p99 < TARGET_P99_MS);
  const load = `${rate} commands/s, ${clients} clients`;
  if (rate !== 200 || clients !== 100) return `[NOT THE TARGET'S LOAD] p99 command → frame ${met ? '<' : '≥'} ${TARGET_P99_MS} ms at ${load} (${parts.join(', ')})`;
  return `[${met ? 'MET' : 'MISSED'}] p99 command → frame < ${TARGET_P99_MS} ms at ${load} (${parts.join(', ')})`;
}
