import { loadConfig } from '../config';

/**
 * Every environment variable the app's configuration reads (config.ts, engine-config.ts,
 * live-config.ts, observability-config.ts): recorded by running loadConfig on an environment
 * that notes each name asked for, so the list cannot drift from the readers.
 */
export function configEnvVars(): Set<string> {
  const asked = new Set<string>();
  const env = new Proxy({} as NodeJS.ProcessEnv, {
    get(_target, name) {
      if (typeof name === 'string') asked.add(name);
      return undefined;
    },
  });
  loadConfig(env);
  return asked;
}
