import type {
  AgentRuntimePort,
  AttachResult,
  InjectedPrompt,
  PermissionAnswer,
  RunEvent,
  RunEventStream,
  RunOutcome,
  RunStart,
  RunStatus,
  TaskRun,
  TaskRunRequest,
} from '../../ports/agent-runtime.port';

const USAGE = { tokensIn: 100, tokensOut: 50, costUsd: 0.001, apiCalls: 1, apiErrors: 0 };

/**
 * A test double of the agent-runtime port for the engine's unit specs (the real adapters are held to
 * the port by `agentRuntimeContract`). A test decides each run's course with `emit`/`end`, or lets
 * it complete at once with `autoComplete`. Events replay from the start on every `events()` call.
 */
export class FakeRun implements TaskRun {
  readonly log: RunEvent[] = [];
  readonly injected: InjectedPrompt[] = [];
  readonly answers: { requestId: string; answer: PermissionAnswer }[] = [];
  aborted: string | null = null;
  private readonly listeners = new Set<() => void>();
  private ended: RunOutcome | null = null;
  private readonly settled: Promise<RunOutcome>;
  private settle!: (outcome: RunOutcome) => void;

  constructor(
    readonly runtimeRef: string,
    readonly request: TaskRunRequest,
  ) {
    this.settled = new Promise((resolve) => (this.settle = resolve));
  }

  emit(event: Omit<RunEvent, 'seq'>): void {
    if (this.ended) return;
    this.log.push({ ...event, seq: this.log.length + 1 } as RunEvent);
    this.listeners.forEach((listener) => listener());
  }

  end(outcome: RunOutcome): void {
    if (this.ended) return;
    this.emit({ type: 'ended', outcome } as Omit<RunEvent, 'seq'>);
    this.ended = outcome;
    this.settle(outcome);
  }

  complete(summary = `Did ${this.request.taskId}`): void {
    this.emit({ type: 'usage', ...USAGE } as Omit<RunEvent, 'seq'>);
    this.end({ status: 'completed', summary, changedFiles: [], usage: USAGE });
  }

  events(afterSeq = 0): RunEventStream {
    let next = afterSeq;
    let closed = false;
    let wake = () => undefined as void;
    const listener = () => wake();
    this.listeners.add(listener);
    const log = this.log;
    const listeners = this.listeners;
    return {
      async *[Symbol.asyncIterator]() {
        while (!closed) {
          const event = log[next];
          if (event !== undefined) {
            next++;
            yield event;
            if (event.type === 'ended') return;
            continue;
          }
          await new Promise<void>((resolve) => (wake = resolve));
        }
      },
      async close() {
        closed = true;
        listeners.delete(listener);
        wake();
      },
    };
  }

  outcome(): Promise<RunOutcome> {
    return this.settled;
  }

  async status(): Promise<RunStatus> {
    return { phase: this.ended ? 'ended' : 'running', lastSeq: this.log.length, pendingPermissions: [] };
  }

  async injectPrompt(prompt: InjectedPrompt): Promise<'delivered' | 'ended'> {
    if (this.ended) return 'ended';
    this.injected.push(prompt);
    this.emit({ type: 'prompt_delivered', injectionId: prompt.injectionId } as Omit<RunEvent, 'seq'>);
    return 'delivered';
  }

  async answerPermission(requestId: string, answer: PermissionAnswer) {
    this.answers.push({ requestId, answer });
    return 'accepted' as const;
  }

  async abort(reason: string): Promise<RunOutcome> {
    this.aborted = reason;
    this.end({ status: 'aborted', reason, usage: { ...USAGE, tokensIn: 0, tokensOut: 0, costUsd: 0, apiCalls: 0 } });
    return this.settled;
  }
}

export class FakeRuntime implements AgentRuntimePort {
  readonly runs = new Map<string, FakeRun>();
  /** Runs this runtime forgot (as a restarted engine process would). */
  readonly forgotten = new Set<string>();
  autoComplete = true;
  onStart: (run: FakeRun) => void = () => undefined;

  async start(request: TaskRunRequest): Promise<RunStart> {
    const runtimeRef = `fake:${request.runId}`;
    const existing = this.runs.get(runtimeRef);
    if (existing) return { started: true, run: existing };
    const run = new FakeRun(runtimeRef, request);
    this.runs.set(runtimeRef, run);
    this.onStart(run);
    if (this.autoComplete) void Promise.resolve().then(() => run.complete());
    return { started: true, run };
  }

  async attach(runtimeRef: string): Promise<AttachResult> {
    const run = this.forgotten.has(runtimeRef) ? undefined : this.runs.get(runtimeRef);
    return run ? { found: true, run } : { found: false, reason: 'unknown_run', message: `${runtimeRef} is unknown` };
  }

  async close(): Promise<void> {
    // Runs end with their test.
  }

  byTask(taskId: string): FakeRun[] {
    return [...this.runs.values()].filter((run) => run.request.taskId === taskId);
  }
}
