import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config';

/**
 * The engine secret agents' keys derive from: ORCH_ENGINE_SECRET when given (every engine of a
 * deployment must share it); otherwise one made on first start and kept (mode 0600) in the data dir.
 */
export function resolveEngineSecret(config: AppConfig): string {
  if (config.engine.secret) return config.engine.secret;
  const file = join(config.dataDir, 'engine-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
