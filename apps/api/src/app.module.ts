import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { FleetView, type EventStore } from '@orch/application';
import { ApiKeyDirectory } from './auth/api-key-directory';
import { ApiKeyGuard } from './auth/api-key.guard';
import type { AppConfig } from './config';
import { HealthController } from './health/health.controller';
import { systemClock } from './infrastructure/system-clock';
import { API_KEY_DIRECTORY, APP_CONFIG, CLOCK, EVENT_STORE, FLEET_QUERIES, HEARTBEATS, IDS } from './infrastructure/tokens';
import { systemIds } from './infrastructure/uuid';
import { KeysController } from './keys/keys.controller';
import { ContextsController } from './contexts/contexts.controller';
import { ExecuteDomainCommandHandler } from './cqrs/execute-domain-command';
import { ExecuteAgentCommandHandler, ExecuteSessionCommandHandler } from './cqrs/execute-session-command';
import { AgentsController } from './agents/agents.controller';
import { InProcessHeartbeats } from './agents/heartbeats';
import { SessionsController } from './sessions/sessions.controller';
import { TasksController } from './sessions/tasks.controller';
import { SessionStateController } from './queries/session-state.controller';
import { GetSessionStateAtHandler } from './queries/session-state.query';
import { LiveModule } from './live/live.module';
import { WebhooksModule } from './webhooks/webhooks.module';

export interface AppRuntime {
  readonly config: AppConfig;
  readonly store: EventStore;
  readonly directory: ApiKeyDirectory;
  /** PostgreSQL of the read models and webhook tables (DATABASE_URL or the embedded cluster). */
  readonly connectionString: string;
}

/** Composition root: ports bound to adapters by Symbol tokens; Nest lives here only. */
@Module({})
export class AppModule {
  static forRoot(runtime: AppRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), LiveModule.forRoot(runtime), WebhooksModule.forRoot(runtime)],
      controllers: [HealthController, KeysController, ContextsController, SessionsController, TasksController, AgentsController, SessionStateController],
      providers: [
        { provide: APP_CONFIG, useValue: runtime.config },
        { provide: EVENT_STORE, useValue: runtime.store },
        { provide: API_KEY_DIRECTORY, useValue: runtime.directory },
        { provide: CLOCK, useValue: systemClock },
        { provide: IDS, useValue: systemIds },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: FLEET_QUERIES, useFactory: () => new FleetView(runtime.store) },
        { provide: HEARTBEATS, useClass: InProcessHeartbeats },
        ExecuteDomainCommandHandler,
        ExecuteSessionCommandHandler,
        ExecuteAgentCommandHandler,
        GetSessionStateAtHandler,
      ],
    };
  }
}
