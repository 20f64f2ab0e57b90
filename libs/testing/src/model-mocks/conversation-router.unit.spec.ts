import { ConversationRouter, type ConversationFacts } from './conversation-router';
import { errorTurn, textTurn } from './mock-turns';

const conversation = (firstUserText: string, system = 'You are a coding agent in /work/a'): ConversationFacts => ({
  system,
  firstUserText,
  userText: firstUserText,
  toolNames: ['write'],
});

const played = (routing: ReturnType<ConversationRouter['route']>): string =>
  routing.kind === 'turn' ? `${routing.turnIndex}:${routing.turn.type === 'text' ? routing.turn.text : routing.turn.type}` : `none: ${routing.message}`;

describe('ConversationRouter', () => {
  it('plays one script turn per request of a conversation, in order', () => {
    const router = new ConversationRouter();
    router.add({ turns: [errorTurn(503), textTurn('retried'), textTurn('second')] });

    expect([1, 2, 3].map(() => played(router.route(conversation('Build it'))))).toEqual(['0:error', '1:retried', '2:second']);
    expect(played(router.route(conversation('Build it')))).toMatch(/^none: .*has no turn 4/);
  });

  it('gives a new conversation the first unclaimed script that matches it, else the first without a match', () => {
    const router = new ConversationRouter();
    router.add({ turns: [textTurn('anyone')] });
    router.add({ match: 'billing', turns: [textTurn('billing')] });
    router.add({ match: /greet(ing)?/i, turns: [textTurn('greeting')] });

    expect(played(router.route(conversation('Write the GREETING service')))).toBe('0:greeting');
    expect(played(router.route(conversation('Build the billing report')))).toBe('0:billing');
    expect(played(router.route(conversation('Something else')))).toBe('0:anyone');
    expect(played(router.route(conversation('One too many')))).toMatch(/^none: model mock: no script left for conversation conv_[0-9a-f]{12} \(One too many\)/);
  });

  it('keeps concurrent conversations with the same prompt apart by their system prompt', () => {
    const router = new ConversationRouter();
    router.add({ turns: [textTurn('a1'), textTurn('a2')] });
    router.add({ turns: [textTurn('b1'), textTurn('b2')] });
    const inA = conversation('Build it', 'cwd /work/a');
    const inB = conversation('Build it', 'cwd /work/b');

    expect([inA, inB, inB, inA].map((facts) => played(router.route(facts)))).toEqual(['0:a1', '0:b1', '1:b2', '1:a2']);
  });

  it("follows the client's own conversation id over changing first messages", () => {
    const router = new ConversationRouter();
    router.add({ turns: [textTurn('first'), textTurn('resumed')] });
    router.add({ turns: [textTurn('other')] });

    const turns = [
      conversation('<environment_context> read-only', 'sandbox: workspace-write'),
      conversation('<environment_context> read-only again', 'sandbox: read-only'),
    ].map((facts) => played(router.route({ ...facts, clientConversationId: 'thread-1' })));

    expect(turns).toEqual(['0:first', '1:resumed']);
    expect(played(router.route({ ...conversation('<environment_context> read-only'), clientConversationId: 'thread-2' }))).toBe('0:other');
  });

  it('ties requests to conversations by a custom key when told', () => {
    const router = new ConversationRouter(() => 'one');
    router.add({ turns: [textTurn('x'), textTurn('y')] });

    expect([played(router.route(conversation('a'))), played(router.route(conversation('b')))]).toEqual(['0:x', '1:y']);
  });
});
