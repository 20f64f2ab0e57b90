import type { EngineState } from '../ports/engine-state.port';
import type { RecordedEvent, Subscription } from '../ports/event-store.port';
import type { Lease, Leases } from '../ports/leases.port';
import { StreamCache } from '../command-handling/stream-summary';
import { StreamQueue } from '../command-handling/stream-queue';
import type { EngineDeps } from './engine-deps';
import { interruptHeldTasks, orphanChildren, SLOT_EVENTS, startQueuedSessions } from './fleet-reactions';
import { SessionRunner, type RunnerEnd } from './session-runner';
import { SessionTracker } from './session-tracker';

export interface EngineOptions {
  /** This engine instance's name as a lease owner (unique per process). */
  readonly engineId: string;
  readonly leaseTtlMs?: number;
  /** How often held leases are renewed, and sessions nobody drives are looked for (a lapsed lease). */
  readonly renewEveryMs?: number;
  readonly checkpointEveryMs?: number;
}

export interface EngineRuntimeDeps extends EngineDeps {
  readonly leases: Leases;
  readonly state: EngineState;
}

export interface EngineStatus {
  readonly caughtUp: boolean;
  readonly coordinationHealthy: boolean;
  readonly position: number | undefined;
  readonly driving: number;
  readonly tracked: number;
}

interface Driven {
  readonly runner: SessionRunner;
  lease: Lease;
  /** Cancels the watchdog that stops the runner shortly before `lease` could lapse unrenewed. */
  cancelWatchdog: () => void;
}

/**
 * The engine's process manager (DESIGN.md §1 Engine, Recovery): follows the global log from its own
 * checkpoint, keeps the sessions in flight (saved with the checkpoint), and drives each running
 * session through a SessionRunner under a lease, so one engine drives a session at a time. On
 * start, every session in flight is driven again, and whenever a lease lapses another engine takes
 * the session over; both are the same path: replay the stream, reconcile its runs, carry on.
 */
export class Engine {
  private tracker = new SessionTracker();
  private readonly driven = new Map<string, Driven>();
  private readonly acquiring = new Set<string>();
  private readonly schedulerPokes = new Map<string, () => void>();
  private subscription: Subscription | null = null;
  private position: number | undefined;
  private savedPosition: number | undefined;
  private caughtUp = false;
  private coordinationHealthy = true;
  private stopped = false;
  private readonly cancels: (() => void)[] = [];
  private readonly ttlMs: number;
  private readonly renewMs: number;

  private readonly deps: EngineRuntimeDeps;

  constructor(
    deps: EngineRuntimeDeps,
    private readonly options: EngineOptions,
  ) {
    // One engine writes the same streams again and again: keep their summaries, read only what is new,
    // and run one command per stream at a time (runners of several sessions write the same agents).
    this.deps = { ...deps, streams: deps.streams ?? new StreamCache(), streamQueue: deps.streamQueue ?? new StreamQueue() };
    this.ttlMs = options.leaseTtlMs ?? 15_000;
    this.renewMs = options.renewEveryMs ?? Math.floor(this.ttlMs / 3);
  }

  async start(): Promise<void> {
    const snapshot = await this.deps.state.load();
    this.tracker = new SessionTracker(snapshot.sessions);
    this.position = this.savedPosition = snapshot.position;
    this.subscription = this.deps.store.subscribeToAll({
      ...(snapshot.position === undefined ? {} : { fromPosition: snapshot.position }),
      filter: { streamPrefixes: ['session-', 'agent-'] },
    });
    void this.consume(this.subscription);
    this.every(this.renewMs, () => this.keepLeases());
    this.every(this.options.checkpointEveryMs ?? 1000, () => this.checkpoint());
    this.deps.log.info('engine started', { engineId: this.options.engineId, position: snapshot.position, inFlight: snapshot.sessions.length });
    this.driveEverythingInFlight();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancels.forEach((cancel) => cancel());
    await this.subscription?.close();
    await Promise.all([...this.driven.keys()].map((sessionId) => this.drop(sessionId, true)));
    await this.checkpoint().catch(() => undefined);
  }

  status(): EngineStatus {
    return { caughtUp: this.caughtUp, coordinationHealthy: this.coordinationHealthy, position: this.position, driving: this.driven.size, tracked: this.tracker.all().length };
  }

