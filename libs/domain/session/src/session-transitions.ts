import { DomainError } from '@orch/kernel';
import type { SessionCommandType } from './session.commands';
import type { SessionStatus } from './session.events';
import { NON_TERMINAL_STATUSES } from './session-statuses';

/** Moves made by a rule after a command's task events (troubled tasks, outcome), whichever command it was. */
const BY_RULE = 'rule' as const;

interface TransitionRule {
  readonly from: readonly SessionStatus[];
  readonly to: SessionStatus;
  readonly by: readonly SessionCommandType[] | typeof BY_RULE;
}

/** DOMAIN.md §2.3. RetrySession continues "as StartSession from pending", so it may also queue or start. */
export const SESSION_TRANSITION_RULES: readonly TransitionRule[] = [
  { from: ['pending'], to: 'queued', by: ['StartSession', 'RetrySession'] },
  { from: ['pending', 'queued'], to: 'running', by: ['StartSession', 'RetrySession'] },
  { from: ['pending', 'queued', 'paused'], to: 'cancelled', by: ['CancelSession'] },
  { from: ['pending', 'queued', 'running', 'degraded'], to: 'failed', by: ['FailSession'] },
  { from: ['running'], to: 'degraded', by: BY_RULE },
  { from: ['degraded'], to: 'running', by: BY_RULE },
  { from: ['running', 'degraded'], to: 'paused', by: ['PauseSession', 'RecordTaskUsage', 'ChangeSessionBudget'] },
  { from: ['paused'], to: 'running', by: ['ResumeSession'] },
  { from: ['running', 'degraded'], to: 'completed', by: BY_RULE },
  { from: ['running', 'degraded'], to: 'partially_completed', by: BY_RULE },
  { from: ['running', 'degraded', 'paused'], to: 'partially_completed', by: ['ForceCompleteSession'] },
  { from: ['running', 'degraded'], to: 'failed', by: BY_RULE },
  { from: ['running', 'degraded'], to: 'timeout', by: ['TimeOutSession'] },
  { from: ['running', 'degraded', 'paused'], to: 'stopped', by: ['StopSession'] },
  { from: NON_TERMINAL_STATUSES, to: 'orphaned', by: ['OrphanSession'] },
  { from: ['failed', 'timeout'], to: 'pending', by: ['RetrySession'] },
];

export function isAllowedTransition(from: SessionStatus, to: SessionStatus, command: SessionCommandType): boolean {
  if (from === to) return false;
  return SESSION_TRANSITION_RULES.some(
    (rule) => rule.to === to && rule.from.includes(from) && (rule.by === BY_RULE || rule.by.includes(command)),
  );
}

/** `SESSION.ILLEGAL_TRANSITION {from, to, command}` for a pair not in §2.3 and for every self-transition. */
export function assertSessionTransition(from: SessionStatus, to: SessionStatus, command: SessionCommandType): void {
  if (!isAllowedTransition(from, to, command)) {
    throw new DomainError('SESSION.ILLEGAL_TRANSITION', `${command} cannot move a session from ${from} to ${to}`, {
      from,
      to,
      command,
    });
  }
}
