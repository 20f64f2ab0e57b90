import type { InjectedPrompt, PermissionAnswer, RunFailure } from '@orch/application';
import type { AgentProcess, ProcessExit } from '../process/agent-process';
import { asJson, asText, modelName, type Json } from '../text';
import { errorMessage, isToolItem, itemProgress, retryable, turnUsage } from './codex-events';
import type { DriverContext } from './driver';
import { ProcessDriver } from './process-driver';

const SANDBOX = 'workspace-write';

/** The model the run uses (for its price): the request's, else `-m` / `--model` in the agent's args. */
function codexModel(ctx: DriverContext): string | undefined {
  const { args } = ctx.config;
  const flag = args.findIndex((arg) => arg === '-m' || arg === '--model');
  return modelName(ctx.request.model) ?? (flag >= 0 ? args[flag + 1] : undefined);
}

/** Flags shared by `exec` and `exec resume`; the user's args come last and must suit both. */
function commonArgs(ctx: DriverContext): string[] {
  const model = modelName(ctx.request.model);
  const { args } = ctx.config;
  return ['--json', '--skip-git-repo-check', ...(model === undefined || args.includes('-m') || args.includes('--model') ? [] : ['-m', model]), ...args];
}

/** `codex exec`: the task in the working directory under the workspace-write sandbox; the prompt on stdin (`-`). */
export function codexExecArgs(ctx: DriverContext): string[] {
  return ['exec', '-C', ctx.request.workingDirectory, '--sandbox', SANDBOX, ...commonArgs(ctx), '-'];
}

/** `codex exec resume <thread>`: one more turn in the same thread (resume takes no `--sandbox`, hence `-c`). */
export function codexResumeArgs(ctx: DriverContext, threadId: string): string[] {
  return ['exec', 'resume', '-c', `sandbox_mode="${SANDBOX}"`, ...commonArgs(ctx), threadId, '-'];
}

interface Queued {
  readonly prompt: InjectedPrompt;
  readonly settle: (result: 'delivered' | 'ended') => void;
}

/**
 * Codex (`codex exec --json`): one turn per process, its JSONL items shown as progress and its
 * `turn.completed` tokens as the turn's usage. `codex exec` never asks for approval (it runs with
 * approval policy `never`; escalations are refused inside Codex), so runs raise no permission
 * requests. An operator's prompt waits for the turn to end, then goes in as the next turn through
 * `codex exec resume <thread> -`; it is delivered when that process starts.
 */
export class CodexDriver extends ProcessDriver {
  private threadId: string | undefined;
  private readonly queue: Queued[] = [];
  private tools = 0;
  private errors = 0;
  private turnDone = false;
  private failure: Json | undefined;
  private lastMessage = '';

  constructor(ctx: DriverContext) {
    super(ctx, ctx.config.command ?? 'codex');
  }

  async start(): Promise<RunFailure | undefined> {
    const launched = await this.launch(this.label, codexExecArgs(this.ctx), [this.ctx.request.instructions], true);
    return 'code' in launched ? launched : undefined;
  }

  deliver(prompt: InjectedPrompt): Promise<'delivered' | 'ended'> {
    if (this.over) return Promise.resolve('ended');
    return new Promise((settle) => this.queue.push({ prompt, settle }));
  }

  answer(_requestId: string, _answer: PermissionAnswer): void {
    // Codex exec raises no permission requests, so the run never accepts an answer to pass on.
  }

  override async stop(): Promise<void> {
    this.settleQueue('ended');
    await super.stop();
  }

  protected onJson(json: Json): void {
    const type = asText(json['type']);
    if (type === 'thread.started') this.onThread(asText(json['thread_id']));
    else if (type === 'turn.started') this.turnDone = false;
    else if (type.startsWith('item.')) this.onItem(type, asJson(json['item']));
    else if (type === 'error') this.onError(asText(json['message']));
    else if (type === 'turn.completed') this.onTurnEnd(asJson(json['usage']));
    else if (type === 'turn.failed') {
      this.failure = asJson(json['error']);
      this.onTurnEnd({});
    }
  }

  protected onExit(exit: ProcessExit, process: AgentProcess): void {
    if (this.failure !== undefined) {
      const raw = asText(this.failure['message']);
      this.settleQueue('ended');
      return this.finish({ status: 'failed', code: 'TASK.AGENT_ERROR', message: errorMessage(this.failure), retryable: retryable(raw) });
    }
    if (!this.turnDone || exit.signal !== null || exit.code !== 0) {
      this.settleQueue('ended');
      return this.finish(this.exitFailure(exit, process, this.turnDone ? 'after its turn' : 'before its turn ended'));
    }
    if (this.queue.length > 0 && this.threadId !== undefined) return void this.resume();
    this.settleQueue('ended');
    this.finish({ status: 'completed', summary: this.lastMessage || 'Codex finished without a summary' });
  }

  private onThread(threadId: string): void {
    if (this.threadId === undefined) this.ctx.sink.progress({ kind: 'status', text: `Codex thread ${threadId} started` });
    this.threadId = threadId;
  }

  private onItem(event: string, item: Json): void {
    if (event === 'item.completed' && isToolItem(item)) this.tools += 1;
    if (event === 'item.completed' && item['type'] === 'agent_message') this.lastMessage = asText(item['text']);
    const progress = itemProgress(event, item);
    if (progress !== undefined) this.ctx.sink.progress(progress);
  }

  private onError(message: string): void {
    this.errors += 1;
    this.ctx.sink.progress({ kind: 'status', text: `Codex error: ${message}` });
  }

  private onTurnEnd(usage: Json): void {
    this.turnDone = true;
    this.ctx.sink.usage(turnUsage(usage, { tools: this.tools, errors: this.errors }, this.ctx.prices, codexModel(this.ctx)));
    this.tools = 0;
    this.errors = 0;
  }

  /** The queued prompts, as one next turn. */
  private async resume(): Promise<void> {
    const batch = this.queue.splice(0);
    const text = batch.map((queued) => queued.prompt.text).join('\n\n');
    this.lastMessage = '';
    const launched = await this.launch(this.label, codexResumeArgs(this.ctx, this.threadId ?? ''), [text], true);
    if ('code' in launched) {
      for (const queued of batch) queued.settle('ended');
      return this.finish({ status: 'failed', code: 'TASK.AGENT_ERROR', message: `could not resume the Codex thread: ${launched.message}`, retryable: true });
    }
    for (const queued of batch) {
      this.ctx.sink.promptDelivered(queued.prompt.injectionId);
      this.ctx.sink.progress({ kind: 'status', text: `Codex resumed its thread with the operator's prompt: ${queued.prompt.text}` });
      queued.settle('delivered');
    }
  }

  private settleQueue(result: 'ended'): void {
    for (const queued of this.queue.splice(0)) queued.settle(result);
  }
}
