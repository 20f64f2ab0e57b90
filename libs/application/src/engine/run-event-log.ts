import type { RunEvent, RunEventStream } from '../ports/agent-runtime.port';

type WithoutSeq<E> = E extends RunEvent ? Omit<E, 'seq'> : never;
/** A run event before the log numbers it. */
export type NewRunEvent = WithoutSeq<RunEvent>;

/**
 * A run's events, numbered 1, 2, 3… as they are appended, kept for the run's life so that any
 * number of streams can replay them from any seq and then follow live ones until `ended`: what
 * an in-process runtime adapter (scripted, process, opencode) answers `AgentRun.events` with.
 */
export class RunEventLog {
  private readonly events: RunEvent[] = [];
  private readonly wakers = new Set<() => void>();

  get lastSeq(): number {
    return this.events.length;
  }

  get ended(): boolean {
    return this.events.at(-1)?.type === 'ended';
  }

  get all(): readonly RunEvent[] {
    return this.events;
  }

  /** Appends unless the log already ended (nothing follows `ended`); returns the numbered event. */
  append(event: NewRunEvent): RunEvent | undefined {
    if (this.ended) return undefined;
    const numbered = { ...event, seq: this.events.length + 1 } as RunEvent;
    this.events.push(numbered);
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
