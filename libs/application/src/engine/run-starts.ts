import type { RunStart } from '../ports/agent-runtime.port';

/**
 * A runtime's starts by runId (the engine may ask twice: after a restart, or a retried call):
 * a repeat answers the first start, running or done; a refused start is forgotten, so the same
 * runId may be started again once its cause is fixed. `forget` drops an ended run's start.
 */
export class RunStarts {
  private readonly starts = new Map<string, Promise<RunStart>>();

  start(runId: string, startNew: () => Promise<RunStart>): Promise<RunStart> {
    const existing = this.starts.get(runId);
    if (existing !== undefined) return existing;
    const starting = startNew();
    this.starts.set(runId, starting);
    void starting.then((start) => start.started || this.starts.delete(runId));
    return starting;
  }

  forget(runId: string): void {
    this.starts.delete(runId);
  }
}
