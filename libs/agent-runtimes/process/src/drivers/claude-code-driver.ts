import { randomUUID } from 'node:crypto';
import type { InjectedPrompt, PermissionAnswer, RunFailure } from '@orch/application';
import type { AgentProcess, ProcessExit } from '../process/agent-process';
import { asJson, asList, asText, clip, modelName, textOf, type Json } from '../text';
import { describeToolInput, initText, permissionDescription, resultEnding, resultUsage } from './claude-stream';
import { derivedUuid } from './derived-uuid';
import type { DriverContext } from './driver';
import { ProcessDriver } from './process-driver';

/** Flags a user's args may set instead of ours. */
const PERMISSION_FLAGS = ['--permission-mode', '--dangerously-skip-permissions'];

/**
 * The `claude` command line: print mode speaking stream-json both ways, the host answering
 * permission prompts, edits inside the working directory accepted, and no AskUserQuestion (a
 * question nobody can answer would stall an unattended turn).
 */
export function claudeArgs(ctx: DriverContext, sessionId: string): string[] {
  const { args } = ctx.config;
  const model = modelName(ctx.request.model);
  return [
    '-p',
    '--output-format',
    'stream-json',
    '--verbose',
    '--input-format',
    'stream-json',
    '--replay-user-messages',
    '--permission-prompt-tool',
    'stdio',
    ...(args.some((arg) => PERMISSION_FLAGS.includes(arg)) ? [] : ['--permission-mode', 'acceptEdits']),
    '--disallowedTools',
    'AskUserQuestion',
    '--session-id',
    sessionId,
    ...(model === undefined || args.includes('--model') ? [] : ['--model', model]),
    ...args,
  ];
}

const userMessage = (text: string, uuid: string): string =>
  JSON.stringify({ type: 'user', message: { role: 'user', content: text }, parent_tool_use_id: null, session_id: '', uuid });

/**
 * Claude Code (`claude -p`) as the Agent SDK drives it: the instructions go in as the first
 * stream-json user message; operator prompts go in as later ones (Claude takes them at its next
 * step and replays each, which is when the run shows it); `can_use_tool` control requests become
 * permission requests, answered with `control_response` (a denial interrupts the turn). Each
 * `result` is one turn's usage. Once a result arrives with every injected prompt taken, stdin is
 * closed and Claude exits; the last result is the outcome.
 */
export class ClaudeCodeDriver extends ProcessDriver {
  private readonly sessionId: string;
  private readonly toolNames = new Map<string, string>();
  private readonly inputs = new Map<string, Json>();
  private readonly untaken = new Map<string, string>();
  private messages = new Set<string>();
  private retries = 0;
  private reportedMicros = 0;
  private started = false;
  private lastResult: Json | undefined;

  constructor(ctx: DriverContext) {
    super(ctx, ctx.config.command ?? 'claude');
    // Fresh per start: Claude refuses a session id already used ("Session ID … is already in use"),
    // and a start repeated after an engine crash must still run.
    this.sessionId = randomUUID();
  }

  async start(): Promise<RunFailure | undefined> {
    const first = userMessage(this.ctx.request.instructions, derivedUuid('prompt', this.ctx.request.runId));
    const launched = await this.launch(this.label, claudeArgs(this.ctx, this.sessionId), [first], false);
    return 'code' in launched ? launched : undefined;
  }

  async deliver({ injectionId, text }: InjectedPrompt): Promise<'delivered' | 'ended'> {
    const uuid = derivedUuid('injection', this.ctx.request.runId, injectionId);
    if (this.over || this.current?.write(userMessage(text, uuid)) !== true) return 'ended';
    this.untaken.set(uuid, text);
    this.ctx.sink.promptDelivered(injectionId);
    return 'delivered';
  }

  answer(requestId: string, answer: PermissionAnswer): void {
    const response =
      answer === 'allow'
        ? { behavior: 'allow', updatedInput: this.inputs.get(requestId) ?? {} }
        : { behavior: 'deny', message: 'The operator denied this request.', interrupt: true };
    this.current?.write(JSON.stringify({ type: 'control_response', response: { subtype: 'success', request_id: requestId, response } }));
  }

