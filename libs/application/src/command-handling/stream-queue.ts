/**
 * Commands on the same stream, one at a time within this process. Optimistic concurrency stays the
 * rule between processes; inside one, letting N commands on a hot stream race would only buy
 * expected-revision conflicts — each round one wins and the rest read and decide again, O(N²)
 * attempts — until some give up. Queued, each reads, decides and appends once.
 */
export class StreamQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(streamName: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(streamName) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(streamName, tail);
    // The last one out removes the entry, so the map holds only streams with commands in flight.
    void tail.then(() => {
      if (this.tails.get(streamName) === tail) this.tails.delete(streamName);
    });
    return result;
  }

  /** Streams with a command in flight or waiting (for tests and metrics). */
  get busyStreams(): number {
    return this.tails.size;
  }
}
