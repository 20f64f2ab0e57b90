import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConversationRouter, type ConversationFacts, type MockScript } from './conversation-router';
import { textTurn, usageOf, type MockTurn } from './mock-turns';
import { asObject, writeJson, type JsonObject, type WireProtocol } from './wire-protocol';

/** One request the mock received, whatever it answered. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query, e.g. `/v1/messages?beta=true`. */
  readonly path: string;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body (undefined when there was none or it was not JSON). */
  readonly body: unknown;
  readonly stream: boolean;
  /** The conversation it belongs to (requests to the model endpoint only). */
  readonly conversation?: string;
  /** Which turn of that conversation's script answered it (0-based). */
  readonly turnIndex?: number;
  /** Answered by the `auxiliary` rule (title generation and the like) rather than by a script. */
  readonly auxiliary: boolean;
  readonly toolNames: readonly string[];
  /** The HTTP status answered (200 for a hanging turn, which never answers). */
  readonly status: number;
}

export interface ModelMockOptions {
  /** Scripts ready at start; more with `script()`. */
  readonly scripts?: readonly MockScript[];
  /** The model named in answers (Claude Code prices its cost by it). Default: the requested model. */
  readonly model?: string;
  /**
   * Requests answered without playing a script (default: those that offer no tools, such as
   * OpenCode's title generation); undefined lets the scripts answer.
   */
  readonly auxiliary?: (facts: ConversationFacts, body: JsonObject) => MockTurn | undefined;
  /** How a request is tied to its conversation; default: its system prompt and first user message. */
  readonly conversationKey?: (facts: ConversationFacts) => string;
}

/** A scripted model on loopback, speaking one wire protocol. */
export interface ModelMock {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** What the client is configured with: `<origin>/v1` for the OpenAI APIs, `<origin>` for Anthropic's. */
  readonly baseUrl: string;
  /** Every request received, in order (model calls, token counts, model lists, unknown paths). */
  readonly requests: readonly RecordedRequest[];
  /** Adds a script for a conversation yet to come. */
  script(script: MockScript): void;
  /** Stops listening and drops open connections, hanging turns included. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;
const defaultAuxiliary = (facts: ConversationFacts): MockTurn | undefined =>
  facts.toolNames.length === 0 ? textTurn('Scripted conversation') : undefined;

export async function startModelMock(protocol: WireProtocol, options: ModelMockOptions = {}): Promise<ModelMock> {
  const router = new ConversationRouter(options.conversationKey);
  for (const script of options.scripts ?? []) router.add(script);
  const requests: RecordedRequest[] = [];
  let counter = 0;
  const context: HandlerContext = {
    protocol,
    router,
    record: (request) => requests.push(request),
    auxiliary: options.auxiliary ?? defaultAuxiliary,
    model: options.model,
    id: (prefix) => `${prefix}_mock_${(counter += 1)}`,
  };
  const server = createServer((req, res) => {
    handle(context, req, res).catch((error: unknown) => {
      if (!res.headersSent) protocol.error(500, `model mock failed: ${String(error)}`, res);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    baseUrl: `${origin}${protocol.basePath}`,
    requests,
    script: (script) => router.add(script),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

interface HandlerContext {
  readonly protocol: WireProtocol;
  readonly router: ConversationRouter;
  readonly record: (request: RecordedRequest) => void;
  readonly auxiliary: (facts: ConversationFacts, body: JsonObject) => MockTurn | undefined;
  readonly model: string | undefined;
  readonly id: (prefix: string) => string;
}

async function handle(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = await readBody(req);
  const body = parseJson(raw);
  const path = req.url ?? '/';
  const pathname = path.split('?')[0] ?? '/';
  const base = { method: req.method ?? 'GET', path, headers: flatHeaders(req), body, stream: false, auxiliary: false, toolNames: [] };
  const extra = ctx.protocol.extraRoutes?.[pathname];
  if (req.method === 'POST' && pathname === ctx.protocol.path) return answerModelCall(ctx, asObject(body), base, res);
  if (req.method === 'POST' && extra !== undefined) {
    ctx.record({ ...base, status: 200 });
    return extra(asObject(body), res);
  }
  if (req.method === 'GET' && pathname === '/v1/models') {
    ctx.record({ ...base, status: 200 });
    const id = ctx.model ?? 'mock-model';
    return writeJson(res, 200, { object: 'list', data: [{ id, object: 'model', type: 'model', display_name: id, owned_by: 'mock' }] });
  }
  ctx.record({ ...base, status: 404 });
  ctx.protocol.error(404, `model mock: no route ${req.method ?? 'GET'} ${pathname}`, res);
}

async function answerModelCall(ctx: HandlerContext, body: JsonObject, base: Omit<RecordedRequest, 'status'>, res: ServerResponse): Promise<void> {
  const facts = ctx.protocol.facts(body, base.headers);
  const stream = ctx.protocol.wantsStream(body);
  const seen = { ...base, stream, toolNames: facts.toolNames };
  const auxiliary = ctx.auxiliary(facts, body);
  const routing = auxiliary === undefined ? ctx.router.route(facts) : undefined;
  if (routing?.kind === 'none') {
    ctx.record({ ...seen, conversation: routing.conversation, status: 400 });
    return ctx.protocol.error(400, routing.message, res);
  }
  const turn = auxiliary ?? (routing as Extract<typeof routing, { kind: 'turn' }>).turn;
  const where = routing === undefined ? { auxiliary: true } : { conversation: routing.conversation, turnIndex: routing.turnIndex };
  if (turn.type === 'hang') {
    ctx.record({ ...seen, ...where, status: 200 });
    return;
  }
  if (turn.delayMs !== undefined) await waitOrClosed(turn.delayMs, res);
  if (res.destroyed) return;
  ctx.record({ ...seen, ...where, status: turn.type === 'error' ? turn.status : 200 });
  if (turn.type === 'error') return writeError(ctx, turn, res);
  const model = ctx.model ?? (typeof body['model'] === 'string' ? body['model'] : 'mock-model');
  ctx.protocol.answer({ turn, usage: usageOf(turn, `${facts.system}${facts.userText}`), model, stream, request: body, id: ctx.id }, res);
}

function writeError(ctx: HandlerContext, turn: Extract<MockTurn, { type: 'error' }>, res: ServerResponse): void {
  if (turn.retryAfterMs !== undefined) {
    res.setHeader('retry-after-ms', String(turn.retryAfterMs));
    res.setHeader('retry-after', String(Math.ceil(turn.retryAfterMs / 1000)));
  }
  ctx.protocol.error(turn.status, turn.message ?? `scripted error ${turn.status}`, res);
}

function waitOrClosed(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    res.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
