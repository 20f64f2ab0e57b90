import type { RunFailure, RunProgress, TaskRunRequest } from '@orch/application';
import type { ScriptFlags } from './script-directives';
import { notePath, sourcePath } from './script-files';
import { tokensOf, type Turn } from './usage-meter';

/** One step of a scripted agent; each takes one step delay before it happens. */
export type ScriptStep =
  | { readonly kind: 'say'; readonly progress: RunProgress }
  /** A model turn: what it showed, and what it cost. */
  | { readonly kind: 'turn'; readonly progress: RunProgress; readonly turn: Turn }
  | { readonly kind: 'ask'; readonly tool: string; readonly description: string }
  | { readonly kind: 'write'; readonly file: 'source' | 'note'; readonly path: string }
  /** Records what it learned in the session context through the api (when the engine gave it access). */
  | { readonly kind: 'learn' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'fail'; readonly failure: RunFailure; readonly turn: Turn }
  | { readonly kind: 'complete' };

/** The steps a scripted agent takes for `request`: the same request and flags always give the same steps. */
export function scriptFor(request: TaskRunRequest, flags: ScriptFlags): ScriptStep[] {
  const source = sourcePath(request);
  const note = notePath(request);
  const plan = `Plan: write ${source}, keep notes in ${note}, then summarise.`;
  const opening: ScriptStep[] = [
    { kind: 'say', progress: { kind: 'status', text: `Reading the task: ${request.title}` } },
    { kind: 'turn', progress: { kind: 'reasoning', text: plan }, turn: { tokensIn: tokensOf(request.instructions), tokensOut: tokensOf(plan), apiErrors: 0 } },
  ];
  if (flags.fail || (flags.flaky && request.attempt === 1)) return [...opening, failing(request)];
  if (flags.hang) return [...opening, { kind: 'say', progress: { kind: 'status', text: `Working on ${request.title}…` } }, { kind: 'hang' }];
  const asking: ScriptStep[] = flags.askPermission
    ? [
        { kind: 'say', progress: { kind: 'status', text: `Asking permission to write ${source}` } },
        { kind: 'ask', tool: 'write', description: `Write ${source} in the task's working directory` },
      ]
    : [];
  return [
    ...opening,
    ...asking,
    { kind: 'write', file: 'source', path: source },
    { kind: 'write', file: 'note', path: note },
    ...(request.orchestrator ? [{ kind: 'learn' } as const] : []),
    { kind: 'complete' },
  ];
}

/**
 * The plan a scripted agent proposes for a `plan` task (DOMAIN.md §3.1 agent extension): design,
 * build after it, verify after that — the same three tasks every time, so the demo is repeatable.
 */
export function proposedPlan(): readonly object[] {
  return [
    { id: 'design', title: 'Design the change', capabilities: ['system_design'], preferredAgentType: 'architect', dependsOn: [{ taskId: 'plan' }] },
    { id: 'build', title: 'Build the change', capabilities: ['code_generation'], preferredAgentType: 'implementer', dependsOn: [{ taskId: 'design' }] },
    { id: 'verify', title: 'Verify the change', capabilities: ['testing'], preferredAgentType: 'implementer', dependsOn: [{ taskId: 'build' }] },
  ];
}

function failing(request: TaskRunRequest): ScriptStep {
  const message = `The scripted agent gave up on "${request.title}" (attempt ${request.attempt}), as its script says.`;
  return {
    kind: 'fail',
    failure: { code: 'TASK.AGENT_ERROR', message, retryable: true },
    turn: { tokensIn: tokensOf(request.instructions), tokensOut: tokensOf(message), apiErrors: 1 },
  };
}

/** The completed run's summary (≤ 4000 code points by construction: the title is ≤ 200). */
export function summaryOf(request: TaskRunRequest, changed: readonly string[], prompts: number): string {
  const followed = prompts === 0 ? '' : ` Followed ${prompts} operator prompt${prompts === 1 ? '' : 's'}.`;
  const done = `Completed "${request.title}": wrote ${changed.join(' and ')}.${followed}`;
  if (request.taskKind !== 'plan') return done;
  return `${done}\n\n\`\`\`orchestrator-plan\n${JSON.stringify(proposedPlan(), null, 2)}\n\`\`\``;
}
