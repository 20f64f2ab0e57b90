import type { RunUsage } from '@orch/application';
import { asJson, asList, asNumber, asText, clip, textOf, type Json } from '../text';
import { toMicros, usageDelta } from '../usage';
import type { DriverEnding } from './driver';

/** A short, readable account of what a tool is asked to do: its file, command, pattern or URL. */
export function describeToolInput(name: string, input: Json): string {
  const target = ['file_path', 'notebook_path', 'command', 'pattern', 'url', 'query', 'description', 'path']
    .map((key) => input[key])
    .find((value): value is string => typeof value === 'string' && value !== '');
  return target === undefined ? `${name} ${clip(JSON.stringify(input), 300)}` : `${name}: ${clip(target, 500)}`;
}

/** What an operator is asked to allow (`can_use_tool`): the tool, its target, and Claude's reason. */
export function permissionDescription(request: Json): string {
  const tool = asText(request['tool_name']) || 'a tool';
  const input = asJson(request['input']);
  const what = describeToolInput(tool, input);
  const reason = asText(request['decision_reason']);
  const description = asText(request['description']);
  const head = description !== '' && !what.includes(description) ? `${what} (${description})` : what;
  return reason === '' ? head : `${head}. ${reason}`;
}

export interface TurnCounts {
  /** Distinct model messages of this turn: one API call each. */
  readonly messages: number;
  /** `system/api_retry` lines of this turn. */
  readonly retries: number;
  /** Micro-dollars already reported in this process (Claude's `total_cost_usd` is the session's running total). */
  readonly reportedMicros: number;
}

/** The usage delta of one `result` line: its turn's tokens, and the cost since the last result. */
export function resultUsage(result: Json, counts: TurnCounts): { readonly delta: RunUsage; readonly totalMicros: number } {
  const usage = asJson(result['usage']);
  const totalMicros = Math.max(counts.reportedMicros, toMicros(asNumber(result['total_cost_usd'])));
  const failedCall = result['is_error'] === true && result['api_error_status'] != null ? 1 : 0;
  const apiErrors = counts.retries + failedCall;
  const delta = usageDelta({
    tokensIn: asNumber(usage['input_tokens']) + asNumber(usage['cache_creation_input_tokens']) + asNumber(usage['cache_read_input_tokens']),
    tokensOut: asNumber(usage['output_tokens']),
    costUsd: (totalMicros - counts.reportedMicros) / 1_000_000,
    apiCalls: counts.messages + apiErrors,
    apiErrors,
  });
  return { delta, totalMicros };
}

const NOT_RETRYABLE = new Set([400, 401, 403, 404]);

/** How the agent's last `result` ends the run. */
export function resultEnding(result: Json): DriverEnding {
  const text = asText(result['result']).trim();
  if (result['is_error'] !== true) {
    return { status: 'completed', summary: text === '' ? 'Claude Code finished without a summary' : text };
  }
  const errors = asList(result['errors']).map(textOf).filter((line) => line !== '');
  const reason = [asText(result['subtype']), asText(result['terminal_reason'])].filter((part) => part !== '').join(', ');
  const message = text || errors.join('; ') || 'Claude Code reported an error';
  const status = result['api_error_status'];
  return {
    status: 'failed',
    code: 'TASK.AGENT_ERROR',
    message: reason === '' ? message : `${message} (${reason})`,
    retryable: !(typeof status === 'number' && NOT_RETRYABLE.has(status)),
  };
}

/** `system/init`: which Claude Code, model and permission mode the run got. */
export function initText(init: Json): string {
  const version = asText(init['claude_code_version']);
  const session = asText(init['session_id']);
  return `Claude Code${version === '' ? '' : ` ${version}`} started${session === '' ? '' : ` session ${session}`}: model ${asText(init['model']) || 'default'}, permission mode ${asText(init['permissionMode']) || 'default'}`;
}
