import type { EngineDeps } from '../engine-deps';
import { ASK_OPERATOR } from '../permission-policy';
import { SessionRunner, type RunnerEnd } from '../session-runner';
import { engineFixture } from './engine-fixture';
import { FakeRuntime } from './fake-runtime';
import { SESSION_ID, T0 } from './session-history';

/** Lets pending I/O-free promise chains run out (the core has no Node types; the host's timer is enough). */
export const macrotask = () => new Promise<void>((resolve) => (globalThis as unknown as { setTimeout(callback: () => void, ms: number): unknown }).setTimeout(resolve, 0));

/** Timers a spec moves by hand, on the fixture's clock. */
export class ManualTimers {
  private nowMs = Date.parse(T0);
  private readonly due: { at: number; callback: () => void; done: boolean }[] = [];

  now = (): string => new Date(this.nowMs).toISOString();

  after = (ms: number, callback: () => void): (() => void) => {
    const timer = { at: this.nowMs + ms, callback, done: false };
    this.due.push(timer);
    return () => (timer.done = true);
  };

  /** Moves the clock and fires what came due, in order. */
  advance(ms: number): void {
    this.nowMs += ms;
    for (const timer of this.due.filter((t) => !t.done && t.at <= this.nowMs).sort((a, b) => a.at - b.at)) {
      timer.done = true;
      timer.callback();
    }
  }
}

/** An engine fixture with a runner over a fake runtime, manual timers and a session lease held with token 1. */
export function runnerFixture() {
  const base = engineFixture();
  const timers = new ManualTimers();
  const runtime = new FakeRuntime();
  const ends: RunnerEnd[] = [];
  const deps: EngineDeps & { lease: { key: string; token: number } } = {
    ...base.deps,
    clock: { now: timers.now },
    runtimes: { forAgent: () => runtime, close: async () => undefined },
    timers,
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    permissionPolicy: ASK_OPERATOR,
    lease: { key: `session:${SESSION_ID}`, token: 1 },
  };
  const runner = (token = 1) => new SessionRunner({ ...deps, lease: { key: `session:${SESSION_ID}`, token } }, SESSION_ID, (end) => ends.push(end));

  /** Pokes the runner and lets every promise chain run out (fake runs complete in microtasks). */
  async function drive(target: SessionRunner, rounds = 30): Promise<void> {
    target.poke();
    for (let round = 0; round < rounds; round++) {
      await target.settled();
      await macrotask();
    }
  }
  return { ...base, deps, timers, runtime, runner, ends, drive };
}
