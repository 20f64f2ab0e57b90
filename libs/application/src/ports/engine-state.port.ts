import type { SessionStatus } from '@orch/domain-session';
import type { GlobalPosition } from './event-store.port';

/**
 * What the engine's process manager remembers between runs (DESIGN.md §1 Engine, Recovery): the
 * position of the global log it has handled, and the sessions it follows with the facts its
 * scheduler needs. Saved together, so a restart resumes from the checkpoint and knows exactly
 * which sessions were in flight without reading the whole log again.
 */
export interface TrackedSession {
  readonly sessionId: string;
  readonly tenantId: string;
  readonly status: SessionStatus;
  readonly priority: number;
  readonly parentId: string | null;
  /** When the session entered `queued` (the scheduler's order: priority, queuedAt, id). */
  readonly queuedAt: string | null;
}

export interface EngineStateSnapshot {
  readonly position: GlobalPosition | undefined;
  /** Every non-terminal session (terminal ones are dropped once handled). */
  readonly sessions: readonly TrackedSession[];
}

export interface EngineState {
  load(): Promise<EngineStateSnapshot>;
  /** Upserts `changed`, deletes `removed`, and moves the checkpoint to `position`, atomically. */
  save(position: GlobalPosition, changed: readonly TrackedSession[], removed: readonly string[]): Promise<void>;
  close(): Promise<void>;
}
