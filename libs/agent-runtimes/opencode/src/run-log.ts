import { RunEventLog, type RunEvent, type RunEventStream, type RunUsage } from '@orch/application';
import { addUsage, NO_USAGE, type NewRunEvent } from './run-events';

/**
 * A run's events (the application's RunEventLog: numbered from 1, replayed from any seq, followed
 * live until `ended`), each under the key of the fact it reports: a key is added once. Usage
 * deltas are summed as they come.
 */
export class RunLog {
  private readonly log = new RunEventLog();
  private readonly keys = new Set<string>();
  private totals: RunUsage = NO_USAGE;

  get lastSeq(): number {
    return this.log.lastSeq;
  }

  get ended(): boolean {
    return this.log.ended;
  }

  get usage(): RunUsage {
    return this.totals;
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  get all(): readonly RunEvent[] {
    return this.log.all;
  }

  /** Adds the event under `key`, unless the key is known or the log ended; returns it numbered. */
  add(key: string, event: NewRunEvent): RunEvent | undefined {
    if (this.keys.has(key)) return undefined;
    const numbered = this.log.append(event);
    if (numbered === undefined) return undefined;
    this.keys.add(key);
    if (numbered.type === 'usage') {
      const { tokensIn, tokensOut, costUsd, apiCalls, apiErrors } = numbered;
      this.totals = addUsage(this.totals, { tokensIn, tokensOut, costUsd, apiCalls, apiErrors });
    }
    return numbered;
  }

  stream(afterSeq = 0): RunEventStream {
    return this.log.stream(afterSeq);
  }
}
