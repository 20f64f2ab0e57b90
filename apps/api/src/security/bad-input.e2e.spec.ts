import fc from 'fast-check';
import { Client } from 'pg';
import { ROUTES } from './authorization-matrix';
import { securityWorld, type SecurityWorld } from './security-fixture';

/** Every command route an admin may call: the fuzz targets, straight from the matrix. */
const COMMANDS = ROUTES.filter((row) => row.method !== 'GET' && row.expect.admin === 'allow' && !row.path.startsWith('/health'));

/** Percent-encodes the UTF-8 bytes (lone surrogates become U+FFFD, as a client library would send them). */
function encodeSegment(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((byte) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).padStart(2, '0').toUpperCase()}`)).join('');
}

const odd = fc.constantFrom('', ' ', '..', '%00', '\u0000', '\ud800', '\udfff', '\u202e\u202d', '🚀🚀', 'é'.normalize('NFD'), '-1', 'null', 'NaN', '1e309', '\\', '"', "'; DROP TABLE events; --", '<script>', 'a'.repeat(300));
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), odd);
const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.anything({ maxDepth: 2, withNullPrototype: true, withObjectString: true }));
const FIELDS = ['reason', 'title', 'prompt', 'planning', 'priority', 'tags', 'budget', 'tasks', 'name', 'role', 'agentId', 'scope', 'document', 'url', 'eventTypes', 'answer', 'operations', 'expectedVersion', 'agentType', 'primaryCapabilities', 'runtime', '__proto__', 'constructor'];
const plausible = fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(text, anyJson, fc.integer(), fc.double()), { maxKeys: 6 });

/** What goes on the wire: a JSON text (valid or not), raw. */
const body = fc.oneof(
  { weight: 4, arbitrary: plausible.map((value) => safeStringify(value)) },
  { weight: 2, arbitrary: anyJson.map((value) => safeStringify(value)) },
  { weight: 2, arbitrary: fc.constantFrom('{', '{"reason":', 'null', '[]', '"text"', '1', '{"reason":"\\ud800"}', '{"reason":"a\\u0000b"}', '{"__proto__":{"admin":true},"reason":"x"}', '['.repeat(3000) + ']'.repeat(3000), '\uFEFF{"reason":"bom"}') },
  { weight: 1, arbitrary: fc.constantFrom(JSON.stringify({ reason: 'x'.repeat(1_300_000) }), JSON.stringify({ reason: 'ok', prompt: 'p'.repeat(600_000), title: 't'.repeat(10_000) })) },
);
const contentType = fc.constantFrom('application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'multipart/form-data; boundary=x', undefined);
const headerValue = fc.oneof(fc.string({ unit: 'binary-ascii', maxLength: 60 }), fc.constantFrom('k'.repeat(4_000), '   ', 'ключ'));
const headers = fc.record({ idempotency: fc.option(headerValue), correlation: fc.option(headerValue) }, { requiredKeys: [] });

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return '{"reason":"unserialisable"}';
  }
}

/** Header values a client can actually send (no CR, LF or NUL; ISO-8859-1 only). */
function sendable(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const cleaned = [...value].filter((char) => char.charCodeAt(0) > 31 && char.charCodeAt(0) < 256 && char.charCodeAt(0) !== 127).join('');
  return cleaned.trim() === '' ? undefined : cleaned;
}

describe('given the api with resources of every kind (bad input at every command endpoint, fast-check)', () => {
  let world: SecurityWorld;
  let db: Client;

  /** Events appended for commands (any non-system actor): their count and the head position. */
  async function commandLog(): Promise<string> {
    const { rows } = await db.query<{ count: string; head: string | null }>(
      "SELECT count(*) AS count, max(position) AS head FROM event_store.events WHERE metadata->>'actor' NOT LIKE 'system:%'",
    );
    return `${rows[0]?.count}@${rows[0]?.head}`;
  }

  beforeAll(async () => {
    // No engine (nothing appends on its own) and no rate limit (this test is one key's flood).
    world = await securityWorld({ ROLES: 'api,projector', ORCH_RATE_LIMIT_PER_MINUTE: '0' });
    db = new Client({ connectionString: world.api.databaseUrl });
    await db.connect();
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await world?.api.stop();
  }, 60_000);

  it('when random, oversized, malformed and odd-unicode bodies, headers and ids hit every command route, then never a 5xx, a rejected command appends nothing, and the api stays ready', async () => {
    const seen = new Map<string, Set<number>>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...COMMANDS), fc.option(text, { freq: 3 }), body, contentType, headers, async (row, id, payload, type, extra) => {
        const params = world.params(row.path);
        const values = id === null ? params : Object.fromEntries(Object.keys(params).map((name) => [name, name === 'id' ? id : (params[name] ?? '')]));
        const path = row.path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeSegment(values[name] ?? ''));
        const before = await commandLog();
        const response = await fetch(`${world.api.baseUrl}${path}`, {
          method: row.method,
          headers: {
            authorization: `Bearer ${world.keys.admin}`,
            ...(type === undefined ? {} : { 'content-type': type }),
            ...(sendable(extra.idempotency) === undefined ? {} : { 'idempotency-key': sendable(extra.idempotency) as string }),
            ...(sendable(extra.correlation) === undefined ? {} : { 'x-correlation-id': sendable(extra.correlation) as string }),
          },
          body: payload,
        });
        const answer = await response.text();
        seen.set(`${row.method} ${row.path}`, (seen.get(`${row.method} ${row.path}`) ?? new Set()).add(response.status));
        expect({ route: `${row.method} ${path}`, status: response.status < 500 ? 'below 500' : response.status, answer: response.status < 500 ? '' : answer.slice(0, 300) }).toEqual({
          route: `${row.method} ${path}`,
          status: 'below 500',
          answer: '',
        });
        if (response.status >= 400) expect({ route: `${row.method} ${path}`, status: response.status, log: await commandLog() }).toEqual({ route: `${row.method} ${path}`, status: response.status, log: before });
      }),
      { numRuns: Number(process.env['ORCH_FUZZ_RUNS'] ?? 400), endOnFailure: true },
    );
    // Every command route was hit at least once, and the process is still healthy.
    expect(COMMANDS.filter((row) => !seen.has(`${row.method} ${row.path}`)).map((row) => row.path)).toEqual([]);
    expect((await fetch(`${world.api.baseUrl}/health/ready`)).status).toBe(200);
    expect(world.api.exitCode()).toBeNull();
  }, 300_000);
});
