/**
 * A JSON.parse reviver for request bodies: strings the event store cannot hold are refused at the
 * door (400, as malformed JSON) instead of failing deep in the append (a 500). PostgreSQL's jsonb
 * rejects U+0000 and unpaired surrogates (`\ud800` alone); neither is text any client means to send.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this refuses
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function storableJson(key: string, value: unknown): unknown {
  if ((typeof value === 'string' && UNSTORABLE.test(value)) || UNSTORABLE.test(key)) {
    throw new SyntaxError('Strings must be valid Unicode text without U+0000 (unpaired surrogates and NUL cannot be stored)');
  }
  return value;
}
