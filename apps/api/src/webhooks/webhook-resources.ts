import { Logger } from '@nestjs/common';
import type { EventStore, Ids } from '@orch/application';
import { PostgresSecretStore, runWebhookMigrations, WebhookQueries, WebhookWorker, type WorkerLogger } from '@orch/webhooks';
import { Pool } from 'pg';
import type { AppConfig } from '../config';
import { resolveSecretKey } from './webhook-secret-key';

export interface WebhookResources {
  readonly secrets: PostgresSecretStore;
  readonly queries: WebhookQueries;
  close(): Promise<void>;
}

/**
 * The webhook schema (migrated at start), its secret store and queries, and the delivery worker.
 * Every api instance runs the worker: the fan-out's checkpoint lock and the dispatcher's
 * SKIP LOCKED claims share the work, and any instance left standing carries on.
 */
export async function startWebhooks(config: AppConfig, store: EventStore, ids: Ids, connectionString: string): Promise<WebhookResources> {
  const pool = new Pool({ connectionString, max: 5, application_name: 'orch-webhooks' });
  pool.on('error', () => undefined);
  // A checked-out client whose connection the server drops (restart) emits 'error' too: the query in flight
  // fails with it; without a listener the process would crash.
  pool.on('connect', (client) => client.on('error', () => undefined));
  await runWebhookMigrations(pool);
  const secrets = new PostgresSecretStore(pool, resolveSecretKey(config));
  const worker = new WebhookWorker({
    pool,
    store,
    ids,
    secrets,
    logger: nestLogger(new Logger('Webhooks')),
    maxAttempts: config.webhooks.maxAttempts,
    backoff: { baseMs: config.webhooks.backoffBaseMs, maxMs: config.webhooks.backoffMaxMs },
    timeoutMs: config.webhooks.timeoutMs,
  });
  worker.start();
  return {
    secrets,
    queries: new WebhookQueries(pool),
    async close() {
      await worker.stop();
      await pool.end();
    },
  };
}

function nestLogger(logger: Logger): WorkerLogger {
  const line = (message: string, fields: Record<string, unknown>) => `${message} ${JSON.stringify(fields)}`;
  return {
    info: (fields, message) => logger.log(line(message, fields)),
    warn: (fields, message) => logger.warn(line(message, fields)),
    error: (fields, message) => logger.error(line(message, fields)),
  };
}
