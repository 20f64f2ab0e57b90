import { type GlobalPosition } from '@orch/application';

/**
 * Read-your-writes (DESIGN.md §1): resolves true once every named projection has committed the
 * event at `position`, false when `timeoutMs` passes first. Never rejects.
 */
export interface ProjectionWaiter {
  waitFor(position: GlobalPosition, projections: readonly string[], timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** The runner in this process: it knows its positions without a query. It waits for all its projectors. */
export function runnerWaiter(runner: { waitForPosition(position: GlobalPosition, timeoutMs: number): Promise<boolean> }): ProjectionWaiter {
  return {
    waitFor: (position, _projections, timeoutMs) => runner.waitForPosition(position, timeoutMs),
    close: async () => undefined,
  };
}
