import { isDomainError, type CommandMetadata, type LeaseFence } from '@orch/kernel';
import { executeSessionCommand } from '../sessions/session-commands';
import { engineFixture } from '../engine/testing/engine-fixture';
import { SESSION_ID, startedSession, T0 } from '../engine/testing/session-history';

function metadata(commandId: string, lease?: LeaseFence): CommandMetadata {
  return { commandId, actor: 'system:engine', tenantId: 'tenant-1', now: T0, correlationId: SESSION_ID, ...(lease ? { lease } : {}) };
}

const prepare = (commandId: string, lease?: LeaseFence) =>
  ({ type: 'RecordWorkspacePrepared', data: { sessionId: SESSION_ID, branch: `orch/${SESSION_ID}`, baseCommit: 'c'.repeat(40) }, metadata: metadata(commandId, lease) }) as const;
const inject = (commandId: string, lease?: LeaseFence) => ({ type: 'InjectPrompt', data: { sessionId: SESSION_ID, injectionId: `01934b8e-0000-7000-8000-0000000001${commandId.slice(1).padStart(2, '0')}`, text: 'hello' }, metadata: metadata(commandId, lease) }) as const;

describe('fencing: commands carry the lease token they were sent under', () => {
  it('given an event recorded under token 7, when a command comes with token 6 for the same key, then ENGINE.STALE_LEASE and nothing is appended', async () => {
    const fixture = engineFixture();
    await fixture.seedSession(startedSession());
    await executeSessionCommand(fixture.deps, prepare('c1', { key: `session:${SESSION_ID}`, token: 7 }));
    const before = fixture.store.all.length;
    const refusal = await executeSessionCommand(fixture.deps, inject('c2', { key: `session:${SESSION_ID}`, token: 6 })).catch((error: unknown) => error);
    expect(isDomainError(refusal) && refusal.code).toBe('ENGINE.STALE_LEASE');
    expect(isDomainError(refusal) && refusal.details).toEqual({ key: `session:${SESSION_ID}`, token: 6, currentToken: 7 });
    expect(fixture.store.all.length).toBe(before);
  });

  it('given an event under token 7, when commands come with token 7 or 8, then both are accepted and record their lease in the metadata', async () => {
    const fixture = engineFixture();
    await fixture.seedSession(startedSession());
    await executeSessionCommand(fixture.deps, prepare('c1', { key: `session:${SESSION_ID}`, token: 7 }));
    await executeSessionCommand(fixture.deps, inject('c2', { key: `session:${SESSION_ID}`, token: 7 }));
    await executeSessionCommand(fixture.deps, inject('c3', { key: `session:${SESSION_ID}`, token: 8 }));
    expect(fixture.store.all.at(-1)?.metadata['lease']).toEqual({ key: `session:${SESSION_ID}`, token: 8 });
  });

  it('given a newer token under another key, when a command comes under its own key, then it is not fenced by it', async () => {
    const fixture = engineFixture();
    await fixture.seedSession(startedSession());
    await executeSessionCommand(fixture.deps, prepare('c1', { key: 'session:other', token: 99 }));
    await expect(executeSessionCommand(fixture.deps, inject('c2', { key: `session:${SESSION_ID}`, token: 1 }))).resolves.toMatchObject({ id: SESSION_ID });
  });

  it('given a newer token, when a user command without a lease comes, then it is accepted (fencing is for engines)', async () => {
    const fixture = engineFixture();
    await fixture.seedSession(startedSession());
    await executeSessionCommand(fixture.deps, prepare('c1', { key: `session:${SESSION_ID}`, token: 7 }));
    await expect(executeSessionCommand(fixture.deps, inject('c2'))).resolves.toMatchObject({ id: SESSION_ID });
  });
});
