import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';

/** 32 bytes as 64 hex characters or base64 (ORCH_SECRET_KEY). */
export function parseSecretKey(raw: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(raw.trim()) ? Buffer.from(raw.trim(), 'hex') : Buffer.from(raw.trim(), 'base64');
  if (key.length !== 32) throw new Error('The secret store key must be 32 bytes (64 hex characters or base64)');
  return key;
}

export class SecretKeyMismatchError extends Error {
  constructor(readonly secretRef: string) {
    super(`Secret ${secretRef} was encrypted with another key than ORCH_SECRET_KEY`);
    this.name = 'SecretKeyMismatchError';
  }
}

/**
 * The secret store behind `secret:<name>` references: AES-256-GCM, a fresh 96-bit IV per secret,
 * the reference as associated data (a ciphertext moved to another row does not decrypt), and
 * the key's fingerprint stored alongside so a wrong key is named, not mistaken for tampering.
 * The key never reaches the database; the plaintext never reaches the event log.
 */
export class PostgresSecretStore {
  private readonly keyId: string;

  constructor(
    private readonly pool: Pool,
    private readonly key: Buffer,
    private readonly schema = 'webhooks',
  ) {
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  }

  /** Stores a secret once: a second put under the same reference keeps the first (returns false). */
  async putOnce(secretRef: string, tenantId: string, secret: string): Promise<boolean> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(secretRef, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    const result = await this.pool.query(
      `INSERT INTO ${this.schema}.secrets (secret_ref, tenant_id, key_id, iv, ciphertext, auth_tag)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (secret_ref) DO NOTHING`,
      [secretRef, tenantId, this.keyId, iv, ciphertext, cipher.getAuthTag()],
    );
    return result.rowCount === 1;
  }

  async get(secretRef: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ key_id: string; iv: Buffer; ciphertext: Buffer; auth_tag: Buffer }>(
      `SELECT key_id, iv, ciphertext, auth_tag FROM ${this.schema}.secrets WHERE secret_ref = $1`,
      [secretRef],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.key_id !== this.keyId) throw new SecretKeyMismatchError(secretRef);
    const decipher = createDecipheriv('aes-256-gcm', this.key, row.iv);
    decipher.setAAD(Buffer.from(secretRef, 'utf8'));
    decipher.setAuthTag(row.auth_tag);
    return Buffer.concat([decipher.update(row.ciphertext), decipher.final()]).toString('utf8');
  }
}

/** A webhook signing secret: `whsec_` and 256 random bits. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
