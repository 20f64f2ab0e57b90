import { Inject, Module, type DynamicModule, type OnModuleDestroy } from '@nestjs/common';
import type { ChangeNotifier, EventStore } from '@orch/application';
import type { ApiKeyDirectory } from '../auth/api-key-directory';
import type { AppConfig } from '../config';
import { systemClock } from '../infrastructure/system-clock';
import { API_KEY_DIRECTORY, CLOCK, EVENT_STORE } from '../infrastructure/tokens';
import { EventStreamController } from './event-stream.controller';
import { LiveConnectionsController } from './live-connections.controller';
import { LiveGateway } from './live.gateway';
import { startLiveHub, type LiveHubResources } from './live-hub.host';
import { LiveNamespace } from './live-namespace';
import { LIVE_HUB, LIVE_SETTINGS } from './live-tokens';

export interface LiveRuntime {
  readonly config: AppConfig;
  readonly store: EventStore;
  readonly directory: ApiKeyDirectory;
  /** The PostgreSQL of the read models (their projector checkpoints gate the change rooms). */
  readonly connectionString: string;
  /** The read side's change notifier, shared when this process has one; else the hub opens its own. */
  readonly notifier?: ChangeNotifier;
}

const HUB_RESOURCES = Symbol('LiveHubResources');

/** The live surface (DESIGN.md §6): socket.io gateway, SSE feed, connections listing. */
@Module({})
export class LiveModule implements OnModuleDestroy {
  constructor(@Inject(HUB_RESOURCES) private readonly resources: LiveHubResources) {}

  static forRoot(runtime: LiveRuntime): DynamicModule {
    return {
      module: LiveModule,
      controllers: [EventStreamController, LiveConnectionsController],
      providers: [
        { provide: EVENT_STORE, useValue: runtime.store },
        { provide: API_KEY_DIRECTORY, useValue: runtime.directory },
        { provide: CLOCK, useValue: systemClock },
        { provide: LIVE_SETTINGS, useValue: runtime.config.live },
        { provide: HUB_RESOURCES, useFactory: () => startLiveHub(runtime.config, runtime.store, runtime.connectionString, runtime.notifier) },
        { provide: LIVE_HUB, useFactory: (resources: LiveHubResources) => resources.hub, inject: [HUB_RESOURCES] },
        LiveNamespace,
        LiveGateway,
      ],
    };
  }

  async onModuleDestroy(): Promise<void> {
    await this.resources.close();
  }
}
