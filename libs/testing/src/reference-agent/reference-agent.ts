import { writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { verifyWebhookSignature } from '@orch/client';

/**
 * A tiny external agent speaking the External Agent Protocol (docs/external-agent-protocol.md), in
 * push mode (an endpoint that verifies X-Orch-Signature) or pull mode (long-polling tasks/next).
 * What it does with a task comes from a directive in its prompt, `[agent:<behaviour>]`: completes
 * (default), fails, hangs, runsLong (about 3 s, echoing operator prompts), asksPermission (the
 * protocol has no permission requests: it just completes).
 */
export interface ReferenceAgentCredentials {
  readonly agentId: string;
  /** The registration token (`Authorization: Bearer <token>`). */
  readonly token: string;
  /** Push mode: the secret X-Orch-Signature is verified with. */
  readonly signingSecret?: string;
}

export interface ReferenceAgentOptions extends Partial<ReferenceAgentCredentials> {
  readonly apiUrl: string;
  readonly mode: 'push' | 'pull';
  /** Pace of one step; default 150 ms. */
  readonly stepMs?: number;
  /** Beats every this many ms; default none. */
  readonly heartbeatMs?: number;
}

interface Assignment {
  readonly runId: string;
  readonly taskId: string;
  readonly prompt: string;
  readonly workspace: { readonly directory: string };
}

export class ReferenceAgent {
  /** Push mode: where the orchestrator POSTs (register the agent with it as `endpointUrl`). */
  endpointUrl = '';
  /** Tasks taken, messages refused for a bad signature, and 409s received. */
  readonly stats = { tasks: 0, refusedSignatures: 0, conflicts: 0 };
  private server: Server | undefined;
  private readonly stopped = new AbortController();
  private readonly cancelled = new Set<string>();
  private readonly prompts = new Map<string, { injectionId: string; text: string }[]>();
  private beating: NodeJS.Timeout | undefined;
  private credentials: ReferenceAgentCredentials | undefined;

  private constructor(private readonly options: ReferenceAgentOptions) {}

  /** Starts listening (push) at once; pulls and beats once it has credentials (given here or by `useCredentials`). */
  static async start(options: ReferenceAgentOptions): Promise<ReferenceAgent> {
    const agent = new ReferenceAgent(options);
    if (options.mode === 'push') await agent.listen();
    if (options.agentId !== undefined && options.token !== undefined) agent.useCredentials({ agentId: options.agentId, token: options.token, signingSecret: options.signingSecret });
    return agent;
  }

  /** What registration answered (a push agent registers with its `endpointUrl` first, so they come later). */
  useCredentials(credentials: ReferenceAgentCredentials): void {
    this.credentials = credentials;
    if (this.options.mode === 'pull') void this.pullLoop();
    if (this.options.heartbeatMs) this.beating = setInterval(() => void this.call('POST', `/agents/${credentials.agentId}/heartbeat`).catch(() => undefined), this.options.heartbeatMs);
  }

  stopHeartbeats(): void {
    clearInterval(this.beating);
  }

  async close(): Promise<void> {
    this.stopHeartbeats();
    this.stopped.abort();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async listen(): Promise<void> {
    this.server = createServer((request, response) => {
      void this.receive(request).then((status) => response.writeHead(status).end(), () => response.writeHead(400).end());
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.endpointUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/orchestrator`;
  }

  /** Verifies the signature over the raw body before trusting a byte of it. */
  private async receive(request: IncomingMessage): Promise<number> {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    const signature = request.headers['x-orch-signature'] as string | undefined;
    if (!(await verifyWebhookSignature({ secret: this.credentials?.signingSecret ?? '', signature, body }))) {
      this.stats.refusedSignatures += 1;
      return 401;
    }
    const message = JSON.parse(body) as { type: string; runId: string; injectionId?: string; text?: string } & Assignment;
    if (message.type === 'task.assigned') void this.work(message);
    if (message.type === 'task.cancelled') this.cancelled.add(message.runId);
    if (message.type === 'prompt.injected') this.queuePrompts(message.runId, [{ injectionId: message.injectionId ?? '', text: message.text ?? '' }]);
    return 202;
  }

  private async pullLoop(): Promise<void> {
    while (!this.stopped.signal.aborted) {
      const answer = await this.call('GET', `/agents/${this.agentId}/tasks/next?waitMs=2000`).catch(() => undefined);
      if (answer?.status === 200) void this.work(answer.body as Assignment);
      else if (answer?.status !== 204) await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  private async work(task: Assignment): Promise<void> {
    this.stats.tasks += 1;
    const behaviour = /\[agent:(\w+)\]/.exec(task.prompt)?.[1] ?? 'completes';
    if (behaviour === 'hangs') return;
    const usage = { tokensIn: 120, tokensOut: 40, costUsd: 0.0012, apiCalls: 1 };
    const steps = behaviour === 'runsLong' ? 20 : 2;
    for (let step = 1; step <= steps; step++) {
      if (!(await this.report(task, 'progress', { message: `Step ${step} of ${steps}: working on ${task.taskId}`, usage }))) return;
      await this.sleep();
    }
    if (behaviour === 'fails') {
      await this.report(task, 'result', { status: 'failed', reason: 'the reference agent was told to fail', retryable: true });
      return;
    }
    const file = `${task.taskId}.md`;
    await writeFile(join(task.workspace.directory, file), `# ${task.taskId}\n\nWritten by the reference agent.\n`);
    if (!(await this.report(task, 'progress', { kind: 'tool', message: `Wrote ${file}`, tool: { name: 'write', status: 'completed' } }))) return;
    await this.report(task, 'result', { status: 'completed', summary: `Wrote ${file} for ${task.taskId}.`, filesChanged: [file], usage });
  }

  /** Posts a report, then echoes any operator prompt it brought (pushed or handed back); false once the run is over. */
  private async report(task: Assignment, kind: 'progress' | 'result', body: object): Promise<boolean> {
    if (this.cancelled.has(task.runId) || this.stopped.signal.aborted) return false;
    const answer = await this.call('POST', `/agents/${this.agentId}/runs/${encodeURIComponent(task.runId)}/${kind}`, body).catch(() => undefined);
    if (answer?.status === 409) this.stats.conflicts += 1;
    if (answer?.status !== 200) return false;
    this.queuePrompts(task.runId, (answer.body as { prompts?: { injectionId: string; text: string }[] }).prompts ?? []);
    const pending = this.prompts.get(task.runId) ?? [];
    this.prompts.set(task.runId, []);
    for (const prompt of pending) await this.report(task, 'progress', { message: `Took the operator's prompt: ${prompt.text}` });
    return true;
  }

  private readonly seenPrompts = new Set<string>();

  /** A prompt may come both pushed and in a progress answer: each is taken once. */
  private queuePrompts(runId: string, prompts: readonly { injectionId: string; text: string }[]): void {
    const fresh = prompts.filter((prompt) => !this.seenPrompts.has(`${runId}/${prompt.injectionId}`));
    for (const prompt of fresh) this.seenPrompts.add(`${runId}/${prompt.injectionId}`);
    this.prompts.set(runId, [...(this.prompts.get(runId) ?? []), ...fresh]);
  }

  private async call(method: string, path: string, body?: object): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.options.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.credentials?.token ?? ''}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: this.stopped.signal,
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  }

  private get agentId(): string {
    return this.credentials?.agentId ?? '';
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.options.stepMs ?? 150));
  }
}
