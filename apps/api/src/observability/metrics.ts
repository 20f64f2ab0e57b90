import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Where each sampled number lives; a source left unset (a role this process lacks) leaves its series empty. */
export interface MetricSources {
  /** Events each projector is behind the head (the read side's runner, or the stored checkpoints). */
  projectorLag?: () => Promise<readonly { readonly projector: string; readonly eventsBehind: number }[]>;
  /** The engine role: sessions it follows and drives, plus the work waiting (queued sessions, ready tasks). */
  engine?: () => { readonly tracked: number; readonly driving: number };
  queueDepth?: () => Promise<{ readonly queuedSessions: number; readonly readyTasks: number }>;
  /** Held and total slots of the agents that can take work (active or draining). */
  agentSlots?: () => Promise<{ readonly held: number; readonly capacity: number }>;
  /** socket.io clients connected to this instance. */
  socketClients?: () => number;
  /** Webhook deliveries waiting for an attempt (pending). */
  webhookBacklog?: () => Promise<number>;
}

/**
 * The Prometheus series of one process (`GET /metrics`). Rates and latencies are recorded as they
 * happen (commands, appends); everything else is sampled from its owner when scraped.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly sources: MetricSources = {};

  readonly commands = new Counter({ name: 'orch_commands_total', help: 'Commands handled, by command type and outcome (ok or the error code)', labelNames: ['command', 'outcome'], registers: [this.registry] });
  readonly commandDuration = new Histogram({
    name: 'orch_command_duration_seconds',
    help: 'Command latency (load, decide, append), by command type and outcome',
    labelNames: ['command', 'outcome'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly appendDuration = new Histogram({
    name: 'orch_event_append_duration_seconds',
    help: 'Event store append latency, by outcome (ok, conflict, error)',
    labelNames: ['outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'orch_process_' });
    const sources = this.sources;
    new Gauge({
      name: 'orch_projector_lag_events',
      help: 'Events a projector has still to apply (head minus its checkpoint, counted up to 1000)',
      labelNames: ['projector'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of (await sample(sources.projectorLag)) ?? []) this.set({ projector: row.projector }, row.eventsBehind);
      },
    });
    new Gauge({
      name: 'orch_engine_sessions',
      help: 'Sessions the engine of this process follows (tracked) and drives under a lease (driving)',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const status = sources.engine?.();
        if (!status) return;
        this.set({ state: 'tracked' }, status.tracked);
        this.set({ state: 'driving' }, status.driving);
      },
    });
    new Gauge({
      name: 'orch_engine_queue_depth',
      help: 'Work waiting for the engine: sessions queued for capacity, tasks ready but not yet assigned',
      labelNames: ['kind'],
      registers: [this.registry],
      async collect() {
        const depth = await sample(sources.queueDepth);
        if (!depth) return;
        this.set({ kind: 'sessions' }, depth.queuedSessions);
        this.set({ kind: 'tasks' }, depth.readyTasks);
      },
    });
    new Gauge({
      name: 'orch_agent_utilisation_ratio',
      help: 'Held slots over capacity of the agents that take work (active, draining)',
      registers: [this.registry],
      async collect() {
        const slots = await sample(sources.agentSlots);
        if (slots) this.set(slots.capacity === 0 ? 0 : slots.held / slots.capacity);
      },
    });
    new Gauge({
      name: 'orch_agent_slots',
      help: 'Agent slots: held and capacity (active and draining agents)',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        const slots = await sample(sources.agentSlots);
        if (!slots) return;
        this.set({ state: 'held' }, slots.held);
        this.set({ state: 'capacity' }, slots.capacity);
      },
    });
    new Gauge({
      name: 'orch_live_socket_clients',
      help: 'socket.io clients connected to this instance',
      registers: [this.registry],
      collect() {
        const count = sources.socketClients?.();
        if (count !== undefined) this.set(count);
      },
    });
    new Gauge({
      name: 'orch_webhook_backlog',
      help: 'Webhook deliveries pending (due now or after a back-off)',
      registers: [this.registry],
      async collect() {
        const backlog = await sample(sources.webhookBacklog);
        if (backlog !== undefined) this.set(backlog);
      },
    });
  }

  /** Times one command; the outcome is `ok` or the error's stable code. */
  async timeCommand<T>(command: string, run: () => Promise<T>): Promise<T> {
    const end = this.commandDuration.startTimer({ command });
    try {
      const result = await run();
      end({ outcome: 'ok' });
      this.commands.inc({ command, outcome: 'ok' });
      return result;
    } catch (error) {
      const outcome = errorCode(error);
      end({ outcome });
      this.commands.inc({ command, outcome });
      throw error;
    }
  }
}

/** A domain error's stable code (a bounded set), else `error`. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z][A-Z_]*\.[A-Z_]+$/.test(code) ? code : 'error';
}

/** A failing source (a table not migrated yet, a lost connection) leaves its series out of this scrape. */
async function sample<T>(source: (() => Promise<T>) | undefined): Promise<T | undefined> {
  if (!source) return undefined;
  try {
    return await source();
  } catch {
    return undefined;
  }
}
