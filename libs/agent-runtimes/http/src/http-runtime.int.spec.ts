import { createHash, createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunAgent, TaskRunRequest } from '@orch/application';
import { parseSignatureHeader, signedContent } from '@orch/contracts';
import { createTestDatabase, type TestDatabase } from '@orch/testing';
import { AgentProtocol } from './agent-protocol';
import { HttpAgentRuntime } from './http-runtime';
import { ProtocolError } from './protocol-error';

const TOKEN_HASH = createHash('sha256').update('a token').digest('hex');
const SECRET = 'orch_sig_test-secret';

/** An endpoint answering `status` to every push and keeping what it received, raw. */
async function endpoint(status: number): Promise<{ url: string; received: { headers: IncomingMessage['headers']; body: string }[]; server: Server }> {
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += String(chunk)));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, server };
}

describe('given the http runtime and the protocol on a real PostgreSQL', () => {
  let database: TestDatabase;
  let runtime: HttpAgentRuntime;
  let protocol: AgentProtocol;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase('http_runtime_rules');
    runtime = new HttpAgentRuntime({
      connectionString: database.connectionString,
      signingSecret: () => SECRET,
      apiUrl: () => 'http://127.0.0.1:1/api/v1',
      push: { attempts: 2, baseMs: 10, maxMs: 20, timeoutMs: 1_000 },
    });
    protocol = new AgentProtocol({ connectionString: database.connectionString, pollMs: 100 });
    dir = await mkdtemp(join(tmpdir(), 'http-runtime-rules-'));
  }, 30_000);
  afterAll(async () => {
    await runtime?.close();
    await protocol?.close();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const agent = (agentId: string, endpointUrl?: string): RunAgent => ({
    agentId,
    agentType: 'implementer',
    runtime: { kind: 'http', config: { ...(endpointUrl === undefined ? {} : { endpointUrl }), tokenHash: TOKEN_HASH } },
  });
  const request = (runId: string, runAgent: RunAgent): TaskRunRequest => ({
    runId,
    tenantId: 'tenant-a',
    sessionId: 'session-1',
    taskId: 'build',
    attempt: 1,
    title: 'Build it',
    agent: runAgent,
    instructions: 'Build it.',
    workingDirectory: dir,
    limits: { maxDurationMs: 60_000 },
  });

  it('when a push is accepted, then it carries the assignment signed over "<t>.<raw body>" with the agent’s secret', async () => {
    const hook = await endpoint(202);
    try {
      const start = await runtime.start(request('run-signed', agent('agent-push', hook.url)));
      expect(start.started).toBe(true);
      const [push] = hook.received;
      const header = parseSignatureHeader(push?.headers['x-orch-signature'] as string);
      expect(header?.signatures).toEqual([createHmac('sha256', SECRET).update(signedContent(header?.timestamp ?? 0, push?.body ?? '')).digest('hex')]);
      expect(JSON.parse(push?.body ?? '{}')).toMatchObject({
        type: 'task.assigned',
        runId: 'run-signed',
        sessionId: 'session-1',
        taskId: 'build',
        prompt: 'Build it.',
        workspace: { directory: dir },
        api: { runUrl: 'http://127.0.0.1:1/api/v1/agents/agent-push/runs/run-signed' },
      });
    } finally {
      hook.server.close();
    }
  });

  it('when the agent refuses the push (4xx, not retried) or cannot be reached (retried), then the start fails TASK.START_FAILED, retryable, and no run remains', async () => {
    const refusing = await endpoint(401);
    try {
      const refused = await runtime.start(request('run-refused', agent('agent-refusing', refusing.url)));
      expect(refused).toEqual({ started: false, failure: { code: 'TASK.START_FAILED', retryable: true, message: expect.stringContaining('401') } });
      expect(refusing.received).toHaveLength(1);
      expect(await runtime.attach('http:run-refused')).toMatchObject({ found: false, reason: 'unknown_run' });
    } finally {
      refusing.server.close();
    }
    const unreachable = await runtime.start(request('run-unreachable', agent('agent-gone', 'http://127.0.0.1:9/hook')));
    expect(unreachable).toMatchObject({ started: false, failure: { code: 'TASK.START_FAILED', retryable: true, message: expect.stringContaining('could not be reached') } });
  });

  it('when another agent, or another tenant’s same agent id, reports on a run, then RUN.NOT_FOUND; after an abort, RUN.ENDED', async () => {
    const start = await runtime.start(request('run-scoped', agent('agent-pull')));
    if (!start.started) throw new Error('not started');
    await expect(protocol.progress({ agentId: 'agent-other', tenantId: 'tenant-a' }, 'run-scoped', { message: 'mine?' })).rejects.toMatchObject({ status: 404, code: 'RUN.NOT_FOUND' });
    await expect(protocol.progress({ agentId: 'agent-pull', tenantId: 'tenant-b' }, 'run-scoped', { message: 'mine?' })).rejects.toMatchObject({ status: 404, code: 'RUN.NOT_FOUND' });
    expect(await protocol.nextTask({ agentId: 'agent-pull', tenantId: 'tenant-a' }, 0)).toMatchObject({ runId: 'run-scoped' });
    expect(await protocol.nextTask({ agentId: 'agent-pull', tenantId: 'tenant-a' }, 0)).toBeUndefined();

    await start.run.abort('operator stopped it');
    const refused = protocol.result({ agentId: 'agent-pull', tenantId: 'tenant-a' }, 'run-scoped', { status: 'completed', summary: 'done' });
    await expect(refused).rejects.toBeInstanceOf(ProtocolError);
    await expect(refused).rejects.toMatchObject({ status: 409, code: 'RUN.ENDED', details: { status: 'aborted', reason: 'operator stopped it' } });
    expect(await start.run.outcome()).toMatchObject({ status: 'aborted' });
  });
});
