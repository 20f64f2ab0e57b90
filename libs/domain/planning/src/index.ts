export * from './task-spec';
export { normalizeTaskSpec } from './normalize-task-spec';
export { validatePlan, type ValidatePlanOptions } from './validate-plan';
export { resolvePlan, resolveTemplateName, agentPlanTask, DEFAULT_PLANNING } from './resolve-plan';
export { validateExtension } from './extension';
export { templateTasks } from './templates';
export { selectTemplate } from './auto-template';
export { findCycle } from './cycle';
export { planDepths, planDepth, dependentsOf, type TaskDependent } from './graph';
