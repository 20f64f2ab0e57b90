import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { StreamCache, StreamQueue, type EventStore, type FleetQueries, type Workspaces } from '@orch/application';
import type { Coordination } from '@orch/coordination';
import { ApiKeyDirectory } from './auth/api-key-directory';
import { ApiKeyGuard } from './auth/api-key.guard';
import type { AppConfig } from './config';
import { HealthController } from './health/health.controller';
import { systemClock } from './infrastructure/system-clock';
import { AGENT_SIGNING, AGENT_TOKEN_DIRECTORY, API_KEY_DIRECTORY, APP_CONFIG, CLOCK, COMMAND_DEPS, ENGINE_STATUS, EVENT_STORE, FLEET_QUERIES, HEARTBEATS, IDS, LEASES, READ_SIDE, WORKSPACES } from './infrastructure/tokens';
import { systemIds } from './infrastructure/uuid';
import { KeysController } from './keys/keys.controller';
import { ContextsController } from './contexts/contexts.controller';
import { ExecuteDomainCommandHandler } from './cqrs/execute-domain-command';
import { ExecuteAgentCommandHandler, ExecuteSessionCommandHandler } from './cqrs/execute-session-command';
import { AgentsController } from './agents/agents.controller';
import { SessionsController } from './sessions/sessions.controller';
import { TasksController } from './sessions/tasks.controller';
import { TaskPermissionsController } from './sessions/task-permissions.controller';
import { SessionStateController } from './queries/session-state.controller';
import { GetSessionStateAtHandler } from './queries/session-state.query';
import { QUERY_CONTROLLERS, QUERY_HANDLERS } from './queries/query-endpoints';
import type { ReadSide } from './read-side/read-side';
import { LiveModule, type LiveRuntime } from './live/live.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { AuditVerifyController } from './audit/audit-verify.controller';
import { rateLimiting } from './security/rate-limit';
import { AccessModule } from './access/access.module';
import { AgentProtocolModule } from './agent-protocol/agent-protocol.module';
import { AgentTokenDirectory } from './auth/agent-token-directory';
import { agentSigningFor } from './agent-protocol/agent-signing';
import { EngineStatusController } from './engine/engine-status.controller';
import { EngineStatusSource } from './engine/engine-status';

export interface AppRuntime {
  readonly config: AppConfig;
  readonly store: EventStore;
  readonly directory: ApiKeyDirectory;
  /** Leases and heartbeats: Redis when REDIS_URL is set, else in-process; closed by main on shutdown. */
  readonly coordination: Coordination;
  /** The read models and their queries; absent when this process has neither the api nor the projector role. */
  readonly readSide?: ReadSide;
  /** The fleet facts commands need (shared with the engine role of this process). */
  readonly fleet: FleetQueries;
  /** Session workspaces, for task diffs. */
  readonly workspaces: Workspaces;
  /** PostgreSQL of the read models and webhook tables (DATABASE_URL or the embedded cluster). */
  readonly connectionString: string;
  /** The engine role of this process, once it runs (main sets it); absent or unset: `GET /engine/status` says so. */
  readonly engineStatus?: EngineStatusSource;
}

/** Composition root: ports bound to adapters by Symbol tokens; Nest lives here only. */
@Module({})
export class AppModule {
  static forRoot(runtime: AppRuntime): DynamicModule {
    return {
      module: AppModule,
      // The live surface and webhooks belong to the api role (socket gateway, SSE, delivery worker).
      imports: [CqrsModule.forRoot(), ...rateLimiting(runtime.config.rateLimit).imports, ...(runtime.config.roles.has('api') ? [LiveModule.forRoot(live(runtime)), WebhooksModule.forRoot(runtime), AccessModule, AgentProtocolModule.forRoot(runtime)] : [])],
      // Without the api role the process serves only the health probes (e.g. ROLES=projector).
      controllers: runtime.config.roles.has('api')
        ? [HealthController, KeysController, ContextsController, SessionsController, TasksController, TaskPermissionsController, AgentsController, SessionStateController, ...QUERY_CONTROLLERS, AuditVerifyController, EngineStatusController]
        : [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: runtime.config },
        { provide: EVENT_STORE, useValue: runtime.store },
        { provide: API_KEY_DIRECTORY, useValue: runtime.directory },
        { provide: CLOCK, useValue: systemClock },
        { provide: IDS, useValue: systemIds },
        // Commands of this process on one stream run one at a time, each reading forward from the cache.
        { provide: COMMAND_DEPS, useValue: { store: runtime.store, ids: systemIds, fleet: runtime.fleet, streamQueue: new StreamQueue(), streams: new StreamCache(), readFirst: 'repeatable' } },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        ...rateLimiting(runtime.config.rateLimit).guards.map((guard) => ({ provide: APP_GUARD, useClass: guard })),
        { provide: AGENT_TOKEN_DIRECTORY, useValue: new AgentTokenDirectory(runtime.store) },
        { provide: AGENT_SIGNING, useValue: agentSigningFor(runtime.config) },
        { provide: FLEET_QUERIES, useValue: runtime.fleet },
        { provide: WORKSPACES, useValue: runtime.workspaces },
        { provide: HEARTBEATS, useValue: runtime.coordination.heartbeats },
        { provide: LEASES, useValue: runtime.coordination.leases },
        { provide: ENGINE_STATUS, useValue: runtime.engineStatus ?? new EngineStatusSource() },
        ExecuteDomainCommandHandler,
        ExecuteSessionCommandHandler,
        ExecuteAgentCommandHandler,
        GetSessionStateAtHandler,
        ...(runtime.readSide ? [{ provide: READ_SIDE, useValue: runtime.readSide }, ...QUERY_HANDLERS] : []),
      ],
    };
  }
}

/** The live module shares the read side's change notifier when this process has one. */
function live(runtime: AppRuntime): LiveRuntime {
  return { ...runtime, ...(runtime.readSide ? { notifier: runtime.readSide.notifications } : {}) };
}
