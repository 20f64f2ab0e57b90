import type { ModelMock } from './model-mock-server';
import { errorTurn, hangTurn, textTurn, toolCallTurn } from './mock-turns';
import { startOpenAiChatCompletionsMock } from './openai-chat-completions-mock';
import { parseSse, postJson } from './read-sse';

type Chunk = { choices: { delta: Record<string, unknown>; finish_reason: string | null }[]; usage?: Record<string, unknown> };

const TOOLS = [{ type: 'function', function: { name: 'write', parameters: { type: 'object' } } }];
const request = (user: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  model: 'scripted',
  stream: true,
  messages: [
    { role: 'system', content: 'You are OpenCode in /work/a' },
    { role: 'user', content: user },
  ],
  tools: TOOLS,
  ...extra,
});

function chunksOf(body: string): { chunks: Chunk[]; last: string | undefined } {
  const events = parseSse(body);
  return { chunks: events.slice(0, -1).map((e) => JSON.parse(e.data) as Chunk), last: events.at(-1)?.data };
}

describe('OpenAI chat completions mock', () => {
  let mock: ModelMock;
  beforeEach(async () => {
    mock = await startOpenAiChatCompletionsMock();
  });
  afterEach(() => mock.close());

  it('streams a text turn as content deltas, a stop, a usage chunk and [DONE]', async () => {
    mock.script({ turns: [textTurn('Hello from the scripted model, in several pieces.', { usage: { inputTokens: 120, outputTokens: 12 } })] });

    const { status, text } = await postJson(`${mock.baseUrl}/chat/completions`, request('Say hello'));
    const { chunks, last } = chunksOf(text);

    expect(status).toBe(200);
    expect(last).toBe('[DONE]');
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.map((c) => c.choices[0]?.delta['content'] ?? '').join('')).toBe('Hello from the scripted model, in several pieces.');
    expect(chunks.filter((c) => c.choices[0]?.delta['content'] !== undefined).length).toBeGreaterThan(2);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 120, completion_tokens: 12, total_tokens: 132 } });
  });

  it('streams a tool call with its id and name first, then the JSON arguments in pieces', async () => {
    const args = { filePath: '/work/a/hello.txt', content: 'Hello, world!\n' };
    mock.script({ turns: [toolCallTurn('write', args, { callId: 'call_1' })] });

    const { chunks } = chunksOf((await postJson(`${mock.baseUrl}/chat/completions`, request('Write hello.txt'))).text);
    const calls = chunks.flatMap((c) => (c.choices[0]?.delta['tool_calls'] as Record<string, unknown>[] | undefined) ?? []);

    expect(calls[0]).toEqual({ index: 0, id: 'call_1', type: 'function', function: { name: 'write', arguments: '' } });
    expect(calls.length).toBeGreaterThan(2);
    const joined = calls.map((call) => (call['function'] as { arguments: string }).arguments).join('');
    expect(JSON.parse(joined)).toEqual(args);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(chunks.at(-1)?.usage).toEqual(expect.objectContaining({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) }));
  });

  it('answers without streaming when not asked to stream', async () => {
    mock.script({ turns: [toolCallTurn('write', { filePath: 'a.txt', content: 'a' }, { text: 'Writing it.' }), textTurn('Done.')] });

    const first = JSON.parse((await postJson(`${mock.baseUrl}/chat/completions`, request('Write a.txt', { stream: false }))).text);
    const second = JSON.parse((await postJson(`${mock.baseUrl}/chat/completions`, request('Write a.txt', { stream: false }))).text);

    expect(first).toMatchObject({
      object: 'chat.completion',
      choices: [{ message: { role: 'assistant', content: 'Writing it.', tool_calls: [{ type: 'function', function: { name: 'write' } }] }, finish_reason: 'tool_calls' }],
    });
    expect(JSON.parse(first.choices[0].message.tool_calls[0].function.arguments)).toEqual({ filePath: 'a.txt', content: 'a' });
    expect(second).toMatchObject({ choices: [{ message: { content: 'Done.' }, finish_reason: 'stop' }], usage: { prompt_tokens: expect.any(Number) } });
  });

  it('answers an error turn with its status and an OpenAI error body, and the retry with the next turn', async () => {
    mock.script({ turns: [errorTurn(503, 'overloaded, try again', { retryAfterMs: 20 }), textTurn('Recovered.')] });

    const failed = await postJson(`${mock.baseUrl}/chat/completions`, request('Go'));
    const retried = await postJson(`${mock.baseUrl}/chat/completions`, request('Go'));

    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after-ms')).toBe('20');
    expect(JSON.parse(failed.text)).toEqual({ error: { message: 'overloaded, try again', type: 'server_error', param: null, code: null } });
    expect(retried.status).toBe(200);
  });

  it('answers requests without tools (title generation) aside, and records every request', async () => {
    mock.script({ turns: [textTurn('The real answer.')] });

    const title = await postJson(`${mock.baseUrl}/chat/completions`, { ...request('Generate a title'), tools: undefined, stream: false });
    const real = await postJson(`${mock.baseUrl}/chat/completions`, request('Do the task'));
    await fetch(`${mock.origin}/nowhere`);

    expect(JSON.parse(title.text).choices[0].message.content).toBe('Scripted conversation');
    expect(chunksOf(real.text).chunks.map((c) => c.choices[0]?.delta['content'] ?? '').join('')).toBe('The real answer.');
    expect(mock.requests.map((r) => [r.method, r.path, r.auxiliary, r.turnIndex, r.status])).toEqual([
      ['POST', '/v1/chat/completions', true, undefined, 200],
      ['POST', '/v1/chat/completions', false, 0, 200],
      ['GET', '/nowhere', false, undefined, 404],
    ]);
    expect(mock.requests[1]).toMatchObject({ stream: true, toolNames: ['write'], conversation: expect.stringMatching(/^conv_/), body: { model: 'scripted' } });
  });

  it('plays concurrent conversations from their own scripts', async () => {
    mock.script({ match: 'billing', turns: [textTurn('billing 1'), textTurn('billing 2')] });
    mock.script({ match: 'greeting', turns: [textTurn('greeting 1'), textTurn('greeting 2')] });
    const say = async (user: string): Promise<string> =>
      chunksOf((await postJson(`${mock.baseUrl}/chat/completions`, request(user))).text).chunks.map((c) => c.choices[0]?.delta['content'] ?? '').join('');

    const firsts = await Promise.all([say('Write the greeting'), say('Build the billing report')]);
    const seconds = await Promise.all([say('Build the billing report'), say('Write the greeting')]);

    expect([...firsts, ...seconds]).toEqual(['greeting 1', 'billing 1', 'billing 2', 'greeting 2']);
  });

  it("keeps to OpenCode's session (x-session-id) whatever the messages", async () => {
    mock.script({ turns: [textTurn('one'), textTurn('two')] });
    const say = async (user: string): Promise<number> => (await postJson(`${mock.baseUrl}/chat/completions`, request(user), undefined, { 'x-session-id': 'ses_1' })).status;

    expect([await say('first prompt'), await say('a second prompt in the same session')]).toEqual([200, 200]);
    expect(mock.requests.map((r) => r.turnIndex)).toEqual([0, 1]);
  });

  it('refuses a conversation it has no script for with a 400 that says so', async () => {
    const { status, text } = await postJson(`${mock.baseUrl}/chat/completions`, request('Unscripted'));

    expect(status).toBe(400);
    expect(JSON.parse(text).error.message).toMatch(/no script left for conversation conv_\w+ \(Unscripted\)/);
  });

  it('keeps a hanging turn open until the client gives up, and waits out a delayed one', async () => {
    mock.script({ match: 'slow', turns: [textTurn('late', { delayMs: 150 })] });
    mock.script({ match: 'stuck', turns: [hangTurn()] });
    const startedAt = Date.now();

    const slow = await postJson(`${mock.baseUrl}/chat/completions`, request('slow one'));
    const stuck = postJson(`${mock.baseUrl}/chat/completions`, request('stuck one'), AbortSignal.timeout(200));

    expect(slow.status).toBe(200);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(140);
    await expect(stuck).rejects.toThrow();
    expect(mock.requests.map((r) => r.turnIndex)).toEqual([0, 0]);
  });
});
