import { evolveSession, initialSessionState, type Session, type SessionEvent, type SessionState } from '@orch/domain-session';
import { toDomainEvent } from '../command-handling/load-aggregate';
import type { EventStore, RecordedEvent } from '../ports/event-store.port';

/** One new event of the session with the state it found (for the slot a transition frees). */
export interface SessionChange {
  readonly event: RecordedEvent;
  readonly before: SessionState;
}

export interface SessionSnapshot {
  readonly session: Session;
  readonly revision: number;
  /** Every event of the stream so far (the session's whole history). */
  readonly events: readonly RecordedEvent[];
  /** The events read by this refresh, oldest first, each with the state before it. */
  readonly changes: readonly SessionChange[];
}

/**
 * A session as the engine follows it: the stream is read once, then only what was appended since
 * (`fromRevision`), folded with the same `evolve` the command side uses.
 */
export class SessionView {
  private readonly events: RecordedEvent[] = [];
  private state: SessionState = initialSessionState();

  constructor(
    private readonly store: EventStore,
    readonly sessionId: string,
  ) {}

  /** The revision of the last event read, or undefined before the first read. */
  get revision(): number | undefined {
    return this.events.at(-1)?.revision;
  }

  /** The text of an injection of this session (the state keeps targets and deliveries only). */
  injectionText(injectionId: string): string {
    return injectionTexts(this.events).get(injectionId) ?? '';
  }

  /** Null while the stream does not exist (or belongs to nobody we can read). */
  async refresh(): Promise<SessionSnapshot | null> {
    const last = this.events.at(-1);
    const fresh = await this.store.readStream(`session-${this.sessionId}`, last === undefined ? {} : { fromRevision: last.revision + 1 });
    const changes: SessionChange[] = [];
    for (const event of fresh) {
      changes.push({ event, before: this.state });
      this.state = evolveSession(this.state, toDomainEvent<SessionEvent>(event));
      this.events.push(event);
    }
    const latest = this.events.at(-1);
    if (this.state.status === 'absent' || latest === undefined) return null;
    return { session: this.state, revision: latest.revision, events: this.events, changes };
  }
}

/** The runtime reference the attempt's run was recorded with (TaskStarted, or the latest TaskReattached). */
export function runtimeRefOf(events: readonly RecordedEvent[], taskId: string, attempt: number): string | null {
  for (let index = events.length - 1; index >= 0; index--) {
    const { type, data } = events[index] as RecordedEvent;
    if ((type === 'TaskStarted' || type === 'TaskReattached') && data['taskId'] === taskId && data['attempt'] === attempt) {
      return data['runtimeRef'] as string;
    }
  }
  return null;
}

/** The text of each injection, by id (the state keeps targets and deliveries only). */
export function injectionTexts(events: readonly RecordedEvent[]): ReadonlyMap<string, string> {
  const texts = new Map<string, string>();
  for (const { type, data } of events) if (type === 'PromptInjected') texts.set(data['injectionId'] as string, data['text'] as string);
  return texts;
}

/** The latest failure of a task, for the prompt of its next attempt (a plan the domain refused, an agent error). */
export function lastFailureOf(events: readonly RecordedEvent[], taskId: string): { code: string; message: string; details?: unknown } | null {
  for (let index = events.length - 1; index >= 0; index--) {
    const { type, data } = events[index] as RecordedEvent;
    if (type === 'TaskFailed' && data['taskId'] === taskId) return { code: data['code'] as string, message: data['message'] as string, details: data['details'] };
  }
  return null;
}
