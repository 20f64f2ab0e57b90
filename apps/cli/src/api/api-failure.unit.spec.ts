import { OrchProblemError } from '@orch/client';
import { EXIT } from '../cli-error';
import { describeFailure } from './api-failure';
import { type ApiTarget } from './api-target';

const target: ApiTarget = { url: 'http://127.0.0.1:3000', key: 'orch_secret', keySource: 'ORCH_API_KEY' };
const problem = (status: number, code: string, extra: object = {}) =>
  new OrchProblemError({ type: 'about:blank', title: `Title ${status}`, status, detail: `detail of ${code}`, code, ...extra });

describe('describeFailure', () => {
  it('given a refused key, when described, then title, code and status lead, the hint names where the key came from, and it is a usage error', () => {
    const failure = describeFailure(problem(401, 'AUTH.UNAUTHENTICATED'), target);
    expect(failure).toEqual({
      lines: ['error: Title 401 (AUTH.UNAUTHENTICATED, HTTP 401): detail of AUTH.UNAUTHENTICATED', 'hint: the api refused the key from ORCH_API_KEY; check ORCH_API_KEY or --key'],
      exitCode: EXIT.usage,
    });
    expect(failure?.lines.join('\n')).not.toContain('orch_secret');
  });

  it('given an invalid request with field errors, when described, then every field is listed and it is a usage error', () => {
    const failure = describeFailure(problem(400, 'COMMAND.FIELD_INVALID', { errors: [{ field: 'reason', rule: 'maxLength', message: 'at most 500' }, { field: 'title', rule: 'required' }] }), target);
    expect(failure?.lines.slice(1, 3)).toEqual(['  - reason: at most 500', '  - title: required']);
    expect(failure?.exitCode).toBe(EXIT.usage);
  });

  it('given an illegal transition, when described, then its details and the state hint are shown and the command failed', () => {
    const failure = describeFailure(problem(409, 'SESSION.ILLEGAL_TRANSITION', { details: { from: 'completed', to: 'paused' } }), target);
    expect(failure?.lines).toEqual([
      'error: Title 409 (SESSION.ILLEGAL_TRANSITION, HTTP 409): detail of SESSION.ILLEGAL_TRANSITION',
      '  details: {"from":"completed","to":"paused"}',
      'hint: the session is not in a state that allows this action; `orchestrator sessions show <id>` shows its status',
    ]);
    expect(failure?.exitCode).toBe(EXIT.failed);
  });

  it('given a refused connection, when described, then it names the url and the cause and the command failed', () => {
    const error = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    expect(describeFailure(error, target)).toEqual({
      lines: ['error: cannot reach the api at http://127.0.0.1:3000: ECONNREFUSED', 'hint: is it running (npm start)? Point ORCH_API_URL or --url at it'],
      exitCode: EXIT.failed,
    });
  });

  it('given any other error, when described, then it is left to the caller', () => {
    expect(describeFailure(new Error('boom'), target)).toBeUndefined();
  });
});

describe('describeFailure of a domain rule', () => {
  it('given a 422 without field errors (a rule of the current state), when described, then the hint says so and the command failed', () => {
    const failure = describeFailure(problem(422, 'SESSION.NOTHING_COMPLETED'), target);
    expect(failure?.lines.at(-1)).toBe('hint: the request is well formed, but the current state does not allow it (see the detail)');
    expect(failure?.exitCode).toBe(EXIT.failed);
  });
});
