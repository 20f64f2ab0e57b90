import { Inject, Module, type DynamicModule, type OnModuleDestroy } from '@nestjs/common';
import type { EventStore } from '@orch/application';
import type { AppConfig } from '../config';
import { systemClock } from '../infrastructure/system-clock';
import { CLOCK, EVENT_STORE, IDS } from '../infrastructure/tokens';
import { systemIds } from '../infrastructure/uuid';
import { startWebhooks, type WebhookResources } from './webhook-resources';
import { WEBHOOK_RESOURCES } from './webhook-tokens';
import { WebhooksController } from './webhooks.controller';

export interface WebhooksRuntime {
  readonly config: AppConfig;
  readonly store: EventStore;
  readonly connectionString: string;
}

/** Webhook registration, the delivery log and the delivery worker. */
@Module({})
export class WebhooksModule implements OnModuleDestroy {
  constructor(@Inject(WEBHOOK_RESOURCES) private readonly resources: WebhookResources) {}

  static forRoot(runtime: WebhooksRuntime): DynamicModule {
    return {
      module: WebhooksModule,
      controllers: [WebhooksController],
      providers: [
        { provide: EVENT_STORE, useValue: runtime.store },
        { provide: CLOCK, useValue: systemClock },
        { provide: IDS, useValue: systemIds },
        { provide: WEBHOOK_RESOURCES, useFactory: () => startWebhooks(runtime.config, runtime.store, systemIds, runtime.connectionString) },
      ],
    };
  }

  async onModuleDestroy(): Promise<void> {
    await this.resources.close();
  }
}
