import { diffMs, isDomainError } from '@orch/kernel';
import { ACTIVE_STATUSES, isTerminal, type Session, type TaskState } from '@orch/domain-session';
import type { TaskRun } from '../ports/agent-runtime.port';
import { dispatch } from './dispatch';
import { isCommandStep, runCommandStep } from './engine-commands';
import type { EngineDeps } from './engine-deps';
import { nextSteps, type EngineStep } from './next-steps';
import { reattachOrInterrupt, recoverInterrupted, type Recovery } from './run-recovery';
import { followRun, type FollowedRun } from './run-follower';
import { releaseFreedSlots } from './slot-releases';
import { runtimeRefOf, SessionView, type SessionSnapshot } from './session-view';

/** Why a runner stopped driving its session: it is no longer active (or ended), or the runner was told to. */
export type RunnerEnd = 'inactive' | 'ended' | 'stopped';

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
  private cancelWake: (() => void) | null = null;
  private failures = 0;

  constructor(
    private readonly deps: EngineDeps & { readonly lease: NonNullable<EngineDeps['lease']> },
    readonly sessionId: string,
    private readonly onEnd: (end: RunnerEnd) => void,
  ) {
    this.view = new SessionView(deps.store, sessionId);
  }

  /** Something may have changed: read the session again (coalesced; never two loops at once). */
  poke(): void {
    if (this.stopped) return;
    this.dirty = true;
    this.looping ??= this.loop().finally(() => (this.looping = null));
  }

  /** Stops driving: no more commands; followed runs keep going in their runtimes (a successor re-attaches). */
  async stop(): Promise<void> {
    this.stopped = true;
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
    for (const step of steps) {
      if (this.stopped) return;
      if (await this.carryOut(at, step)) {
        this.dirty = true;
        return;
      }
    }
  }

  /** True when the step appended something (the session must be read again before the next one). */
  private async carryOut(at: SessionSnapshot, step: EngineStep): Promise<boolean> {
    if (isCommandStep(step)) return (await runCommandStep(this.deps, at, step)) !== 'waiting';
    const task = at.session.tasks[step.taskId] as TaskState;
    switch (step.kind) {
      case 'dispatch': {
        const result = await dispatch(this.deps, at, step);
        if (result.kind === 'started') this.follow(at, task, result.run, result.runtimeRef, step.attempt);
        return true;
      }
      case 'supervise':
        return this.supervise(at, task, step.attempt);
      case 'recover':
        return this.adopt(at, task, await this.guard(() => recoverInterrupted(this.deps, at, task)));
    }
  }

  private async supervise(at: SessionSnapshot, task: TaskState, attempt: number): Promise<boolean> {
    if (this.followed.has(task.spec.id)) return false;
    const runtimeRef = runtimeRefOf(at.events, task.spec.id, attempt);
    const known = runtimeRef === null ? undefined : this.handles.get(runtimeRef);
    if (known !== undefined && runtimeRef !== null) {
      this.follow(at, task, known, runtimeRef, attempt);
      return false;
    }
    return this.adopt(at, task, await this.guard(() => reattachOrInterrupt(this.deps, at, task, this.deps.lease.token)));
  }

  private adopt(at: SessionSnapshot, task: TaskState, recovery: Recovery): boolean {
    if (recovery.kind === 'follow') this.follow(at, task, recovery.run, recovery.runtimeRef, task.attempt as number);
    return true;
  }

  /** A domain refusal means the session moved on meanwhile: read it again. */
  private async guard(recover: () => Promise<Recovery>): Promise<Recovery> {
    try {
      return await recover();
    } catch (error) {
      if (isDomainError(error)) return { kind: 'recorded' };
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
