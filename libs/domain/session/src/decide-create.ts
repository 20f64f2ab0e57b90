import { DomainError } from '@orch/kernel';
import { resolvePlan, validatePlan, type PlanningInput } from '@orch/domain-planning';
import { requireReason, requireStatus } from './guards';
import type { CreateSession, CreateSessionData, ReplacePlan } from './session.commands';
import type { PlanningChoice, SessionEvent } from './session.events';
import { OPEN_STATUSES, isTerminal } from './session-statuses';
import type { Session, SessionState } from './session.state';
import { omitUndefined, validSettings, validUuid } from './validate-settings';

/** CreateSession (DOMAIN.md §2.1, §3.1): `SessionCreated`, `SessionPlanned`. A create command needs no reason (§1). */
export function decideCreate(command: CreateSession, state: SessionState): SessionEvent[] {
  const { data, metadata } = command;
  if (state.status !== 'absent') {
    throw new DomainError('SESSION.ALREADY_EXISTS', `session ${data.sessionId} already exists`, { sessionId: data.sessionId });
  }
  const sessionId = validUuid(data.sessionId, 'sessionId');
  const settings = validSettings(data);
  checkParent(data);
  const plan = resolvePlan(data.planning, settings.title, settings.prompt);
  const at = metadata.now;
  const created = { sessionId, tenantId: metadata.tenantId, ...settings, planning: planningChoice(data.planning), at };
  const planned = omitUndefined({ planVersion: 1, source: plan.source, template: plan.template, tasks: plan.tasks, at });
  return [
    { type: 'SessionCreated', data: created },
    { type: 'SessionPlanned', data: planned },
  ];
}

/** ReplacePlan (§3.1): only before start; the whole plan is validated and replaced, `planVersion` + 1. */
export function decideReplacePlan(command: ReplacePlan, session: Session): SessionEvent[] {
  requireReason(command);
  requireStatus(session, OPEN_STATUSES, command);
  // §3.2: kind `plan` belongs to agent mode, so only an agent-mode session may keep a plan task.
  const tasks = validatePlan(command.data.tasks, { allowPlanKind: session.settings.planning.mode === 'agent' });
  const at = command.metadata.now;
  return [{ type: 'SessionPlanned', data: { planVersion: session.planVersion + 1, source: 'operator', tasks, at } }];
}

/** `parentId` must name a session of the tenant (fact from the handler) that has not ended (§2.1). */
function checkParent(data: CreateSessionData): void {
  const { parentId, parentStatus } = data;
  if (parentId === undefined) return;
  if (parentStatus === undefined || parentStatus === null) {
    throw new DomainError('SESSION.PARENT_NOT_FOUND', `parent session ${parentId} not found`, { parentId });
  }
  if (isTerminal(parentStatus)) {
    throw new DomainError('SESSION.PARENT_ENDED', `parent session ${parentId} has ended`, { parentId, parentStatus });
  }
}

/** The planning mode as requested; the resolved template and the tasks are in `SessionPlanned`. */
function planningChoice(planning: PlanningInput | undefined): PlanningChoice {
  if (planning === undefined) return { mode: 'template', template: 'feature' };
  switch (planning.mode) {
    case 'template':
      return { mode: 'template', template: planning.template };
    case 'explicit':
      return { mode: 'explicit' };
    case 'agent':
      return { mode: 'agent' };
    default: {
      const unknown: never = planning;
      return unknown;
    }
  }
}
