import { request as httpRequest, type IncomingMessage } from 'node:http';
import { OrchClient, parseSse, type SseFrame } from '@orch/client';
import type { LiveEvent, SseDisconnect } from '@orch/contracts';
import type { PostgresEventStore } from '@orch/event-store';
import { apiCluster, type ApiCluster, type ApiNode } from '../e2e/api-node';
import { openStore, someEvents, tenantLog, until } from '../e2e/live-helpers';
import { seedKey } from '../e2e/seed-key';

/** A raw SSE reader: frames as they arrive, and the byte count, over node:http (it can stop reading). */
function openStream(url: string, key: string, headers: Record<string, string> = {}) {
  const frames: SseFrame[] = [];
  let bytes = 0;
  let response: IncomingMessage | undefined;
  let text = '';
  const ended = new Promise<void>((resolve, reject) => {
    const request = httpRequest(url, { headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream', ...headers } }, (incoming) => {
      response = incoming;
      incoming.setEncoding('utf8');
      // Read in flowing mode ('data'), so pause() really stops reading the socket and the server's
      // buffer fills: an async iterator keeps calling read() whatever pause() says.
      const queue: string[] = [];
      let done = false;
      let wake: (() => void) | undefined;
      const woken = () => wake?.();
      incoming.on('data', (chunk: string) => {
        bytes += Buffer.byteLength(chunk);
        text += chunk;
        queue.push(chunk);
        woken();
      });
      incoming.once('end', () => ((done = true), woken()));
      incoming.once('close', () => ((done = true), woken()));
      const chunks = (async function* () {
        for (;;) {
          while (queue.length > 0) yield queue.shift() as string;
          if (done) return;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      })();
      void (async () => {
        for await (const frame of parseSse(chunks)) frames.push(frame);
        resolve();
      })().catch(() => resolve());
    });
    request.on('error', reject);
    request.end();
  });
  return {
    frames,
    events: () => frames.filter((frame) => frame.event === undefined && frame.data).map((frame) => JSON.parse(frame.data) as LiveEvent),
    bytes: () => bytes,
    text: () => text,
    status: () => response?.statusCode,
    pause: () => response?.pause(),
    resume: () => response?.resume(),
    close: () => response?.destroy(),
    ended,
  };
}

describe('given the SSE feed GET /events/stream', () => {
  let cluster: ApiCluster;
  let api: ApiNode;
  let store: PostgresEventStore;

  beforeAll(async () => {
    cluster = await apiCluster({ SSE_HEARTBEAT_MS: '200', SSE_MAX_BUFFER_BYTES: String(256 * 1024) });
    api = await cluster.start({ ROLES: 'api' });
    store = await openStore(cluster.database.connectionString);
  }, 90_000);

  afterAll(async () => {
    await store?.close();
    await cluster?.stop();
  });

  it('when a client disconnects and reconnects with Last-Event-ID, then it continues exactly where it stopped', async () => {
    const start = (await tenantLog(store, 'default')).at(-1)?.position ?? 0;
    await store.appendToStream('probe-resume', someEvents(300, 'default'));
    const firstRead = openStream(`${api.baseUrl}/events/stream?from=${start}`, cluster.adminKey);
    await until(() => firstRead.events().length >= 120, 10_000, 'the first events');
    firstRead.close();
    await firstRead.ended;
    const lastId = [...firstRead.frames].reverse().find((frame) => frame.id !== undefined)?.id ?? '';
    await store.appendToStream('probe-resume', someEvents(200, 'default'));
    const secondRead = openStream(`${api.baseUrl}/events/stream`, cluster.adminKey, { 'last-event-id': lastId });
    const all = (await tenantLog(store, 'default', start)).map((event) => event.position);
    await until(() => firstRead.events().length + secondRead.events().length >= all.length, 15_000, 'the rest');
    const received = [...firstRead.events(), ...secondRead.events()].map((event) => event.position);
    expect(received).toEqual(all);
    expect(firstRead.frames.filter((frame) => frame.event === undefined && frame.data).every((frame) => frame.id === String(JSON.parse(frame.data).position))).toBe(true);
    await until(() => /^: heartbeat /m.test(secondRead.text()), 5_000, 'a heartbeat comment');
    secondRead.close();
  }, 60_000);

  it('when the stream is filtered by stream, category and type, then only matching events of the tenant come', async () => {
    await store.appendToStream('alpha-1', someEvents(3, 'default', 'AlphaRecorded'));
    await store.appendToStream('alpha-2', someEvents(2, 'default', 'AlphaNoted'));
    await store.appendToStream('beta-1', someEvents(2, 'default', 'BetaRecorded'));
    await store.appendToStream('alpha-3', someEvents(2, 'other', 'AlphaRecorded'));
    const stream = openStream(`${api.baseUrl}/events/stream?from=0&category=alpha&stream=beta-1&type=AlphaRec&type=Beta`, cluster.adminKey);
    await until(() => stream.events().length >= 5, 10_000, 'the matching events');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stream.events().map((event) => `${event.stream}:${event.type}`)).toEqual([...Array(3).fill('alpha-1:AlphaRecorded'), ...Array(2).fill('beta-1:BetaRecorded')]);
    stream.close();
    const bad = await fetch(`${api.baseUrl}/events/stream?type=not-a-type&unknown=1`, { headers: { authorization: `Bearer ${cluster.adminKey}` } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('COMMAND.FIELD_INVALID');
  }, 30_000);

  it('when a client stops reading, then the server cuts it off with a reason after a bounded buffer, and it can resume from the id given', async () => {
    const start = (await tenantLog(store, 'default')).at(-1)?.position ?? 0;
    const stalled = openStream(`${api.baseUrl}/events/stream?from=${start}&category=flood`, cluster.adminKey);
    await until(() => stalled.frames.some((frame) => frame.event === 'caught-up'), 10_000, 'the stream to be live');
    stalled.pause();
    const payload = 'y'.repeat(2_000);
    for (let batch = 0; batch < 40; batch++) {
      await store.appendToStream(`flood-${batch}`, someEvents(100, 'default').map((event) => ({ ...event, data: { payload } })));
    }
    const total = (await tenantLog(store, 'default', start)).filter((event) => event.streamName.startsWith('flood-')).length;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    stalled.resume();
    await stalled.ended;
    const notice = stalled.frames.find((frame) => frame.event === 'disconnect');
    expect(notice).toBeDefined();
    const disconnect = JSON.parse(notice?.data ?? '{}') as SseDisconnect;
    expect(disconnect.reason).toBe('slow_consumer');
    const delivered = stalled.events();
    expect(delivered.length).toBeLessThan(total);
    expect(disconnect.lastEventId).toBe(String(delivered.at(-1)?.position));
    const resumed = openStream(`${api.baseUrl}/events/stream?category=flood`, cluster.adminKey, { 'last-event-id': disconnect.lastEventId ?? '' });
    await until(() => delivered.length + resumed.events().length >= total, 30_000, 'the rest after resuming');
    expect(new Set([...delivered, ...resumed.events()].map((event) => event.position)).size).toBe(total);
    resumed.close();
  }, 90_000);

  it('when another tenant streams, then it gets none of this tenant\'s events, and a request without a key is refused', async () => {
    const otherKey = await seedKey(cluster.database.connectionString, 'sse-other', 'auditor');
    const stream = openStream(`${api.baseUrl}/events/stream?from=0`, otherKey);
    await store.appendToStream('probe-mine', someEvents(2, 'default'));
    await store.appendToStream('probe-theirs', someEvents(2, 'sse-other'));
    await until(() => stream.events().length >= 3, 10_000, "the other tenant's events");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stream.events().every((event) => event.metadata['tenantId'] === 'sse-other')).toBe(true);
    stream.close();
    const unauthenticated = await fetch(`${api.baseUrl}/events/stream`);
    expect(unauthenticated.status).toBe(401);
  }, 30_000);

  it('when the SDK iterates the stream, then it yields the events in order from the position given', async () => {
    const start = (await tenantLog(store, 'default')).at(-1)?.position ?? 0;
    await store.appendToStream('sdk-1', someEvents(25, 'default', 'SdkProbed'));
    const controller = new AbortController();
    const seen: number[] = [];
    const client = new OrchClient({ baseUrl: api.origin, apiKey: cluster.adminKey });
    for await (const event of client.events({ from: start, category: ['sdk'] }, { signal: controller.signal })) {
      seen.push(event.position);
      if (seen.length === 25) controller.abort();
    }
    expect(seen).toEqual((await tenantLog(store, 'default', start)).filter((event) => event.streamName === 'sdk-1').map((event) => event.position));
  }, 30_000);
});
