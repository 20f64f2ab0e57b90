import type { RunProgress, RunUsage } from '@orch/application';
import { asJson, asList, asNumber, asText, clip, parseJsonLine, type Json } from '../text';
import { priceTokens, usageDelta, type PriceTable } from '../usage';

/** Item types that are a tool the agent ran (each costs a model call to read its result). */
const TOOL_ITEMS = new Set(['command_execution', 'file_change', 'mcp_tool_call', 'web_search']);

export const isToolItem = (item: Json): boolean => TOOL_ITEMS.has(asText(item['type']));

/** What one `item.started` / `item.updated` / `item.completed` shows, if anything. */
export function itemProgress(event: string, item: Json): RunProgress | undefined {
  const type = asText(item['type']);
  const done = event === 'item.completed';
  const status = asText(item['status']) || (done ? 'completed' : 'in_progress');
  switch (type) {
    case 'agent_message':
      return done ? { kind: 'text', text: asText(item['text']) } : undefined;
    case 'reasoning':
      return done ? { kind: 'reasoning', text: asText(item['text']) } : undefined;
    case 'command_execution':
      return event === 'item.updated' ? undefined : { kind: 'tool', text: commandText(item, done), tool: { name: 'command', status } };
    case 'file_change':
      return { kind: 'tool', text: changesText(item), tool: { name: 'file_change', status } };
    case 'mcp_tool_call':
      return { kind: 'tool', text: `${asText(item['server'])}/${asText(item['tool'])}`, tool: { name: `mcp:${asText(item['server'])}`, status } };
    case 'web_search':
      return { kind: 'tool', text: `web search: ${asText(item['query'])}`, tool: { name: 'web_search', status } };
    case 'todo_list':
      return { kind: 'status', text: todoText(item) };
    case 'error':
      return { kind: 'status', text: `Codex: ${asText(item['message'])}` };
    default:
      return undefined;
  }
}

function commandText(item: Json, done: boolean): string {
  const command = asText(item['command']);
  if (!done) return command;
  const output = asText(item['aggregated_output']).trim();
  return `${command} → exit ${String(item['exit_code'] ?? '?')}${output === '' ? '' : `\n${clip(output, 2000)}`}`;
}

function changesText(item: Json): string {
  const changes = asList(item['changes']).map(asJson);
  return changes.length === 0 ? 'file change' : changes.map((change) => `${asText(change['kind'])} ${asText(change['path'])}`).join(', ');
}

function todoText(item: Json): string {
  const items = asList(item['items']).map(asJson);
  return `Plan: ${items.map((todo) => `${todo['completed'] === true ? '[x]' : '[ ]'} ${asText(todo['text'])}`).join('; ')}`;
}

export interface TurnCounts {
  readonly tools: number;
  /** `error` events of the turn (`Reconnecting… n/5` and the final one). */
  readonly errors: number;
}

/**
 * The usage delta of one turn. Codex reports tokens (`input_tokens` includes the cached ones) but
 * neither cost nor calls: cost comes from the price table, calls are estimated as one per tool
 * result read plus one, plus one per error (each a failed call).
 */
export function turnUsage(usage: Json, counts: TurnCounts, prices: PriceTable, model: string | undefined): RunUsage {
  const input = asNumber(usage['input_tokens']);
  const cachedInput = asNumber(usage['cached_input_tokens']);
  const output = asNumber(usage['output_tokens']);
  return usageDelta({
    tokensIn: input,
    tokensOut: output,
    costUsd: priceTokens(prices, model, { input, cachedInput, output }),
    apiCalls: 1 + counts.tools + counts.errors,
    apiErrors: counts.errors,
  });
}

/** Codex puts the provider's error body in `message`; show its own message when it is JSON. */
export function errorMessage(error: Json): string {
  const message = asText(error['message']);
  const inner = asJson(parseJsonLine(message)?.['error']);
  return asText(inner['message']) || message || 'Codex reported a failed turn';
}

/** Auth, unknown model, bad request: a retry would fail the same way. */
export function retryable(message: string): boolean {
  return !/\b(401|403|404)\b|unauthori[sz]ed|invalid_request_error|incorrect api key/i.test(message);
}
