import type { AgentType, Capability } from '@orch/kernel';

/** The contract between planning and the session aggregate (DOMAIN.md §3.1–3.2). */
export type TaskKind = 'work' | 'plan';

export interface TaskDependency {
  readonly taskId: string;
  readonly optional: boolean;
}

/** A validated, normalised task of a plan (trimmed text, defaults filled in). */
export interface TaskSpec {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly capabilities: readonly Capability[];
  readonly preferredAgentType?: AgentType;
  readonly dependsOn: readonly TaskDependency[];
  readonly kind: TaskKind;
}

/** A task as a caller gives it: optional fields may be missing, values are unchecked. */
export interface TaskSpecInput {
  readonly id: unknown;
  readonly title: unknown;
  readonly description?: unknown;
  readonly capabilities: unknown;
  readonly preferredAgentType?: unknown;
  readonly dependsOn?: unknown;
  readonly kind?: unknown;
}

export const TEMPLATE_NAMES = ['feature', 'microservice', 'crud', 'security', 'ui', 'refactoring', 'auto'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];
export type ResolvedTemplateName = Exclude<TemplateName, 'auto'>;

export type PlanningInput =
  | { readonly mode: 'template'; readonly template: string }
  | { readonly mode: 'explicit'; readonly tasks: readonly TaskSpecInput[] }
  | { readonly mode: 'agent' };

export type PlanSource = 'template' | 'explicit' | 'agent' | 'operator';

export interface ResolvedPlan {
  readonly source: Exclude<PlanSource, 'operator'>;
  readonly template?: ResolvedTemplateName;
  readonly tasks: readonly TaskSpec[];
}

export const PLAN_LIMITS = { maxTasks: 200, maxDepth: 10, maxDependencies: 20, maxCapabilities: 5 } as const;
