import type { SessionStatus, TaskStatus } from '@orch/domain-session';

/**
 * Which operator actions a session or task allows right now (DOMAIN.md §2.3, §3.4), as a pure
 * table the dashboard and the CLI can evaluate in a browser: the api stays the judge, this only
 * decides which buttons are enabled and what a disabled one says. A spec checks the table
 * against the domain's own transition rules.
 */
export type OperatorSessionAction = 'start' | 'pause' | 'resume' | 'cancel' | 'stop' | 'retry' | 'force-complete' | 'inject-prompt';
export type OperatorTaskAction = 'retry' | 'skip' | 'reassign';

export const SESSION_STATUS_LIST = [
  'pending',
  'queued',
  'running',
  'degraded',
  'paused',
  'completed',
  'partially_completed',
  'stopped',
  'cancelled',
  'orphaned',
  'failed',
  'timeout',
] as const satisfies readonly SessionStatus[];

export const NON_TERMINAL_SESSION_STATUSES: readonly SessionStatus[] = ['pending', 'queued', 'running', 'degraded', 'paused'];

/** The statuses each session action starts from, and the domain command it sends. */
export const SESSION_ACTION_RULES: Readonly<Record<OperatorSessionAction, { readonly command: string; readonly from: readonly SessionStatus[]; readonly effect: string }>> = {
  start: { command: 'StartSession', from: ['pending', 'queued'], effect: 'Starts dispatching its tasks, or queues it when the tenant quota is full or no capable agent is free.' },
  pause: { command: 'PauseSession', from: ['running', 'degraded'], effect: 'Halts dispatch and interrupts running tasks; nothing more is spent until resumed.' },
  resume: { command: 'ResumeSession', from: ['paused'], effect: 'Requeues the interrupted tasks and resumes dispatch; its deadline moves by the paused time.' },
  cancel: { command: 'CancelSession', from: ['pending', 'queued', 'paused'], effect: 'Abandons it for good: every unfinished task is cancelled (final).' },
  stop: { command: 'StopSession', from: ['running', 'degraded', 'paused'], effect: 'Halts it for good: running work is aborted and every unfinished task is cancelled (final).' },
  retry: { command: 'RetrySession', from: ['failed', 'timeout'], effect: 'Resets every task that did not complete to pending and starts it again from its latest checkpoint.' },
  'force-complete': {
    command: 'ForceCompleteSession',
    from: ['running', 'degraded', 'paused'],
    effect: 'Skips every unfinished task and ends it as partially completed.',
  },
  'inject-prompt': {
    command: 'InjectPrompt',
    from: NON_TERMINAL_SESSION_STATUSES,
    effect: 'Sends the text to the running tasks live (or to the next task to start).',
  },
};

/** Retry limit of DOMAIN.md §2.4. */
export const SESSION_RETRY_LIMIT = 3;

export interface SessionFacts {
  readonly status: SessionStatus;
  readonly retryCount: number;
  /** Tasks completed so far (force-complete needs one). */
  readonly completedTasks: number;
  readonly spentUsd: number;
  readonly budgetUsd: number | null;
}

export interface ActionAvailability<A extends string> {
  readonly action: A;
  readonly allowed: boolean;
  /** Why it is disabled (null when allowed). */
  readonly reason: string | null;
  /** What it will do, for the confirmation dialog. */
  readonly effect: string;
}

const words = (status: string) => status.replace(/_/g, ' ');
const list = (statuses: readonly string[]) => statuses.map(words).join(', ');

export function sessionActionAvailability(action: OperatorSessionAction, facts: SessionFacts): ActionAvailability<OperatorSessionAction> {
  const rule = SESSION_ACTION_RULES[action];
  const refuse = (reason: string) => ({ action, allowed: false, reason, effect: rule.effect });
  if (!rule.from.includes(facts.status)) return refuse(`not allowed while ${words(facts.status)} (only from ${list(rule.from)})`);
  if (action === 'retry' && facts.retryCount >= SESSION_RETRY_LIMIT) return refuse(`retry limit reached (${facts.retryCount} of ${SESSION_RETRY_LIMIT})`);
  if (action === 'force-complete' && facts.completedTasks === 0) return refuse('no task has completed yet');
  if (action === 'resume' && facts.budgetUsd !== null && facts.spentUsd >= facts.budgetUsd) return refuse('budget exhausted: raise the budget first');
  return { action, allowed: true, reason: null, effect: rule.effect };
}

export function sessionActions(facts: SessionFacts): ActionAvailability<OperatorSessionAction>[] {
  return (Object.keys(SESSION_ACTION_RULES) as OperatorSessionAction[]).map((action) => sessionActionAvailability(action, facts));
}

/** User task commands need the session running, degraded or paused (§3.4). */
export const OPERATOR_TASK_SESSION_STATUSES: readonly SessionStatus[] = ['running', 'degraded', 'paused'];

export const TASK_ACTION_RULES: Readonly<Record<OperatorTaskAction, { readonly command: string; readonly from: readonly TaskStatus[]; readonly effect: string }>> = {
  retry: { command: 'RetryTask', from: ['failed'], effect: 'Makes the task ready again with its attempts reset.' },
  skip: { command: 'SkipTask', from: ['pending', 'ready', 'assigned', 'running', 'interrupted', 'failed'], effect: 'Skips the task (final); tasks that require it are skipped too.' },
  reassign: {
    command: 'ReassignTask',
    from: ['ready', 'assigned', 'running', 'interrupted', 'failed'],
    effect: 'Aborts any run and routes the task again, excluding its current agent (or pinned to the agent given).',
  },
};

export function taskActionAvailability(action: OperatorTaskAction, sessionStatus: SessionStatus, taskStatus: TaskStatus): ActionAvailability<OperatorTaskAction> {
  const rule = TASK_ACTION_RULES[action];
  if (!OPERATOR_TASK_SESSION_STATUSES.includes(sessionStatus)) {
    return { action, allowed: false, reason: `the session is ${words(sessionStatus)} (task actions need it ${list(OPERATOR_TASK_SESSION_STATUSES)})`, effect: rule.effect };
  }
  if (!rule.from.includes(taskStatus)) return { action, allowed: false, reason: `not allowed while the task is ${words(taskStatus)} (only from ${list(rule.from)})`, effect: rule.effect };
  return { action, allowed: true, reason: null, effect: rule.effect };
}

export function taskActions(sessionStatus: SessionStatus, taskStatus: TaskStatus): ActionAvailability<OperatorTaskAction>[] {
  return (Object.keys(TASK_ACTION_RULES) as OperatorTaskAction[]).map((action) => taskActionAvailability(action, sessionStatus, taskStatus));
}
