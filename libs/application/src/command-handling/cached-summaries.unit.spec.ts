import { isDomainError, type CommandMetadata } from '@orch/kernel';
import type { SessionCommand } from '@orch/domain-session';
import type { EventStore } from '../ports/event-store.port';
import { executeSessionCommand, executeSessionCommands, type SessionCommandDeps } from '../sessions/session-commands';
import { engineFixture } from '../engine/testing/engine-fixture';
import { SESSION_ID, startedSession, T0 } from '../engine/testing/session-history';
import { StreamCache } from './stream-summary';

const STREAM = `session-${SESSION_ID}`;

function metadata(commandId: string): CommandMetadata {
  return { commandId, actor: 'system:engine', tenantId: 'tenant-1', now: T0, correlationId: SESSION_ID };
}

/** As the api sends a command whose id came from the caller's Idempotency-Key. */
const keyed = (sent: SessionCommand): SessionCommand => ({ ...sent, metadata: { ...sent.metadata, repeatable: true } }) as SessionCommand;

const command = (type: 'PauseSession' | 'ResumeSession' | 'StopSession', commandId: string) =>
  ({ type, data: { sessionId: SESSION_ID }, metadata: metadata(commandId) }) as SessionCommand;

const inject = (commandId: string) =>
  ({ type: 'InjectPrompt', data: { sessionId: SESSION_ID, injectionId: `01934b8e-0000-7000-8000-0000000001${commandId.slice(1).padStart(2, '0')}`, text: 'hello' }, metadata: metadata(commandId) }) as SessionCommand;

/** A writer that keeps summaries (as the engine does), another that does not, and the reads the first makes. */
async function twoWriters() {
  const fixture = engineFixture();
  await fixture.seedSession(startedSession());
  const reads: string[] = [];
  const port = fixture.deps.store;
  const counted: EventStore = {
    ...port,
    appendToStream: (...args) => port.appendToStream(...args),
    readStream: (streamName, options) => {
      reads.push(streamName);
      return port.readStream(streamName, options);
    },
  };
  const cached: SessionCommandDeps = { ...fixture.deps, store: counted, streams: new StreamCache() };
  return { fixture, cached, other: fixture.deps, reads };
}

