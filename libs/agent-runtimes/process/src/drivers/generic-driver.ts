import type { InjectedPrompt, PermissionAnswer, ProgressKind, RunFailure, TaskRunRequest } from '@orch/application';
import type { AgentProcess, ProcessExit } from '../process/agent-process';
import { asJson, asNumber, asText, type Json } from '../text';
import { usageDelta } from '../usage';
import type { DriverContext, DriverEnding } from './driver';
import { ProcessDriver } from './process-driver';

const KINDS: readonly ProgressKind[] = ['text', 'reasoning', 'tool', 'status'];

/** `{{name}}` in an arg becomes the request's field (instructions, workingDirectory, model, runId, taskId, sessionId, title, attempt). */
export function expandArgs(args: readonly string[], request: TaskRunRequest): string[] {
  const values: Record<string, string> = {
    instructions: request.instructions,
    workingDirectory: request.workingDirectory,
    model: request.model ?? '',
    runId: request.runId,
    taskId: request.taskId,
    sessionId: request.sessionId,
    title: request.title,
    attempt: String(request.attempt),
  };
  return args.map((arg) => arg.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole));
}

/** The first stdin line: the task. */
export function taskLine(request: TaskRunRequest): string {
  const { runId, sessionId, taskId, attempt, title, instructions, workingDirectory, model } = request;
  return JSON.stringify({ type: 'task', runId, sessionId, taskId, attempt, title, instructions, workingDirectory, ...(model === undefined ? {} : { model }) });
}

/**
 * Any command speaking the generic JSON-lines protocol (README: "Generic line format"): the task,
 * operator prompts and permission answers go in on stdin, one JSON object a line; progress, usage,
 * permission requests and one result come out on stdout. Stdin is closed once the result is in,
 * and the result is the outcome when the process exits.
 */
export class GenericDriver extends ProcessDriver {
  private result: DriverEnding | undefined;

  constructor(ctx: DriverContext) {
    super(ctx, ctx.config.command ?? 'agent');
  }

  async start(): Promise<RunFailure | undefined> {
    const launched = await this.launch(this.label, expandArgs(this.ctx.config.args, this.ctx.request), [taskLine(this.ctx.request)], false);
    return 'code' in launched ? launched : undefined;
  }

  async deliver({ injectionId, text }: InjectedPrompt): Promise<'delivered' | 'ended'> {
    if (this.over || this.result !== undefined || this.current?.write(JSON.stringify({ type: 'prompt', injectionId, text })) !== true) return 'ended';
    this.ctx.sink.promptDelivered(injectionId);
    return 'delivered';
  }

  answer(requestId: string, answer: PermissionAnswer): void {
    this.current?.write(JSON.stringify({ type: 'permission_answer', requestId, answer }));
  }

  protected onJson(json: Json): void {
    const { sink } = this.ctx;
    switch (json['type']) {
      case 'progress': {
        const kind = KINDS.find((known) => known === json['kind']) ?? 'text';
        const tool = asJson(json['tool']);
        const named = typeof tool['name'] === 'string' ? { tool: { name: asText(tool['name']), status: asText(tool['status']) || 'running' } } : {};
        return sink.progress({ kind, text: asText(json['text']), ...named });
      }
      case 'usage': {
        const [tokensIn, tokensOut, costUsd, apiCalls, apiErrors] = ['tokensIn', 'tokensOut', 'costUsd', 'apiCalls', 'apiErrors'].map((key) => asNumber(json[key]));
        return sink.usage(usageDelta({ tokensIn, tokensOut, costUsd, apiCalls, apiErrors }));
      }
      case 'permission': {
        const requestId = asText(json['requestId']);
        if (requestId === '') return sink.progress({ kind: 'status', text: 'The agent asked a permission without a requestId; it cannot be answered' });
        return sink.askPermission({ requestId, tool: asText(json['tool']) || 'tool', description: asText(json['description']) || 'permission requested' });
      }
      case 'result':
        this.result = resultOf(json);
        return this.current?.endInput();
      default:
        return;
    }
  }

  protected onExit(exit: ProcessExit, process: AgentProcess): void {
    this.finish(this.result ?? this.exitFailure(exit, process));
  }
}

function resultOf(json: Json): DriverEnding {
  if (json['status'] === 'completed') return { status: 'completed', summary: asText(json['summary']) || 'The agent finished without a summary' };
  return { status: 'failed', code: 'TASK.AGENT_ERROR', message: asText(json['message']) || 'The agent reported a failure', retryable: json['retryable'] !== false };
}
