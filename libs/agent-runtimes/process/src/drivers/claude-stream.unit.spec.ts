import { describeToolInput, permissionDescription, resultEnding, resultUsage } from './claude-stream';

const result = (fields: Record<string, unknown>): Record<string, unknown> => ({
  type: 'result',
  subtype: 'success',
  is_error: false,
  result: 'Added the greeting service.',
  total_cost_usd: 0.0162,
  usage: { input_tokens: 3925, cache_creation_input_tokens: 10, cache_read_input_tokens: 1000, output_tokens: 25 },
  ...fields,
});

describe('Claude Code stream-json', () => {
  it('takes a turn usage from its result: all input tokens, the cost since the last result, one call per message', () => {
    const first = resultUsage(result({}), { messages: 2, retries: 0, reportedMicros: 0 });
    const second = resultUsage(result({ total_cost_usd: 0.0202, usage: { input_tokens: 100, output_tokens: 5 } }), { messages: 1, retries: 1, reportedMicros: first.totalMicros });

    expect(first).toEqual({ delta: { tokensIn: 4935, tokensOut: 25, costUsd: 0.0162, apiCalls: 2, apiErrors: 0 }, totalMicros: 16_200 });
    expect(second.delta).toEqual({ tokensIn: 100, tokensOut: 5, costUsd: 0.004, apiCalls: 2, apiErrors: 1 });
  });

  it('counts the failed call of an API error result', () => {
    const failed = resultUsage(result({ is_error: true, api_error_status: 500, total_cost_usd: 0, usage: {} }), { messages: 0, retries: 2, reportedMicros: 0 });
    expect(failed.delta).toEqual({ tokensIn: 0, tokensOut: 0, costUsd: 0, apiCalls: 3, apiErrors: 3 });
  });

  it('ends completed with the result text, or failed with the error and whether a retry can help', () => {
    expect(resultEnding(result({}))).toEqual({ status: 'completed', summary: 'Added the greeting service.' });
    expect(resultEnding(result({ is_error: true, result: 'Invalid API key · Fix external API key', api_error_status: 401, terminal_reason: 'api_error' }))).toEqual({
      status: 'failed',
      code: 'TASK.AGENT_ERROR',
      message: 'Invalid API key · Fix external API key (success, api_error)',
      retryable: false,
    });
    expect(resultEnding(result({ is_error: true, result: undefined, subtype: 'error_during_execution', errors: ['[ede_diagnostic] stop_reason=tool_use'] }))).toMatchObject({
      message: '[ede_diagnostic] stop_reason=tool_use (error_during_execution)',
      retryable: true,
    });
  });

  it('describes tools and permission requests by what they touch', () => {
    expect(describeToolInput('Write', { file_path: '/w/src/a.ts', content: 'x' })).toBe('Write: /w/src/a.ts');
    expect(describeToolInput('TodoWrite', { todos: [] })).toBe('TodoWrite {"todos":[]}');
    expect(
      permissionDescription({ tool_name: 'Bash', input: { command: 'npm test', description: 'Run the tests' }, description: 'Run the tests', decision_reason: 'This command requires approval' }),
    ).toBe('Bash: npm test (Run the tests). This command requires approval');
  });
});
