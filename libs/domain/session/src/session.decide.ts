import type { Decider } from '@orch/kernel';
import { decideChangeBudget, decideRecordUsage } from './decide-budget';
import { decideRecordCheckpoint } from './decide-checkpoints';
import { decideCreate, decideReplacePlan } from './decide-create';
import { decideForceComplete } from './decide-force-complete';
import { decideCancel, decideFail, decideOrphan, decidePause, decideResume, decideStop, decideTimeOut } from './decide-halt';
import { decideInjectPrompt, decidePromptDelivery } from './decide-injections';
import { decideAnswerPermission, decidePermissionRequest } from './decide-permissions';
import { decideRetry, decideStart } from './decide-start';
import { decideAssignTask, decideRouteTask, decideStartTask } from './decide-task-dispatch';
import { decideCompleteTask, decideFailTask } from './decide-task-outcome';
import { decideInterruptTask, decideReattachTask, decideRequeueTask, decideRetryTask } from './decide-task-recovery';
import { decideReassignTask, decideSkipTask } from './decide-task-operator';
import { decideWorkspacePrepared } from './decide-workspace';
import { requireSession } from './guards';
import {
  SESSION_LIFECYCLE_COMMAND_TYPES,
  TASK_COMMAND_TYPES,
  type CreateSession,
  type SessionCommand,
  type SessionLifecycleCommand,
  type SessionRecordCommand,
  type TaskCommand,
} from './session.commands';
import type { SessionEvent } from './session.events';
import { evolveSession, initialSessionState, type Session, type SessionState } from './session.state';

/** The Session decider (DOMAIN.md §2, §3.4–3.5, §6): one command → the events of one append, or a DomainError. */
export function decideSession(command: SessionCommand, state: SessionState): SessionEvent[] {
  if (command.type === 'CreateSession') return decideCreate(command, state);
  return decideExisting(command, requireSession(state, command));
}

function decideExisting(command: Exclude<SessionCommand, CreateSession>, session: Session): SessionEvent[] {
  if (isLifecycleCommand(command)) return decideLifecycle(command, session);
  if (isTaskCommand(command)) return decideTask(command, session);
  return decideRecord(command, session);
}

function decideLifecycle(command: SessionLifecycleCommand, session: Session): SessionEvent[] {
  switch (command.type) {
    case 'StartSession':
      return decideStart(command, session);
    case 'RetrySession':
      return decideRetry(command, session);
    case 'PauseSession':
      return decidePause(command, session);
    case 'ResumeSession':
      return decideResume(command, session);
    case 'CancelSession':
      return decideCancel(command, session);
    case 'StopSession':
      return decideStop(command, session);
    case 'FailSession':
      return decideFail(command, session);
    case 'TimeOutSession':
      return decideTimeOut(command, session);
    case 'OrphanSession':
      return decideOrphan(command, session);
    case 'ForceCompleteSession':
      return decideForceComplete(command, session);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

function decideRecord(command: Exclude<SessionRecordCommand, CreateSession>, session: Session): SessionEvent[] {
  switch (command.type) {
    case 'ReplacePlan':
      return decideReplacePlan(command, session);
    case 'RecordWorkspacePrepared':
      return decideWorkspacePrepared(command, session);
    case 'InjectPrompt':
      return decideInjectPrompt(command, session);
    case 'RecordPromptDelivery':
      return decidePromptDelivery(command, session);
    case 'ChangeSessionBudget':
      return decideChangeBudget(command, session);
    case 'RecordCheckpoint':
      return decideRecordCheckpoint(command, session);
    case 'RecordPermissionRequest':
      return decidePermissionRequest(command, session);
    case 'AnswerTaskPermission':
      return decideAnswerPermission(command, session);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

function decideTask(command: TaskCommand, session: Session): SessionEvent[] {
  switch (command.type) {
    case 'RouteTask':
      return decideRouteTask(command, session);
    case 'AssignTask':
      return decideAssignTask(command, session);
    case 'StartTask':
      return decideStartTask(command, session);
    case 'CompleteTask':
      return decideCompleteTask(command, session);
    case 'FailTask':
      return decideFailTask(command, session);
    case 'InterruptTask':
      return decideInterruptTask(command, session);
    case 'ReattachTask':
      return decideReattachTask(command, session);
    case 'RequeueTask':
      return decideRequeueTask(command, session);
    case 'RetryTask':
      return decideRetryTask(command, session);
    case 'ReassignTask':
      return decideReassignTask(command, session);
    case 'SkipTask':
      return decideSkipTask(command, session);
    case 'RecordTaskUsage':
      return decideRecordUsage(command, session);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

function isLifecycleCommand(command: SessionCommand): command is SessionLifecycleCommand {
  return SESSION_LIFECYCLE_COMMAND_TYPES.has(command.type);
}

function isTaskCommand(command: SessionCommand): command is TaskCommand {
  return TASK_COMMAND_TYPES.has(command.type);
}

export const sessionDecider: Decider<SessionCommand, SessionEvent, SessionState> = {
  initialState: initialSessionState,
  decide: decideSession,
  evolve: evolveSession,
};
