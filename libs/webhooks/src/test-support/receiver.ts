import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface ReceivedDelivery {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly answered: number;
}

/** A real HTTP endpoint on loopback that answers each request with the status `answer` picks. */
export async function startReceiver(answer: (index: number, body: string) => number | { status: number; location: string }) {
  const received: ReceivedDelivery[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const decision = answer(received.length, body);
      const status = typeof decision === 'number' ? decision : decision.status;
      received.push({ headers: request.headers, body, answered: status });
      if (typeof decision !== 'number') response.setHeader('location', decision.location);
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
