import { handleCommand, type Clock, type EventStore, type Ids } from '@orch/application';
import { apiKeyDecider } from '@orch/domain-access';
import type { ApiKeyDirectory } from './api-key-directory';
import { hashKey, keyPrefix } from './key-secret';

/**
 * Seeds the admin key given in ORCH_BOOTSTRAP_ADMIN_KEY, once: its id derives from its hash, so a
 * restart with the same key finds it already issued and appends nothing.
 */
export async function seedBootstrapAdmin(
  deps: { store: EventStore; ids: Ids; clock: Clock; directory: ApiKeyDirectory },
  secret: string,
  tenantId: string,
): Promise<void> {
  const apiKeyId = deps.directory.keyIdFor(secret);
  if (await deps.directory.exists(apiKeyId)) return;
  await handleCommand(
    { store: deps.store, ids: deps.ids },
    { decider: apiKeyDecider, streamName: `apikey-${apiKeyId}`, aggregateId: apiKeyId, notFound: 'APIKEY.NOT_FOUND' },
    {
      type: 'IssueApiKey',
      data: { apiKeyId, name: 'bootstrap admin', role: 'admin', keyHash: hashKey(secret), prefix: keyPrefix(secret) },
      metadata: { commandId: apiKeyId, actor: 'system:bootstrap', tenantId, now: deps.clock.now(), correlationId: apiKeyId },
    },
  );
}
