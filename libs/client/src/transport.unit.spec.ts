import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { OrchClient } from './orch-client';
import { OrchProblemError } from './problem-error';

/** A local HTTP server standing in for the api's wire format (the real api is in the e2e specs). */
async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

describe('OrchClient over HTTP', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? (server.closeAllConnections(), server.close(() => resolve())) : resolve())));

  it('given a command, then it sends the key, JSON and the idempotency key to /api/v1, and returns the answer', async () => {
    const seen: { url?: string; headers?: IncomingMessage['headers']; body?: string } = {};
    const started = await serve((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        Object.assign(seen, { url: request.url, headers: request.headers, body });
        response.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"s1","revision":1,"position":9}');
      });
    });
    server = started.server;
    const client = new OrchClient({ baseUrl: `${started.url}/api/v1/`, apiKey: 'orch_k' });
    const answer = await client.sessions.create({ title: 'Add a cache', prompt: 'Cache it' }, { idempotencyKey: 'k-1' });
    expect(answer).toEqual({ id: 's1', revision: 1, position: 9 });
    expect(seen.url).toBe('/api/v1/sessions');
    expect(seen.headers).toMatchObject({ authorization: 'Bearer orch_k', 'idempotency-key': 'k-1', 'content-type': 'application/json' });
    expect(JSON.parse(seen.body ?? '')).toEqual({ title: 'Add a cache', prompt: 'Cache it' });
  });

  it('given a problem answer, then it throws a typed OrchProblemError with code, status and field errors', async () => {
    const started = await serve((_request, response) => {
      response.writeHead(400, { 'content-type': 'application/problem+json' }).end(
        JSON.stringify({ type: 'urn:x', title: 'Bad Request', status: 400, detail: 'Invalid fields: url', code: 'COMMAND.FIELD_INVALID', errors: [{ field: 'url', rule: 'https' }] }),
      );
    });
    server = started.server;
    const error = await new OrchClient({ baseUrl: started.url, apiKey: 'k' }).webhooks.register({ url: 'ftp://x', eventTypes: ['Session'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrchProblemError);
    expect(error).toMatchObject({ status: 400, code: 'COMMAND.FIELD_INVALID', errors: [{ field: 'url', rule: 'https' }] });
  });
});
