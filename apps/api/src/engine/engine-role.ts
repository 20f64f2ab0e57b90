import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { AgentSupervisor, Engine, type AgentRoster, type EngineLog, type EngineStatus, type EventStore, type FleetQueries, type Heartbeats, type Leases } from '@orch/application';
import { ScriptedAgentRuntime } from '@orch/agent-runtime-scripted';
import { ProcessAgentRuntime } from '@orch/agent-runtime-process';
import { OpencodeAgentRuntime } from '@orch/agent-runtime-opencode';
import { agentSigningSecret, HttpAgentRuntime } from '@orch/agent-runtime-http';
import { PostgresEngineState } from '@orch/engine-state';
import { openReadModelDb } from '@orch/read-models';
import { GitWorktreeWorkspaces } from '@orch/workspaces';
import type { ApiKeyDirectory } from '../auth/api-key-directory';
import type { AppConfig } from '../config';
import { systemClock } from '../infrastructure/system-clock';
import { systemIds } from '../infrastructure/uuid';
import { DerivedAgentCredentials } from './agent-credentials';
import { resolveEngineSecret } from './engine-secret';
import { ReadModelContextDirectory } from './read-model-context-directory';
import { RuntimeRegistry } from './runtime-registry';
import { registerScriptedFleet } from './scripted-fleet';
import { systemTimers } from './system-timers';

/** How often the agent supervisor looks at heartbeats and probes (each agent is probed every 30 s). */
const SUPERVISE_EVERY_MS = 10_000;

export interface EngineRoleInput {
  readonly config: AppConfig;
  readonly store: EventStore;
  readonly connectionString: string;
  readonly leases: Leases;
  readonly heartbeats: Heartbeats;
  readonly fleet: FleetQueries & AgentRoster;
  readonly directory: ApiKeyDirectory;
  readonly log: EngineLog;
  /** The api this process serves, once it listens (agents talk back to it). */
  readonly ownApiUrl: () => string | undefined;
}

export interface EngineRole {
  readonly engine: Engine;
  readonly workspaces: GitWorktreeWorkspaces;
  status(): EngineStatus;
  stop(): Promise<void>;
}

/**
 * The engine role (ROLES has `engine`): the process manager with its PostgreSQL state, the git
 * worktree workspaces under the data dir, the agent runtimes (scripted, process, OpenCode on the
 * engine's own server or an agent's, and http for external agents), and the agents' keys for talking back.
 */
export async function startEngineRole(input: EngineRoleInput): Promise<EngineRole> {
  const { config, store, log } = input;
  const workspaces = new GitWorktreeWorkspaces({ root: join(config.dataDir, 'workspaces') });
  const engineSecret = resolveEngineSecret(config);
  const apiUrl = () => config.engine.apiUrl ?? input.ownApiUrl();
  const runtimes = new RuntimeRegistry({
    scripted: new ScriptedAgentRuntime({ stepDelayMs: config.engine.scriptedStepMs }),
    process: new ProcessAgentRuntime(),
    // The owned server starts on the first run that needs it; agents with a baseUrl use theirs.
    opencode: new OpencodeAgentRuntime({ dataDir: join(config.dataDir, 'opencode'), ownedServer: { config: config.engine.opencode.config, env: config.engine.opencode.env } }),
    // External agents (External Agent Protocol): runs kept in PostgreSQL, reported through the api.
    http: new HttpAgentRuntime({ connectionString: input.connectionString, signingSecret: (agentId, tokenHash) => agentSigningSecret(engineSecret, agentId, tokenHash), apiUrl }),
  });
  const state = new PostgresEngineState({ connectionString: input.connectionString, name: config.engine.name });
  const readModels = await openReadModelDb({ connectionString: input.connectionString, migrate: false, applicationName: 'orch-engine', maxConnections: 2 });
  const credentials = new DerivedAgentCredentials({
    store,
    ids: systemIds,
    clock: systemClock,
    directory: input.directory,
    secret: engineSecret,
    apiUrl,
  });
  const deps = {
    store,
    ids: systemIds,
    fleet: input.fleet,
    clock: systemClock,
    workspaces,
    runtimes,
    timers: systemTimers,
    log,
    permissionPolicy: config.engine.permissionPolicy,
    credentials,
    contexts: new ReadModelContextDirectory(readModels, log),
    leases: input.leases,
    state,
  };
  if (config.engine.scriptedAgents) {
    const added = await registerScriptedFleet(deps, config.bootstrapTenant);
    if (added > 0) log.info('scripted agents registered', { tenantId: config.bootstrapTenant, added });
  }
  const engineId = `${config.engine.name}:${process.pid}:${randomUUID()}`;
  const engine = new Engine(deps, { engineId, leaseTtlMs: config.engine.leaseTtlMs });
  await engine.start();
  const { heartbeatTimeoutMs } = config.engine;
  const supervisor = new AgentSupervisor({ ...deps, roster: input.fleet, heartbeats: input.heartbeats }, engineId, { heartbeatTimeoutMs });
  // Often enough that an agent goes offline within a third of its heartbeat timeout after it lapsed.
  const superviseEveryMs = Math.min(SUPERVISE_EVERY_MS, Math.max(250, Math.floor(heartbeatTimeoutMs / 3)));
  const supervising = setInterval(() => void supervisor.tick().catch((error: unknown) => log.warn('agent supervision failed', { error: String(error) })), superviseEveryMs);
  supervising.unref();
  return {
    engine,
    workspaces,
    status: () => engine.status(),
    async stop() {
      clearInterval(supervising);
      await supervisor.stop();
      await engine.stop();
      await runtimes.close();
      await state.close();
      await readModels.close();
    },
  };
}
