import { errorMessage, itemProgress, retryable, turnUsage } from './codex-events';

describe('Codex JSONL', () => {
  it('shows messages, reasoning, commands, file changes and plans as progress', () => {
    expect(itemProgress('item.completed', { type: 'agent_message', text: 'Done.' })).toEqual({ kind: 'text', text: 'Done.' });
    expect(itemProgress('item.started', { type: 'agent_message', text: '' })).toBeUndefined();
    expect(itemProgress('item.completed', { type: 'reasoning', text: 'Plan it' })).toEqual({ kind: 'reasoning', text: 'Plan it' });
    expect(itemProgress('item.started', { type: 'command_execution', command: 'npm test', status: 'in_progress' })).toEqual({
      kind: 'tool',
      text: 'npm test',
      tool: { name: 'command', status: 'in_progress' },
    });
    expect(itemProgress('item.completed', { type: 'command_execution', command: 'npm test', aggregated_output: 'ok\n', exit_code: 0, status: 'completed' })).toEqual({
      kind: 'tool',
      text: 'npm test → exit 0\nok',
      tool: { name: 'command', status: 'completed' },
    });
    expect(itemProgress('item.completed', { type: 'file_change', changes: [{ path: 'a.ts', kind: 'add' }], status: 'completed' })).toMatchObject({ text: 'add a.ts' });
    expect(itemProgress('item.updated', { type: 'todo_list', items: [{ text: 'write', completed: true }, { text: 'test', completed: false }] })).toEqual({
      kind: 'status',
      text: 'Plan: [x] write; [ ] test',
    });
  });

  it('prices a turn from the table (cached input at its own price) and estimates its calls', () => {
    const prices = { 'gpt-5-codex': { input: 1.25, cachedInput: 0.125, output: 10 } };
    const usage = { input_tokens: 10_000, cached_input_tokens: 4_000, output_tokens: 500 };

    expect(turnUsage(usage, { tools: 2, errors: 1 }, prices, 'gpt-5-codex')).toEqual({ tokensIn: 10_000, tokensOut: 500, costUsd: 0.0130, apiCalls: 4, apiErrors: 1 });
    expect(turnUsage(usage, { tools: 0, errors: 0 }, prices, 'other').costUsd).toBe(0);
  });

  it("reads the provider's message out of a failed turn and tells auth errors from passing ones", () => {
    const body = '{"error":{"message":"bad model","type":"invalid_request_error","param":null,"code":null}}';
    expect(errorMessage({ message: body })).toBe('bad model');
    expect(errorMessage({ message: 'unexpected status 401 Unauthorized: Incorrect API key provided' })).toBe('unexpected status 401 Unauthorized: Incorrect API key provided');
    expect([retryable(body), retryable('unexpected status 401 Unauthorized'), retryable('stream disconnected before completion')]).toEqual([false, false, true]);
  });
});
