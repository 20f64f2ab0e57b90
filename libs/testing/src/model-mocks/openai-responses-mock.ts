import type { ServerResponse } from 'node:http';
import type { ConversationFacts } from './conversation-router';
import { startModelMock, type ModelMock, type ModelMockOptions } from './model-mock-server';
import { piecesOf } from './mock-turns';
import { errorType } from './openai-chat-completions-mock';
import { asArray, asObject, optional, startEventStream, textOf, writeEvent, writeJson, type Answer, type JsonObject, type WireProtocol } from './wire-protocol';

/**
 * The OpenAI Responses API (`POST /v1/responses`), what Codex speaks (`wire_api = "responses"`).
 * Streaming answers are named events, each with a `sequence_number`: `response.created`,
 * `response.in_progress`, per output item `response.output_item.added` … `response.output_item.done`
 * (a `message` with `output_text` deltas, or a `function_call` whose arguments come as
 * `response.function_call_arguments.delta`; a `custom_tool_call` when the request declared the tool
 * as `custom`, as Codex does for `apply_patch`), then `response.completed` with the usage.
 * Codex builds its history from the `output_item.done` items and ends a turn on `response.completed`.
 */
export function startOpenAiResponsesMock(options: ModelMockOptions = {}): Promise<ModelMock> {
  return startModelMock(responses, options);
}

const responses: WireProtocol = {
  name: 'openai-responses',
  path: '/v1/responses',
  basePath: '/v1',
  facts,
  wantsStream: (body) => body['stream'] === true,
  answer: (plain, res) => {
    const answer = { ...plain, responseId: plain.id('resp'), customTools: customToolsOf(plain.request) };
    if (answer.stream) streamAnswer(answer, res);
    else writeJson(res, 200, responseObject(answer, 'completed', outputItems(answer)));
  },
  error: (status, message, res) => writeJson(res, status, { error: { message, type: errorType(status), param: null, code: null } }),
};

function facts(body: JsonObject, headers: Readonly<Record<string, string>>): ConversationFacts {
  const input = typeof body['input'] === 'string' ? [{ role: 'user', content: body['input'] }] : asArray(body['input']).map(asObject);
  const messages = (...roles: string[]): JsonObject[] => input.filter((item) => roles.includes(String(item['role'])) && (item['type'] ?? 'message') === 'message');
  const outputs = input.filter((item) => String(item['type']).endsWith('_call_output')).map((item) => textOf(item['output']));
  const instructions = typeof body['instructions'] === 'string' ? [body['instructions']] : [];
  return {
    system: [...instructions, ...messages('system', 'developer').map((m) => textOf(m['content']))].join('\n'),
    firstUserText: textOf(messages('user')[0]?.['content']),
    userText: [...messages('user').map((m) => textOf(m['content'])), ...outputs].join('\n'),
    toolNames: asArray(body['tools']).map((tool) => String(asObject(tool)['name'] ?? asObject(tool)['type'] ?? '')),
    ...optional('clientConversationId', typeof body['prompt_cache_key'] === 'string' ? body['prompt_cache_key'] : headers['session-id']),
  };
}

interface Reply extends Answer {
  readonly responseId: string;
  /** Tools the request declared as `custom` (freeform text input). */
  readonly customTools: readonly string[];
}

function customToolsOf(request: JsonObject): string[] {
  return asArray(request['tools'])
    .map(asObject)
    .filter((tool) => tool['type'] === 'custom')
    .map((tool) => String(tool['name']));
}

/** The items the turn outputs: a message when it says something, then its tool call. */
function outputItems(answer: Reply): JsonObject[] {
  const items: JsonObject[] = [];
  const text = answer.turn.text ?? '';
  if (text !== '') {
    items.push({ id: answer.id('msg'), type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] });
  }
  if (answer.turn.type === 'tool_call') {
    const { turn } = answer;
    const callId = turn.callId ?? answer.id('call');
    const custom = answer.customTools.includes(turn.name);
    items.push(
      custom
        ? { id: answer.id('ctc'), type: 'custom_tool_call', status: 'completed', call_id: callId, name: turn.name, input: customInput(turn.arguments) }
        : { id: answer.id('fc'), type: 'function_call', status: 'completed', call_id: callId, name: turn.name, arguments: JSON.stringify(turn.arguments) },
    );
  }
  return items;
}

/** A custom (freeform) tool takes raw text: `arguments.input` when it is a string, else the JSON. */
function customInput(args: Readonly<Record<string, unknown>>): string {
  return typeof args['input'] === 'string' ? args['input'] : JSON.stringify(args);
}

function responseObject(answer: Reply, status: string, output: JsonObject[]): JsonObject {
  const { usage } = answer;
  return {
    id: answer.responseId,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status,
    model: answer.model,
    output,
    parallel_tool_calls: false,
    usage:
      status === 'completed'
        ? {
            input_tokens: usage.inputTokens,
            input_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0 },
            output_tokens: usage.outputTokens,
            output_tokens_details: { reasoning_tokens: 0 },
            total_tokens: usage.inputTokens + usage.outputTokens,
          }
        : null,
  };
}

function streamAnswer(answer: Reply, res: ServerResponse): void {
  let sequence = 0;
  const emit = (type: string, data: JsonObject): void => writeEvent(res, { type, sequence_number: sequence++, ...data }, type);
  startEventStream(res);
  emit('response.created', { response: responseObject(answer, 'in_progress', []) });
  emit('response.in_progress', { response: responseObject(answer, 'in_progress', []) });
  const items = outputItems(answer);
  items.forEach((item, outputIndex) => streamItem(item, outputIndex, emit));
  emit('response.completed', { response: responseObject(answer, 'completed', items) });
  res.end();
}

type Emit = (type: string, data: JsonObject) => void;

function streamItem(item: JsonObject, outputIndex: number, emit: Emit): void {
  const itemId = item['id'];
  const at = { item_id: itemId, output_index: outputIndex };
  if (item['type'] === 'message') {
    const text = textOf(item['content']);
    emit('response.output_item.added', { output_index: outputIndex, item: { ...item, status: 'in_progress', content: [] } });
    emit('response.content_part.added', { ...at, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
    for (const delta of piecesOf(text)) emit('response.output_text.delta', { ...at, content_index: 0, delta, logprobs: [] });
    emit('response.output_text.done', { ...at, content_index: 0, text, logprobs: [] });
    emit('response.content_part.done', { ...at, content_index: 0, part: { type: 'output_text', text, annotations: [] } });
  } else if (item['type'] === 'function_call') {
    const args = String(item['arguments']);
    emit('response.output_item.added', { output_index: outputIndex, item: { ...item, status: 'in_progress', arguments: '' } });
    for (const delta of piecesOf(args, 24)) emit('response.function_call_arguments.delta', { ...at, delta });
    emit('response.function_call_arguments.done', { ...at, arguments: args });
  } else {
    const input = String(item['input']);
    emit('response.output_item.added', { output_index: outputIndex, item: { ...item, status: 'in_progress', input: '' } });
    for (const delta of piecesOf(input, 24)) emit('response.custom_tool_call_input.delta', { ...at, delta });
    emit('response.custom_tool_call_input.done', { ...at, input });
  }
  emit('response.output_item.done', { output_index: outputIndex, item });
}
