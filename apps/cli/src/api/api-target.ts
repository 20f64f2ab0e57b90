import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ParsedArgs } from '../args';
import { UsageError } from '../cli-error';

export const DEFAULT_API_URL = 'http://127.0.0.1:3000';

/** Where the api is and the key to use: `--url`/`--key`, else ORCH_API_URL/ORCH_API_KEY. */
export interface ApiTarget {
  readonly url: string;
  readonly key: string;
  /** Where the key came from, for error hints (never the key itself). */
  readonly keySource: '--key' | 'ORCH_API_KEY' | 'bootstrap-admin-key file';
}

/**
 * Without a key given, the bootstrap admin key `npm start` keeps in `$ORCH_DATA_DIR/bootstrap-admin-key`
 * is used if that file exists (a local checkout); otherwise it is a usage error (exit 2).
 */
export function resolveApiTarget(args: ParsedArgs, env: NodeJS.ProcessEnv): ApiTarget {
  const url = stringFlag(args, 'url') ?? (env['ORCH_API_URL'] || DEFAULT_API_URL);
  if (!/^https?:\/\/[^/]/.test(url)) throw new UsageError(`the api URL must be an http:// or https:// URL, got "${url}"`, 'set ORCH_API_URL or --url, e.g. http://127.0.0.1:3000');
  const flagKey = stringFlag(args, 'key');
  if (flagKey) return { url, key: flagKey, keySource: '--key' };
  const envKey = env['ORCH_API_KEY'];
  if (envKey) return { url, key: envKey, keySource: 'ORCH_API_KEY' };
  const file = join(env['ORCH_DATA_DIR'] || '.data', 'bootstrap-admin-key');
  if (existsSync(file)) return { url, key: readFileSync(file, 'utf8').trim(), keySource: 'bootstrap-admin-key file' };
  throw new UsageError('no API key', 'set ORCH_API_KEY (or pass --key); npm start prints the bootstrap admin key');
}

function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
