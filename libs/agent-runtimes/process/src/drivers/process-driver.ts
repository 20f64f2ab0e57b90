import type { InjectedPrompt, PermissionAnswer, RunFailure } from '@orch/application';
import { AgentProcess, type ProcessExit } from '../process/agent-process';
import { clip, MAX_MESSAGE, parseJsonLine, type Json } from '../text';
import type { DriverContext, DriverEnding, RunDriver } from './driver';

/**
 * What every preset shares: launching the agent's processes in the task's working directory with
 * the run's environment, one JSON object per stdout line, the end of each process, and stopping.
 * A preset says what to launch, what each line means and what an exit means.
 */
export abstract class ProcessDriver implements RunDriver {
  protected current: AgentProcess | undefined;
  private stopping = false;
  private finished = false;

  constructor(
    protected readonly ctx: DriverContext,
    /** How failure messages name the agent (`claude`, `codex`, the command). */
    protected readonly label: string,
  ) {}

  abstract start(): Promise<RunFailure | undefined>;
  abstract deliver(prompt: InjectedPrompt): Promise<'delivered' | 'ended'>;
  abstract answer(requestId: string, answer: PermissionAnswer): void;
  /** One JSON line from the agent. */
  protected abstract onJson(json: Json): void;
  /** The current process exited on its own (not stopped). */
  protected abstract onExit(exit: ProcessExit, process: AgentProcess): void;

  async stop(): Promise<void> {
    this.stopping = true;
    await this.current?.stop();
  }

  killNow(): void {
    this.stopping = true;
    this.current?.killNow();
  }

  protected get over(): boolean {
    return this.stopping || this.finished;
  }

  /** Ends the agent's work once (the run decides what the ending means). */
  protected finish(ending: DriverEnding): void {
    if (this.finished) return;
    this.finished = true;
    this.ctx.sink.finish(ending);
  }

  /** Starts one process of the run; `input` lines go to its stdin first (`end`: then close it). */
  protected async launch(command: string, args: readonly string[], input: readonly string[], end: boolean): Promise<AgentProcess | RunFailure> {
    const { request, env, limits } = this.ctx;
    const spawned = await AgentProcess.spawn(
      { command, args, cwd: request.workingDirectory, env },
      {
        line: (line) => this.onLine(line),
        oversized: (bytes) => this.ctx.sink.progress({ kind: 'status', text: `${this.label} wrote a ${bytes}-byte line, over the limit; it was skipped` }),
      },
      limits,
    );
    if (!spawned.ok) return { code: 'TASK.START_FAILED', message: clip(spawned.message, MAX_MESSAGE), retryable: spawned.code !== 'ENOENT' && spawned.code !== 'EACCES' };
    const { process } = spawned;
    // Stopped while this one was starting (a Codex resume): it goes too.
    if (this.stopping) void process.stop();
    this.current = process;
    for (const line of input) process.write(line);
    if (end) process.endInput();
    void process.exited.then((exit) => {
      if (!exit.stopped && !this.stopping) this.onExit(exit, process);
    });
    return process;
  }

  /** Lines that are not JSON objects are shown as the agent's text. */
  private onLine(line: string): void {
    if (this.over || line.trim() === '') return;
    const json = parseJsonLine(line);
    if (json === undefined) this.ctx.sink.progress({ kind: 'text', text: line });
    else this.onJson(json);
  }

  /** What an exit without a result means: killed by someone else → RUN_LOST; else AGENT_ERROR with stderr. */
  protected exitFailure(exit: ProcessExit, process: AgentProcess, what = 'without a result'): DriverEnding {
    const tail = process.stderrTail().trim();
    const detail = tail === '' ? '' : `: ${tail}`;
    if (exit.signal !== null) {
      return { status: 'failed', code: 'TASK.RUN_LOST', message: clip(`${this.label} was killed by ${exit.signal}${detail}`, MAX_MESSAGE), retryable: true };
    }
    return { status: 'failed', code: 'TASK.AGENT_ERROR', message: clip(`${this.label} exited with code ${exit.code ?? '?'} ${what}${detail}`, MAX_MESSAGE), retryable: true };
  }
}
