import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/**
 * Event-loop delay over a stretch of a run, in ms: how late a timer fired (node's
 * monitorEventLoopDelay, sampled every RESOLUTION_MS, the same as the api's Prometheus metric).
 * Node records the whole interval between two samples, so an idle loop reads RESOLUTION_MS;
 * the figures here are what came on top of it.
 * Every callback the loop runs, a socket frame read or a database answer, waits about this long
 * on top of its own work.
 */
export interface LoopDelay {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** prom-client's default precision, which the api's `orch_process_nodejs_eventloop_lag_*` use. */
export const RESOLUTION_MS = 10;

/** Each read gives the delay since the previous one (or the start) and starts over. */
export interface LoopDelayMonitor {
  read(): LoopDelay;
  stop(): void;
}

/** An interval as node records it (ms) → the delay on top of the sampling interval. */
const lateBy = (intervalMs: number): number => (Number.isFinite(intervalMs) ? Math.max(0, intervalMs - RESOLUTION_MS) : 0);

function ofHistogram(histogram: IntervalHistogram): LoopDelay {
  const ms = (ns: number) => lateBy(ns / 1e6);
  return { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) };
}

/** This process's own loop (the bench's clients, or the bare server's). */
export function monitorOwnLoop(): LoopDelayMonitor {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  return {
    read() {
      const delay = ofHistogram(histogram);
      histogram.reset();
      return delay;
    },
    stop: () => histogram.disable(),
  };
}

/**
 * The api's loop since the previous scrape of its `/metrics` (prom-client resets its histogram at
 * every scrape; nothing else scrapes the bench's api).
 */
export async function apiLoopDelay(origin: string): Promise<LoopDelay> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const seconds = (name: string): number => {
    const value = new RegExp(`^orch_process_nodejs_eventloop_lag_${name}_seconds (\\S+)$`, 'm').exec(text)?.[1];
    if (value === undefined) throw new Error(`the api's /metrics has no event-loop ${name}`);
    return lateBy(Number(value) * 1000);
  };
  return { p50: seconds('p50'), p99: seconds('p99'), max: seconds('max') };
}

/** The bare baseline server's loop since the previous call (its `GET /loop-delay`). */
export async function bareLoopDelay(origin: string): Promise<LoopDelay> {
  return (await (await fetch(`${origin}/loop-delay`)).json()) as LoopDelay;
}
