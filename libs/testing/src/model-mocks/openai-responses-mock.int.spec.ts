import type { ModelMock } from './model-mock-server';
import { errorTurn, textTurn, toolCallTurn } from './mock-turns';
import { startOpenAiResponsesMock } from './openai-responses-mock';
import { parseSse, postJson } from './read-sse';

type Event = { type: string; sequence_number: number; [key: string]: unknown };

const request = (user: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  model: 'gpt-5-codex',
  instructions: 'You are Codex.',
  input: [
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: '<environment_context><cwd>/work/a</cwd></environment_context>' }] },
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: user }] },
  ],
  tools: [
    { type: 'function', name: 'shell', parameters: { type: 'object' } },
    { type: 'custom', name: 'apply_patch', format: { type: 'grammar' } },
  ],
  stream: true,
  ...extra,
});

async function streamed(mock: ModelMock, body: Record<string, unknown>): Promise<Event[]> {
  const { text } = await postJson(`${mock.baseUrl}/responses`, body);
  return parseSse(text).map((e) => {
    const data = JSON.parse(e.data) as Event;
    expect(e.event).toBe(data.type);
    return data;
  });
}

describe('OpenAI Responses mock', () => {
  let mock: ModelMock;
  beforeEach(async () => {
    mock = await startOpenAiResponsesMock();
  });
  afterEach(() => mock.close());

  it('streams a message item with text deltas, numbered, and completes with the usage', async () => {
    mock.script({ turns: [textTurn('I wrote hello.txt for you, as asked.', { usage: { inputTokens: 900, outputTokens: 20, cachedInputTokens: 300 } })] });

    const events = await streamed(mock, request('Write hello.txt'));

    expect(events.map((e) => e.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      ...events.filter((e) => e.type === 'response.output_text.delta').map(() => 'response.output_text.delta'),
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    expect(events.filter((e) => e.type === 'response.output_text.delta').map((e) => e['delta']).join('')).toBe('I wrote hello.txt for you, as asked.');
    expect(events.find((e) => e.type === 'response.output_item.done')?.['item']).toMatchObject({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'I wrote hello.txt for you, as asked.' }],
    });
    const completed = events.at(-1)?.['response'] as Record<string, unknown>;
    expect(completed).toMatchObject({
      id: expect.stringMatching(/^resp_/),
      status: 'completed',
      usage: { input_tokens: 900, input_tokens_details: { cached_tokens: 300 }, output_tokens: 20, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 920 },
    });
    expect((events[0]?.['response'] as Record<string, unknown>)['id']).toBe(completed['id']);
  });

  it('streams a function call whose arguments come in pieces', async () => {
    const args = { command: ['bash', '-lc', "printf 'hi' > hello.txt"], workdir: '/work/a' };
    mock.script({ turns: [toolCallTurn('shell', args, { callId: 'call_7' })] });

    const events = await streamed(mock, request('Write hello.txt'));
    const deltas = events.filter((e) => e.type === 'response.function_call_arguments.delta');

    expect(events.find((e) => e.type === 'response.output_item.added')?.['item']).toMatchObject({ type: 'function_call', call_id: 'call_7', name: 'shell', arguments: '' });
    expect(deltas.length).toBeGreaterThan(1);
    expect(JSON.parse(deltas.map((e) => e['delta']).join(''))).toEqual(args);
    expect(events.find((e) => e.type === 'response.output_item.done')?.['item']).toMatchObject({
      type: 'function_call',
      call_id: 'call_7',
      name: 'shell',
      arguments: JSON.stringify(args),
    });
  });

  it('calls a tool declared custom with a custom_tool_call and raw text input', async () => {
    const patch = '*** Begin Patch\n*** Add File: hello.txt\n+hello\n*** End Patch\n';
    mock.script({ turns: [toolCallTurn('apply_patch', { input: patch }, { text: 'Adding the file.' })] });

    const events = await streamed(mock, request('Write hello.txt'));
    const done = events.filter((e) => e.type === 'response.output_item.done').map((e) => e['item']);

    expect(done).toEqual([
      expect.objectContaining({ type: 'message', content: [expect.objectContaining({ text: 'Adding the file.' })] }),
      expect.objectContaining({ type: 'custom_tool_call', name: 'apply_patch', input: patch, call_id: expect.stringMatching(/^call_/) }),
    ]);
    expect(events.filter((e) => e.type === 'response.custom_tool_call_input.delta').map((e) => e['delta']).join('')).toBe(patch);
  });

  it('answers without streaming with the whole response object', async () => {
    mock.script({ turns: [toolCallTurn('shell', { command: ['true'] })] });

    const { text } = await postJson(`${mock.baseUrl}/responses`, request('Go', { stream: false }));

    expect(JSON.parse(text)).toMatchObject({ object: 'response', status: 'completed', output: [{ type: 'function_call', name: 'shell' }], usage: { input_tokens: expect.any(Number) } });
  });

  it('answers an error turn with its status and an OpenAI error body', async () => {
    mock.script({ turns: [errorTurn(429, 'slow down')] });

    const { status, text } = await postJson(`${mock.baseUrl}/responses`, request('Go'));

    expect(status).toBe(429);
    expect(JSON.parse(text)).toEqual({ error: { message: 'slow down', type: 'rate_limit_exceeded', param: null, code: null } });
  });

  it("follows Codex's prompt_cache_key (its thread id) through an exec resume that re-sends its context", async () => {
    mock.script({ turns: [textTurn('first turn'), textTurn('resumed turn')] });
    const resumed = request('INJECTED', { prompt_cache_key: 'thread-1', instructions: 'You are Codex. Sandbox: read-only.' });

    await streamed(mock, request('Go', { prompt_cache_key: 'thread-1' }));
    const second = await streamed(mock, resumed);

    expect(second.find((e) => e.type === 'response.output_text.done')?.['text']).toBe('resumed turn');
  });

  it('tells conversations apart by their first user message, and counts tool outputs as user text for matching', async () => {
    mock.script({ turns: [textTurn('a')] });
    mock.script({ match: 'in /work/b', turns: [textTurn('b')] });
    const inB = request('Go', {
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'in /work/b' }] },
        { type: 'function_call_output', call_id: 'c', output: 'ok' },
      ],
    });

    const [inA, second] = await Promise.all([streamed(mock, request('Go')), streamed(mock, inB)]);

    expect([inA, second].map((events) => events.find((e) => e.type === 'response.output_text.done')?.['text'])).toEqual(['a', 'b']);
    expect(new Set(mock.requests.map((r) => r.conversation)).size).toBe(2);
    expect(mock.requests[0]?.toolNames).toEqual(['shell', 'apply_patch']);
  });
});
