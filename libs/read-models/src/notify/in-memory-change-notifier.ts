import { type ChangeNotifier, type ChangeSubscription, type ProjectionChange } from '@orch/application';

/** One process, no server: for a single node without PostgreSQL NOTIFY or Redis, and for tests. */
export class InMemoryChangeNotifier implements ChangeNotifier {
  private readonly listeners = new Set<(changes: readonly ProjectionChange[]) => void>();

  async publish(changes: readonly ProjectionChange[]): Promise<void> {
    for (const listener of this.listeners) listener(changes);
  }

  async subscribe(listener: (changes: readonly ProjectionChange[]) => void): Promise<ChangeSubscription> {
    this.listeners.add(listener);
    return { close: async () => void this.listeners.delete(listener) };
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
