import type { GlobalPosition } from './event-store.port';

/**
 * "What changed" in the read models (DESIGN.md §1, Live): published by the projector runner after
 * a batch commits, forwarded by the gateway to subscribed rooms. Clients refetch or patch their
 * cache; the change itself carries no row, so a lost message only delays a refresh.
 */
export interface ProjectionChange {
  /** The read-model entity: `session`, `task`, `agent`, `context`, `event`, `metric`, … */
  readonly entity: string;
  /** The entity's id (a task is `<sessionId>/<taskId>`). */
  readonly id: string;
  /** Changes are only ever pushed to the tenant they belong to. */
  readonly tenantId: string;
  /** Global position of the event that caused the change; the read model includes it once pushed. */
  readonly position: GlobalPosition;
}

export interface ChangeSubscription {
  close(): Promise<void>;
}

/** Publishes and receives projection changes across processes (PostgreSQL NOTIFY, Redis, in-memory). */
export interface ChangeNotifier {
  publish(changes: readonly ProjectionChange[]): Promise<void>;
  subscribe(listener: (changes: readonly ProjectionChange[]) => void): Promise<ChangeSubscription>;
  close(): Promise<void>;
}
