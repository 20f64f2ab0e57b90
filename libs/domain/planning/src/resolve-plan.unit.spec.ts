import { resolvePlan } from './resolve-plan';
import type { PlanningInput } from './task-spec';
import { templateTasks } from './templates';
import { after, expectPlanError, taskInput, taskSpec, on } from './testing/task-spec.mother';

const TITLE = 'Export reports';
const PROMPT = 'Add a button that exports the report as CSV.';

describe('resolvePlan (DOMAIN.md §3.1)', () => {
  it('given no planning, when resolved, then the feature template', () => {
    expect(resolvePlan(undefined, TITLE, PROMPT)).toEqual({ source: 'template', template: 'feature', tasks: templateTasks('feature') });
  });

  it.each(['feature', 'microservice', 'crud', 'security', 'ui', 'refactoring'] as const)(
    'given the %s template, when resolved, then its tasks with source template',
    (template) => {
      expect(resolvePlan({ mode: 'template', template }, TITLE, PROMPT)).toEqual({ source: 'template', template, tasks: templateTasks(template) });
    },
  );

  it('given auto, when the title names a keyword, then the resolved template name is recorded', () => {
    expect(resolvePlan({ mode: 'template', template: 'auto' }, 'Harden OAuth login', PROMPT)).toEqual({
      source: 'template',
      template: 'security',
      tasks: templateTasks('security'),
    });
  });

  it('given auto, when only the prompt names a keyword, then it is found there', () => {
    expect(resolvePlan({ mode: 'template', template: 'auto' }, TITLE, 'Store them in the database')?.template).toBe('crud');
  });

  it('given auto, when title and prompt meet, then they are separated by a space, not glued into a word', () => {
    expect(resolvePlan({ mode: 'template', template: 'auto' }, 'Split into a micro', 'service layout')?.template).toBe('feature');
    expect(resolvePlan({ mode: 'template', template: 'auto' }, 'Polish the', 'UI')?.template).toBe('ui');
  });

  it.each(['Feature', 'kanban', ''])('given the unknown template %j, when resolved, then PLAN.UNKNOWN_TEMPLATE', (template) => {
    expectPlanError(() => resolvePlan({ mode: 'template', template }, TITLE, PROMPT), 'PLAN.UNKNOWN_TEMPLATE', { template });
  });

  it('given explicit tasks, when resolved, then they are validated and normalised', () => {
    const planning: PlanningInput = { mode: 'explicit', tasks: [taskInput('a', { title: ' A ' }), after('b', 'a')] };
    expect(resolvePlan(planning, TITLE, PROMPT)).toEqual({
      source: 'explicit',
      tasks: [taskSpec('a', { title: 'A' }), taskSpec('b', { dependsOn: [on('a')] })],
    });
  });

  it('given explicit tasks breaking a rule, when resolved, then the PLAN error of validatePlan', () => {
    expectPlanError(() => resolvePlan({ mode: 'explicit', tasks: [after('a', 'b'), after('b', 'a')] }, TITLE, PROMPT), 'PLAN.CYCLE', {
      cycle: ['a', 'b', 'a'],
    });
    expectPlanError(() => resolvePlan({ mode: 'explicit', tasks: [] }, TITLE, PROMPT), 'PLAN.EMPTY');
  });

  it('given explicit tasks with a task of kind plan, when resolved, then it is refused: plan tasks are for agent mode', () => {
    const planning: PlanningInput = { mode: 'explicit', tasks: [taskInput('plan', { kind: 'plan' })] };
    expectPlanError(() => resolvePlan(planning, TITLE, PROMPT), 'PLAN.TASK_INVALID', { taskId: 'plan', field: 'kind', rule: 'agent_mode_only' });
  });

  it('given agent mode, when resolved, then the single plan task', () => {
    expect(resolvePlan({ mode: 'agent' }, TITLE, PROMPT)).toEqual({
      source: 'agent',
      tasks: [
        { id: 'plan', title: 'Plan the work', capabilities: ['task_decomposition'], preferredAgentType: 'architect', dependsOn: [], kind: 'plan' },
      ],
    });
  });

  it('given raw input outside the type, when resolved, then COMMAND.FIELD_INVALID for the malformed field', () => {
    expectPlanError(() => resolvePlan({ mode: 'explicit' } as never, TITLE, PROMPT), 'COMMAND.FIELD_INVALID', { field: 'planning.tasks', rule: 'array' });
    expectPlanError(() => resolvePlan({ mode: 'magic' } as never, TITLE, PROMPT), 'COMMAND.FIELD_INVALID', {
      field: 'planning.mode',
      rule: 'enum',
      limit: 'template,explicit,agent',
    });
  });
});
