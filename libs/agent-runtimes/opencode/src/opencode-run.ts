import type {
  InjectedPrompt,
  PermissionAnswer,
  PermissionAnswerResult,
  PermissionRequest,
  RunEventStream,
  RunOutcome,
  RunStatus,
  TaskRun,
} from '@orch/application';
import { changedFiles } from './changed-files';
import type { SessionSnapshot } from './opencode-types';
import type { Ending } from './run-events';
import type { JournalContents, JournalHeader, RunJournal } from './run-journal';
import { RunPrompt } from './run-prompt';
import { RunRecorder } from './run-recorder';
import type { ServerConnection, ServerEvent } from './server-connection';
import { permissionRequestOf, factsOf } from './session-facts';
import type { SessionClient } from './session-client';
import { lost, TurnWatch } from './turn-watch';

export interface RunTiming {
  /** Reconcile at least this often, whatever the event stream says. */
  readonly pollMs: number;
  /** An idle session whose last turn never finished is lost after this long (at once after a server restart). */
  readonly stallMs: number;
  /** A server unreachable this long loses its runs. */
  readonly lostAfterMs: number;
  /** Bound on the abort call when a run is stopped. */
  readonly abortTimeoutMs: number;
  readonly onError: (message: string, error: unknown) => void;
}

/** Session events that can change what a run reports; streaming deltas are not among them (parts are reported whole). */
const TRIGGERS = new Set(['message.updated', 'message.removed', 'message.part.updated', 'message.part.removed', 'session.status', 'session.idle', 'session.error', 'permission.asked', 'permission.replied']);

/**
 * One task run on an OpenCode session. Its events are facts read off the session (session-facts)
 * plus its own receipts (prompt delivered, permission answered), each journaled before it is
 * reported. It reconciles the whole session on every relevant event, after every reconnect of
 * the server's event stream, and every `pollMs`; a fact is reported once, so a reconnect neither
 * repeats nor skips one. It ends on the session's verdict, on abort, at its deadline, or when
 * its server or session is lost (TASK.RUN_LOST).
 */
