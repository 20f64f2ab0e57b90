import { diffMs, isDomainError } from '@orch/kernel';
import { ACTIVE_STATUSES, isTerminal, type Session, type TaskState } from '@orch/domain-session';
import type { TaskRun } from '../ports/agent-runtime.port';
import { assignAll, retryAll, routeAll } from './batch-steps';
import { dispatchAll } from './dispatch';
import { isCommandStep, runCommandStep, type StepOutcome } from './engine-commands';
import { serialQueue, type EngineDeps } from './engine-deps';
import { nextSteps, type EngineStep } from './next-steps';
import { reattachOrInterrupt, recoverInterrupted, type Recovery } from './run-recovery';
import { followRun, type FollowedRun } from './run-follower';
import { releaseFreedSlots } from './slot-releases';
import { runtimeRefOf, SessionView, type SessionSnapshot } from './session-view';

/**
 * Why a runner stopped driving its session: no longer active, ended, or its lease was found stale
 * (another engine took the session over; ENGINE.STALE_LEASE).
 */
export type RunnerEnd = 'inactive' | 'ended' | 'lease_lost';

const ERROR_BACKOFF_MS = [200, 1000, 5000];

/**
 * Drives one session while this engine holds its lease (DESIGN.md §1 Engine): reads what was
 * appended, gives back freed slots, hands injections and permission answers to the runs it follows,
 * aborts runs whose task moved on, then carries out `nextSteps` one at a time, re-reading after each
 * command. Nothing it does depends on memory that a crash would lose: every step is read off the
 * stream and every command id derives from what it answers.
 */
export class SessionRunner {
  private readonly view: SessionView;
  private readonly followed = new Map<string, FollowedRun>();
  /** Runs this runner started or re-attached: following them again needs no ReattachTask. */
  private readonly handles = new Map<string, TaskRun>();
  private dirty = true;
  private looping: Promise<void> | null = null;
  private stopped = false;
  /** Set by `stop`: no session command may be sent any more. */
  private halted = false;
  private cancelWake: (() => void) | null = null;
  private failures = 0;
  /** The revision the last pass found, and whether it was refused there (to back off, not spin). */
  private lastRefusal: number | null = null;

  private readonly deps: EngineDeps & { readonly lease: NonNullable<EngineDeps['lease']> };

  constructor(
    deps: EngineDeps & { readonly lease: NonNullable<EngineDeps['lease']> },
    readonly sessionId: string,
    private readonly onEnd: (end: RunnerEnd) => void,
  ) {
    const serial = serialQueue();
    // Every session command of the runner and its followers goes through here: once stopped (its lease
    // lost or in doubt), nothing more is sent, not even what was queued behind the command in flight.
    this.deps = { ...deps, serial: (work) => serial(() => (this.halted ? Promise.reject(new Error(`the runner of ${sessionId} was stopped`)) : work())) };
    this.view = new SessionView(deps.store, sessionId);
  }

  /** Something may have changed: read the session again (coalesced; never two loops at once). */
  poke(): void {
    if (this.stopped) return;
    this.dirty = true;
    this.looping ??= this.loop().finally(() => (this.looping = null));
  }

  /**
   * The session's stream has an event at `revision`: read it again, unless this runner has read that
   * far already (its own appends come back through the engine's subscription too) or the event only
   * feeds counters (`TaskUsageRecorded`: a budget it exhausts comes as SessionPaused beside it).
   */
  pokeFor(event: { readonly revision: number; readonly type: string }): void {
    if (event.type === 'TaskUsageRecorded') return;
    const seen = this.view.revision;
    if (seen !== undefined && event.revision <= seen) return;
    this.poke();
  }

  /** Stops driving: no more commands (not even queued ones); followed runs keep going in their runtimes (a successor re-attaches). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.halted = true;
    this.cancelWake?.();
    await Promise.all([...this.followed.values()].map((followed) => followed.stop()));
    await this.looping;
  }

  /** Waits until the runner has nothing left to do right now (for tests and benchmarks). */
  async settled(): Promise<void> {
    while (this.looping) await this.looping;
  }

