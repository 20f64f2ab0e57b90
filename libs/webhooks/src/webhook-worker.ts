import type { EventStore, Ids } from '@orch/application';
import type { Pool } from 'pg';
import type { BackoffPolicy } from './backoff';
import type { PostgresSecretStore } from './secret-store';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookFanOut } from './webhook-fan-out';
import type { WorkerLogger } from './worker-logger';

export interface WebhookWorkerOptions {
  readonly pool: Pool;
  readonly schema?: string;
  readonly store: EventStore;
  readonly ids: Ids;
  readonly secrets: PostgresSecretStore;
  readonly logger: WorkerLogger;
  readonly maxAttempts: number;
  readonly backoff: BackoffPolicy;
  readonly timeoutMs: number;
  readonly concurrency?: number;
  readonly fetch?: typeof fetch;
}

/** Fan-out (log → queued deliveries) and dispatcher (queued → sent), started and stopped together. */
export class WebhookWorker {
  private readonly fanOut: WebhookFanOut;
  private readonly dispatcher: WebhookDispatcher;

  constructor(options: WebhookWorkerOptions) {
    const schema = options.schema ?? 'webhooks';
    this.dispatcher = new WebhookDispatcher({ ...options, schema });
    this.fanOut = new WebhookFanOut({ ...options, schema, onQueued: () => this.dispatcher.wake() });
  }

  start(): void {
    this.fanOut.start();
    this.dispatcher.start();
  }

  async stop(): Promise<void> {
    await this.fanOut.stop();
    await this.dispatcher.stop();
  }
}
