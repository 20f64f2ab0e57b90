import { DomainError, fieldInvalid } from '@orch/kernel';
import { selectTemplate } from './auto-template';
import { type PlanningInput, type ResolvedPlan, type ResolvedTemplateName, type TaskSpec, TEMPLATE_NAMES } from './task-spec';
import { templateTasks } from './templates';
import { validatePlan } from './validate-plan';

export const DEFAULT_PLANNING: PlanningInput = { mode: 'template', template: 'feature' };

/** The single task of an agent-mode plan (DOMAIN.md §3.1); its completion proposes the rest. */
export function agentPlanTask(): TaskSpec {
  return {
    id: 'plan',
    title: 'Plan the work',
    capabilities: ['task_decomposition'],
    preferredAgentType: 'architect',
    dependsOn: [],
    kind: 'plan',
  };
}

/** The initial plan of a session from its `planning` field (DOMAIN.md §3.1), validated and normalised. */
export function resolvePlan(planning: PlanningInput | undefined, title: string, prompt: string): ResolvedPlan {
  const given = planning ?? DEFAULT_PLANNING;
  switch (given.mode) {
    case 'template': {
      const template = resolveTemplateName(given.template, `${title} ${prompt}`);
      return { source: 'template', template, tasks: templateTasks(template) };
    }
    case 'explicit':
      if (!Array.isArray(given.tasks)) throw fieldInvalid('planning.tasks', 'array');
      return { source: 'explicit', tasks: validatePlan(given.tasks) };
    case 'agent':
      return { source: 'agent', tasks: [agentPlanTask()] };
    default:
      return unknownMode(given);
  }
}

/** A template name of §3.1, with `auto` resolved against the session's text. */
export function resolveTemplateName(template: unknown, text: string): ResolvedTemplateName {
  if (!(TEMPLATE_NAMES as readonly unknown[]).includes(template)) {
    throw new DomainError('PLAN.UNKNOWN_TEMPLATE', `Unknown plan template ${String(template)}`, { template });
  }
  return template === 'auto' ? selectTemplate(text) : (template as ResolvedTemplateName);
}

// Reached only by input that bypassed the type (raw JSON): a malformed field of CreateSession (§2.1).
function unknownMode(_planning: never): never {
  throw fieldInvalid('planning.mode', 'enum', 'template,explicit,agent');
}
