import type { TaskRunRequest } from '@orch/application';
import type { ScriptFlags } from './script-directives';
import { scriptFor, summaryOf } from './script-plan';

const NONE: ScriptFlags = { fail: false, flaky: false, hang: false, askPermission: false, slow: false };
const request = (attempt = 1): TaskRunRequest => ({
  runId: 'run-1',
  tenantId: 'tenant-a',
  sessionId: 'session-1',
  taskId: 'implement',
  attempt,
  title: 'Implement the greeting service',
  agent: { agentId: 'agent-1', agentType: 'implementer', runtime: { kind: 'scripted', config: { scenario: 'default' } } },
  instructions: 'Build a greeting service.',
  workingDirectory: '/tmp/work',
  limits: { maxDurationMs: 60_000 },
});
const kinds = (flags: Partial<ScriptFlags>, attempt = 1): string[] => scriptFor(request(attempt), { ...NONE, ...flags }).map((s) => s.kind);

describe('scriptFor', () => {
  it('reads, plans, writes the source and the note, then completes', () => {
    expect(kinds({})).toEqual(['say', 'turn', 'write', 'write', 'complete']);
    expect(scriptFor(request(), NONE).filter((s) => s.kind === 'write')).toEqual([
      { kind: 'write', file: 'source', path: 'src/implement-the-greeting-service.ts' },
      { kind: 'write', file: 'note', path: 'notes/implement.md' },
    ]);
  });

  it('gives the same steps for the same request', () => {
    expect(scriptFor(request(), { ...NONE, askPermission: true })).toEqual(scriptFor(request(), { ...NONE, askPermission: true }));
  });

  it('fails after planning; flaky fails on attempt 1 only', () => {
    expect(kinds({ fail: true })).toEqual(['say', 'turn', 'fail']);
    expect(kinds({ flaky: true }, 1)).toEqual(['say', 'turn', 'fail']);
    expect(kinds({ flaky: true }, 2)).toEqual(kinds({}));
    expect(scriptFor(request(), { ...NONE, fail: true }).at(-1)).toMatchObject({
      failure: { code: 'TASK.AGENT_ERROR', retryable: true },
      turn: { apiErrors: 1 },
    });
  });

  it('hangs after planning, and asks before it writes', () => {
    expect(kinds({ hang: true })).toEqual(['say', 'turn', 'say', 'hang']);
    expect(kinds({ askPermission: true })).toEqual(['say', 'turn', 'say', 'ask', 'write', 'write', 'complete']);
  });
});

describe('summaryOf', () => {
  it('names the files and counts operator prompts', () => {
    expect(summaryOf(request(), ['src/a.ts', 'notes/a.md'], 0)).toBe('Completed "Implement the greeting service": wrote src/a.ts and notes/a.md.');
    expect(summaryOf(request(), ['src/a.ts'], 2)).toMatch(/Followed 2 operator prompts\.$/);
  });
});
