import { ACTIVE_STATUSES, isTerminal, OCCUPYING_STATUSES, type SessionStatus } from '@orch/domain-session';
import type { TrackedSession } from '../ports/engine-state.port';
import type { RecordedEvent } from '../ports/event-store.port';
import { sessionStatusAfter } from '../fleet/session-status-after';

/** What one session event means to the engine as a whole (beyond the session's own runner). */
export interface SessionEventEffect {
  readonly sessionId: string;
  readonly tenantId: string;
  /** The session is running or degraded: someone must drive it. */
  readonly needsDriver: boolean;
  /** It left an occupying status or its queue: the tenant's queued sessions may start (§2.4 Capacity). */
  readonly capacityFreed: boolean;
  /** It entered `queued`. */
  readonly queued: boolean;
  /** It ended in a way that orphans its children (§2.4 Children), with the status it ended in. */
  readonly orphansChildrenAs: SessionStatus | null;
}

const ORPHANING: readonly SessionStatus[] = ['cancelled', 'stopped', 'failed', 'timeout'];
const OCCUPYING: readonly SessionStatus[] = OCCUPYING_STATUSES;
const ACTIVE: readonly SessionStatus[] = ACTIVE_STATUSES;

/**
 * The sessions the engine follows, kept from their events (status, priority, parent, queue time),
 * with what changed since the last checkpoint. Terminal sessions are dropped once seen.
 */
export class SessionTracker {
  private readonly sessions = new Map<string, TrackedSession>();
  /** Sessions changed since the last checkpoint was saved (present: upsert; absent: delete). */
  private readonly dirty = new Set<string>();

  constructor(initial: readonly TrackedSession[] = []) {
    for (const session of initial) this.sessions.set(session.sessionId, session);
  }

  apply(event: RecordedEvent): SessionEventEffect | null {
    if (!event.streamName.startsWith('session-')) return null;
    const sessionId = event.streamName.slice('session-'.length);
    const before = this.sessions.get(sessionId) ?? (event.type === 'SessionCreated' ? created(sessionId, event) : undefined);
    if (before === undefined) return null;
    const status = sessionStatusAfter(before.status, event.type) ?? before.status;
    const after: TrackedSession = { ...before, status, queuedAt: event.type === 'SessionQueued' ? (event.data['at'] as string) : status === 'queued' ? before.queuedAt : null };
    this.record(after);
    const wasHolding = OCCUPYING.includes(before.status) || before.status === 'queued';
    return {
      sessionId,
      tenantId: after.tenantId,
      needsDriver: ACTIVE.includes(status),
      capacityFreed: wasHolding && status !== before.status && !OCCUPYING.includes(status),
      queued: status === 'queued' && before.status !== 'queued',
      orphansChildrenAs: status !== before.status && ORPHANING.includes(status) ? status : null,
    };
  }

  get(sessionId: string): TrackedSession | undefined {
    return this.sessions.get(sessionId);
  }

  all(): TrackedSession[] {
    return [...this.sessions.values()];
  }

  /** Non-terminal children of `parentId`. */
  childrenOf(parentId: string): TrackedSession[] {
    return this.all().filter((session) => session.parentId === parentId && !isTerminal(session.status));
  }

  /** The tenant's queued sessions in the scheduler's order: priority asc, queuedAt asc, id asc (§2.4). */
  queuedOf(tenantId: string): TrackedSession[] {
    return this.all()
      .filter((session) => session.tenantId === tenantId && session.status === 'queued')
      .sort((a, b) => a.priority - b.priority || (a.queuedAt ?? '').localeCompare(b.queuedAt ?? '') || a.sessionId.localeCompare(b.sessionId));
  }

  /** What changed since `saved` was last called, for the checkpoint. */
  changes(): { changed: TrackedSession[]; removed: string[] } {
    const changed: TrackedSession[] = [];
    const removed: string[] = [];
    for (const sessionId of this.dirty) {
      const session = this.sessions.get(sessionId);
      if (session === undefined) removed.push(sessionId);
      else changed.push(session);
    }
    return { changed, removed };
  }

  /** The checkpoint holding `changes` was saved; a session changed again since stays dirty. */
  saved(changes: { changed: readonly TrackedSession[]; removed: readonly string[] }): void {
    for (const session of changes.changed) if (this.sessions.get(session.sessionId) === session) this.dirty.delete(session.sessionId);
    for (const sessionId of changes.removed) if (!this.sessions.has(sessionId)) this.dirty.delete(sessionId);
  }

  private record(session: TrackedSession): void {
    if (isTerminal(session.status)) this.sessions.delete(session.sessionId);
    else this.sessions.set(session.sessionId, session);
    this.dirty.add(session.sessionId);
  }
}

function created(sessionId: string, event: RecordedEvent): TrackedSession {
  const parentId = event.data['parentId'];
  return {
    sessionId,
    tenantId: event.metadata.tenantId,
    status: 'pending',
    priority: typeof event.data['priority'] === 'number' ? event.data['priority'] : 2,
    parentId: typeof parentId === 'string' ? parentId : null,
    queuedAt: null,
  };
}
