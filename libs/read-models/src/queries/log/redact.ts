/** Fields that verify a credential: an API key's and an http agent's token hash (DOMAIN.md §1, §4.2). */
const CREDENTIAL_FIELDS = new Set(['keyHash', 'tokenHash']);
export const REDACTED = '[redacted]';

/**
 * Event payloads as auditors see them: every credential hash, at any depth, replaced. The hash of
 * a random 256-bit secret cannot be reversed, but no reader needs it, so none gets it; the store
 * keeps the event unchanged (the hash chain is verified there, not from this copy).
 */
export function redactCredentials<T>(value: T): T {
  if (Array.isArray(value)) return value.map(redactCredentials) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, CREDENTIAL_FIELDS.has(key) && typeof item === 'string' ? REDACTED : redactCredentials(item)]),
  ) as T;
}