export class OpencodeRun implements TaskRun {
  readonly runtimeRef: string;
  private readonly recorder: RunRecorder;
  private readonly denied = new Set<string>();
  private readonly answered = new Set<string>();
  private pending: PermissionRequest[] = [];
  private readonly prompt: RunPrompt;
  private readonly watch: TurnWatch;
  private queue: Promise<unknown> = Promise.resolve();
  private reconcileQueued = false;
  private reconcileTimer: NodeJS.Timeout | undefined;
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly header: JournalHeader,
    journal: RunJournal,
    private readonly session: SessionClient,
    private readonly connection: ServerConnection,
    private readonly timing: RunTiming,
    restored: JournalContents['entries'] = [],
    /** On the runtime's own server: a closing runtime ends it `aborted` (the server stops too). */
    readonly ownedServer = false,
  ) {
    this.runtimeRef = header.runtimeRef;
    this.recorder = new RunRecorder(journal, restored);
    this.prompt = new RunPrompt(session, header, this.recorder, timing.onError, restored.some((entry) => entry.t === 'prompted'));
    this.watch = new TurnWatch(timing.stallMs);
    for (const entry of restored) {
      if (entry.t === 'denied') this.denied.add(entry.requestId);
      if (entry.t === 'fact' && entry.event.type === 'permission_answered') this.answered.add(entry.event.requestId);
    }
  }

  get ended(): boolean {
    return this.recorder.ended;
  }

  events(afterSeq?: number): RunEventStream {
    return this.recorder.events(afterSeq);
  }

  outcome(): Promise<RunOutcome> {
    return this.recorder.outcome();
  }

  async status(): Promise<RunStatus> {
    const closed = this.recorder.closed;
    const phase = closed ? 'ended' : this.pending.length > 0 ? 'awaiting_permission' : 'running';
    return { phase, lastSeq: this.recorder.lastSeq, pendingPermissions: closed ? [] : [...this.pending] };
  }

  /**
   * Records the run's first progress and sends its instructions (unless OpenCode has them); throws
   * when OpenCode refuses them, after stopping the session, so nothing works on behind a refused start.
   */
  async begin(description: string): Promise<void> {
    await this.recorder.record('started', { type: 'progress', kind: 'status', text: description });
    try {
      await this.serial(() => this.prompt.sendThroughResets());
    } catch (error) {
      await this.stopSession();
      throw error;
    }
  }

  /** Follows the session until the run ends: events, reconnects, polls, the deadline. */
  follow(): void {
    if (this.ended) return;
    this.unsubscribe = this.connection.subscribe(this.session.sessionId, {
      onEvent: (event) => this.onServerEvent(event),
      onReconnected: () => this.scheduleReconcile(0),
    });
    const deadline = setTimeout(() => void this.timeOut(), Math.max(0, this.header.deadlineAt - Date.now()));
    const poll = setInterval(() => this.onPoll(), this.timing.pollMs);
    this.timers.push(deadline, poll);
    this.scheduleReconcile(0);
  }

  /** Stops following without ending the run (it goes on on its server); for a runtime that closes. */
  detach(): void {
    for (const timer of this.timers) clearTimeout(timer);
    clearTimeout(this.reconcileTimer);
    this.timers = [];
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  async injectPrompt({ injectionId, text }: InjectedPrompt): Promise<'delivered' | 'ended'> {
    return this.serial(async () => {
      const key = `inject:${injectionId}`;
      if (this.recorder.has(key)) return 'delivered';
      if (this.ended) return 'ended';
      await this.session.prompt(text, this.header.prompt, { orchInjectionId: injectionId });
      return (await this.recorder.record(key, { type: 'prompt_delivered', injectionId })) ? 'delivered' : 'ended';
    });
  }

  async answerPermission(requestId: string, answer: PermissionAnswer): Promise<PermissionAnswerResult> {
    return this.serial(async () => {
      if (this.ended) return 'ended';
      if (this.answered.has(requestId)) return 'already_answered';
      if (!this.pending.some((p) => p.requestId === requestId)) await this.reconcile();
      if (this.ended) return 'ended';
      if (!this.pending.some((p) => p.requestId === requestId)) return 'unknown_request';
      const known = await this.session.reply(requestId, answer === 'allow' ? 'once' : 'reject');
      this.answered.add(requestId);
      this.pending = this.pending.filter((p) => p.requestId !== requestId);
      if (!known) return 'already_answered';
      await this.noteAnswer(requestId, answer);
      return 'accepted';
    });
  }

  async abort(reason: string): Promise<RunOutcome> {
    if (this.ended) return this.outcome();
    const outcome = await this.finish({ status: 'aborted', reason });
    await this.stopSession();
    return outcome;
  }

  private onServerEvent(event: ServerEvent): void {
    if (event.type === 'permission.replied') void this.serial(() => this.noteReply(event.properties));
    if (event.type === 'session.error') this.watch.noteSessionError(event.properties['error']);
    if (TRIGGERS.has(event.type)) this.scheduleReconcile(25);
  }

  /** A reply given elsewhere (another client of the server) is reported too. */
  private async noteReply(properties: Readonly<Record<string, unknown>>): Promise<void> {
    const requestId = properties['requestID'];
    if (typeof requestId !== 'string' || this.answered.has(requestId)) return;
    this.answered.add(requestId);
    await this.noteAnswer(requestId, properties['reply'] === 'reject' ? 'deny' : 'allow');
  }

  private async noteAnswer(requestId: string, answer: PermissionAnswer): Promise<void> {
    if (answer === 'deny') {
      this.denied.add(requestId);
      await this.recorder.note({ t: 'denied', requestId });
    }
    await this.recorder.record(`permission:${requestId}:answered`, { type: 'permission_answered', requestId, answer });
  }

  private onPoll(): void {
    const unreachable = this.connection.unreachableForMs();
    if (unreachable > this.timing.lostAfterMs) {
      void this.finish(lost(`the OpenCode server could not be reached for ${Math.round(unreachable / 1000)} s`));
      return;
    }
    this.scheduleReconcile(0);
  }

  private scheduleReconcile(delayMs: number): void {
    if (this.reconcileQueued || this.ended) return;
    this.reconcileQueued = true;
    this.reconcileTimer = setTimeout(() => {
      void this.serial(async () => {
        this.reconcileQueued = false;
        await this.reconcile();
      });
    }, delayMs);
  }

  private async reconcile(): Promise<void> {
    if (this.ended) return;
    let snapshot: SessionSnapshot;
    try {
      await this.prompt.send();
      snapshot = await this.session.snapshot();
    } catch (error) {
      // Unreachable: the poll decides when that has lasted too long. Gone: nothing to wait for.
      if ((await this.session.exists().catch(() => true)) === false) await this.finish(lost('its OpenCode session no longer exists'));
      else this.timing.onError(`reconciling ${this.runtimeRef}`, error);
      return;
    }
    this.pending = snapshot.permissions.filter((p) => !this.answered.has(p.id)).map((p) => permissionRequestOf(p, this.session.directory));
    for (const fact of factsOf(snapshot, this.session.directory)) await this.recorder.record(fact.key, fact.event);
    await this.judge(snapshot);
  }

  private async judge(snapshot: SessionSnapshot): Promise<void> {
    const decision = this.watch.decide(snapshot, { denied: this.denied.size > 0, generation: this.connection.generation, now: Date.now() });
    if (decision.kind === 'end') await this.finish(decision.ending);
    if (decision.kind !== 'complete') return;
    const files = await changedFiles(this.session.directory, snapshot.messages.flatMap((m) => m.parts));
    await this.finish({ status: 'completed', summary: decision.summary, changedFiles: files });
  }


  private async timeOut(): Promise<void> {
    if (this.ended) return;
    const limit = this.header.deadlineAt - this.header.startedAt;
    await this.finish({ status: 'failed', code: 'TASK.TIMED_OUT', message: `no result within ${limit} ms`, retryable: true });
    await this.stopSession();
  }

  private async finish(ending: Ending): Promise<RunOutcome> {
    this.detach();
    this.pending = [];
    return this.recorder.finish(ending);
  }

  private async stopSession(): Promise<void> {
    const bound = new Promise<void>((resolve) => setTimeout(resolve, this.timing.abortTimeoutMs).unref());
    await Promise.race([this.session.abort().catch((error: unknown) => this.timing.onError(`aborting ${this.runtimeRef}`, error)), bound]);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch((error: unknown) => this.timing.onError(`run ${this.runtimeRef}`, error));
    return next;
  }
}

