import type { ServerResponse } from 'node:http';
import type { ConversationFacts } from './conversation-router';
import { startModelMock, type ModelMock, type ModelMockOptions } from './model-mock-server';
import { piecesOf, type MockUsage } from './mock-turns';
import { asArray, asObject, optional, startEventStream, textOf, writeEvent, writeJson, type Answer, type JsonObject, type WireProtocol } from './wire-protocol';

/**
 * OpenAI chat completions (`POST /v1/chat/completions`), what OpenCode's `@ai-sdk/openai-compatible`
 * provider and Aider speak. Streaming answers are `chat.completion.chunk` events: the role, then
 * `delta.content` pieces or one `delta.tool_calls` entry whose arguments come in pieces, a chunk
 * with `finish_reason` (`stop` or `tool_calls`), a last chunk with no choices and the `usage`
 * (sent whether or not `stream_options.include_usage` asked for it), then `data: [DONE]`.
 */
export function startOpenAiChatCompletionsMock(options: ModelMockOptions = {}): Promise<ModelMock> {
  return startModelMock(chatCompletions, options);
}

const chatCompletions: WireProtocol = {
  name: 'openai-chat-completions',
  path: '/v1/chat/completions',
  basePath: '/v1',
  facts,
  wantsStream: (body) => body['stream'] === true,
  answer: (answer, res) => (answer.stream ? streamAnswer(answer, res) : writeJson(res, 200, completion(answer))),
  error: (status, message, res) => writeJson(res, status, { error: { message, type: errorType(status), param: null, code: null } }),
};

function facts(body: JsonObject, headers: Readonly<Record<string, string>>): ConversationFacts {
  const messages = asArray(body['messages']).map(asObject);
  const of = (...roles: string[]): JsonObject[] => messages.filter((m) => roles.includes(String(m['role'])));
  return {
    system: of('system', 'developer').map((m) => textOf(m['content'])).join('\n'),
    firstUserText: textOf(of('user')[0]?.['content']),
    userText: of('user', 'tool').map((m) => textOf(m['content'])).join('\n'),
    toolNames: asArray(body['tools']).map((tool) => String(asObject(asObject(tool)['function'])['name'] ?? '')),
    ...optional('clientConversationId', headers['x-session-id']),
  };
}

function usageJson(usage: MockUsage): JsonObject {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0 },
  };
}

function toolCall(answer: Answer): { id: string; name: string; args: string } | undefined {
  const { turn } = answer;
  if (turn.type !== 'tool_call') return undefined;
  return { id: turn.callId ?? answer.id('call'), name: turn.name, args: JSON.stringify(turn.arguments) };
}

function streamAnswer(answer: Answer, res: ServerResponse): void {
  const id = answer.id('chatcmpl');
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: JsonObject, finish: string | null = null): JsonObject => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model: answer.model,
    system_fingerprint: 'fp_mock',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  startEventStream(res);
  writeEvent(res, chunk({ role: 'assistant', content: '' }));
  const text = answer.turn.text ?? '';
  if (text !== '') for (const piece of piecesOf(text)) writeEvent(res, chunk({ content: piece }));
  const call = toolCall(answer);
  if (call !== undefined) {
    writeEvent(res, chunk({ tool_calls: [{ index: 0, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
    for (const piece of piecesOf(call.args, 24)) writeEvent(res, chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }));
  }
  writeEvent(res, chunk({}, call === undefined ? 'stop' : 'tool_calls'));
  writeEvent(res, { id, object: 'chat.completion.chunk', created, model: answer.model, choices: [], usage: usageJson(answer.usage) });
  writeEvent(res, '[DONE]');
  res.end();
}

function completion(answer: Answer): JsonObject {
  const call = toolCall(answer);
  const text = answer.turn.text ?? '';
  const message: JsonObject = { role: 'assistant', content: text === '' && call !== undefined ? null : text, refusal: null };
  if (call !== undefined) message['tool_calls'] = [{ id: call.id, type: 'function', function: { name: call.name, arguments: call.args } }];
  return {
    id: answer.id('chatcmpl'),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: answer.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: call === undefined ? 'stop' : 'tool_calls' }],
    usage: usageJson(answer.usage),
  };
}

export function errorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 429) return 'rate_limit_exceeded';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}
