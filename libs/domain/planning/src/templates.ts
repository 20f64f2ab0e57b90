import type { AgentType, Capability } from '@orch/kernel';
import type { ResolvedTemplateName, TaskSpec } from './task-spec';

interface TemplateTask {
  readonly id: string;
  readonly title: string;
  readonly capabilities: readonly Capability[];
  readonly preferredAgentType: AgentType;
}

type Stage = readonly TemplateTask[];

const task = (id: string, title: string, capabilities: readonly Capability[], preferredAgentType: AgentType): TemplateTask => ({
  id,
  title,
  capabilities,
  preferredAgentType,
});
// The shorthands of DOMAIN.md §3.3.
const build = (id: string, title: string) => task(id, title, ['code_generation'], 'implementer');
const test = (id: string, title: string) => task(id, title, ['test_generation', 'testing'], 'implementer');
const review = (id: string, title: string) => task(id, title, ['code_review'], 'reviewer');

/** The templates of DOMAIN.md §3.3: stages in plan order. */
const TEMPLATES: Record<ResolvedTemplateName, readonly Stage[]> = {
  feature: [
    [task('analyse', 'Analyse the request', ['requirements_analysis'], 'analyst')],
    [build('implement', 'Implement the change')],
    [test('test', 'Test the change')],
    [review('review', 'Review the change')],
  ],
  microservice: [
    [task('design', 'Design service boundaries and APIs', ['system_design', 'architecture_planning'], 'architect')],
    [
      build('data', 'Build the data layer'),
      build('auth', 'Build authentication and authorisation'),
      build('gateway', 'Build the API gateway'),
    ],
    [build('services', 'Implement the services')],
    [
      test('contract_tests', 'Write contract and integration tests'),
      task('deploy', 'Configure deployment', ['deployment', 'configuration'], 'integrator'),
    ],
    [review('review', 'Review the system')],
  ],
  crud: [
    [task('model', 'Design the data model and migration', ['system_design'], 'architect')],
    [
      build('create', 'Implement create'),
      build('read', 'Implement read and list'),
      build('update', 'Implement update'),
      build('delete', 'Implement delete'),
    ],
    [test('test', 'Test the CRUD operations')],
    [review('review', 'Review the change')],
  ],
  security: [
    [task('threat_model', 'Model threats and design controls', ['security_audit'], 'reviewer')],
    [build('implement', 'Implement the security controls')],
    [test('test', 'Write security tests')],
    [task('audit', 'Audit the result', ['security_audit', 'code_review'], 'reviewer')],
  ],
  ui: [
    [build('layout', 'Build the layout and shell')],
    [
      build('navigation', 'Build navigation'),
      build('forms', 'Build forms'),
      build('tables', 'Build tables and lists'),
      build('charts', 'Build charts'),
    ],
    [test('test', 'Test the UI')],
    [review('review', 'Review the change')],
  ],
  refactoring: [
    [task('analyse', 'Analyse the code to refactor', ['code_review'], 'reviewer')],
    [task('plan_refactor', 'Plan the refactoring', ['system_design'], 'architect')],
    [task('refactor', 'Refactor', ['refactoring'], 'implementer')],
    [test('verify', 'Verify behaviour is unchanged')],
  ],
};

/** The tasks of a template; every task depends (required) on every task of the previous stage. */
export function templateTasks(name: ResolvedTemplateName): TaskSpec[] {
  return TEMPLATES[name].flatMap((stage, index) => {
    const previous = index === 0 ? [] : TEMPLATES[name][index - 1];
    const dependsOn = previous.map(({ id }) => ({ taskId: id, optional: false }));
    return stage.map((template) => ({
      ...template,
      capabilities: [...template.capabilities],
      dependsOn: [...dependsOn],
      kind: 'work' as const,
    }));
  });
}
