import { join } from 'node:path';

/** Variables of the engine's environment an OpenCode server gets; everything else (database URLs, secrets) stays out of the agent's reach. */
const PASSED_THROUGH = ['PATH', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR', 'SHELL', 'TERM'];

/** OpenCode's own config: never update itself, never share sessions. Options merge over it. */
export const BASE_OPENCODE_CONFIG = { autoupdate: false, share: 'disabled' } as const;

export interface ServerEnvironmentInput {
  readonly home: string;
  readonly password: string;
  /** The OpenCode config (providers, model, agents, permission…), passed as OPENCODE_CONFIG_CONTENT. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Extra variables, e.g. a provider's API key that the config reads with `{env:NAME}`. */
  readonly extra: Readonly<Record<string, string>>;
  readonly parent?: NodeJS.ProcessEnv;
}

/**
 * An isolated environment for `opencode serve`: its own HOME and XDG dirs under the runtime's data
 * dir (so no user config or credentials leak in, and its SQLite db is ours), the offline switches
 * (no self-update, no models.dev fetch, no share, no LSP downloads), basic auth by a generated
 * password, and the config from the runtime's options.
 */
export function serverEnvironment(input: ServerEnvironmentInput): NodeJS.ProcessEnv {
  const parent = input.parent ?? process.env;
  const env: NodeJS.ProcessEnv = {};
  for (const name of PASSED_THROUGH) if (parent[name] !== undefined) env[name] = parent[name];
  return {
    ...env,
    HOME: join(input.home, 'home'),
    XDG_CONFIG_HOME: join(input.home, 'xdg', 'config'),
    XDG_DATA_HOME: join(input.home, 'xdg', 'data'),
    XDG_CACHE_HOME: join(input.home, 'xdg', 'cache'),
    XDG_STATE_HOME: join(input.home, 'xdg', 'state'),
    OPENCODE_DISABLE_AUTOUPDATE: '1',
    OPENCODE_DISABLE_MODELS_FETCH: '1',
    OPENCODE_DISABLE_SHARE: '1',
    OPENCODE_DISABLE_LSP_DOWNLOAD: '1',
    OPENCODE_CONFIG_CONTENT: JSON.stringify({ ...BASE_OPENCODE_CONFIG, ...input.config }),
    OPENCODE_SERVER_USERNAME: 'opencode',
    OPENCODE_SERVER_PASSWORD: input.password,
    ...input.extra,
  };
}

export function basicAuthorization(password: string, username = 'opencode'): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
