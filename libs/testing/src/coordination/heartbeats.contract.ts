import { randomUUID } from 'node:crypto';
import type { Heartbeats } from '@orch/application';
import type { HeartbeatsContractOptions, HeartbeatsUnderTest } from './harness';

/**
 * The one Heartbeats contract (DOMAIN.md §4.3: a key per agent that lives a TTL after each beat),
 * run unchanged against every adapter. Time passes through `elapse`, in fractions of the adapter's
 * TTL (`options.ttlMs`), with wide margins either side of the expiry.
 */
export function heartbeatsContract(name: string, make: () => Promise<HeartbeatsUnderTest>, options: HeartbeatsContractOptions): void {
  describe(`heartbeats contract: ${name}`, () => {
    let current: HeartbeatsUnderTest | undefined;
    const subject = (): HeartbeatsUnderTest => {
      if (!current) throw new Error('the heartbeats were not made (see the beforeEach error)');
      return current;
    };
    const heartbeats = (): Heartbeats => subject().heartbeats;
    /** 60% of the TTL: one step leaves an entry live, two let it lapse. */
    const step = () => subject().elapse(Math.round(options.ttlMs * 0.6));
    const agentId = () => randomUUID();
    const at = (offsetMs = 0) => new Date(Date.parse('2026-03-01T12:00:00.000Z') + offsetMs).toISOString();

    beforeEach(async () => {
      current = await make();
    });
    afterEach(async () => {
      await current?.dispose();
      current = undefined;
    });
    jest.setTimeout(options.testTimeoutMs ?? 20_000);

    it('given an agent that never beat, when asked, then it was never seen and is not live', async () => {
      const id = agentId();
      expect(await heartbeats().lastSeen(id)).toBeUndefined();
      expect(await heartbeats().liveAmong([id])).toEqual(new Map());
    });

    it('given beats, when asked, then the latest time seen is answered, by lastSeen and by liveAmong', async () => {
      const id = agentId();
      await heartbeats().beat(id, at());
      expect(await heartbeats().lastSeen(id)).toBe(at());
      await heartbeats().beat(id, at(30_000));
      expect(await heartbeats().lastSeen(id)).toBe(at(30_000));
      expect(await heartbeats().liveAmong([id])).toEqual(new Map([[id, at(30_000)]]));
    });

    it('given a beat, when less than the TTL passes, then it is live; when the TTL has passed, then it lapsed', async () => {
      const id = agentId();
      await heartbeats().beat(id, at());
      await step();
      expect(await heartbeats().lastSeen(id)).toBe(at());
      await step();
      expect(await heartbeats().lastSeen(id)).toBeUndefined();
      expect(await heartbeats().liveAmong([id])).toEqual(new Map());
    });

    it('given a beat carrying an old time, when asked at once, then it is live: the TTL runs from the beat, not from its time', async () => {
      const id = agentId();
      const longAgo = new Date(Date.now() - 10 * options.ttlMs).toISOString();
      await heartbeats().beat(id, longAgo);
      expect(await heartbeats().lastSeen(id)).toBe(longAgo);
    });

    it('given an agent beating before its entry lapses, when its first TTL has passed, then it is still live', async () => {
      const id = agentId();
      await heartbeats().beat(id, at());
      await step();
      await heartbeats().beat(id, at(1));
      await step();
      expect(await heartbeats().lastSeen(id)).toBe(at(1));
    });

    it('given a live, a lapsed and an unknown agent, when liveAmong asks for them (with repeats), then only the live one, with its time', async () => {
      const [live, lapsed, unknown] = [agentId(), agentId(), agentId()];
      await heartbeats().beat(lapsed, at());
      await step();
      await heartbeats().beat(live, at(5));
      await step();
      expect(await heartbeats().liveAmong([live, lapsed, unknown, live])).toEqual(new Map([[live, at(5)]]));
      expect(await heartbeats().liveAmong([])).toEqual(new Map());
    });
  });
}
