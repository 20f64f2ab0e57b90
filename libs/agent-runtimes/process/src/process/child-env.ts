/** `secret:<name>` → its value, or undefined when there is no such secret. */
export type SecretResolver = (name: string) => string | undefined | Promise<string | undefined>;

const SECRET_PREFIX = 'secret:';

/**
 * Secrets from the environment: `secret:anthropic.key` reads `ORCH_SECRET_ANTHROPIC_KEY` (upper-cased,
 * anything but letters and digits becomes `_`).
 */
export function envSecretResolver(env: Readonly<Record<string, string | undefined>> = process.env): SecretResolver {
  return (name) => env[`ORCH_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`];
}

/**
 * What a child inherits from the engine's environment before the agent's own `env`: enough to find
 * binaries and the user's CLI configuration (HOME), nothing else — the engine's database URLs and
 * secrets stay with the engine.
 */
export const DEFAULT_INHERITED_ENV = ['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR', 'TERM'] as const;

export type ChildEnv =
  | { readonly ok: true; readonly env: Record<string, string>; readonly redact: (text: string) => string }
  | { readonly ok: false; readonly missing: string };

/**
 * The child's environment: the inherited names, then the agent's `env` with every `secret:<name>`
 * resolved. Values are never logged or put in messages; a missing secret is named, not shown.
 */
export async function childEnvironment(
  agentEnv: Readonly<Record<string, string>>,
  secrets: SecretResolver,
  base: Readonly<Record<string, string | undefined>>,
  inherited: readonly string[],
): Promise<ChildEnv> {
  const env: Record<string, string> = {};
  const values: string[] = [];
  for (const name of inherited) {
    const value = base[name];
    if (value !== undefined) env[name] = value;
  }
  for (const [name, value] of Object.entries(agentEnv)) {
    if (!value.startsWith(SECRET_PREFIX)) {
      env[name] = value;
      continue;
    }
    const secret = await secrets(value.slice(SECRET_PREFIX.length));
    if (secret === undefined) return { ok: false, missing: `${value} (for ${name})` };
    env[name] = secret;
    values.push(secret);
  }
  return { ok: true, env, redact: redactor(values) };
}

/** Replaces every secret value (4 characters or more) in a text the run records, should the agent print one. */
export function redactor(values: readonly string[]): (text: string) => string {
  const secrets = [...new Set(values)].filter((value) => value.length >= 4).sort((a, b) => b.length - a.length);
  if (secrets.length === 0) return (text) => text;
  return (text) => secrets.reduce((redacted, secret) => redacted.split(secret).join('[secret]'), text);
}
