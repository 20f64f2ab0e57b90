/** A secret is named, never inlined: `secret:<name>`, resolved by the secret store at the edge. */
export const SECRET_REF_PATTERN = /^secret:[A-Za-z0-9_.-]{1,128}$/;

export function isSecretRef(value: unknown): value is string {
  return typeof value === 'string' && SECRET_REF_PATTERN.test(value);
}

const SECRET_NAME_WORDS = new Set(['KEY', 'APIKEY', 'TOKEN', 'SECRET', 'PASSWORD', 'PASSWD', 'PWD', 'CREDENTIAL', 'CREDENTIALS']);

/**
 * Environment names that by convention hold a secret (`ANTHROPIC_API_KEY`, `GH_TOKEN`, `DB_PASSWORD`): their
 * value must be a reference, or the secret would sit in the event log forever.
 */
export function looksLikeSecretName(name: string): boolean {
  return name
    .toUpperCase()
    .split('_')
    .some((word) => SECRET_NAME_WORDS.has(word));
}
