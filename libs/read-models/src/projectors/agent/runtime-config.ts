/**
 * The runtime as the read model shows it: kind and config without `tokenHash`. Secrets are only
 * ever references (§4.2), but even the hash of an http agent's token has no business in a
 * listing every operator can read.
 */
export function publicRuntimeConfig(runtime: unknown): Record<string, unknown> {
  if (typeof runtime !== 'object' || runtime === null) return {};
  const { config, ...rest } = runtime as { config?: unknown };
  if (typeof config !== 'object' || config === null) return { ...rest };
  const { tokenHash: _tokenHash, ...publicConfig } = config as Record<string, unknown>;
  return { ...rest, config: publicConfig };
}

export function runtimeKind(runtime: unknown): string | null {
  const kind = (runtime as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' ? kind : null;
}
