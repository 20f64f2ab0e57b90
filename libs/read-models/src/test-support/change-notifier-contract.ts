import type { ChangeNotifier, ProjectionChange } from '@orch/application';

/** What one adapter gives the contract: a notifier, and a way to cut its subscribers off server-side. */
export interface NotifierUnderTest {
  readonly notifier: ChangeNotifier;
  /** Drops every subscriber connection of this notifier from the server's side. */
  dropSubscribers(): Promise<void>;
  cleanup(): Promise<void>;
}

const change = (index: number, tenantId = 't'): ProjectionChange => ({ entity: 'session', id: `s-${index}`, tenantId, position: index });

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The ChangeNotifier contract (DESIGN.md §1 Live), run unchanged against every adapter. */
export function changeNotifierContract(name: string, make: () => Promise<NotifierUnderTest>): void {
  describe(`ChangeNotifier contract: ${name}`, () => {
    let subject: NotifierUnderTest;
    beforeEach(async () => {
      subject = await make();
    });
    afterEach(async () => {
      await subject.notifier.close();
      await subject.cleanup();
    });

    it('given a subscriber, when a large batch is published, then it receives every change, in order', async () => {
      const received: ProjectionChange[] = [];
      await subject.notifier.subscribe((changes) => received.push(...changes));
      const changes = Array.from({ length: 1_000 }, (_, index) => change(index));
      await subject.notifier.publish(changes);
      await until(() => received.length >= changes.length);
      expect(received).toEqual(changes);
    });

    it('given two subscribers, when changes are published, then both receive them (one per API node)', async () => {
      const first: ProjectionChange[] = [];
      const second: ProjectionChange[] = [];
      await subject.notifier.subscribe((changes) => first.push(...changes));
      await subject.notifier.subscribe((changes) => second.push(...changes));
      await subject.notifier.publish([change(1, 'a'), change(2, 'b')]);
      await until(() => first.length === 2 && second.length === 2);
      expect(second).toEqual(first);
    });

    it('given a closed subscription, when changes are published, then it receives nothing more', async () => {
      const closed: ProjectionChange[] = [];
      const open: ProjectionChange[] = [];
      const subscription = await subject.notifier.subscribe((changes) => closed.push(...changes));
      await subject.notifier.subscribe((changes) => open.push(...changes));
      await subscription.close();
      await subject.notifier.publish([change(7)]);
      await until(() => open.length === 1);
      expect(closed).toEqual([]);
    });

    it('given the server drops the subscriber connection, when changes are published again, then they arrive', async () => {
      const received: ProjectionChange[] = [];
      await subject.notifier.subscribe((changes) => received.push(...changes));
      await subject.dropSubscribers();
      await until(() => {
        void subject.notifier.publish([change(1)]).catch(() => undefined);
        return received.length > 0;
      }, 15_000);
      expect(received[0]).toEqual(change(1));
    });
  });
}
