import { randomUUID } from 'node:crypto';
import { type EventStore } from '@orch/application';
import { appendFacts, TestClock } from '../events';
import { agentLife, agentRegistration } from './agent-life';
import { Rng } from './rng';
import { sessionLife } from './session-life';
import { type Step, type Tenant } from './step';

export interface WorkloadOptions {
  readonly seed: number;
  /** Append until at least this many events are in. */
  readonly minEvents: number;
  /** Concurrent writers; each owns its sessions, so a stream's events keep their order. */
  readonly writers?: number;
  readonly tenants?: number;
  readonly agentsPerTenant?: number;
}

export interface WorkloadResult {
  readonly events: number;
  readonly lastPosition: number;
}

/**
 * A random but realistic history: agents registered first, then interleaved session lives
 * (plans, routing, slots, usage, failures, pauses, retries, checkpoints, context writes) and
 * agent status changes, appended command by command with full metadata.
 */
export async function runWorkload(store: EventStore, options: WorkloadOptions): Promise<WorkloadResult> {
  const rng = new Rng(options.seed);
  const clock = new TestClock();
  const tenants = makeTenants(options.tenants ?? 3, options.agentsPerTenant ?? 4);
  const counter = { events: 0, lastPosition: 0 };
  const record = async (step: Step) => {
    const position = await appendFacts(store, step.stream, step.meta, step.facts);
    counter.events += step.facts.length;
    counter.lastPosition = Math.max(counter.lastPosition, position);
  };
  for (const tenant of tenants) {
    for (const [index, agentId] of tenant.agentIds.entries()) await record(agentRegistration(agentId, tenant.tenantId, index, clock));
  }
  const writers = Array.from({ length: options.writers ?? 4 }, (_, index) => {
    const writerRng = new Rng(rng.int(1, 2 ** 31));
    const lives: Generator<Step>[] = index === 0 ? tenants.flatMap((t) => t.agentIds.map((id) => agentLife(writerRng, id, t.tenantId, clock))) : [];
    return writeInterleaved(writerRng, lives, () => sessionLife(writerRng, writerRng.pick(tenants), clock), record, () => counter.events >= options.minEvents);
  });
  await Promise.all(writers);
  return counter;
}

/** Keeps up to 6 lives going, taking one step from a random one at a time. */
async function writeInterleaved(
  rng: Rng,
  lives: Generator<Step>[],
  newLife: () => Generator<Step>,
  record: (step: Step) => Promise<void>,
  enough: () => boolean,
): Promise<void> {
  for (;;) {
    while (lives.length < 6 && !enough()) lives.push(newLife());
    if (lives.length === 0) return;
    const index = rng.int(0, lives.length - 1);
    const next = lives[index]?.next();
    if (!next || next.done) lives.splice(index, 1);
    else await record(next.value);
  }
}

function makeTenants(count: number, agents: number): Tenant[] {
  return Array.from({ length: count }, (_, index) => ({
    tenantId: `tenant-${String.fromCharCode(97 + index)}`,
    agentIds: Array.from({ length: agents }, () => randomUUID()),
  }));
}
