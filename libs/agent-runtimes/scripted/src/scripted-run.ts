import type {
  InjectedPrompt,
  PermissionAnswer,
  PermissionAnswerResult,
  RunEventStream,
  RunOutcome,
  RunProgress,
  RunStatus,
  RunUsage,
  TaskRun,
  TaskRunRequest,
} from '@orch/application';
import { RunEventLog } from '@orch/application';
import { clip } from './pause';
import { PermissionGate } from './permission-gate';
import { addUsage, NO_USAGE, turnUsage, type Turn } from './usage-meter';

type Ending = RunOutcome extends infer O ? (O extends RunOutcome ? Omit<O, 'usage'> : never) : never;

/**
 * The state of one scripted run, behind the TaskRun handle: its event log, usage, operator prompts,
 * the permission it waits for, and how it ended. `ScriptRunner` drives it step by step; abort and
 * the time limit end it from outside, after which nothing more is recorded.
 */
export class ScriptedRun implements TaskRun {
  private readonly log = new RunEventLog();
  private readonly stopper = new AbortController();
  private readonly gate = new PermissionGate();
  private readonly injectionIds = new Set<string>();
  private readonly unechoed: string[] = [];
  private usage: RunUsage = NO_USAGE;
  private resolveOutcome: (outcome: RunOutcome) => void = () => undefined;
  private readonly settled = new Promise<RunOutcome>((resolve) => {
    this.resolveOutcome = resolve;
  });
  private readonly deadline: NodeJS.Timeout;
  /** Every operator prompt delivered, in order. */
  readonly prompts: string[] = [];

  constructor(
    readonly runtimeRef: string,
    readonly request: TaskRunRequest,
  ) {
    const { maxDurationMs } = request.limits;
    this.deadline = setTimeout(
      () => this.end({ status: 'failed', code: 'TASK.TIMED_OUT', message: `no result within ${maxDurationMs} ms`, retryable: true }),
      maxDurationMs,
    );
  }

  /** Aborts when the run ends, whatever ended it. */
  get signal(): AbortSignal {
    return this.stopper.signal;
  }

  get ended(): boolean {
    return this.log.ended;
  }

  events(afterSeq?: number): RunEventStream {
    return this.log.stream(afterSeq);
  }

  outcome(): Promise<RunOutcome> {
    return this.settled;
  }

  async status(): Promise<RunStatus> {
    const pending = this.gate.pending;
    const phase = this.ended ? 'ended' : pending === undefined ? 'running' : 'awaiting_permission';
    return { phase, lastSeq: this.log.lastSeq, pendingPermissions: pending === undefined ? [] : [pending] };
  }

  async injectPrompt({ injectionId, text }: InjectedPrompt): Promise<'delivered' | 'ended'> {
    if (this.ended) return 'ended';
    if (this.injectionIds.has(injectionId)) return 'delivered';
    this.injectionIds.add(injectionId);
    this.prompts.push(text);
    this.unechoed.push(text);
    this.log.append({ type: 'prompt_delivered', injectionId });
    return 'delivered';
  }

  async answerPermission(requestId: string, answer: PermissionAnswer): Promise<PermissionAnswerResult> {
    if (this.ended) return 'ended';
    const result = this.gate.answer(requestId, answer);
    if (result === 'accepted') this.log.append({ type: 'permission_answered', requestId, answer });
    return result;
  }

  async abort(reason: string): Promise<RunOutcome> {
    this.end({ status: 'aborted', reason });
    return this.settled;
  }

  progress(progress: RunProgress): void {
    this.log.append({ type: 'progress', ...progress, text: clip(progress.text, 8000) });
  }

  /** A model turn: its usage delta is reported and added to the totals. */
  turn(turn: Turn): void {
    if (this.ended) return;
    const delta = turnUsage(turn);
    this.usage = addUsage(this.usage, delta);
    this.log.append({ type: 'usage', ...delta });
  }

  /** Waits for the answer to a permission request; `ended` when the run ends first. */
  ask(requestId: string, tool: string, description: string): Promise<PermissionAnswer | 'ended'> {
    const answer = this.gate.open({ requestId, tool, description });
    this.log.append({ type: 'permission_requested', requestId, tool, description });
    return answer;
  }

  /** Operator prompts delivered since the last call, for the agent to react to. */
  takeUnechoed(): string[] {
    return this.unechoed.splice(0);
  }

  /** Ends the run once: later endings, progress and usage are ignored. */
  end(ending: Ending): void {
    if (this.ended) return;
    clearTimeout(this.deadline);
    const outcome = { ...ending, usage: this.usage } as RunOutcome;
    this.log.append({ type: 'ended', outcome });
    this.gate.close();
    this.stopper.abort();
    this.resolveOutcome(outcome);
  }
}
