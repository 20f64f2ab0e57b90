import { engineApi, explicitPlan, type EngineHarness } from './engine-harness';

describe('given a session whose only task hangs', () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await engineApi();
    await h.registerAgent();
  }, 90_000);
  afterAll(() => h?.close());

  // maxDurationSeconds is at least 60 (DOMAIN.md §2.1): this spec takes a minute by design.
  it('when its active time reaches maxDurationSeconds, then the engine times it out and interrupts the run', async () => {
    const id = await h.createSession({ maxDurationSeconds: 60, planning: explicitPlan({ id: 'stuck', description: '[script:hang]' }) });
    const started = await h.start(id);
    expect(started.id).toBe(id);
    expect(await h.waitForEnd(id, 100_000)).toBe('SessionTimedOut');
    const events = await h.sessionEvents(id);
    const timedOut = events.find((e) => e.type === 'SessionTimedOut');
    const sessionStarted = events.find((e) => e.type === 'SessionStarted');
    expect(Date.parse(timedOut?.data['at'] as string)).toBeGreaterThanOrEqual(Date.parse(sessionStarted?.data['deadlineAt'] as string));
    expect(timedOut?.metadata['actor']).toBe('system:engine');
    expect(events.find((e) => e.type === 'TaskInterrupted')?.data).toMatchObject({ taskId: 'stuck', cause: 'session_timeout' });
  }, 120_000);
});
