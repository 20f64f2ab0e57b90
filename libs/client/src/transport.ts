import { API_PREFIX } from '@orch/contracts';
import { OrchProblemError, problemFrom } from './problem-error';

export interface ClientOptions {
  /** Where the api listens, e.g. `http://127.0.0.1:3000` (with or without `/api/v1`). */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Default: the global fetch (Node 20, browsers). */
  readonly fetch?: typeof fetch;
}

export interface RequestOptions {
  /** Sent as `Idempotency-Key`: a repeat answers the first result and appends nothing. */
  readonly idempotencyKey?: string;
  readonly correlationId?: string;
  readonly signal?: AbortSignal;
}

/** JSON over HTTP with the API key; error answers become OrchProblemError. */
export class Transport {
  readonly origin: string;
  readonly apiBase: string;
  readonly apiKey: string;
  readonly fetch: typeof fetch;

  constructor(options: ClientOptions) {
    const trimmed = options.baseUrl.replace(/\/+$/, '');
    this.origin = trimmed.endsWith(API_PREFIX) ? trimmed.slice(0, -API_PREFIX.length) : trimmed;
    this.apiBase = `${this.origin}${API_PREFIX}`;
    this.apiKey = options.apiKey;
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  async request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    const url = `${this.apiBase}${path}`;
    const response = await this.fetch(url, {
      method,
      headers: this.headers(body !== undefined, options),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const text = await response.text();
    const parsed: unknown = text ? parseJson(text) : undefined;
    if (!response.ok) throw new OrchProblemError(problemFrom(response.status, parsed ?? text, url));
    return parsed as T;
  }

  headers(json: boolean, options: RequestOptions = {}): Record<string, string> {
    return {
      authorization: `Bearer ${this.apiKey}`,
      accept: 'application/json',
      ...(json ? { 'content-type': 'application/json' } : {}),
      ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
      ...(options.correlationId ? { 'x-correlation-id': options.correlationId } : {}),
    };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