  protected onJson(json: Json): void {
    switch (json['type']) {
      case 'system':
        return this.onSystem(json);
      case 'assistant':
        return this.onAssistant(asJson(json['message']));
      case 'user':
        return this.onUser(json);
      case 'control_request':
        return this.onControlRequest(asText(json['request_id']), asJson(json['request']));
      case 'control_cancel_request':
        return this.ctx.sink.withdrawPermission(asText(json['request_id']));
      case 'result':
        return this.onResult(json);
      default:
        // control_response echoes, command_lifecycle, stream events: nothing to show.
        return;
    }
  }

  protected onExit(exit: ProcessExit, process: AgentProcess): void {
    const result = this.lastResult;
    this.finish(result === undefined || exit.signal !== null ? this.exitFailure(exit, process) : resultEnding(result));
  }

  private onSystem(json: Json): void {
    if (json['subtype'] === 'init' && !this.started) {
      this.started = true;
      this.ctx.sink.progress({ kind: 'status', text: initText(json) });
    } else if (json['subtype'] === 'api_retry') {
      this.retries += 1;
      const status = json['error_status'] ?? json['error'] ?? 'unknown';
      this.ctx.sink.progress({ kind: 'status', text: `API error ${String(status)}: retrying (attempt ${String(json['attempt'])} of ${String(json['max_retries'])})` });
    }
  }

  private onAssistant(message: Json): void {
    const id = asText(message['id']);
    if (id !== '' && message['model'] !== '<synthetic>') this.messages.add(id);
    for (const block of asList(message['content']).map(asJson)) {
      if (block['type'] === 'text') this.ctx.sink.progress({ kind: 'text', text: asText(block['text']) });
      else if (block['type'] === 'thinking') this.ctx.sink.progress({ kind: 'reasoning', text: asText(block['thinking']) });
      else if (block['type'] === 'tool_use') this.onToolUse(block);
    }
  }

  private onToolUse(block: Json): void {
    const name = asText(block['name']) || 'tool';
    this.toolNames.set(asText(block['id']), name);
    this.ctx.sink.progress({ kind: 'tool', text: describeToolInput(name, asJson(block['input'])), tool: { name, status: 'started' } });
  }

  private onUser(json: Json): void {
    const uuid = asText(json['uuid']);
    if (json['isReplay'] === true) {
      const text = this.untaken.get(uuid);
      if (text !== undefined) {
        this.untaken.delete(uuid);
        this.ctx.sink.progress({ kind: 'status', text: `Claude Code took the operator's prompt: ${text}` });
      }
      return;
    }
    for (const block of asList(asJson(json['message'])['content']).map(asJson)) {
      if (block['type'] !== 'tool_result') continue;
      const name = this.toolNames.get(asText(block['tool_use_id'])) ?? 'tool';
      const status = block['is_error'] === true ? 'failed' : 'completed';
      this.ctx.sink.progress({ kind: 'tool', text: `${name}: ${clip(textOf(block['content']) || status, 1000)}`, tool: { name, status } });
    }
  }

  private onControlRequest(requestId: string, request: Json): void {
    if (request['subtype'] !== 'can_use_tool') {
      // No hooks or SDK MCP servers are registered: say so rather than leave Claude waiting.
      const error = `unsupported control request ${asText(request['subtype'])}`;
      this.current?.write(JSON.stringify({ type: 'control_response', response: { subtype: 'error', request_id: requestId, error } }));
      return;
    }
    this.inputs.set(requestId, asJson(request['input']));
    this.ctx.sink.askPermission({ requestId, tool: asText(request['tool_name']) || 'tool', description: permissionDescription(request) });
  }

  private onResult(result: Json): void {
    const { delta, totalMicros } = resultUsage(result, { messages: this.messages.size, retries: this.retries, reportedMicros: this.reportedMicros });
    this.reportedMicros = totalMicros;
    this.messages = new Set();
    this.retries = 0;
    this.lastResult = result;
    this.ctx.sink.usage(delta);
    // Claude runs another turn for every prompt it has not taken yet; after the last one it may go.
    if (this.untaken.size === 0) this.current?.endInput();
  }
}

