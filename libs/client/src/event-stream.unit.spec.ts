import { createServer, type Server } from 'node:http';
import type { LiveEvent } from '@orch/contracts';
import { OrchClient } from './orch-client';

const event = (position: number) => ({ id: `e${position}`, type: 'SessionStarted', stream: 's-1', category: 's', revision: 0, position, recordedAt: '', data: {}, metadata: {} });
const frame = (position: number) => `id: ${position}\ndata: ${JSON.stringify(event(position))}\n\n`;

describe('streamEvents', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? (server.closeAllConnections(), server.close(() => resolve())) : resolve())));

  it('given a stream that drops, then it reconnects with Last-Event-ID and yields every event once', async () => {
    const lastEventIds: (string | undefined)[] = [];
    server = createServer((request, response) => {
      lastEventIds.push(request.headers['last-event-id'] as string | undefined);
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const from = Number(request.headers['last-event-id'] ?? 0);
      if (from === 0) {
        response.write(`retry: 10\n\n${frame(1)}${frame(2)}`);
        setTimeout(() => response.socket?.destroy(), 50); // a dropped connection mid-stream
      } else if (from === 2) {
        response.end(`${frame(3)}event: disconnect\ndata: {"reason":"slow_consumer","message":"m","lastEventId":"3"}\n\n`);
      } else {
        response.write(`id: 4\nevent: caught-up\ndata: {"position":4}\n\n${frame(5)}`);
      }
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const controller = new AbortController();
    const notices: string[] = [];
    const seen: LiveEvent[] = [];
    const stream = new OrchClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'k' }).events(
      { from: 0, type: ['Session'] },
      { signal: controller.signal, onDisconnect: (notice) => notices.push(notice.reason) },
    );
    for await (const received of stream) {
      seen.push(received);
      if (seen.length === 4) controller.abort();
    }
    expect(seen.map((e) => e.position)).toEqual([1, 2, 3, 5]);
    expect(lastEventIds).toEqual(['0', '2', '3']);
    expect(notices).toEqual(['slow_consumer']);
  });
});