describe('a writer with a stream cache decides on what it last read or wrote, and the append checks it', () => {
  it('given the writer appended the last event, when it sends the next command, then it appends without reading the stream', async () => {
    const { fixture, cached, reads } = await twoWriters();
    await executeSessionCommand(cached, inject('c1'));
    const readsBefore = reads.length;
    await executeSessionCommand(cached, inject('c2'));
    expect(reads.length).toBe(readsBefore);
    expect(fixture.sessionTypes().slice(-2)).toEqual(['PromptInjected', 'PromptInjected']);
  });

  it('given another writer stopped the session since, when the writer sends a command valid only while running, then it is refused on the current state and nothing is appended', async () => {
    const { fixture, cached, other } = await twoWriters();
    await executeSessionCommand(cached, inject('c1'));
    await executeSessionCommand(other, command('StopSession', 'c2'));
    const before = fixture.store.all.length;
    const refusal = await executeSessionCommand(cached, command('PauseSession', 'c3')).catch((error: unknown) => error);
    expect(isDomainError(refusal)).toBe(true);
    expect(fixture.store.all.length).toBe(before);
  });

  it('given the cached state refuses but another writer changed the session since, when the writer sends the command, then it is decided again on a fresh read and accepted', async () => {
    const { fixture, cached, other } = await twoWriters();
    await executeSessionCommand(cached, command('PauseSession', 'c1'));
    await executeSessionCommand(other, command('ResumeSession', 'c2'));
    await executeSessionCommand(cached, command('PauseSession', 'c3'));
    expect(fixture.sessionTypes().slice(-3)).toEqual(['SessionPaused', 'SessionResumed', 'SessionPaused']);
  });

  it('given another writer already appended this command id, when the writer with a stale cache sends it, then nothing is appended twice and the next command still sees every event', async () => {
    const { fixture, cached, other } = await twoWriters();
    await executeSessionCommand(cached, inject('c1'));
    await executeSessionCommand(other, inject('c2'));
    await executeSessionCommand(other, command('PauseSession', 'c3'));
    const first = fixture.store.all.find((event) => event.metadata.commandId === 'c2');
    await expect(executeSessionCommand(cached, inject('c2'))).resolves.toMatchObject({ revision: first?.revision, position: first?.position });
    const refusal = await executeSessionCommand(cached, command('PauseSession', 'c4')).catch((error: unknown) => error);
    expect(isDomainError(refusal)).toBe(true);
    expect(fixture.sessionTypes().filter((type) => type === 'PromptInjected')).toHaveLength(2);
  });

  it('given a batch whose every command the cached state refuses, when another writer changed the session since, then the batch is decided again on a fresh read', async () => {
    const { fixture, cached, other } = await twoWriters();
    await executeSessionCommand(cached, command('PauseSession', 'c1'));
    await executeSessionCommand(other, command('ResumeSession', 'c2'));
    const outcomes = await executeSessionCommands(cached, SESSION_ID, [command('PauseSession', 'c3') as never]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true]);
    expect(fixture.sessionTypes().at(-1)).toBe('SessionPaused');
  });

  it('given a batch appended by the writer, when it sends another batch, then that one is appended without reading the stream either', async () => {
    const { cached, reads } = await twoWriters();
    await executeSessionCommands(cached, SESSION_ID, [inject('c1') as never, inject('c2') as never]);
    const readsBefore = reads.length;
    const outcomes = await executeSessionCommands(cached, SESSION_ID, [inject('c3') as never]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true]);
    expect(reads.filter((stream) => stream === STREAM).length).toBe(reads.slice(0, readsBefore).filter((stream) => stream === STREAM).length);
  });

  it('given readFirst (the api), when a command another writer appended right after the cached revision comes again, then it is read forward first and answered as a repeat', async () => {
    const { fixture, cached, other, reads } = await twoWriters();
    const api = { ...cached, readFirst: true as const };
    await executeSessionCommand(api, inject('c1'));
    await executeSessionCommand(other, inject('c2'));
    const readsBefore = reads.length;
    await expect(executeSessionCommand(api, inject('c2'))).resolves.toMatchObject({ replayed: true });
    expect(reads.length).toBe(readsBefore + 1);
    expect(fixture.sessionTypes().filter((type) => type === 'PromptInjected')).toHaveLength(2);
  });

  it('given readFirst "repeatable" (the api), when a command with an Idempotency-Key another writer appended right after the cached revision comes again, then it is read forward first and answered as a repeat', async () => {
    const { fixture, cached, other, reads } = await twoWriters();
    const api = { ...cached, readFirst: 'repeatable' as const };
    await executeSessionCommand(api, inject('c1'));
    await executeSessionCommand(other, keyed(inject('c2')));
    const readsBefore = reads.length;
    await expect(executeSessionCommand(api, keyed(inject('c2')))).resolves.toMatchObject({ replayed: true });
    expect(reads.length).toBe(readsBefore + 1);
    expect(fixture.sessionTypes().filter((type) => type === 'PromptInjected')).toHaveLength(2);
  });

  it('given readFirst "repeatable", when a command without an Idempotency-Key follows the writer\'s own append, then it is appended without reading the stream', async () => {
    const { fixture, cached, reads } = await twoWriters();
    const api = { ...cached, readFirst: 'repeatable' as const };
    await executeSessionCommand(api, inject('c1'));
    const readsBefore = reads.length;
    await executeSessionCommand(api, inject('c2'));
    expect(reads.length).toBe(readsBefore);
    expect(fixture.sessionTypes().slice(-2)).toEqual(['PromptInjected', 'PromptInjected']);
  });

  it('given readFirst "repeatable" and a stale cache, when a command without an Idempotency-Key comes, then its append is refused on the expected revision and it is decided again on a fresh read', async () => {
    const { fixture, cached, other } = await twoWriters();
    const api = { ...cached, readFirst: 'repeatable' as const };
    const appends = jest.spyOn(api.store, 'appendToStream');
    await executeSessionCommand(api, inject('c1'));
    await executeSessionCommand(other, inject('c2'));
    appends.mockClear();
    await executeSessionCommand(api, command('PauseSession', 'c3'));
    expect(appends).toHaveBeenCalledTimes(2);
    expect(fixture.sessionTypes().slice(-3)).toEqual(['PromptInjected', 'PromptInjected', 'SessionPaused']);
  });

  it('given readFirst "repeatable", when a batch holds one command with an Idempotency-Key, then the batch reads the stream first', async () => {
    const { cached, reads } = await twoWriters();
    const api = { ...cached, readFirst: 'repeatable' as const };
    await executeSessionCommands(api, SESSION_ID, [inject('c1') as never]);
    const readsBefore = reads.length;
    await executeSessionCommands(api, SESSION_ID, [inject('c2') as never, keyed(inject('c3')) as never]);
    expect(reads.length).toBe(readsBefore + 1);
  });
});
