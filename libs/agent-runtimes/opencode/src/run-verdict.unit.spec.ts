import { verdictOf } from './run-verdict';
import { assistantMessage, permission, snapshot, textPart, userMessage } from './testing/session-mother';

const prompt = userMessage('msg_1', 'Build it');
const notDenied = { denied: false };

describe('verdictOf', () => {
  it('given a busy session or a pending permission, then it is still working', () => {
    expect(verdictOf(snapshot([prompt], { status: 'busy' }), notDenied)).toEqual({ kind: 'working' });
    expect(verdictOf(snapshot([prompt], { status: 'retry' }), notDenied)).toEqual({ kind: 'working' });
    expect(verdictOf(snapshot([prompt], { permissions: [permission('per_1', '/a')] }), notDenied)).toEqual({ kind: 'working' });
  });

  it('given an idle session whose last turn is missing or unfinished, then it is stalled', () => {
    expect(verdictOf(snapshot([prompt]), notDenied)).toMatchObject({ kind: 'stalled' });
    expect(verdictOf(snapshot([prompt, assistantMessage('msg_2', [], { time: { created: 2 } })]), notDenied)).toMatchObject({ kind: 'stalled' });
  });

  it('given an idle session after a finished answer, then it completed with the final text as summary', () => {
    const earlier = assistantMessage('msg_2', [textPart('p1', 'Writing the file.')], { finish: 'tool-calls' });
    const last = assistantMessage('msg_3', [textPart('p2', 'Done: greeting service added.')]);

    expect(verdictOf(snapshot([prompt, earlier, last]), notDenied)).toEqual({ kind: 'completed', summary: 'Done: greeting service added.' });
    expect(verdictOf(snapshot([prompt, earlier, assistantMessage('msg_3', [])]), notDenied)).toEqual({ kind: 'completed', summary: 'Writing the file.' });
  });

  it('given a model error, then it failed with TASK.AGENT_ERROR, retryable as the error says', () => {
    const rejected = assistantMessage('msg_2', [], { error: { name: 'APIError', data: { message: 'bad request', statusCode: 400, isRetryable: false } } });
    const overloaded = assistantMessage('msg_2', [], { error: { name: 'APIError', data: { message: 'overloaded', statusCode: 503, isRetryable: false } } });

    expect(verdictOf(snapshot([prompt, rejected]), notDenied)).toEqual({
      kind: 'failed',
      ending: { status: 'failed', code: 'TASK.AGENT_ERROR', message: 'model API error 400: bad request', retryable: false },
    });
    expect(verdictOf(snapshot([prompt, overloaded]), notDenied)).toMatchObject({ ending: { retryable: true } });
  });

  it('given OpenCode stopped after a tool call, then a denial makes it TASK.PERMISSION_DENIED, otherwise an agent error', () => {
    const stopped = assistantMessage('msg_2', [], { finish: 'tool-calls' });

    expect(verdictOf(snapshot([prompt, stopped]), { denied: true })).toMatchObject({ ending: { code: 'TASK.PERMISSION_DENIED', retryable: false } });
    expect(verdictOf(snapshot([prompt, stopped]), notDenied)).toMatchObject({ ending: { code: 'TASK.AGENT_ERROR' } });
  });
});
