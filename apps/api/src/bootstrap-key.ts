import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newKeySecret } from './auth/key-secret';
import { uuidv7 } from './infrastructure/uuid';
import type { AppConfig } from './config';

/**
 * The bootstrap admin key: ORCH_BOOTSTRAP_ADMIN_KEY when given; otherwise one made on first start
 * and kept (mode 0600) in the data directory, so `npm start` always prints a key that works.
 */
export function resolveBootstrapKey(config: AppConfig): { secret: string; generated: boolean } {
  if (config.bootstrapAdminKey) return { secret: config.bootstrapAdminKey, generated: false };
  const file = join(config.dataDir, 'bootstrap-admin-key');
  if (existsSync(file)) return { secret: readFileSync(file, 'utf8').trim(), generated: false };
  mkdirSync(config.dataDir, { recursive: true });
  const secret = newKeySecret(uuidv7());
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { secret, generated: true };
}