  /** Waits until every runner of this engine has nothing left to do right now (tests, benchmarks). */
  async settled(): Promise<void> {
    await Promise.all([...this.driven.values()].map((driven) => driven.runner.settled()));
  }

  private async consume(subscription: Subscription): Promise<void> {
    try {
      for await (const item of subscription) {
        if (item.kind === 'caughtUp') {
          this.caughtUp = true;
          continue;
        }
        await this.onEvent(item.event);
        this.position = item.event.position;
      }
    } catch (error) {
      if (this.stopped) return;
      this.deps.log.error('engine subscription failed; resubscribing', { error: String(error), position: this.position });
      this.deps.timers.after(1000, () => this.resubscribe());
    }
  }

  private resubscribe(): void {
    if (this.stopped) return;
    this.subscription = this.deps.store.subscribeToAll({ ...(this.position === undefined ? {} : { fromPosition: this.position }), filter: { streamPrefixes: ['session-', 'agent-'] } });
    void this.consume(this.subscription);
  }

  private async onEvent(event: RecordedEvent): Promise<void> {
    if (event.streamName.startsWith('agent-')) return this.onAgentEvent(event);
    const effect = this.tracker.apply(event);
    if (effect === null) return;
    this.driven.get(effect.sessionId)?.runner.pokeFor(event);
    if (effect.needsDriver) this.drive(effect.sessionId);
    if (effect.capacityFreed || effect.queued) this.pokeScheduler(effect.tenantId);
    if (effect.orphansChildrenAs !== null) await this.guard(() => orphanChildren(this.deps, this.tracker, effect.sessionId, effect.orphansChildrenAs as never));
  }

  private async onAgentEvent(event: RecordedEvent): Promise<void> {
    const tenantId = event.metadata.tenantId;
    if (event.type === 'AgentDisabled' || event.type === 'AgentWentOffline') await this.guard(() => interruptHeldTasks(this.deps, event));
    if (!SLOT_EVENTS.has(event.type)) return;
    // Freed capacity goes first to the most urgent sessions (DOMAIN.md §4.5: priority asc), whose runners route first.
    const waiting = [...this.driven.keys()]
      .map((sessionId) => this.tracker.get(sessionId))
      .filter((session): session is NonNullable<typeof session> => session?.tenantId === tenantId)
      .sort((a, b) => a.priority - b.priority || a.sessionId.localeCompare(b.sessionId));
    for (const session of waiting) this.driven.get(session.sessionId)?.runner.poke();
    this.pokeScheduler(tenantId);
  }

  /** Drives the session if nobody here does yet and its lease is free (or lapsed). */
  private drive(sessionId: string): void {
    if (this.stopped || this.driven.has(sessionId) || this.acquiring.has(sessionId)) return;
    this.acquiring.add(sessionId);
    void this.deps.leases
      .acquire(`session:${sessionId}`, this.options.engineId, this.ttlMs)
      .then((lease) => {
        this.coordinationHealthy = true;
        if (lease === null || this.stopped) return lease && this.deps.leases.release(lease);
        const fenced = { ...this.deps, lease: { key: lease.key, token: lease.token, owner: lease.owner } };
        const runner = new SessionRunner(fenced, sessionId, (end) => void this.onRunnerEnd(sessionId, runner, end));
        const driven: Driven = { runner, lease, cancelWatchdog: () => undefined };
        this.driven.set(sessionId, driven);
        this.watch(sessionId, driven);
        runner.poke();
        return undefined;
      })
      .catch((error: unknown) => {
        this.coordinationHealthy = false;
        this.deps.log.warn('session lease not taken', { sessionId, error: String(error) });
      })
      .finally(() => this.acquiring.delete(sessionId));
  }

  private async onRunnerEnd(sessionId: string, runner: SessionRunner, end: RunnerEnd): Promise<void> {
    if (this.driven.get(sessionId)?.runner !== runner) return;
    await this.drop(sessionId, false);
    // A session resumed while its runner wound down (it saw it paused) needs a driver again.
    const status = this.tracker.get(sessionId)?.status;
    if (end === 'inactive' && (status === 'running' || status === 'degraded')) this.drive(sessionId);
  }

