import { createHash } from 'node:crypto';
import type { MockTurn } from './mock-turns';

/** The turns one conversation is answered with, in order: one per request of that conversation. */
export interface MockScript {
  /**
   * Which conversation plays this script: the first new conversation whose user text contains this
   * string (or matches this pattern). Absent: the next new conversation that no other script matches.
   */
  readonly match?: string | RegExp;
  readonly turns: readonly MockTurn[];
}

/** What a mock reads from a request, whatever its wire protocol. */
export interface ConversationFacts {
  /** The system prompt (OpenAI `system`/`developer` messages or `instructions`, Anthropic `system`). */
  readonly system: string;
  /** The first user message: with the system prompt, what stays the same on every turn of one conversation. */
  readonly firstUserText: string;
  /** Every user-side text of the request (messages and tool results), which `match` is tried on. */
  readonly userText: string;
  readonly toolNames: readonly string[];
  /**
   * The client's own id for the conversation, when its requests carry one: OpenCode's
   * `x-session-id` header, Codex's `prompt_cache_key` (its thread id), Claude Code's
   * `x-claude-code-session-id` header. It survives what the first messages do not (Codex's
   * `exec resume` re-sends its context messages).
   */
  readonly clientConversationId?: string;
}

export type Routing =
  | { readonly kind: 'turn'; readonly conversation: string; readonly turnIndex: number; readonly turn: MockTurn }
  | { readonly kind: 'none'; readonly conversation: string; readonly message: string };

interface Playing {
  readonly script: MockScript;
  next: number;
}

/**
 * Routes each request to its conversation's script. A conversation is known by the client's own
 * conversation id when it sends one, else by its system prompt and first user message, which
 * clients resend on every turn (a coding agent's system prompt or first message names its working
 * directory, so concurrent runs in different directories stay apart). A new
 * conversation takes the first unclaimed script that matches it; each request plays that script's
 * next turn, so a retried request gets the following turn (script an error, then the retry's answer).
 */
export class ConversationRouter {
  private readonly waiting: MockScript[] = [];
  private readonly playing = new Map<string, Playing>();

  constructor(private readonly keyOf: (facts: ConversationFacts) => string = defaultConversationKey) {}

  add(script: MockScript): void {
    this.waiting.push(script);
  }

  route(facts: ConversationFacts): Routing {
    const conversation = this.keyOf(facts);
    const playing = this.playing.get(conversation) ?? this.claim(conversation, facts);
    if (playing === undefined) {
      return { kind: 'none', conversation, message: `model mock: no script left for conversation ${conversation} (${preview(facts.firstUserText)})` };
    }
    const turn = playing.script.turns[playing.next];
    if (turn === undefined) {
      return { kind: 'none', conversation, message: `model mock: the script of conversation ${conversation} has no turn ${playing.next + 1}` };
    }
    playing.next += 1;
    return { kind: 'turn', conversation, turnIndex: playing.next - 1, turn };
  }

  private claim(conversation: string, facts: ConversationFacts): Playing | undefined {
    const matching = this.waiting.findIndex((script) => script.match !== undefined && matches(script.match, facts.userText));
    const index = matching >= 0 ? matching : this.waiting.findIndex((script) => script.match === undefined);
    if (index < 0) return undefined;
    const [script] = this.waiting.splice(index, 1);
    if (script === undefined) return undefined;
    const playing = { script, next: 0 };
    this.playing.set(conversation, playing);
    return playing;
  }
}

/** `conv_` and 12 hex digits of sha256(the client's conversation id), else of sha256(system, first user message). */
export function defaultConversationKey(facts: ConversationFacts): string {
  const hash = createHash('sha256');
  if (facts.clientConversationId !== undefined) hash.update('id\u0000').update(facts.clientConversationId);
  else hash.update(facts.system).update('\u0000').update(facts.firstUserText);
  return `conv_${hash.digest('hex').slice(0, 12)}`;
}

function matches(match: string | RegExp, text: string): boolean {
  return typeof match === 'string' ? text.includes(match) : new RegExp(match.source, match.flags.replace('g', '')).test(text);
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 80)}…` : flat;
}
