import { isDomainError } from '@orch/kernel';
import type { SessionEvent } from '@orch/domain-session';
import { toDomainEvent } from '../command-handling/load-aggregate';
import { sendAgent, type EngineDeps } from './engine-deps';
import type { SessionSnapshot } from './session-view';
import { attemptUsage, slotReleaseFor } from './slot-release';

/**
 * Gives back the agent slot every newly read task event frees (DOMAIN.md §4.4 ReleaseAgentTask).
 * Derived from the history rather than from what this process saw, so after a crash the first
 * read of the stream releases whatever the dead engine still owed (a release already made is a no-op).
 */
export async function releaseFreedSlots(deps: EngineDeps, at: SessionSnapshot): Promise<void> {
  const domainEvents = at.events.map((event) => toDomainEvent<SessionEvent>(event));
  for (const change of at.changes) {
    if (change.before.status === 'absent') continue;
    const event = toDomainEvent<SessionEvent>(change.event);
    const taskId = (event.data as { taskId?: string }).taskId;
    const held = taskId === undefined ? undefined : change.before.tasks[taskId];
    if (held === undefined || held.attempt === null) continue;
    const release = slotReleaseFor(change.before, event, attemptUsage(domainEvents, held.spec.id, held.attempt));
    if (release === null) continue;
    try {
      await sendAgent(deps, at.session, `release:${change.event.id}`, { type: 'ReleaseAgentTask', data: release });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      deps.log.warn('slot not released', { sessionId: at.session.sessionId, taskId, agentId: release.agentId, code: error.code });
    }
  }
}
