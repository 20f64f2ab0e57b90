import { AppendNotifier } from './append-notifier';

/** Without listen(), no connection is made: these cover the waiting logic alone. */
describe('AppendNotifier.wait', () => {
  const notifier = new AppendNotifier({ host: '127.0.0.1', port: 1 }, 'unused');
  afterAll(() => notifier.close());

  it('returns at once when a notification arrived since the version was read', async () => {
    const seen = notifier.version - 1;
    await expect(notifier.wait(seen, 60_000, new AbortController().signal)).resolves.toBeUndefined();
  });

  it('sleeps until the fallback timeout', async () => {
    const started = Date.now();
    await notifier.wait(notifier.version, 50, new AbortController().signal);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('ends the sleep when the subscription is closed', async () => {
    const abort = new AbortController();
    const waiting = notifier.wait(notifier.version, 60_000, abort.signal);
    abort.abort();
    await expect(waiting).resolves.toBeUndefined();
  });
});
