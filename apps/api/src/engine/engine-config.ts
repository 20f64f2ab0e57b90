import type { PermissionPolicy, PermissionRule } from '@orch/application';

/** The engine role's settings (part of the app's one config, parsed from the same environment). */
export interface EngineConfig {
  /** Unique engines sharing a database share a checkpoint by name (`ORCH_ENGINE_NAME`). */
  readonly name: string;
  /** `ORCH_ENGINE_SECRET` (≥ 32 characters): agents' api keys derive from it; unset: generated into the data dir. */
  readonly secret?: string;
  /** `ORCH_API_URL`: how agents reach the api; unset: this process's own listener (when it has the api role). */
  readonly apiUrl?: string;
  readonly permissionPolicy: PermissionPolicy;
  /** `ORCH_SCRIPTED_STEP_MS`: the pace of the scripted agents (default 400 ms a step, ~3 s a task). */
  readonly scriptedStepMs: number;
  /** `ORCH_SCRIPTED_AGENTS`: register the built-in scripted fleet at start; default: on with the embedded database. */
  readonly scriptedAgents: boolean;
  /** `ORCH_LEASE_TTL_MS`: how long a session lease lives without renewal (an engine that died is replaced after it). */
  readonly leaseTtlMs: number;
  /**
   * `ORCH_AGENT_HEARTBEAT_TIMEOUT_MS`: an http agent goes offline this long after its last heartbeat
   * (default 90000, DOMAIN.md §4.3; tests shorten it). Also the heartbeat key's time-to-live.
   */
  readonly heartbeatTimeoutMs: number;
  readonly opencode: OpencodeSettings;
}

/**
 * The OpenCode server the engine owns for `opencode` agents without a `baseUrl` (AGENT-RUNTIMES.md):
 * `ORCH_OPENCODE_CONFIG` is OpenCode's own config (providers, `model`, `agent`s, `permission`) as
 * JSON; `ORCH_OPENCODE_ENV` names engine environment variables the server gets too (a provider's
 * API key its config names as `{env:NAME}`). Unset config: the server starts with OpenCode's defaults.
 */
export interface OpencodeSettings {
  readonly config: Readonly<Record<string, unknown>>;
  readonly env: Readonly<Record<string, string>>;
}

const ANSWERS = ['allow', 'deny', 'ask'];

export function parseEngineConfig(env: NodeJS.ProcessEnv, embedded: boolean, problems: string[]): EngineConfig {
  const secret = env['ORCH_ENGINE_SECRET'];
  if (secret !== undefined && secret.length < 32) problems.push('ORCH_ENGINE_SECRET must be at least 32 characters');
  const apiUrl = env['ORCH_API_URL'];
  if (apiUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(apiUrl)) problems.push(`ORCH_API_URL must be an http(s) URL, got "${apiUrl}"`);
  const name = env['ORCH_ENGINE_NAME'] ?? 'engine';
  if (!/^[a-z][a-z0-9_-]{0,62}$/.test(name)) problems.push(`ORCH_ENGINE_NAME must match ^[a-z][a-z0-9_-]{0,62}$, got "${name}"`);
  return {
    name,
    ...(secret === undefined ? {} : { secret }),
    ...(apiUrl === undefined ? {} : { apiUrl: apiUrl.replace(/\/+$/, '') }),
    permissionPolicy: { rules: parsePolicy(env['ORCH_PERMISSION_POLICY'], problems) },
    scriptedStepMs: integer(env['ORCH_SCRIPTED_STEP_MS'] ?? '400', 'ORCH_SCRIPTED_STEP_MS', 0, 60_000, problems),
    scriptedAgents: flag(env['ORCH_SCRIPTED_AGENTS'], embedded, 'ORCH_SCRIPTED_AGENTS', problems),
    leaseTtlMs: integer(env['ORCH_LEASE_TTL_MS'] ?? '15000', 'ORCH_LEASE_TTL_MS', 1000, 600_000, problems),
    heartbeatTimeoutMs: integer(env['ORCH_AGENT_HEARTBEAT_TIMEOUT_MS'] ?? '90000', 'ORCH_AGENT_HEARTBEAT_TIMEOUT_MS', 1000, 3_600_000, problems),
    opencode: parseOpencode(env, problems),
  };
}

function parseOpencode(env: NodeJS.ProcessEnv, problems: string[]): OpencodeSettings {
  let config: Record<string, unknown> = {};
  const raw = env['ORCH_OPENCODE_CONFIG'];
  if (raw !== undefined && raw.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      config = parsed as Record<string, unknown>;
    } catch {
      problems.push('ORCH_OPENCODE_CONFIG must be a JSON object (an OpenCode config)');
    }
  }
  const names = (env['ORCH_OPENCODE_ENV'] ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
  const missing = names.filter((name) => env[name] === undefined);
  if (missing.length > 0) problems.push(`ORCH_OPENCODE_ENV names variables that are not set: ${missing.join(', ')}`);
  return { config, env: Object.fromEntries(names.filter((name) => env[name] !== undefined).map((name) => [name, env[name] as string])) };
}

/** `ORCH_PERMISSION_POLICY`: a JSON array of `{ repository?, capability?, tool?, answer: allow|deny|ask }`. */
function parsePolicy(raw: string | undefined, problems: string[]): PermissionRule[] {
  if (raw === undefined || raw.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    problems.push('ORCH_PERMISSION_POLICY must be JSON: an array of { repository?, capability?, tool?, answer }');
    return [];
  }
  if (!Array.isArray(parsed)) {
    problems.push('ORCH_PERMISSION_POLICY must be a JSON array');
    return [];
  }
  return parsed.flatMap((rule: unknown, index) => {
    const candidate = rule as Record<string, unknown>;
    const strings = ['repository', 'capability', 'tool'].every((key) => candidate[key] === undefined || typeof candidate[key] === 'string');
    if (typeof rule !== 'object' || rule === null || !ANSWERS.includes(candidate['answer'] as string) || !strings) {
      problems.push(`ORCH_PERMISSION_POLICY rule ${index + 1} needs answer allow|deny|ask and string repository/capability/tool`);
      return [];
    }
    return [rule as PermissionRule];
  });
}

function integer(raw: string, name: string, min: number, max: number, problems: string[]): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) problems.push(`${name} must be a whole number ${min}..${max}, got "${raw}"`);
  return value;
}

function flag(raw: string | undefined, fallback: boolean, name: string, problems: string[]): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (raw !== 'true' && raw !== 'false') problems.push(`${name} must be true or false, got "${raw}"`);
  return raw === 'true';
}
