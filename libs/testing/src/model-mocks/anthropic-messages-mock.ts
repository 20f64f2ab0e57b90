import type { ServerResponse } from 'node:http';
import type { ConversationFacts } from './conversation-router';
import { startModelMock, type ModelMock, type ModelMockOptions } from './model-mock-server';
import { piecesOf, tokensOf, type MockUsage } from './mock-turns';
import { asArray, asObject, optional, startEventStream, textOf, writeEvent, writeJson, type Answer, type JsonObject, type WireProtocol } from './wire-protocol';

/**
 * Anthropic Messages (`POST /v1/messages`), what Claude Code speaks (`ANTHROPIC_BASE_URL=<origin>`).
 * Streaming answers are named events: `message_start` (input usage), `ping`, per content block
 * `content_block_start` / `content_block_delta` (`text_delta`, or `input_json_delta` pieces of a
 * `tool_use` input) / `content_block_stop`, `message_delta` (stop reason `end_turn` or `tool_use`,
 * output usage), `message_stop`. Errors are `{ type: "error", error: { type, message } }`.
 * `POST /v1/messages/count_tokens` answers too.
 */
export function startAnthropicMessagesMock(options: ModelMockOptions = {}): Promise<ModelMock> {
  return startModelMock(messages, options);
}

const messages: WireProtocol = {
  name: 'anthropic-messages',
  path: '/v1/messages',
  basePath: '',
  facts,
  wantsStream: (body) => body['stream'] === true,
  answer: (answer, res) => (answer.stream ? streamAnswer(answer, res) : writeJson(res, 200, message(answer))),
  error: (status, message, res) =>
    writeJson(res, status, { type: 'error', error: { type: errorType(status), message } }, { 'request-id': `req_mock_${status}` }),
  extraRoutes: {
    '/v1/messages/count_tokens': (body, res) => {
      const { system, userText } = facts(body);
      writeJson(res, 200, { input_tokens: tokensOf(`${system}${userText}`) });
    },
  },
};

function facts(body: JsonObject, headers: Readonly<Record<string, string>> = {}): ConversationFacts {
  const turns = asArray(body['messages']).map(asObject);
  const users = turns.filter((m) => m['role'] === 'user');
  return {
    system: textOf(body['system']),
    firstUserText: textOf(users[0]?.['content']),
    userText: users.map((m) => textOf(m['content'])).join('\n'),
    toolNames: asArray(body['tools']).map((tool) => String(asObject(tool)['name'] ?? '')),
    ...optional('clientConversationId', headers['x-claude-code-session-id']),
  };
}

/** Anthropic counts cache reads apart from `input_tokens`. */
function inputUsage(usage: MockUsage): JsonObject {
  const cached = usage.cachedInputTokens ?? 0;
  return { input_tokens: usage.inputTokens - cached, cache_creation_input_tokens: 0, cache_read_input_tokens: cached };
}

function blocks(answer: Answer): JsonObject[] {
  const content: JsonObject[] = [];
  const text = answer.turn.text ?? '';
  if (text !== '') content.push({ type: 'text', text });
  if (answer.turn.type === 'tool_call') {
    content.push({ type: 'tool_use', id: answer.turn.callId ?? answer.id('toolu'), name: answer.turn.name, input: answer.turn.arguments });
  }
  return content;
}

const stopReason = (answer: Answer): string => (answer.turn.type === 'tool_call' ? 'tool_use' : 'end_turn');

function message(answer: Answer): JsonObject {
  return {
    id: answer.id('msg'),
    type: 'message',
    role: 'assistant',
    model: answer.model,
    content: blocks(answer),
    stop_reason: stopReason(answer),
    stop_sequence: null,
    usage: { ...inputUsage(answer.usage), output_tokens: answer.usage.outputTokens },
  };
}

function streamAnswer(answer: Answer, res: ServerResponse): void {
  const emit = (type: string, data: JsonObject = {}): void => writeEvent(res, { type, ...data }, type);
  startEventStream(res);
  const start = { ...message(answer), content: [], stop_reason: null, usage: { ...inputUsage(answer.usage), output_tokens: 1 } };
  emit('message_start', { message: start });
  emit('ping');
  blocks(answer).forEach((block, index) => {
    if (block['type'] === 'text') {
      emit('content_block_start', { index, content_block: { type: 'text', text: '' } });
      for (const text of piecesOf(String(block['text']))) emit('content_block_delta', { index, delta: { type: 'text_delta', text } });
    } else {
      emit('content_block_start', { index, content_block: { ...block, input: {} } });
      for (const partial of ['', ...piecesOf(JSON.stringify(block['input']), 24)]) {
        emit('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: partial } });
      }
    }
    emit('content_block_stop', { index });
  });
  emit('message_delta', { delta: { stop_reason: stopReason(answer), stop_sequence: null }, usage: { output_tokens: answer.usage.outputTokens } });
  emit('message_stop');
  res.end();
}

function errorType(status: number): string {
  const types: Record<number, string> = {
    400: 'invalid_request_error',
    401: 'authentication_error',
    403: 'permission_error',
    404: 'not_found_error',
    413: 'request_too_large',
    429: 'rate_limit_error',
    529: 'overloaded_error',
  };
  return types[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}
