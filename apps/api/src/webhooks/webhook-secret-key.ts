import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSecretKey } from '@orch/webhooks';
import type { AppConfig } from '../config';

/**
 * The key encrypting stored webhook secrets: ORCH_SECRET_KEY, or one generated on first start
 * into the data directory (mode 0600), like the bootstrap admin key. Every instance sharing a
 * database needs the same key, so a deployment of more than one sets ORCH_SECRET_KEY.
 */
export function resolveSecretKey(config: AppConfig): Buffer {
  if (config.webhooks.secretKey) return parseSecretKey(config.webhooks.secretKey);
  const file = join(config.dataDir, 'secret-key');
  if (existsSync(file)) return parseSecretKey(readFileSync(file, 'utf8'));
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}
