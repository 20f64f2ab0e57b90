// Webhook delivery (DESIGN.md §6 integrations): the secret store, the fan-out from the global
// log, the signed, retried, dead-lettered dispatcher and the delivery log, in the `webhooks`
// PostgreSQL schema. Plain TypeScript on the EventStore port and pg; no Nest.
export { backoffDelay, type BackoffPolicy } from './backoff';
export { deliverOnce, type Attempt, type AttemptOutcome } from './deliver-once';
export { decodeCursor, WebhookQueries, type PageRequest } from './delivery-queries';
export { DEFAULT_WEBHOOK_SCHEMA, runWebhookMigrations } from './migrations/run-webhook-migrations';
export { newWebhookSecret, parseSecretKey, PostgresSecretStore, SecretKeyMismatchError } from './secret-store';
export { signatureHeader, signatureOf } from './signing';
export { WebhookDispatcher, type DispatcherOptions } from './webhook-dispatcher';
export { WebhookFanOut, type FanOutOptions } from './webhook-fan-out';
export { subscriptionChangeOf, wants, type WebhookSubscription } from './webhook-subscriptions';
export { WebhookWorker, type WebhookWorkerOptions } from './webhook-worker';
export { silentWorkerLogger, type WorkerLogger } from './worker-logger';
