import type { OpencodePermission, SessionMessage, SessionSnapshot } from './opencode-types';
import type { ServerConnection } from './server-connection';

export interface PromptSpec {
  readonly agent?: string;
  readonly model?: { readonly providerID: string; readonly modelID: string };
}

/** A failed OpenCode HTTP call, with its status (undefined: no answer at all). */
export class OpencodeCallError extends Error {
  constructor(
    readonly status: number | undefined,
    message: string,
    /** The connection failed (reset, closed, refused, or could not connect) before any answer: the request may or may not have reached the server. Not a request timeout. */
    readonly lostInTransit = false,
  ) {
    super(message);
  }
}

type Answer<T> = { data?: T; error?: unknown; response?: Response };

async function answered<T>(what: string, call: Promise<Answer<T>>): Promise<T> {
  let result: Answer<T>;
  try {
    result = await call;
  } catch (error) {
    throw new OpencodeCallError(undefined, `${what}: ${describe(error)}`, isConnectionFailure(error));
  }
  const status = result.response?.status;
  if (result.error !== undefined || status === undefined || status >= 400) {
    const lostInTransit = status === undefined && isConnectionFailure(result.error);
    throw new OpencodeCallError(status, `${what} answered ${status ?? 'nothing'}: ${describe(result.error)}`, lostInTransit);
  }
  return result.data as T;
}

/** What fetch (undici) rejects with when the connection fails: `TypeError: fetch failed`, the socket's error as its cause. */
function isConnectionFailure(error: unknown): boolean {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  return name === 'TypeError' && message === 'fetch failed';
}

/** The error body's message, or the error's, with the cause fetch gives (`UND_ERR_SOCKET: other side closed`). */
function describe(error: unknown): string {
  if (error === undefined || error === null) return 'no details';
  const body = error as { message?: unknown; data?: { message?: unknown }; cause?: { code?: unknown; message?: unknown } };
  const text = String(body.data?.message ?? body.message ?? JSON.stringify(error));
  const cause = [body.cause?.code, body.cause?.message].filter((part) => typeof part === 'string' && part !== '').join(': ');
  return (cause === '' ? text : `${text} (${cause})`).slice(0, 500);
}

/** The OpenCode calls of one run's session (`?directory=` on every one: one server, many worktrees). */
export class SessionClient {
  constructor(
    private readonly connection: ServerConnection,
    readonly sessionId: string,
    readonly directory: string,
  ) {}

  /** Messages, status and pending permissions, read together. */
  async snapshot(): Promise<SessionSnapshot> {
    const client = await this.connection.client();
    const { sessionId: sessionID, directory } = this;
    const [messages, statuses, permissions] = await Promise.all([
      answered('reading the session messages', client.session.messages({ sessionID, directory })),
      answered('reading the session status', client.session.status({ directory })),
      answered('reading pending permissions', client.permission.list({ directory })),
    ]);
    return {
      messages: messages as SessionMessage[],
      status: statuses[sessionID]?.type ?? 'idle',
      permissions: (permissions as OpencodePermission[]).filter((p) => p.sessionID === sessionID),
    };
  }

  async messages(): Promise<SessionMessage[]> {
    const client = await this.connection.client();
    return (await answered('reading the session messages', client.session.messages({ sessionID: this.sessionId, directory: this.directory }))) as SessionMessage[];
  }

  /** Sends a prompt without waiting for the turn (`prompt_async`, 204); `metadata` marks its text part. */
  async prompt(text: string, spec: PromptSpec, metadata: Record<string, string>): Promise<void> {
    const client = await this.connection.client();
    const { sessionId: sessionID, directory } = this;
    await answered(
      'sending the prompt',
      client.session.promptAsync({ sessionID, directory, ...spec, parts: [{ type: 'text', text, metadata }] }),
    );
  }

  /** `once` or `reject`; false when OpenCode no longer knows the request (answered elsewhere). */
  async reply(requestID: string, reply: 'once' | 'reject'): Promise<boolean> {
    const client = await this.connection.client();
    try {
      await answered('answering the permission request', client.permission.reply({ requestID, directory: this.directory, reply }));
      return true;
    } catch (error) {
      if (error instanceof OpencodeCallError && error.status === 404) return false;
      throw error;
    }
  }

  async abort(): Promise<void> {
    const client = await this.connection.client();
    await answered('aborting the session', client.session.abort({ sessionID: this.sessionId, directory: this.directory }));
  }

  async exists(): Promise<boolean> {
    const client = await this.connection.client();
    try {
      await answered('reading the session', client.session.get({ sessionID: this.sessionId, directory: this.directory }));
      return true;
    } catch (error) {
      if (error instanceof OpencodeCallError && error.status === 404) return false;
      throw error;
    }
  }
}
