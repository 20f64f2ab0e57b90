import type { RunEvent, RunEventStream, RunUsage } from '@orch/application';
import { addUsage, NO_USAGE, type NewRunEvent } from './run-events';

/**
 * A run's events, numbered 1, 2, 3… as they are added, each under the key of the fact it reports
 * (a key is added once), kept for the run's life so that any number of streams can replay them
 * from any seq and then follow live ones until `ended`. Usage deltas are summed as they come.
 */
export class RunLog {
  private readonly events: RunEvent[] = [];
  private readonly keys = new Set<string>();
  private readonly wakers = new Set<() => void>();
  private totals: RunUsage = NO_USAGE;

  get lastSeq(): number {
    return this.events.length;
  }

  get ended(): boolean {
    return this.events.at(-1)?.type === 'ended';
  }

  get usage(): RunUsage {
    return this.totals;
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  get all(): readonly RunEvent[] {
    return this.events;
  }

  /** Adds the event under `key`, unless the key is known or the log ended; returns it numbered. */
  add(key: string, event: NewRunEvent): RunEvent | undefined {
    if (this.ended || this.keys.has(key)) return undefined;
    const numbered = { ...event, seq: this.events.length + 1 } as RunEvent;
    this.keys.add(key);
    this.events.push(numbered);
    if (numbered.type === 'usage') {
      const { tokensIn, tokensOut, costUsd, apiCalls, apiErrors } = numbered;
      this.totals = addUsage(this.totals, { tokensIn, tokensOut, costUsd, apiCalls, apiErrors });
    }
    for (const wake of [...this.wakers]) wake();
    return numbered;
  }

  stream(afterSeq = 0): RunEventStream {
    let cursor = Math.max(0, Math.floor(afterSeq));
    let closed = false;
    let wake: (() => void) | undefined;
    const close = async (): Promise<void> => {
      closed = true;
      wake?.();
    };
    const next = async (): Promise<IteratorResult<RunEvent>> => {
      while (!closed) {
        const event = this.events[cursor];
        if (event !== undefined) {
          cursor += 1;
          return { value: event, done: false };
        }
        if (this.ended) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
          this.wakers.add(resolve);
        });
        if (wake !== undefined) this.wakers.delete(wake);
      }
      closed = true;
      return { value: undefined, done: true };
    };
    const iterator: AsyncIterator<RunEvent> = {
      next,
      return: async () => {
        await close();
        return { value: undefined, done: true };
      },
    };
    return { [Symbol.asyncIterator]: () => iterator, close };
  }
}
