import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@orch/testing';
import { Pool } from 'pg';
import { runWebhookMigrations } from './migrations/run-webhook-migrations';
import { newWebhookSecret, parseSecretKey, PostgresSecretStore, SecretKeyMismatchError } from './secret-store';

describe('given the secret store on a real PostgreSQL', () => {
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase('secrets');
    pool = new Pool({ connectionString: database.connectionString });
    await Promise.all([runWebhookMigrations(pool), runWebhookMigrations(pool)]);
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('when a secret is stored, then only ciphertext is in the table, it reads back, and a second put keeps the first', async () => {
    const store = new PostgresSecretStore(pool, randomBytes(32));
    const secret = newWebhookSecret();
    expect(await store.putOnce('secret:webhook-1', 'acme', secret)).toBe(true);
    expect(await store.putOnce('secret:webhook-1', 'acme', newWebhookSecret())).toBe(false);
    expect(await store.get('secret:webhook-1')).toBe(secret);
    expect(await store.get('secret:webhook-none')).toBeUndefined();
    const { rows } = await pool.query<{ ciphertext: Buffer }>("SELECT ciphertext FROM webhooks.secrets WHERE secret_ref = 'secret:webhook-1'");
    expect(rows[0]?.ciphertext.toString('utf8')).not.toContain(secret.slice(6));
  });

  it('when read with another key or moved to another reference, then it does not decrypt', async () => {
    const key = randomBytes(32);
    await new PostgresSecretStore(pool, key).putOnce('secret:webhook-2', 'acme', 'whsec_two');
    await expect(new PostgresSecretStore(pool, randomBytes(32)).get('secret:webhook-2')).rejects.toBeInstanceOf(SecretKeyMismatchError);
    await pool.query(
      "INSERT INTO webhooks.secrets (secret_ref, tenant_id, key_id, iv, ciphertext, auth_tag) SELECT 'secret:webhook-3', tenant_id, key_id, iv, ciphertext, auth_tag FROM webhooks.secrets WHERE secret_ref = 'secret:webhook-2'",
    );
    await expect(new PostgresSecretStore(pool, key).get('secret:webhook-3')).rejects.toThrow();
  });

  it('given keys as hex or base64, then both parse to 32 bytes and anything else is refused', () => {
    const key = randomBytes(32);
    expect(parseSecretKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretKey(key.toString('base64'))).toEqual(key);
    expect(() => parseSecretKey('short')).toThrow(/32 bytes/);
  });
});
