import { startAnthropicMessagesMock } from './anthropic-messages-mock';
import type { ModelMock } from './model-mock-server';
import { errorTurn, textTurn, toolCallTurn } from './mock-turns';
import { parseSse, postJson } from './read-sse';

type Event = { type: string; [key: string]: unknown };

const request = (user: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  model: 'claude-sonnet-4-5',
  max_tokens: 32000,
  stream: true,
  system: [{ type: 'text', text: 'You are Claude Code. Working directory: /work/a' }],
  messages: [{ role: 'user', content: [{ type: 'text', text: user }] }],
  tools: [{ name: 'Write', input_schema: { type: 'object' } }],
  ...extra,
});

async function streamed(mock: ModelMock, body: Record<string, unknown>): Promise<Event[]> {
  const { text } = await postJson(`${mock.baseUrl}/v1/messages`, body);
  return parseSse(text).map((e) => {
    const data = JSON.parse(e.data) as Event;
    expect(e.event).toBe(data.type);
    return data;
  });
}

describe('Anthropic Messages mock', () => {
  let mock: ModelMock;
  beforeEach(async () => {
    mock = await startAnthropicMessagesMock({ model: 'claude-sonnet-4-5-20250929' });
  });
  afterEach(() => mock.close());

  it('streams a text turn: message_start with input usage, text deltas, message_delta with output usage, message_stop', async () => {
    mock.script({ turns: [textTurn('I have written the file you asked for.', { usage: { inputTokens: 1500, outputTokens: 11, cachedInputTokens: 1000 } })] });

    const events = await streamed(mock, request('Write hello.txt'));

    expect(events.map((e) => e.type)).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      ...events.filter((e) => e.type === 'content_block_delta').map(() => 'content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[0]?.['message']).toMatchObject({
      id: expect.stringMatching(/^msg_/),
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [],
      stop_reason: null,
      usage: { input_tokens: 500, cache_read_input_tokens: 1000, cache_creation_input_tokens: 0 },
    });
    expect(events[2]).toEqual({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    const text = events.filter((e) => e.type === 'content_block_delta').map((e) => (e['delta'] as { type: string; text: string }).text);
    expect(text.join('')).toBe('I have written the file you asked for.');
    expect(events.at(-2)).toEqual({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 11 } });
  });

  it('streams a tool_use block after the text, its input as input_json_delta pieces, and stops for tool_use', async () => {
    const input = { file_path: '/work/a/hello.txt', content: 'Hello, world!\n' };
    mock.script({ turns: [toolCallTurn('Write', input, { text: 'Writing the file.', callId: 'toolu_1' })] });

    const events = await streamed(mock, request('Write hello.txt'));
    const starts = events.filter((e) => e.type === 'content_block_start');
    const json = events
      .filter((e) => e.type === 'content_block_delta' && e['index'] === 1)
      .map((e) => e['delta'] as { type: string; partial_json: string });

    expect(starts.map((e) => e['content_block'])).toEqual([
      { type: 'text', text: '' },
      { type: 'tool_use', id: 'toolu_1', name: 'Write', input: {} },
    ]);
    expect(json.every((delta) => delta.type === 'input_json_delta')).toBe(true);
    expect(JSON.parse(json.map((delta) => delta.partial_json).join(''))).toEqual(input);
    expect(events.filter((e) => e.type === 'content_block_stop').map((e) => e['index'])).toEqual([0, 1]);
    expect(events.at(-2)).toMatchObject({ delta: { stop_reason: 'tool_use' } });
  });

  it('answers without streaming with a whole message', async () => {
    mock.script({ turns: [toolCallTurn('Write', { file_path: 'a', content: 'b' })] });

    const { text } = await postJson(`${mock.baseUrl}/v1/messages`, request('Go', { stream: false }));

    expect(JSON.parse(text)).toMatchObject({
      type: 'message',
      content: [{ type: 'tool_use', name: 'Write', input: { file_path: 'a', content: 'b' }, id: expect.stringMatching(/^toolu_/) }],
      stop_reason: 'tool_use',
      usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) },
    });
  });

  it('answers an error turn with an Anthropic error body', async () => {
    mock.script({ turns: [errorTurn(529, 'Overloaded')] });

    const { status, text, headers } = await postJson(`${mock.baseUrl}/v1/messages`, request('Go'));

    expect(status).toBe(529);
    expect(headers.get('request-id')).toMatch(/\S/);
    expect(JSON.parse(text)).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
  });

  it('counts tokens and lists its model without playing a turn', async () => {
    const counted = await postJson(`${mock.baseUrl}/v1/messages/count_tokens`, request('Count me'));
    const models = await fetch(`${mock.baseUrl}/v1/models`).then((r) => r.json());

    expect(JSON.parse(counted.text)).toEqual({ input_tokens: expect.any(Number) });
    expect(models).toMatchObject({ data: [{ id: 'claude-sonnet-4-5-20250929' }] });
    expect(mock.requests.map((r) => [r.path, r.turnIndex])).toEqual([
      ['/v1/messages/count_tokens', undefined],
      ['/v1/models', undefined],
    ]);
  });

  it("keeps to Claude Code's session (x-claude-code-session-id)", async () => {
    mock.script({ turns: [textTurn('one'), textTurn('two')] });
    const headers = { 'x-claude-code-session-id': 'b8b8327f-481f-4eb9-814d-0579032d342e' };

    await postJson(`${mock.baseUrl}/v1/messages`, request('first'), undefined, headers);
    await postJson(`${mock.baseUrl}/v1/messages`, request('second', { system: 'a new system prompt' }), undefined, headers);

    expect(mock.requests.map((r) => [r.turnIndex, r.status])).toEqual([
      [0, 200],
      [1, 200],
    ]);
  });

  it('reads tool results as user text when matching a script, and keeps playing the same conversation', async () => {
    mock.script({ match: 'task-42', turns: [toolCallTurn('Write', { file_path: 'x', content: 'y' }), textTurn('Done.')] });
    const followUp = request('task-42: write x', {
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'task-42: write x' }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_mock_1', name: 'Write', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_mock_1', content: 'File created successfully' }] },
      ],
    });

    await streamed(mock, request('task-42: write x'));
    const second = await streamed(mock, followUp);

    expect(second.find((e) => e.type === 'content_block_delta')?.['delta']).toEqual({ type: 'text_delta', text: 'Done.' });
    expect(mock.requests.map((r) => r.turnIndex)).toEqual([0, 1]);
  });
});
