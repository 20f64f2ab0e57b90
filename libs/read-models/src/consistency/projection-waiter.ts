import { type GlobalPosition } from '@orch/application';

/**
 * Read-your-writes (DESIGN.md §1): resolves true once every named projection has committed the
 * event at `position`, false when `timeoutMs` passes first. Never rejects.
 */
export interface ProjectionWaiter {
  waitFor(position: GlobalPosition, projections: readonly string[], timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface InProcessRunner {
  waitForPosition(position: GlobalPosition, timeoutMs: number): Promise<boolean>;
  positions(): Record<string, GlobalPosition | null>;
}

/** How often the runner's in-memory positions are looked at for the named projections. */
const CHECK_MS = 20;

/**
 * The runner in this process. Its `waitForPosition` waits for every projector; the named ones
 * may get there first (the event log does not wait for the sessions projector), so their
 * in-memory positions are checked too. Neither reads the database.
 */
export function runnerWaiter(runner: InProcessRunner): ProjectionWaiter {
  const reached = (position: GlobalPosition, projections: readonly string[]) =>
    projections.every((projection) => {
      const committed = runner.positions()[projection];
      return committed !== undefined && committed !== null && committed >= position;
    });
  return {
    waitFor: (position, projections, timeoutMs) => {
      if (reached(position, projections)) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const finish = (result: boolean) => {
          clearInterval(check);
          resolve(result);
        };
        const check = setInterval(() => {
          if (reached(position, projections)) finish(true);
        }, CHECK_MS);
        runner.waitForPosition(position, timeoutMs).then(finish, () => finish(false));
      });
    },
    close: async () => undefined,
  };
}
