import { randomUUID } from 'node:crypto';
import type { ProjectionChange } from '@orch/application';

export type ChangeListener = (changes: readonly ProjectionChange[]) => void;

/**
 * The subscribers a notifier has in its own process. A publish reaches them at once, without the
 * round trip through the server; every message the notifier sends carries its `origin`, and the
 * copy the server echoes back to this notifier's subscribers is dropped, so each gets a change once.
 */
export class LocalDelivery {
  readonly origin = randomUUID();
  private readonly listeners = new Set<ChangeListener>();

  add(listener: ChangeListener): void {
    this.listeners.add(listener);
  }

  remove(listener: ChangeListener): void {
    this.listeners.delete(listener);
  }

  clear(): void {
    this.listeners.clear();
  }

  /** Hands a published batch to every local subscriber; one that throws does not fail the publish. */
  deliver(changes: readonly ProjectionChange[]): void {
    if (changes.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(changes);
      } catch {
        // A subscriber's own failure; the publisher (a projector that has committed) goes on.
      }
    }
  }

  /** A listener for the server's copies: what this notifier published was delivered here already. */
  remote(listener: ChangeListener): (origin: string | undefined, changes: readonly ProjectionChange[]) => void {
    return (origin, changes) => {
      if (origin !== this.origin && changes.length > 0) listener(changes);
    };
  }
}
