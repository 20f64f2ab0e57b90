export { sessionDecider, decideSession } from './session.decide';
export * from './session.events';
export * from './session.commands';
export {
  evolveSession,
  foldSession,
  initialSessionState,
  type AbsentSession,
  type BudgetState,
  type CheckpointSummary,
  type Injection,
  type PermissionRequestState,
  type Session,
  type SessionClock,
  type SessionState,
  type Workspace,
} from './session.state';
export { TASK_STATUSES, isFinalTask, type TaskState, type TaskStatus, type TaskTimes, type TaskUsage } from './task.state';
export {
  ACTIVE_STATUSES,
  FINAL_STATUSES,
  NON_TERMINAL_STATUSES,
  OCCUPYING_STATUSES,
  OPEN_STATUSES,
  RETRYABLE_STATUSES,
  isTerminal,
} from './session-statuses';
export { SESSION_TRANSITION_RULES, assertSessionTransition, isAllowedTransition } from './session-transitions';
export { healthScore, sessionMetrics, sessionTaskMetrics, type SessionMetrics } from './session.metrics';
export { taskMetrics, type TaskMetrics } from './task.metrics';
export { BUDGET_EXHAUSTED_REASON, BUDGET_WARNING_PCT } from './decide-budget';
export { MAX_TASK_ATTEMPTS, retryAtAfter } from './retry-policy';
export { MAX_SESSION_RETRIES } from './decide-start';
export { MAX_UNDELIVERED_INJECTIONS, injectionsFor } from './decide-injections';
export { ruleReasons } from './rule-reasons';
