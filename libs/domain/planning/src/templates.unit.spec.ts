import type { AgentType, Capability } from '@orch/kernel';
import type { ResolvedTemplateName, TaskSpec } from './task-spec';
import { templateTasks } from './templates';
import { validatePlan } from './validate-plan';

const spec = (id: string, title: string, capabilities: Capability[], preferredAgentType: AgentType, dependsOn: string[]): TaskSpec => ({
  id,
  title,
  capabilities,
  preferredAgentType,
  dependsOn: dependsOn.map((taskId) => ({ taskId, optional: false })),
  kind: 'work',
});
const B: [Capability[], AgentType] = [['code_generation'], 'implementer'];
const T: [Capability[], AgentType] = [['test_generation', 'testing'], 'implementer'];
const R: [Capability[], AgentType] = [['code_review'], 'reviewer'];

const EXPECTED: Record<ResolvedTemplateName, TaskSpec[]> = {
  feature: [
    spec('analyse', 'Analyse the request', ['requirements_analysis'], 'analyst', []),
    spec('implement', 'Implement the change', ...B, ['analyse']),
    spec('test', 'Test the change', ...T, ['implement']),
    spec('review', 'Review the change', ...R, ['test']),
  ],
  microservice: [
    spec('design', 'Design service boundaries and APIs', ['system_design', 'architecture_planning'], 'architect', []),
    spec('data', 'Build the data layer', ...B, ['design']),
    spec('auth', 'Build authentication and authorisation', ...B, ['design']),
    spec('gateway', 'Build the API gateway', ...B, ['design']),
    spec('services', 'Implement the services', ...B, ['data', 'auth', 'gateway']),
    spec('contract_tests', 'Write contract and integration tests', ...T, ['services']),
    spec('deploy', 'Configure deployment', ['deployment', 'configuration'], 'integrator', ['services']),
    spec('review', 'Review the system', ...R, ['contract_tests', 'deploy']),
  ],
  crud: [
    spec('model', 'Design the data model and migration', ['system_design'], 'architect', []),
    spec('create', 'Implement create', ...B, ['model']),
    spec('read', 'Implement read and list', ...B, ['model']),
    spec('update', 'Implement update', ...B, ['model']),
    spec('delete', 'Implement delete', ...B, ['model']),
    spec('test', 'Test the CRUD operations', ...T, ['create', 'read', 'update', 'delete']),
    spec('review', 'Review the change', ...R, ['test']),
  ],
  security: [
    spec('threat_model', 'Model threats and design controls', ['security_audit'], 'reviewer', []),
    spec('implement', 'Implement the security controls', ...B, ['threat_model']),
    spec('test', 'Write security tests', ...T, ['implement']),
    spec('audit', 'Audit the result', ['security_audit', 'code_review'], 'reviewer', ['test']),
  ],
  ui: [
    spec('layout', 'Build the layout and shell', ...B, []),
    spec('navigation', 'Build navigation', ...B, ['layout']),
    spec('forms', 'Build forms', ...B, ['layout']),
    spec('tables', 'Build tables and lists', ...B, ['layout']),
    spec('charts', 'Build charts', ...B, ['layout']),
    spec('test', 'Test the UI', ...T, ['navigation', 'forms', 'tables', 'charts']),
    spec('review', 'Review the change', ...R, ['test']),
  ],
  refactoring: [
    spec('analyse', 'Analyse the code to refactor', ['code_review'], 'reviewer', []),
    spec('plan_refactor', 'Plan the refactoring', ['system_design'], 'architect', ['analyse']),
    spec('refactor', 'Refactor', ['refactoring'], 'implementer', ['plan_refactor']),
    spec('verify', 'Verify behaviour is unchanged', ...T, ['refactor']),
  ],
};
const NAMES = Object.keys(EXPECTED) as ResolvedTemplateName[];

describe('templates (DOMAIN.md §3.3)', () => {
  it.each(NAMES)('given the %s template, when built, then it is exactly the graph of the spec', (name) => {
    expect(templateTasks(name)).toStrictEqual(EXPECTED[name]);
  });

  it.each(NAMES)('given the %s template, when validated as a plan, then it passes unchanged', (name) => {
    expect(validatePlan(templateTasks(name))).toStrictEqual(EXPECTED[name]);
  });

  it('given a built template, when its tasks are changed, then the next build is unaffected', () => {
    const first = templateTasks('feature') as unknown as { capabilities: string[]; dependsOn: unknown[] }[];
    first[1]?.capabilities.push('testing');
    first[1]?.dependsOn.pop();
    expect(templateTasks('feature')).toStrictEqual(EXPECTED.feature);
  });
});
