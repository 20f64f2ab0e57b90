import { handleCommand } from '@orch/application';
import { apiKeyDecider } from '@orch/domain-access';
import { createPostgresEventStore } from '@orch/event-store';
import { hashKey, keyPrefix, newKeySecret } from '../auth/key-secret';
import { systemIds, uuidv7 } from '../infrastructure/uuid';

/** Issues a key straight into the api's event store, e.g. for a second tenant no admin of ours may touch. */
export async function seedKey(databaseUrl: string, tenantId: string, role: 'admin' | 'operator' | 'auditor' | 'integrator'): Promise<string> {
  const store = await createPostgresEventStore({ connectionString: databaseUrl });
  try {
    const apiKeyId = uuidv7();
    const secret = newKeySecret(apiKeyId);
    const now = new Date().toISOString();
    await handleCommand(
      { store, ids: systemIds },
      { decider: apiKeyDecider, streamName: `apikey-${apiKeyId}`, aggregateId: apiKeyId, notFound: 'APIKEY.NOT_FOUND' },
      {
        type: 'IssueApiKey',
        data: { apiKeyId, name: `${tenantId} ${role}`, role, keyHash: hashKey(secret), prefix: keyPrefix(secret) },
        metadata: { commandId: uuidv7(), actor: 'system:bootstrap', tenantId, now, correlationId: apiKeyId },
      },
    );
    return secret;
  } finally {
    await store.close();
  }
}
