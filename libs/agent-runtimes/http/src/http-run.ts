import type { InjectedPrompt, PermissionAnswer, PermissionAnswerResult, RunEvent, RunEventStream, RunOutcome, RunStatus, TaskRun } from '@orch/application';
import type { PushResult } from './push-client';
import type { ChangeWatcher } from './store/change-watcher';
import type { RunRecord, RunStore } from './store/run-store';
import type { AgentMessage } from './task-assignment';

/** What a run handle needs of its runtime. */
export interface RunHost {
  readonly store: RunStore;
  readonly watcher: ChangeWatcher;
  readonly pollMs: number;
  /** Sends a message to a push-mode agent (signed); pull-mode runs are never pushed to. */
  push(run: RunRecord, message: AgentMessage): Promise<PushResult>;
  /** Tells a push-mode agent its run ended from our side (abort, deadline); best effort, in the background. */
  cancelled(run: RunRecord, reason: string): void;
}

/**
 * A handle on one http run. Everything it answers is read from the store, so any number of
 * handles, in any process (a restarted engine, another engine), see the same run.
 */
export class HttpRun implements TaskRun {
  private ended: Promise<RunOutcome> | undefined;

  constructor(
    private readonly host: RunHost,
    readonly runtimeRef: string,
    private readonly runId: string,
  ) {}

  events(afterSeq = 0): RunEventStream {
    const { store, watcher, pollMs } = this.host;
    const runId = this.runId;
    let cursor = Math.max(0, Math.floor(afterSeq));
    let buffer: RunEvent[] = [];
    let done = false;
    const next = async (): Promise<IteratorResult<RunEvent>> => {
      while (!done) {
        if (buffer.length === 0) buffer = await store.eventsAfter(runId, cursor);
        const event = buffer.shift();
        if (event !== undefined) {
          cursor = event.seq;
          if (event.type === 'ended') done = true;
          return { value: event, done: false };
        }
        const run = await store.get(runId);
        if (run === undefined || (run.outcome !== null && run.lastSeq <= cursor)) break;
        if (run.lastSeq <= cursor) await watcher.changed(`run:${runId}`, pollMs);
      }
      done = true;
      return { value: undefined, done: true };
    };
    const close = async (): Promise<void> => {
      done = true;
    };
    const iterator: AsyncIterator<RunEvent> = { next, return: async () => (await close(), { value: undefined, done: true }) };
    return { [Symbol.asyncIterator]: () => iterator, close };
  }

  outcome(): Promise<RunOutcome> {
    this.ended ??= (async () => {
      for (;;) {
        const run = await this.record();
        if (run.outcome !== null) return run.outcome;
        await this.host.watcher.changed(`run:${this.runId}`, this.host.pollMs);
      }
    })();
    return this.ended;
  }

  async status(): Promise<RunStatus> {
    const run = await this.record();
    return { phase: run.outcome === null ? 'running' : 'ended', lastSeq: run.lastSeq, pendingPermissions: [] };
  }

  /**
   * Push mode: POSTed to the agent (`prompt.injected`); either mode: handed over in the answer to
   * the agent's next progress report. Delivered once the agent has it; `ended` if the run ends first.
   */
  async injectPrompt(prompt: InjectedPrompt): Promise<'delivered' | 'ended'> {
    const { store, watcher, pollMs } = this.host;
    const run = await this.record();
    if (run.outcome !== null) return 'ended';
    if ((await store.addPrompt(this.runId, prompt)).delivered) return 'delivered';
    if (run.mode === 'push') {
      const pushed = await this.host.push(run, { type: 'prompt.injected', agentId: run.agentId, runId: run.runId, ...prompt });
      if (pushed.accepted) await store.deliverPrompts(this.runId, prompt.injectionId);
    }
    for (;;) {
      if (await store.promptDelivered(this.runId, prompt.injectionId)) return 'delivered';
      if ((await this.record()).outcome !== null) return 'ended';
      await watcher.changed(`run:${this.runId}`, pollMs);
    }
  }

  /** The protocol has no permission requests: an external agent works under its own policy. */
  async answerPermission(_requestId: string, _answer: PermissionAnswer): Promise<PermissionAnswerResult> {
    return (await this.record()).outcome === null ? 'unknown_request' : 'ended';
  }

  /** Ends the run `aborted` at once; a push-mode agent is told, a pull-mode one gets 409 on its next report. */
  async abort(reason: string): Promise<RunOutcome> {
    const ended = await this.host.store.append(this.runId, [], (usage) => ({ status: 'aborted', reason, usage }));
    const run = await this.record();
    if (ended.length > 0) this.host.cancelled(run, reason);
    return run.outcome as RunOutcome;
  }

  private async record(): Promise<RunRecord> {
    const run = await this.host.store.get(this.runId);
    if (run === undefined) throw new Error(`http run ${this.runId} is gone from the store`);
    return run;
  }
}
