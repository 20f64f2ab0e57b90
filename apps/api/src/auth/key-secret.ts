import { createHash, randomBytes } from 'node:crypto';

/** A new API key secret; it is shown once and only its sha256 is ever stored. */
export function newKeySecret(): string {
  return `orch_${randomBytes(32).toString('base64url')}`;
}

export function hashKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function keyPrefix(secret: string): string {
  return secret.slice(0, 8);
}
