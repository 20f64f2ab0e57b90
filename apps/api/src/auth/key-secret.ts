import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const SECRET_FORMAT = /^orch_([0-9a-f]{32})_[A-Za-z0-9_-]{43}$/;

/**
 * A new API key secret for `apiKeyId`: `orch_<id hex>_<256 random bits>`. The id inside lets a
 * request find its key's stream directly; only the sha256 of the whole secret is ever stored.
 */
export function newKeySecret(apiKeyId: string): string {
  return `orch_${apiKeyId.replaceAll('-', '')}_${randomBytes(32).toString('base64url')}`;
}

/** The key id embedded in a secret made by newKeySecret, if it is one. */
export function keyIdFromSecret(secret: string): string | undefined {
  const hex = SECRET_FORMAT.exec(secret)?.[1];
  return hex && `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function hashKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function hashesMatch(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

export function keyPrefix(secret: string): string {
  return secret.slice(0, 8);
}
