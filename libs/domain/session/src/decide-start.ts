import { actorKind, addMs, DomainError } from '@orch/kernel';
import { requireReason } from './guards';
import type { Capacity, RetrySession, StartSession } from './session.commands';
import type { SessionEvent } from './session.events';
import { assertSessionTransition } from './session-transitions';
import { foldExisting, type Session } from './session.state';
import { tasksInOrder } from './session-halts';

export const MAX_SESSION_RETRIES = 3;

/** StartSession (DOMAIN.md §2.4 capacity): queued for lack of capacity, else started with a deadline. */
export function decideStart(command: StartSession, session: Session): SessionEvent[] {
  requireReason(command);
  const { capacity } = command.data;
  assertSessionTransition(session.status, startTarget(capacity), command.type);
  requireCovered(command);
  return startEvents(session, capacity, command.metadata.now);
}

/**
 * RetrySession (§2.4): completed and operator-skipped tasks stay, every other task is reset; the
 * workspace is restored from the latest checkpoint, else the previous base commit, else `baseRef`.
 * The same append continues as StartSession from pending.
 */
export function decideRetry(command: RetrySession, session: Session): SessionEvent[] {
  requireReason(command);
  assertSessionTransition(session.status, 'pending', command.type);
  if (session.retryCount >= MAX_SESSION_RETRIES) {
    throw new DomainError('SESSION.RETRY_LIMIT_REACHED', 'The session was retried 3 times', { retryCount: session.retryCount });
  }
  requireCovered(command);
  const at = command.metadata.now;
  const retried: SessionEvent = {
    type: 'SessionRetried',
    data: {
      retryCount: session.retryCount + 1,
      fromCheckpoint: session.latestCheckpoint?.sequence ?? null,
      restoreCommit: session.latestCheckpoint?.commitSha ?? session.workspace?.baseCommit ?? null,
      resetTaskIds: tasksInOrder(session)
        .filter((task) => !keptOnRetry(task.status, task.skipCause))
        .map((task) => task.spec.id),
      at,
    },
  };
  const pending = foldExisting(session, [retried]);
  assertSessionTransition(pending.status, startTarget(command.data.capacity), command.type);
  return [retried, ...startEvents(pending, command.data.capacity, at)];
}

export function startEvents(session: Session, capacity: Capacity, at: string): SessionEvent[] {
  if (capacity.occupied >= capacity.limit) return [{ type: 'SessionQueued', data: { cause: 'tenant_quota', at } }];
  if (!capacity.agentFree) return [{ type: 'SessionQueued', data: { cause: 'no_agent_available', at } }];
  return [{ type: 'SessionStarted', data: { deadlineAt: addMs(at, session.remainingMs), at } }];
}

function startTarget(capacity: Capacity): 'queued' | 'running' {
  return capacity.occupied >= capacity.limit || !capacity.agentFree ? 'queued' : 'running';
}

/** A user's start or retry with a task no agent can do fails; the scheduler's does not (§2.4). */
function requireCovered(command: StartSession | RetrySession): void {
  const { uncovered } = command.data.capacity;
  if (actorKind(command.metadata.actor) === 'user' && uncovered.length > 0) {
    throw new DomainError('AGENT.NO_CAPABLE_AGENT', 'No agent is capable of some planned tasks', { taskIds: uncovered });
  }
}

function keptOnRetry(status: string, skipCause: string | null): boolean {
  return status === 'completed' || (status === 'skipped' && skipCause === 'operator');
}
