import type { EngineState, EngineStateSnapshot, TrackedSession } from '@orch/application';

/** The same contract in memory, for an engine without a database of its own (tests, one-shot tools). */
export class InMemoryEngineState implements EngineState {
  private position: number | undefined;
  private readonly sessions = new Map<string, TrackedSession>();

  async load(): Promise<EngineStateSnapshot> {
    return { position: this.position, sessions: [...this.sessions.values()] };
  }

  async save(position: number, changed: readonly TrackedSession[], removed: readonly string[]): Promise<void> {
    if (this.position !== undefined && this.position >= position) return;
    this.position = position;
    for (const sessionId of removed) this.sessions.delete(sessionId);
    for (const session of changed) this.sessions.set(session.sessionId, session);
  }

  async close(): Promise<void> {
    // Nothing to release: the state lives and dies with this object.
  }
}