  private async loop(): Promise<void> {
    while (this.dirty && !this.stopped) {
      this.dirty = false;
      try {
        await this.pass();
        this.failures = 0;
      } catch (error) {
        if (this.halted) return;
        if (isDomainError(error) && error.code === 'ENGINE.STALE_LEASE') {
          this.deps.log.warn('another engine drives this session now; stopping', { sessionId: this.sessionId });
          await this.finish('lease_lost');
          return;
        }
        const wait = ERROR_BACKOFF_MS[Math.min(this.failures++, ERROR_BACKOFF_MS.length - 1)] as number;
        this.deps.log.error('session pass failed; retrying', { sessionId: this.sessionId, error: String(error), retryInMs: wait });
        this.wakeIn(wait);
      }
    }
  }

  private async pass(): Promise<void> {
    const at = await this.view.refresh();
    if (at === null) return this.finish('inactive');
    await releaseFreedSlots(this.deps, at);
    await this.reconcileRuns(at.session);
    if (!ACTIVE_STATUSES.includes(at.session.status)) return this.finish(isTerminal(at.session.status) ? 'ended' : 'inactive', at.session);
    const now = this.deps.clock.now();
    const { steps, wakeAt } = nextSteps(at.session, now);
    this.wakeAt(wakeAt, now);
    const outcome = await this.carryOut(at, steps);
    if (outcome !== 'waiting') this.againAfter(outcome, at.revision);
  }

  /**
   * The steps of one pass: a timeout or the workspace alone (they change everything else); then
   * every dispatch, assignment, routing and retry, each kind in one batch; then runs to supervise
   * or recover, one at a time. Whether anything was appended (read again), refused, or all waits.
   */
  private async carryOut(at: SessionSnapshot, steps: readonly EngineStep[]): Promise<StepOutcome> {
    const alone = steps.find((step) => step.kind === 'time_out' || step.kind === 'prepare_workspace');
    if (alone !== undefined && isCommandStep(alone)) return runCommandStep(this.deps, at, alone);
    const of = <K extends EngineStep['kind']>(kind: K) => steps.filter((step): step is Extract<EngineStep, { kind: K }> => step.kind === kind);
    const dispatched = await dispatchAll(this.deps, at, of('dispatch'));
    for (const run of dispatched.started) if (run.kind === 'started') this.follow(at, at.session.tasks[run.step.taskId] as TaskState, run.run, run.run.runtimeRef, run.step.attempt);
    const outcomes: StepOutcome[] = [
      of('dispatch').length > 0 ? dispatched.outcome : 'waiting',
      await assignAll(this.deps, at, of('assign')),
      await routeAll(this.deps, at, of('route').map((step) => step.taskId)),
      await retryAll(this.deps, at, of('retry').map((step) => step.taskId)),
    ];
    for (const step of steps) {
      if (this.stopped || (step.kind !== 'supervise' && step.kind !== 'recover')) continue;
      const task = at.session.tasks[step.taskId] as TaskState;
      const outcome = step.kind === 'supervise' ? await this.supervise(at, task, step.attempt) : this.adopt(at, task, await this.guard(() => recoverInterrupted(this.deps, at, task)));
      outcomes.push(outcome);
      if (outcome !== 'waiting') break;
    }
    return outcomes.includes('advanced') ? 'advanced' : outcomes.includes('refused') ? 'refused' : 'waiting';
  }

  /**
   * Reads the session again at once after a step appended something. A step refused by a rule means
   * the session moved on meanwhile; refused twice at the same revision, it would only spin: wait.
   */
  private againAfter(outcome: 'advanced' | 'refused', revision: number): void {
    if (outcome === 'refused' && this.lastRefusal === revision) {
      this.deps.log.warn('a step keeps being refused; waiting before trying again', { sessionId: this.sessionId, revision });
      this.wakeIn(1000);
      return;
    }
    this.lastRefusal = outcome === 'refused' ? revision : null;
    this.dirty = true;
  }

