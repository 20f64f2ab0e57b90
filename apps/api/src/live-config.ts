import type { LiveSettings } from './live/live-settings';

/** Webhook delivery settings (docs/webhooks.md). */
export interface WebhookSettings {
  /** `ORCH_SECRET_KEY`: 32 bytes, base64 or hex, encrypting stored webhook secrets. Unset: a key generated into the data directory. */
  readonly secretKey?: string;
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly timeoutMs: number;
}

/** Parsed by loadConfig (config.ts) from the same environment; problems are collected, not thrown. */
export function parseLiveSettings(env: NodeJS.ProcessEnv, problems: string[]): LiveSettings {
  return {
    recentEntries: integer(env, 'LIVE_RECENT_ENTRIES', 10_000, 1, 1_000_000, problems),
    socketMaxBufferedPackets: integer(env, 'LIVE_SOCKET_MAX_BUFFERED', 10_000, 10, 10_000_000, problems),
    socketMaxBufferedBytes: integer(env, 'LIVE_SOCKET_MAX_BUFFER_BYTES', 8 * 1024 * 1024, 16 * 1024, 1024 * 1024 * 1024, problems),
    sseMaxBufferBytes: integer(env, 'SSE_MAX_BUFFER_BYTES', 4 * 1024 * 1024, 16 * 1024, 1024 * 1024 * 1024, problems),
    sseHeartbeatMs: integer(env, 'SSE_HEARTBEAT_MS', 15_000, 50, 3_600_000, problems),
  };
}

export function parseWebhookSettings(env: NodeJS.ProcessEnv, problems: string[]): WebhookSettings {
  const secretKey = env['ORCH_SECRET_KEY'];
  if (secretKey !== undefined && !isKey(secretKey)) problems.push('ORCH_SECRET_KEY must be 32 bytes as base64 (44 characters) or hex (64 characters)');
  return {
    ...(secretKey ? { secretKey } : {}),
    maxAttempts: integer(env, 'WEBHOOK_MAX_ATTEMPTS', 10, 1, 100, problems),
    backoffBaseMs: integer(env, 'WEBHOOK_BACKOFF_BASE_MS', 1_000, 1, 3_600_000, problems),
    backoffMaxMs: integer(env, 'WEBHOOK_BACKOFF_MAX_MS', 3_600_000, 1, 86_400_000, problems),
    timeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000, problems),
  };
}

function isKey(raw: string): boolean {
  if (/^[0-9a-fA-F]{64}$/.test(raw)) return true;
  return /^[A-Za-z0-9+/_-]{43}=?$/.test(raw) && Buffer.from(raw, 'base64').length === 32;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return value;
}
