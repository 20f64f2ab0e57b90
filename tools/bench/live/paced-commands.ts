import { performance } from 'node:perf_hooks';

export interface PacedResult {
  /** Key (position or tick id) → when its request was sent. */
  readonly sentAt: Map<number, number>;
  /** Request → answer, per command. */
  readonly roundTrips: number[];
  readonly failures: number;
  /** Commands per second actually sent. */
  readonly achievedRate: number;
}

/**
 * Open-loop load: command i is sent at start + i/rate whether or not earlier ones have answered
 * (a closed loop would slow down with the server and hide its latency).
 */
export async function paced(rate: number, durationMs: number, send: (index: number) => Promise<number>): Promise<PacedResult> {
  const total = Math.round((rate * durationMs) / 1000);
  const sentAt = new Map<number, number>();
  const roundTrips: number[] = [];
  let failures = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let index = 0; index < total; index++) {
    const due = start + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    inFlight.push(
      send(index).then(
        (key) => {
          sentAt.set(key, sent);
          roundTrips.push(performance.now() - sent);
        },
        () => void failures++,
      ),
    );
  }
  const elapsed = performance.now() - start;
  await Promise.all(inFlight);
  return { sentAt, roundTrips, failures, achievedRate: (total * 1000) / Math.max(elapsed, 1) };
}

/** One command at a time, `gapMs` apart, for the fan-out run. */
export async function oneByOne(count: number, gapMs: number, send: (index: number) => Promise<number>): Promise<Map<number, number>> {
  const sentAt = new Map<number, number>();
  for (let index = 0; index < count; index++) {
    const sent = performance.now();
    sentAt.set(await send(index), sent);
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  return sentAt;
}
