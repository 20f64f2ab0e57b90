import type { PlanSource } from '@orch/domain-planning';
import { evolveLifecycle } from './evolve-lifecycle';
import { createdSession, evolveRecord } from './evolve-records';
import { evolveTask } from './evolve-task';
import {
  SESSION_LIFECYCLE_EVENT_TYPES,
  TASK_EVENT_TYPES,
  type SessionEvent,
  type SessionLifecycleEvent,
  type SessionSettings,
  type SessionStatus,
  type TaskEvent,
} from './session.events';
import type { TaskState } from './task.state';

/** The Session aggregate's state (DOMAIN.md §2.1 derived state), discriminated by `status`. */
export interface AbsentSession {
  readonly status: 'absent';
}

export interface Workspace {
  readonly branch: string;
  readonly baseCommit: string;
}

export interface Injection {
  readonly injectionId: string;
  /** Fixed at injection; empty = the next task to start (§2.4). */
  readonly targets: readonly string[];
  readonly deliveredTo: readonly string[];
}

/** A permission an agent asked for during an attempt, and its answer once given. */
export interface PermissionRequestState {
  readonly requestId: string;
  readonly taskId: string;
  readonly attempt: number;
  readonly tool: string;
  readonly description: string;
  readonly answer: 'allow' | 'deny' | null;
  readonly answeredBy: 'policy' | 'operator' | null;
}

export interface CheckpointSummary {
  readonly sequence: number;
  readonly commitSha: string;
  readonly at: string;
}

export interface BudgetState {
  readonly budgetMicros: number | null;
  readonly spentMicros: number;
  /** The 80% warning was raised for the current budget value (§6.3). */
  readonly warned: boolean;
}

export interface SessionClock {
  readonly createdAt: string;
  readonly queuedAt: string | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly queueMs: number;
  readonly activeMs: number;
}

export interface Session {
  readonly status: SessionStatus;
  readonly sessionId: string;
  readonly tenantId: string;
  readonly settings: SessionSettings;
  readonly statusChangedAt: string;
  readonly retryCount: number;
  /** Set while running or degraded. */
  readonly deadlineAt: string | null;
  readonly remainingMs: number;
  readonly planVersion: number;
  readonly planSource: PlanSource;
  readonly tasks: Readonly<Record<string, TaskState>>;
  /** Task ids in plan order. */
  readonly taskOrder: readonly string[];
  /** The latest prepared workspace, kept across retries for `restoreCommit`. */
  readonly workspace: Workspace | null;
  /** The workspace was prepared since the latest start (§2.3 "once per start"). */
  readonly workspaceReady: boolean;
  /** After a retry, the commit the next workspace starts from (`SessionRetried.restoreCommit`); null: `baseRef`. */
  readonly restoreCommit: string | null;
  readonly injections: readonly Injection[];
  /** Every permission request of the session's attempts, in the order asked. */
  readonly permissions: readonly PermissionRequestState[];
  readonly checkpointCount: number;
  readonly latestCheckpoint: CheckpointSummary | null;
  readonly budget: BudgetState;
  readonly clock: SessionClock;
}

export type SessionState = AbsentSession | Session;

export function initialSessionState(): SessionState {
  return { status: 'absent' };
}

/** Folds one recorded event; never throws (the event already happened), unknown references are ignored. */
export function evolveSession(state: SessionState, event: SessionEvent): SessionState {
  if (state.status === 'absent') return event.type === 'SessionCreated' ? createdSession(event) : state;
  if (isTaskEvent(event)) return evolveTask(state, event);
  if (isLifecycleEvent(event)) return evolveLifecycle(state, event);
  return evolveRecord(state, event);
}

export function foldSession(state: SessionState, events: readonly SessionEvent[]): SessionState {
  return events.reduce(evolveSession, state);
}

function isTaskEvent(event: SessionEvent): event is TaskEvent {
  return TASK_EVENT_TYPES.has(event.type);
}

function isLifecycleEvent(event: SessionEvent): event is SessionLifecycleEvent {
  return SESSION_LIFECYCLE_EVENT_TYPES.has(event.type);
}

/** Folds events a decision produced into an existing session (decisions never produce an absent one). */
export function foldExisting(session: Session, events: readonly SessionEvent[]): Session {
  return foldSession(session, events) as Session;
}
