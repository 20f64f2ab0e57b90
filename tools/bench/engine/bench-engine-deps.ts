import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FleetView, type AgentRuntimePort, type EventStore, type Timers, type Workspaces } from '@orch/application';
import { ScriptedAgentRuntime } from '@orch/agent-runtime-scripted';
import { InProcessLeases } from '@orch/coordination';
import { InMemoryEngineState } from '@orch/engine-state';
import { createHash, randomUUID } from 'node:crypto';
import { GitWorktreeWorkspaces } from '@orch/workspaces';

export const timers: Timers = {
  after(ms, callback) {
    const timer = setTimeout(callback, Math.max(0, ms));
    return () => clearTimeout(timer);
  },
};

export const clock = { now: () => new Date().toISOString() };

export const ids = {
  newId: () => randomUUID(),
  derive: (name: string) => {
    const hex = createHash('sha256').update(name).digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  },
};

/**
 * The baseline workspaces: a plain directory per task, no git. What is left of a dispatch is the
 * engine's own work (reads, four appends, the runtime's start), which is what the target is about.
 */
export function directoryWorkspaces(root: string): Workspaces {
  const directory = (sessionId: string, taskId: string, attempt: number) => join(root, sessionId, `${taskId}-${attempt}`);
  return {
    prepare: async ({ sessionId }) => ({ branch: `orch/${sessionId}`, baseCommit: '0'.repeat(40) }),
    openTask: async ({ sessionId, taskId, attempt }) => {
      const path = directory(sessionId, taskId, attempt);
      await mkdir(path, { recursive: true });
      return { directory: path, branch: `orch/${sessionId}.tasks/${taskId}`, baseCommit: '0'.repeat(40) };
    },
    finishTask: async () => ({ merged: true, taskCommitSha: '0'.repeat(40), sessionHeadSha: '0'.repeat(40), changedFiles: [], diffStats: { files: 0, insertions: 0, deletions: 0 } }),
    checkpoint: async () => '0'.repeat(40),
    taskDiff: async () => null,
    release: async () => undefined,
  };
}

export function gitWorkspaces(root: string): Workspaces {
  return new GitWorktreeWorkspaces({ root });
}

/** A runtime that notes when each run was asked to start (the end of a dispatch). */
export function timedRuntime(inner: AgentRuntimePort, started: Map<string, number>): AgentRuntimePort {
  return {
    start: (request) => {
      started.set(`${request.sessionId}/${request.taskId}`, Date.now());
      return inner.start(request);
    },
    attach: (ref) => inner.attach(ref),
    close: () => inner.close(),
  };
}

export function engineDeps(store: EventStore, workspaces: Workspaces, started: Map<string, number>) {
  const runtime = timedRuntime(new ScriptedAgentRuntime({ stepDelayMs: 0 }), started);
  return {
    store,
    ids,
    fleet: new FleetView(store),
    clock,
    workspaces,
    runtimes: { forAgent: () => runtime, close: () => runtime.close() },
    timers,
    log: { info: () => undefined, warn: () => undefined, error: (message: string, fields?: object) => console.error(`  ! engine: ${message} ${JSON.stringify(fields ?? {})}`) },
    permissionPolicy: { rules: [] },
    leases: new InProcessLeases(),
    state: new InMemoryEngineState(),
  };
}