  private async drop(sessionId: string, stopRunner: boolean): Promise<void> {
    const driven = this.driven.get(sessionId);
    if (driven === undefined) return;
    this.driven.delete(sessionId);
    driven.cancelWatchdog();
    if (stopRunner) await driven.runner.stop();
    await this.deps.leases.release(driven.lease).catch(() => undefined);
  }

  /**
   * Renews held leases, all at once (one call hanging on an unresponsive Redis must not hold up the
   * others), and looks for sessions nobody drives. A lost lease stops its runner at once; one that
   * could not be renewed is left to its watchdog.
   */
  private async keepLeases(): Promise<void> {
    await Promise.all([...this.driven].map(([sessionId, driven]) => this.renew(sessionId, driven)));
    this.driveEverythingInFlight();
  }

  private async renew(sessionId: string, driven: Driven): Promise<void> {
    let renewed: Lease | null;
    try {
      renewed = await this.deps.leases.renew(driven.lease, this.ttlMs);
      this.coordinationHealthy = true;
    } catch (error) {
      this.coordinationHealthy = false;
      this.deps.log.warn('session lease not renewed; trying again', { sessionId, error: String(error) });
      return;
    }
    if (this.driven.get(sessionId) !== driven) {
      // Its watchdog (or a stop) let the session go while the renewal was under way: give the lease back.
      if (renewed !== null) await this.deps.leases.release(renewed).catch(() => undefined);
      return;
    }
    if (renewed === null) {
      this.deps.log.warn('session lease lost; another engine drives it now', { sessionId });
      await this.drop(sessionId, true);
      return;
    }
    driven.lease = renewed;
    this.watch(sessionId, driven);
  }

  /**
   * Unsure whether a lease still holds, the engine must stop acting before it could have lapsed
   * (another engine may take it then). The watchdog fires one renewal period before the lease's
   * `expiresAt` (reckoned from when the request was sent, so never later than Redis' own expiry)
   * unless a renewal moved it on; it stops the runner without waiting for Redis.
   */
  private watch(sessionId: string, driven: Driven): void {
    driven.cancelWatchdog();
    const ms = Date.parse(driven.lease.expiresAt) - Date.parse(this.deps.clock.now()) - this.renewMs;
    driven.cancelWatchdog = this.deps.timers.after(Math.max(0, ms), () => {
      if (this.driven.get(sessionId) !== driven) return;
      this.coordinationHealthy = false;
      this.deps.log.warn('session lease not renewed in time; stopping its runner before it could lapse', { sessionId, expiresAt: driven.lease.expiresAt });
      void this.drop(sessionId, true);
    });
  }

  private driveEverythingInFlight(): void {
    const tenants = new Set<string>();
    for (const session of this.tracker.all()) {
      if (session.status === 'running' || session.status === 'degraded') this.drive(session.sessionId);
      if (session.status === 'queued') tenants.add(session.tenantId);
    }
    tenants.forEach((tenantId) => this.pokeScheduler(tenantId));
  }

  /** Batches scheduler runs per tenant: one shortly after the last poke. */
  private pokeScheduler(tenantId: string): void {
    if (this.stopped || this.schedulerPokes.has(tenantId)) return;
    const cancel = this.deps.timers.after(20, () => {
      this.schedulerPokes.delete(tenantId);
      void this.guard(() => startQueuedSessions(this.deps, this.deps.leases, this.options.engineId, this.tracker, tenantId));
    });
    this.schedulerPokes.set(tenantId, cancel);
  }

  private async checkpoint(): Promise<void> {
    if (this.position === undefined || this.position === this.savedPosition) return;
    const position = this.position;
    const changes = this.tracker.changes();
    await this.deps.state.save(position, changes.changed, changes.removed);
    this.tracker.saved(changes);
    this.savedPosition = position;
  }

  /** Runs `task` every `ms` after the previous run ended (never two at once). */
  private every(ms: number, task: () => Promise<void>): void {
    let cancel = () => undefined as void;
    const tick = () => {
      if (this.stopped) return;
      void task()
        .catch((error: unknown) => this.deps.log.error('engine housekeeping failed', { error: String(error) }))
        .finally(() => {
          if (!this.stopped) cancel = this.deps.timers.after(ms, tick);
        });
    };
    cancel = this.deps.timers.after(ms, tick);
    this.cancels.push(() => cancel());
  }

  private async guard(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.deps.log.error('engine reaction failed', { error: String(error) });
    }
  }
}
