/** Timers for the engine's waits (wake-ups, coalescing, lease renewal); the core never calls setTimeout itself. */
export interface Timers {
  /** Calls `callback` once after `ms`; the returned function cancels it (a no-op once it ran). */
  after(ms: number, callback: () => void): () => void;
}

/** Resolves after `ms`. */
export function sleep(timers: Timers, ms: number): Promise<void> {
  return new Promise((resolve) => timers.after(ms, resolve));
}
