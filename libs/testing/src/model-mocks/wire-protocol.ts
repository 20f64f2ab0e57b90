import type { ServerResponse } from 'node:http';
import type { ConversationFacts } from './conversation-router';
import type { MockTurn, MockUsage } from './mock-turns';

export type JsonObject = Record<string, unknown>;

/** A text or tool-call turn, ready to be written in one protocol. */
export interface Answer {
  readonly turn: Extract<MockTurn, { type: 'text' | 'tool_call' }>;
  readonly usage: MockUsage;
  readonly model: string;
  readonly stream: boolean;
  /** The request's JSON body. */
  readonly request: JsonObject;
  /** A fresh id for this mock: `<prefix>_mock_<n>`. */
  readonly id: (prefix: string) => string;
}

/** How one API speaks: where it listens, what a request says, how answers and errors are written. */
export interface WireProtocol {
  readonly name: string;
  /** The path of its one POST endpoint, e.g. `/v1/chat/completions`. */
  readonly path: string;
  /** What a client is configured with, relative to the mock's origin ('' or '/v1'). */
  readonly basePath: string;
  facts(body: JsonObject, headers: Readonly<Record<string, string>>): ConversationFacts;
  wantsStream(body: JsonObject): boolean;
  answer(answer: Answer, res: ServerResponse): void;
  error(status: number, message: string, res: ServerResponse): void;
  /** Other POST routes it answers (token counting…), by path. */
  readonly extraRoutes?: Readonly<Record<string, (body: JsonObject, res: ServerResponse) => void>>;
}

export function writeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function startEventStream(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
}

/** One server-sent event: `event: <name>` when named, then `data: <json>`. */
export function writeEvent(res: ServerResponse, data: unknown, name?: string): void {
  const head = name === undefined ? '' : `event: ${name}\n`;
  res.write(`${head}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
}

/** The plain text of an OpenAI or Anthropic content value: a string, or parts with `text` (or nested `content`). */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map(textOf).filter((text) => text !== '').join('\n');
  if (content !== null && typeof content === 'object') {
    const part = content as JsonObject;
    if (typeof part['text'] === 'string') return part['text'];
    if (typeof part['output'] === 'string') return part['output'];
    if ('content' in part) return textOf(part['content']);
  }
  return '';
}

export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const asObject = (value: unknown): JsonObject => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {});

/** `{ [key]: value }` when value is a non-empty string, else `{}` (for exactOptionalPropertyTypes-friendly spreads). */
export function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value === undefined || value === '' ? {} : ({ [key]: value } as { [P in K]?: string });
}
