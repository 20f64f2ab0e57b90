/** The shared vocabulary of agent types and capabilities (DOMAIN.md §4.1). */
export const AGENT_TYPES = [
  'architect',
  'implementer',
  'reviewer',
  'debugger',
  'integrator',
  'orchestrator',
  'analyst',
  'optimizer',
] as const;
export type AgentType = (typeof AGENT_TYPES)[number];

export const PRIMARY_CAPABILITIES_BY_TYPE = {
  architect: ['requirements_analysis', 'system_design', 'architecture_planning', 'task_decomposition'],
  implementer: ['code_generation', 'test_generation', 'testing', 'documentation', 'refactoring'],
  reviewer: ['code_review', 'security_audit', 'performance_analysis', 'compliance_check'],
  debugger: ['debugging', 'bug_fixing', 'troubleshooting', 'root_cause_analysis', 'optimization'],
  integrator: ['deployment', 'configuration', 'monitoring', 'scaling'],
  orchestrator: ['workflow_orchestration', 'resource_allocation', 'conflict_resolution', 'progress_tracking'],
  analyst: [
    'requirements_analysis',
    'task_decomposition',
    'root_cause_analysis',
    'performance_analysis',
    'compliance_check',
    'documentation',
  ],
  optimizer: ['optimization', 'performance_analysis', 'refactoring', 'monitoring', 'scaling'],
} as const satisfies Record<AgentType, readonly string[]>;

/** The first six types partition the 26 capabilities. */
export const CAPABILITIES = [
  ...PRIMARY_CAPABILITIES_BY_TYPE.architect,
  ...PRIMARY_CAPABILITIES_BY_TYPE.implementer,
  ...PRIMARY_CAPABILITIES_BY_TYPE.reviewer,
  ...PRIMARY_CAPABILITIES_BY_TYPE.debugger,
  ...PRIMARY_CAPABILITIES_BY_TYPE.integrator,
  ...PRIMARY_CAPABILITIES_BY_TYPE.orchestrator,
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export function isAgentType(value: unknown): value is AgentType {
  return typeof value === 'string' && (AGENT_TYPES as readonly string[]).includes(value);
}

export function isCapability(value: unknown): value is Capability {
  return typeof value === 'string' && (CAPABILITIES as readonly string[]).includes(value);
}
