import type { Session, TaskState } from '@orch/domain-session';
import type { OrchestratorAccess } from '../ports/agent-runtime.port';

/** A context document as a task reads it, at the version recorded in `TaskStarted.contextReads`. */
export interface ContextRead {
  readonly contextId: string;
  readonly version: number;
  readonly scope: string;
  readonly document: unknown;
}

export interface InstructionsInput {
  readonly session: Session;
  readonly task: TaskState;
  readonly attempt: number;
  readonly contexts: readonly ContextRead[];
  /** Operator prompts delivered with this start (`TaskStarted.deliveredInjectionIds`), in order. */
  readonly injections: readonly { readonly injectionId: string; readonly text: string }[];
  readonly previousFailure: { readonly code: string; readonly message: string; readonly details?: unknown } | null;
  readonly orchestrator?: OrchestratorAccess;
}

/** Characters of context JSON a prompt carries; a larger document is cut, saying so. */
export const CONTEXT_PROMPT_LIMIT = 20_000;

/** Marks the fenced block in which an agent of a `plan` task returns its plan. */
export const PLAN_BLOCK = 'orchestrator-plan';

/**
 * The whole prompt of one task attempt (DOMAIN.md §3.2: the session prompt, then the task title
 * and description), with the context it reads, the operator's injected prompts, what went wrong
 * last time, and how to talk back. Pure: the same input always gives the same text.
 */
export function composeInstructions(input: InstructionsInput): string {
  const { session, task } = input;
  const parts = [
    `# ${session.settings.title}`,
    session.settings.prompt,
    ...(session.settings.description ? [session.settings.description] : []),
    `## Your task: ${task.spec.title} (task \`${task.spec.id}\`, attempt ${input.attempt})`,
    ...(task.spec.description ? [task.spec.description] : []),
    ...input.contexts.map(contextSection),
    ...injectionSection(input.injections),
    ...failureSection(input.previousFailure),
    ...(task.spec.kind === 'plan' ? [planSection()] : []),
    ...(input.orchestrator ? [talkBackSection(input.orchestrator)] : []),
  ];
  return parts.join('\n\n');
}

function contextSection(context: ContextRead): string {
  const json = JSON.stringify(context.document, null, 2);
  const body = json.length > CONTEXT_PROMPT_LIMIT ? `${json.slice(0, CONTEXT_PROMPT_LIMIT)}\n… (cut at ${CONTEXT_PROMPT_LIMIT} characters)` : json;
  return `## Context ${context.contextId} (${context.scope}, version ${context.version})\n\`\`\`json\n${body}\n\`\`\``;
}

function injectionSection(injections: InstructionsInput['injections']): string[] {
  if (injections.length === 0) return [];
  return [`## Notes from the operator\n${injections.map((injection) => `- ${injection.text}`).join('\n')}`];
}

function failureSection(failure: InstructionsInput['previousFailure']): string[] {
  if (failure === null) return [];
  const details = failure.details === undefined ? '' : `\n\`\`\`json\n${JSON.stringify(failure.details, null, 2)}\n\`\`\``;
  return [`## The previous attempt failed\n${failure.code}: ${failure.message}${details}`];
}

function planSection(): string {
  return [
    '## Return a plan',
    'Break the work into tasks. End your final message with a fenced block tagged `' + PLAN_BLOCK + '` holding',
    'a JSON array of tasks: `{ "id", "title", "description"?, "capabilities": [..], "preferredAgentType"?, "dependsOn": [{ "taskId", "optional"? }] }`.',
    'Ids match `^[a-z][a-z0-9_-]{0,63}$`; dependencies may name `plan` and each other; at most 200 tasks, depth at most 10.',
  ].join('\n');
}

function talkBackSection(access: OrchestratorAccess): string {
  const source = JSON.stringify(access.source);
  return [
    '## Recording what you learn',
    `Tasks after you read the session context. To add to it, send \`PATCH ${access.apiUrl}/contexts/${access.contextId}\``,
    `with \`Authorization: Bearer $ORCH_AGENT_TOKEN\` and a body \`{ "expectedVersion": <version above>, "operations": [{ "op": "set", "path": "learned.<topic>", "value": ... }], "source": ${source} }\`.`,
  ].join('\n');
}

/** The plan an agent returned in its final message: the JSON array of the last `orchestrator-plan` block. */
export function proposedTasksIn(summary: string): unknown[] | null {
  const blocks = [...summary.matchAll(new RegExp('```' + PLAN_BLOCK + '\\s*\\n([\\s\\S]*?)```', 'g'))];
  const last = blocks.at(-1)?.[1];
  if (last === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(last);
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** The summary without its plan block (TaskCompleted.summary is for people). */
export function summaryWithoutPlan(summary: string): string {
  const stripped = summary.replace(new RegExp('```' + PLAN_BLOCK + '[\\s\\S]*?```', 'g'), '').trim();
  return stripped.length > 0 ? stripped : 'Proposed a plan';
}
