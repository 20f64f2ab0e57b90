import type { ChangeNotifier, ProjectionChange } from '@orch/application';

/**
 * What one adapter gives the contract: a notifier, a second one on the same channel (another api
 * node: what reaches it went through the server), and a way to cut subscribers off server-side.
 */
export interface NotifierUnderTest {
  readonly notifier: ChangeNotifier;
  readonly peer: ChangeNotifier;
  /** Drops every subscriber connection on the channel from the server's side. */
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
      await subject.peer.close();
      await subject.cleanup();
    });

    it('given a subscriber on another node, when a large batch is published, then it receives every change, in order', async () => {
      const received: ProjectionChange[] = [];
      await subject.peer.subscribe((changes) => received.push(...changes));
      const changes = Array.from({ length: 1_000 }, (_, index) => change(index));
      await subject.notifier.publish(changes);
      await until(() => received.length >= changes.length);
      expect(received).toEqual(changes);
    });

    it('given two subscribers on another node, when changes are published, then both receive them', async () => {
      const first: ProjectionChange[] = [];
      const second: ProjectionChange[] = [];
      await subject.peer.subscribe((changes) => first.push(...changes));
      await subject.peer.subscribe((changes) => second.push(...changes));
      await subject.notifier.publish([change(1, 'a'), change(2, 'b')]);
      await until(() => first.length === 2 && second.length === 2);
      expect(second).toEqual(first);
    });

    it('given a closed subscription, when changes are published, then it receives nothing more', async () => {
      const closed: ProjectionChange[] = [];
      const open: ProjectionChange[] = [];
      const subscription = await subject.peer.subscribe((changes) => closed.push(...changes));
      await subject.peer.subscribe((changes) => open.push(...changes));
      const local = await subject.notifier.subscribe((changes) => closed.push(...changes));
      await subscription.close();
      await local.close();
      await subject.notifier.publish([change(7)]);
      await until(() => open.length === 1);
      expect(closed).toEqual([]);
    });

    it('given a subscriber on the publishing node, when changes are published, then it has them when publish resolves, once (the server\'s copy is dropped)', async () => {
      const local: ProjectionChange[] = [];
      const remote: ProjectionChange[] = [];
      await subject.notifier.subscribe((changes) => local.push(...changes));
      await subject.peer.subscribe((changes) => remote.push(...changes));
      const changes = Array.from({ length: 600 }, (_, index) => change(index));
      await subject.notifier.publish(changes);
      expect(local).toEqual(changes);
      await until(() => remote.length >= changes.length);
      await subject.peer.publish([change(9_999)]);
      await until(() => local.length > changes.length);
      expect(local).toEqual([...changes, change(9_999)]);
    });

    it('given a subscriber on the publishing node that throws, when changes are published, then publish resolves and other subscribers still get them', async () => {
      const received: ProjectionChange[] = [];
      await subject.notifier.subscribe(() => {
        throw new Error('a failing subscriber');
      });
      await subject.peer.subscribe((changes) => received.push(...changes));
      await expect(subject.notifier.publish([change(3)])).resolves.toBeUndefined();
      await until(() => received.length === 1);
    });

    it('given the server drops the subscriber connection, when changes are published again, then they arrive', async () => {
      const received: ProjectionChange[] = [];
      await subject.peer.subscribe((changes) => received.push(...changes));
      await subject.dropSubscribers();
      await until(() => {
        void subject.notifier.publish([change(1)]).catch(() => undefined);
        return received.length > 0;
      }, 15_000);
      expect(received[0]).toEqual(change(1));
    });
  });
}
