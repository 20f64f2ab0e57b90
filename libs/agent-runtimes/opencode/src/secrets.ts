/** Resolves a secret reference's name (`secret:<name>` → `<name>`) to its value; undefined when unknown. */
export type SecretResolver = (name: string) => Promise<string | undefined>;

/**
 * The default resolver: `ORCH_SECRET_<NAME>` from the environment, the name upper-cased with
 * every other character than a letter or digit as `_` (`secret:opencode-prod` → `ORCH_SECRET_OPENCODE_PROD`).
 */
export function environmentSecrets(env: NodeJS.ProcessEnv = process.env): SecretResolver {
  return async (name) => env[`ORCH_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`];
}

/** The name in a `secret:<name>` reference; undefined for anything else. */
export function secretName(reference: string): string | undefined {
  const match = /^secret:([A-Za-z0-9][A-Za-z0-9_.-]{0,127})$/.exec(reference);
  return match?.[1];
}
