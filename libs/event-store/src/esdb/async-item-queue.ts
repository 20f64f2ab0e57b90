/** Backpressure hooks: the producer is paused above `highWaterMark` and resumed once the queue is empty. */
export interface QueueFlowControl {
  readonly highWaterMark: number;
  readonly pause: () => void;
  readonly resume: () => void;
}

interface Waiter<T> {
  readonly resolve: (result: IteratorResult<T>) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * A push-to-pull bridge: a Node stream pushes, an async iterator pulls. Items pushed before an error or the
 * end are still delivered; `close()` drops them (the consumer asked to stop).
 */
export class AsyncItemQueue<T> {
  readonly #items: T[] = [];
  readonly #waiters: Waiter<T>[] = [];
  #failure: { readonly error: unknown } | undefined;
  #ended = false;
  #paused = false;

  constructor(private readonly flow: QueueFlowControl) {}

  get isFinished(): boolean {
    return this.#ended || this.#failure !== undefined;
  }

  push(item: T): void {
    if (this.isFinished) return;
    const waiter = this.#waiters.shift();
    if (waiter) return waiter.resolve({ done: false, value: item });
    this.#items.push(item);
    if (!this.#paused && this.#items.length >= this.flow.highWaterMark) {
      this.#paused = true;
      this.flow.pause();
    }
  }

  fail(error: unknown): void {
    if (this.isFinished) return;
    this.#failure = { error };
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
  }

  end(): void {
    if (this.isFinished) return;
    this.#ended = true;
    for (const waiter of this.#waiters.splice(0)) waiter.resolve({ done: true, value: undefined });
  }

  close(): void {
    this.#items.length = 0;
    this.#failure = undefined;
    this.#ended = true;
    for (const waiter of this.#waiters.splice(0)) waiter.resolve({ done: true, value: undefined });
  }

  next(): Promise<IteratorResult<T>> {
    const item = this.#items.shift();
    if (item !== undefined) {
      this.#resumeWhenDrained();
      return Promise.resolve({ done: false, value: item });
    }
    if (this.#failure) return Promise.reject(this.#failure.error);
    if (this.#ended) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  #resumeWhenDrained(): void {
    if (this.#paused && this.#items.length === 0) {
      this.#paused = false;
      this.flow.resume();
    }
  }
}
