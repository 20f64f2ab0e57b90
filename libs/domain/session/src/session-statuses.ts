import type { SessionStatus } from './session.events';

/** Status groups of DOMAIN.md §2.2. */
export const OPEN_STATUSES = ['pending', 'queued'] as const satisfies readonly SessionStatus[];
export const OCCUPYING_STATUSES = ['running', 'degraded', 'paused'] as const satisfies readonly SessionStatus[];
export const FINAL_STATUSES = [
  'completed',
  'partially_completed',
  'stopped',
  'cancelled',
  'orphaned',
] as const satisfies readonly SessionStatus[];
export const RETRYABLE_STATUSES = ['failed', 'timeout'] as const satisfies readonly SessionStatus[];
export const NON_TERMINAL_STATUSES: readonly SessionStatus[] = [...OPEN_STATUSES, ...OCCUPYING_STATUSES];
/** Running or degraded: tasks are dispatched and active time counts. */
export const ACTIVE_STATUSES: readonly SessionStatus[] = ['running', 'degraded'];
export const DISPATCH_STATUSES = ACTIVE_STATUSES;
/** Where user task commands are accepted (§3.4). */
export const OPERATOR_TASK_STATUSES: readonly SessionStatus[] = ['running', 'degraded', 'paused'];

export function isTerminal(status: SessionStatus): boolean {
  return !NON_TERMINAL_STATUSES.includes(status);
}

export function isActive(status: SessionStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}
