import type {
  InjectedPrompt,
  PermissionAnswer,
  PermissionAnswerResult,
  PermissionRequest,
  RunEventStream,
  RunOutcome,
  RunProgress,
  RunStatus,
  RunUsage,
  TaskRun,
} from '@orch/application';
import { RunEventLog } from '@orch/application';
import type { DriverEnding, RunDriver, RunSink } from './drivers/driver';
import { clip, MAX_MESSAGE, MAX_PROGRESS, MAX_SUMMARY } from './text';
import { addUsage, NO_USAGE } from './usage';
import type { ChangeTracker } from './workspace/change-tracker';

type Ending = RunOutcome extends infer O ? (O extends RunOutcome ? Omit<O, 'usage'> : never) : never;

/**
 * One run of a process agent behind the TaskRun handle: its event log, usage totals, the
 * permission requests it waits on, the prompts delivered, and how it ended. Its driver feeds it
 * (RunSink) and talks to the agent; abort and the time limit end it from outside, which stops the
 * agent's processes. Nothing is recorded after `ended`.
 */
export class ProcessRun implements TaskRun, RunSink {
  private readonly log = new RunEventLog();
  private readonly pending = new Map<string, PermissionRequest>();
  private readonly answered = new Set<string>();
  private readonly deliveries = new Map<string, Promise<'delivered' | 'ended'>>();
  private usageTotal: RunUsage = NO_USAGE;
  private denied = false;
  private finishing = false;
  private driver: RunDriver | undefined;
  private stopped: Promise<void> = Promise.resolve();
  private resolveOutcome: (outcome: RunOutcome) => void = () => undefined;
  private readonly settled = new Promise<RunOutcome>((resolve) => {
    this.resolveOutcome = resolve;
  });
  private readonly deadline: NodeJS.Timeout;

  constructor(
    readonly runtimeRef: string,
    readonly runId: string,
    maxDurationMs: number,
    private readonly changes: ChangeTracker,
    /** Takes the values of the run's secrets out of every text it records. */
    private readonly redact: (text: string) => string = (text) => text,
  ) {
    this.deadline = setTimeout(
      () => this.end({ status: 'failed', code: 'TASK.TIMED_OUT', message: `no result within ${maxDurationMs} ms`, retryable: true }),
      maxDurationMs,
    );
  }

  /** Called once, before the driver starts. */
  drive(driver: RunDriver): void {
    this.driver = driver;
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
    const pendingPermissions = [...this.pending.values()];
    const phase = this.ended ? 'ended' : pendingPermissions.length > 0 ? 'awaiting_permission' : 'running';
    return { phase, lastSeq: this.log.lastSeq, pendingPermissions };
  }

  injectPrompt(prompt: InjectedPrompt): Promise<'delivered' | 'ended'> {
    const known = this.deliveries.get(prompt.injectionId);
    if (known !== undefined) return known;
    if (this.ended || this.driver === undefined) return Promise.resolve('ended');
    const delivery = this.driver.deliver(prompt);
    this.deliveries.set(prompt.injectionId, delivery);
    return delivery;
  }

  async answerPermission(requestId: string, answer: PermissionAnswer): Promise<PermissionAnswerResult> {
    if (this.ended) return 'ended';
    if (this.answered.has(requestId)) return 'already_answered';
    if (!this.pending.has(requestId)) return 'unknown_request';
    this.pending.delete(requestId);
    this.answered.add(requestId);
    if (answer === 'deny') this.denied = true;
    this.log.append({ type: 'permission_answered', requestId, answer });
    this.driver?.answer(requestId, answer);
    return 'accepted';
  }

  async abort(reason: string): Promise<RunOutcome> {
    this.end({ status: 'aborted', reason });
    await this.stopped;
    return this.settled;
  }

  /** The runtime is closing or the engine exiting. */
  killNow(): void {
    this.driver?.killNow();
  }

  // RunSink: what the driver reports.

  progress(progress: RunProgress): void {
    if (this.finishing) return;
    this.log.append({ type: 'progress', ...progress, text: clip(this.redact(progress.text), MAX_PROGRESS) });
  }

  usage(delta: RunUsage): void {
    if (this.ended) return;
    this.usageTotal = addUsage(this.usageTotal, delta);
    this.log.append({ type: 'usage', ...delta });
  }

  askPermission(request: PermissionRequest): void {
    if (this.ended || this.pending.has(request.requestId) || this.answered.has(request.requestId)) return;
    const asked = { ...request, description: clip(this.redact(request.description), MAX_PROGRESS) };
    this.pending.set(request.requestId, asked);
    this.log.append({ type: 'permission_requested', ...asked });
  }

  withdrawPermission(requestId: string): void {
    if (this.ended || !this.pending.delete(requestId)) return;
    this.answered.add(requestId);
    this.progress({ kind: 'status', text: `The agent withdrew permission request ${requestId}` });
  }

  promptDelivered(injectionId: string): void {
    if (!this.ended) this.log.append({ type: 'prompt_delivered', injectionId });
  }

  finish(ending: DriverEnding): void {
    if (this.ended || this.finishing) return;
    this.finishing = true;
    if (ending.status === 'failed') return this.end(this.failureAfterDenial(ending));
    this.changes.report().then(
      (report) => this.end({ status: 'completed', summary: clip(this.redact(ending.summary), MAX_SUMMARY), changedFiles: report.files, ...commit(report.commitSha) }),
      (error: unknown) => this.end({ status: 'failed', code: 'TASK.AGENT_ERROR', message: `could not list the changed files: ${String(error)}`, retryable: true }),
    );
  }

  /** An agent that fails once the operator denied it something fails because of that denial. */
  private failureAfterDenial(ending: Extract<DriverEnding, { status: 'failed' }>): Ending {
    const { status: _status, ...reported } = ending;
    const failure = { ...reported, message: this.redact(reported.message) };
    const denied = this.denied && failure.code === 'TASK.AGENT_ERROR';
    return denied
      ? { status: 'failed', code: 'TASK.PERMISSION_DENIED', message: clip(`the operator denied a permission request; ${failure.message}`, MAX_MESSAGE), retryable: false }
      : { status: 'failed', ...failure, message: clip(failure.message, MAX_MESSAGE) };
  }

  /** Ends the run once and stops the agent; later endings and reports are ignored. */
  private end(ending: Ending): void {
    if (this.ended) return;
    clearTimeout(this.deadline);
    const outcome = { ...ending, usage: this.usageTotal } as RunOutcome;
    this.log.append({ type: 'ended', outcome });
    this.pending.clear();
    this.stopped = this.driver?.stop() ?? Promise.resolve();
    this.resolveOutcome(outcome);
  }

  /** A start that failed leaves no run behind. */
  discard(): void {
    clearTimeout(this.deadline);
  }
}

const commit = (sha: string | undefined): { commitSha?: string } => (sha === undefined ? {} : { commitSha: sha });