  private async supervise(at: SessionSnapshot, task: TaskState, attempt: number): Promise<StepOutcome> {
    if (this.followed.has(task.spec.id)) return 'waiting';
    const runtimeRef = runtimeRefOf(at.events, task.spec.id, attempt);
    const known = runtimeRef === null ? undefined : this.handles.get(runtimeRef);
    if (known !== undefined && runtimeRef !== null) {
      this.follow(at, task, known, runtimeRef, attempt);
      return 'waiting';
    }
    return this.adopt(at, task, await this.guard(() => reattachOrInterrupt(this.deps, at, task, this.deps.lease.token)));
  }

  private adopt(at: SessionSnapshot, task: TaskState, recovery: Recovery | 'refused'): StepOutcome {
    if (recovery === 'refused') return 'refused';
    if (recovery.kind === 'follow') this.follow(at, task, recovery.run, recovery.runtimeRef, task.attempt as number);
    return 'advanced';
  }

  /** A domain refusal means the session moved on meanwhile: read it again. */
  private async guard(recover: () => Promise<Recovery>): Promise<Recovery | 'refused'> {
    try {
      return await recover();
    } catch (error) {
      if (isDomainError(error) && error.code !== 'ENGINE.STALE_LEASE') return 'refused';
      throw error;
    }
  }

  private follow(at: SessionSnapshot, task: TaskState, run: TaskRun, runtimeRef: string, attempt: number): void {
    this.handles.set(runtimeRef, run);
    const scope = { sessionId: at.session.sessionId, tenantId: at.session.tenantId };
    const runAttempt = { scope, taskId: task.spec.id, title: task.spec.title, kind: task.spec.kind, agentId: task.agentId as string, attempt, runtimeRef };
    const repository = (at.session.settings.repository?.source as string | undefined) ?? null;
    const followed = followRun(this.deps, { attempt: runAttempt, capabilities: task.spec.capabilities, repository }, run, () => {
      if (this.followed.get(task.spec.id) === followed) this.followed.delete(task.spec.id);
      // An ended run has nothing more to follow; one whose follower failed is followed again.
      void followed.done.then((how) => how === 'ended' && this.handles.delete(runtimeRef));
      this.poke();
    });
    this.followed.set(task.spec.id, followed);
  }

  /** Aborts runs whose task left them; hands the rest their injections and permission answers. */
  private async reconcileRuns(session: Session): Promise<void> {
    for (const [taskId, followed] of this.followed) {
      const task = session.tasks[taskId];
      const current = task !== undefined && task.attempt === followed.attempt.attempt && (task.status === 'running' || task.status === 'assigned');
      if (!current) {
        this.followed.delete(taskId);
        await followed.run.abort(`task ${taskId} is ${task?.status ?? 'gone'}`);
        await followed.stop();
        continue;
      }
      await this.deliver(session, followed);
    }
  }

  private async deliver(session: Session, followed: FollowedRun): Promise<void> {
    const { taskId, attempt } = followed.attempt;
    for (const injection of session.injections) {
      if (!injection.targets.includes(taskId) || injection.deliveredTo.includes(taskId) || followed.injected.has(injection.injectionId)) continue;
      followed.injected.add(injection.injectionId);
      const text = this.view.injectionText(injection.injectionId);
      await followed.run.injectPrompt({ injectionId: injection.injectionId, text });
    }
    for (const permission of session.permissions) {
      if (permission.taskId !== taskId || permission.attempt !== attempt || permission.answer === null || followed.answered.has(permission.requestId)) continue;
      followed.answered.add(permission.requestId);
      await followed.run.answerPermission(permission.requestId, permission.answer);
    }
  }

  private async finish(end: RunnerEnd, session?: Session): Promise<void> {
    if (end === 'ended' && session !== undefined) {
      await this.deps.workspaces.release({ tenantId: session.tenantId, sessionId: session.sessionId }).catch((error: unknown) => {
        this.deps.log.warn('workspace not released', { sessionId: this.sessionId, error: String(error) });
      });
    }
    this.stopped = true;
    this.cancelWake?.();
    this.onEnd(end);
  }

  private wakeAt(wakeAt: string | null, now: string): void {
    if (wakeAt === null) return;
    this.wakeIn(Math.max(0, diffMs(wakeAt, now)) + 5);
  }

  private wakeIn(ms: number): void {
    this.cancelWake?.();
    this.cancelWake = this.deps.timers.after(ms, () => this.poke());
  }
}
