import { isAbsolute, relative } from 'node:path';
import type { RunUsage } from '@orch/application';
import type { AssistantMessage, OpencodePermission, Part, SessionSnapshot, ToolPart } from './opencode-types';
import { clip, micros, type RunFact } from './run-events';

const PROGRESS_LIMIT = 8000;

/**
 * Every fact a run reports, read off its OpenCode session, in session order: settled text and
 * reasoning parts (a streaming part is reported once, whole, when it ends), tool calls when they
 * run and when they end, one usage delta per model call (`step-finish`, retries and failed calls),
 * later user messages (operator prompts, echoed), and pending permission requests. Pure: the run
 * calls it on every snapshot and records the keys it has not recorded yet.
 */
export function factsOf(snapshot: SessionSnapshot, directory: string): RunFact[] {
  const facts: RunFact[] = [];
  let userMessages = 0;
  for (const { info, parts } of snapshot.messages) {
    if (info.role === 'user') {
      userMessages += 1;
      facts.push(...promptFacts(parts, userMessages === 1));
      continue;
    }
    facts.push(...assistantFacts(info, parts));
  }
  for (const permission of snapshot.permissions) facts.push(permissionFact(permission, directory));
  return facts;
}

/**
 * Prompts sent into the run are echoed; its own instructions are not. Ours are told apart by the
 * metadata we give their text parts (an operator's prompt may reach OpenCode before the
 * instructions are stored); unmarked ones (a TUI user, a session attached without its journal)
 * by position: the first user message holds the instructions.
 */
function promptFacts(parts: readonly Part[], firstMessage: boolean): RunFact[] {
  return parts.flatMap((part) => {
    if (part.type !== 'text' || part.synthetic === true || part.text.trim() === '') return [];
    const marks = part.metadata ?? {};
    const instructions = marks['orchRunId'] !== undefined || (firstMessage && marks['orchInjectionId'] === undefined);
    if (instructions) return [];
    return [{ key: `part:${part.id}`, event: { type: 'progress', kind: 'text', text: clip(`Prompt from the operator: ${part.text}`, PROGRESS_LIMIT) } }];
  });
}

function assistantFacts(info: AssistantMessage, parts: readonly Part[]): RunFact[] {
  const completed = info.time.completed !== undefined;
  const facts = parts.flatMap((part) => partFacts(part, completed));
  const failedCall = completed && info.error !== undefined && info.error.name !== 'MessageAbortedError' && !parts.some((p) => p.type === 'step-finish');
  if (failedCall) facts.push({ key: `message:${info.id}:error`, event: { type: 'usage', ...callUsage(0, 0, 0, true) } });
  return facts;
}

function partFacts(part: Part, messageCompleted: boolean): RunFact[] {
  switch (part.type) {
    case 'text':
    case 'reasoning': {
      const settled = part.time?.end !== undefined || messageCompleted;
      const shown = part.type === 'reasoning' || (part.synthetic !== true && part.ignored !== true);
      if (!settled || !shown || part.text.trim() === '') return [];
      return [{ key: `part:${part.id}`, event: { type: 'progress', kind: part.type, text: clip(part.text, PROGRESS_LIMIT) } }];
    }
    case 'tool':
      return toolFacts(part);
    case 'step-finish': {
      const { input, output, reasoning, cache } = part.tokens;
      return [{ key: `part:${part.id}`, event: { type: 'usage', ...callUsage(input + cache.read + cache.write, output + reasoning, part.cost, false) } }];
    }
    case 'retry':
      return [{ key: `part:${part.id}`, event: { type: 'usage', ...callUsage(0, 0, 0, true) } }];
    default:
      return [];
  }
}

function toolFacts(part: ToolPart): RunFact[] {
  const { state, tool } = part;
  const progress = (status: string, text: string): RunFact => ({
    key: `part:${part.id}:${status === 'running' ? 'running' : 'done'}`,
    event: { type: 'progress', kind: 'tool', text: clip(text, PROGRESS_LIMIT), tool: { name: tool, status } },
  });
  switch (state.status) {
    case 'pending':
      return [];
    case 'running':
      return [progress('running', `${tool} ${state.title ?? ''}`.trim())];
    case 'completed':
      return [progress('completed', `${tool} ${state.title}`.trim())];
    case 'error':
      return [progress('error', `${tool} failed: ${state.error}`)];
  }
}

function callUsage(tokensIn: number, tokensOut: number, cost: number, failed: boolean): RunUsage {
  return { tokensIn, tokensOut, costUsd: micros(cost) / 1_000_000, apiCalls: 1, apiErrors: failed ? 1 : 0 };
}

function permissionFact(permission: OpencodePermission, directory: string): RunFact {
  const event = { type: 'permission_requested', ...permissionRequestOf(permission, directory) } as const;
  return { key: `permission:${permission.id}:asked`, event };
}

/** The port's view of an OpenCode permission request: its kind (`edit`, `bash`…) and what it is for. */
export function permissionRequestOf(permission: OpencodePermission, directory: string): { requestId: string; tool: string; description: string } {
  const file = permission.metadata['filepath'];
  const target = typeof file === 'string' ? shownPath(file, directory) : permission.patterns.join(', ');
  return { requestId: permission.id, tool: permission.permission, description: clip(`${permission.permission} ${target}`.trim(), 2000) };
}

function shownPath(file: string, directory: string): string {
  if (!isAbsolute(file)) return file;
  const inside = relative(directory, file);
  return inside.startsWith('..') || isAbsolute(inside) ? file : inside;
}
