import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AgentProtocol, type ProtocolAgent, type ResultReport } from '../agent-protocol';
import { ProtocolError } from '../protocol-error';

/**
 * The agent endpoints of the api on a bare node:http server, for this lib's own tests: the same
 * AgentProtocol the api's controller calls, with bearer tokens checked against their sha256. The
 * api's validation and auth are its own (and its e2e tests').
 */
export class ProtocolTestServer {
  private constructor(
    private readonly server: Server,
    private readonly protocol: AgentProtocol,
    readonly apiUrl: string,
  ) {}

  static async start(connectionString: string, agents: ReadonlyMap<string, ProtocolAgent>): Promise<ProtocolTestServer> {
    const protocol = new AgentProtocol({ connectionString, pollMs: 200 });
    const byHash = new Map([...agents].map(([token, agent]) => [sha256(token), agent]));
    const server = createServer((request, response) => void route(protocol, byHash, request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new ProtocolTestServer(server, protocol, `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.protocol.close();
  }
}

const ROUTE = /^\/api\/v1\/agents\/([^/]+)\/(?:tasks\/next|runs\/([^/]+)\/(progress|result))(?:\?.*)?$/;

async function route(protocol: AgentProtocol, agents: ReadonlyMap<string, ProtocolAgent>, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    const agent = agents.get(sha256(/^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? ''));
    if (agent === undefined) return send(response, 401, { code: 'AUTH.UNAUTHENTICATED' });
    const match = ROUTE.exec(request.url ?? '');
    if (match === null) return send(response, 404, { code: 'HTTP.NOT_FOUND' });
    if (decodeURIComponent(match[1] ?? '') !== agent.agentId) return send(response, 403, { code: 'AUTH.FORBIDDEN' });
    const runId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
    if (runId === undefined) {
      const waitMs = Number(new URL(request.url ?? '', 'http://x').searchParams.get('waitMs') ?? '0');
      const task = await protocol.nextTask(agent, waitMs);
      return task === undefined ? send(response, 204) : send(response, 200, task);
    }
    const body = JSON.parse((await readBody(request)) || '{}') as Record<string, unknown>;
    if (match[3] === 'progress') return send(response, 200, await protocol.progress(agent, runId, body));
    return send(response, 200, await protocol.result(agent, runId, body as unknown as ResultReport));
  } catch (error) {
    if (error instanceof ProtocolError) return send(response, error.status, { status: error.status, code: error.code, detail: error.message, details: error.details });
    send(response, 500, { code: 'INTERNAL', detail: String(error) });
  }
}

function send(response: ServerResponse, status: number, body?: unknown): void {
  response.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' }).end(body === undefined ? undefined : JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return body;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
