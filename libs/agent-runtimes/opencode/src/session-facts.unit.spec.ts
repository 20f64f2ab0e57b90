import { factsOf } from './session-facts';
import { assistantMessage, permission, snapshot, stepFinish, textPart, toolPart, userMessage } from './testing/session-mother';

const DIR = '/work/task';
const instructions = userMessage('msg_1', 'Build it', { orchRunId: 'run-1' });

describe('factsOf', () => {
  it('given a turn with text, a tool call and its step, then reports them in session order with one usage delta per model call', () => {
    const turn = assistantMessage('msg_2', [
      textPart('prt_text', 'I will write it.'),
      toolPart('prt_tool', 'write', { status: 'completed', input: { filePath: `${DIR}/a.ts` }, output: 'ok', title: 'a.ts', metadata: {}, time: { start: 1, end: 2 } }),
      stepFinish('prt_step', 100, 20, 0.0006, 30),
    ]);

    expect(factsOf(snapshot([instructions, turn]), DIR)).toEqual([
      { key: 'part:prt_text', event: { type: 'progress', kind: 'text', text: 'I will write it.' } },
      { key: 'part:prt_tool:done', event: { type: 'progress', kind: 'tool', text: 'write a.ts', tool: { name: 'write', status: 'completed' } } },
      { key: 'part:prt_step', event: { type: 'usage', tokensIn: 130, tokensOut: 20, costUsd: 0.0006, apiCalls: 1, apiErrors: 0 } },
    ]);
  });

  it('given text still streaming and a tool still running, then reports the running tool only, and the text once it ends', () => {
    const running = toolPart('prt_tool', 'bash', { status: 'running', input: {}, title: 'npm test', time: { start: 1 } });
    const streaming = assistantMessage('msg_2', [textPart('prt_text', 'Halfway', false), running], { time: { created: 2 }, finish: undefined });

    expect(factsOf(snapshot([instructions, streaming], { status: 'busy' }), DIR).map((f) => f.key)).toEqual(['part:prt_tool:running']);
    const ended = assistantMessage('msg_2', [textPart('prt_text', 'Halfway there'), running], { time: { created: 2 } });
    expect(factsOf(snapshot([instructions, ended], { status: 'busy' }), DIR).map((f) => f.key)).toEqual(['part:prt_text', 'part:prt_tool:running']);
  });

  it('given prompts sent into the run, then echoes them (marked or later), but never its own instructions', () => {
    const injected = userMessage('msg_0', 'Also add a farewell', { orchInjectionId: 'inj-1' });
    const typed = userMessage('msg_3', 'Typed in a TUI');

    expect(factsOf(snapshot([injected, instructions, typed]), DIR).map((f) => f.event)).toEqual([
      { type: 'progress', kind: 'text', text: 'Prompt from the operator: Also add a farewell' },
      { type: 'progress', kind: 'text', text: 'Prompt from the operator: Typed in a TUI' },
    ]);
  });

  it('given a failed model call without a step, then counts it as a call and an error; an aborted one is not counted', () => {
    const failed = assistantMessage('msg_2', [], { error: { name: 'APIError', data: { message: 'bad', statusCode: 400, isRetryable: false } } });
    const aborted = assistantMessage('msg_3', [], { error: { name: 'MessageAbortedError', data: { message: 'aborted' } } });

    expect(factsOf(snapshot([instructions, failed, aborted]), DIR)).toEqual([
      { key: 'message:msg_2:error', event: { type: 'usage', tokensIn: 0, tokensOut: 0, costUsd: 0, apiCalls: 1, apiErrors: 1 } },
    ]);
  });

  it('given a pending permission, then reports it with the file relative to the working directory', () => {
    expect(factsOf(snapshot([instructions], { permissions: [permission('per_1', `${DIR}/src/a.ts`)] }), DIR)).toEqual([
      { key: 'permission:per_1:asked', event: { type: 'permission_requested', requestId: 'per_1', tool: 'edit', description: 'edit src/a.ts' } },
    ]);
  });
});
