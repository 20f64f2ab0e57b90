/** Tokens a scripted turn reports. Absent: one token per four characters read (system + messages) and written. */
export interface MockUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Part of `inputTokens` served from a prompt cache (OpenAI `cached_tokens`, Anthropic `cache_read_input_tokens`). */
  readonly cachedInputTokens?: number;
}

interface TurnTiming {
  /** Waits this long before answering: a model that takes its time (a run long enough to abort or inject into). */
  readonly delayMs?: number;
}

/** One model turn, as a mock plays it back, whatever the wire protocol. */
export type MockTurn =
  | ({ readonly type: 'text'; readonly text: string; readonly usage?: MockUsage } & TurnTiming)
  | ({
      readonly type: 'tool_call';
      /** The tool to call, as the client named it in `tools` (`write` for OpenCode, `Write` for Claude Code…). */
      readonly name: string;
      readonly arguments: Readonly<Record<string, unknown>>;
      /** Default: `call_<n>` / `toolu_<n>`, numbered per mock. */
      readonly callId?: string;
      /** Text said before the call, in the same turn. */
      readonly text?: string;
      readonly usage?: MockUsage;
    } & TurnTiming)
  | ({
      readonly type: 'error';
      /** HTTP status: 429 and 5xx are what clients retry; 400 and 401 they give up on. */
      readonly status: number;
      readonly message?: string;
      /** Sent as `retry-after-ms` (and `retry-after` in whole seconds) so that clients retry quickly. */
      readonly retryAfterMs?: number;
    } & TurnTiming)
  /** Never answers: the request stays open until the client gives up or the mock closes. */
  | { readonly type: 'hang' };

export const textTurn = (text: string, options: { usage?: MockUsage; delayMs?: number } = {}): MockTurn => ({
  type: 'text',
  text,
  ...options,
});

export const toolCallTurn = (
  name: string,
  args: Readonly<Record<string, unknown>>,
  options: { callId?: string; text?: string; usage?: MockUsage; delayMs?: number } = {},
): MockTurn => ({ type: 'tool_call', name, arguments: args, ...options });

export const errorTurn = (status: number, message?: string, options: { retryAfterMs?: number; delayMs?: number } = {}): MockTurn => ({
  type: 'error',
  status,
  ...(message === undefined ? {} : { message }),
  ...options,
});

export const hangTurn = (): MockTurn => ({ type: 'hang' });

/** One token per four characters, at least one: deterministic, like everything a mock says. */
export function tokensOf(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** What the turn reports: its own usage, else counted from what was read and what is written. */
export function usageOf(turn: MockTurn, readText: string): MockUsage {
  if ((turn.type === 'text' || turn.type === 'tool_call') && turn.usage !== undefined) return turn.usage;
  const written = turn.type === 'text' ? turn.text : turn.type === 'tool_call' ? `${turn.text ?? ''}${JSON.stringify(turn.arguments)}` : '';
  return { inputTokens: tokensOf(readText), outputTokens: tokensOf(written) };
}

/** Splits text into pieces of at most `size` code points (at least one piece), as a model streams it. */
export function piecesOf(text: string, size = 16): string[] {
  const points = [...text];
  if (points.length === 0) return [''];
  const pieces: string[] = [];
  for (let at = 0; at < points.length; at += size) pieces.push(points.slice(at, at + size).join(''));
  return pieces;
}
