import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '@orch/application';
import { canonicalJson } from './canonical-json';
import { sealEvents } from './chain-hash';
import { ChainVerifier } from './verify-chain';

const metadata: EventMetadata = { actor: 'user:ann', tenantId: 't1', correlationId: 'c1', schemaVersion: 1 };

function recorded(streamName: string, count: number) {
  const events = Array.from({ length: count }, (_, index) => ({ id: randomUUID(), type: 'Thing', data: { index }, metadata }));
  return sealEvents(events, streamName, 0, null).map((event, revision) => ({ ...event, streamName, revision, position: revision * 10 }));
}

describe('canonicalJson', () => {
  it('given objects with keys in any order, when canonicalised, then the texts are equal and keys are sorted', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: 'x' } })).toBe(canonicalJson({ a: { c: 'x', d: [1, { e: 3, f: 2 }] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('given undefined members and -0, when canonicalised, then it matches what JSON storage would give back', () => {
    const value = { a: undefined, b: [undefined, -0], c: 'é\u0001' };
    expect(canonicalJson(value)).toBe(canonicalJson(JSON.parse(JSON.stringify(value))));
  });
});

describe('ChainVerifier', () => {
  it('given a sealed stream, when every event is checked, then nothing is broken and all are counted', () => {
    const verifier = new ChainVerifier();
    for (const event of recorded('thing-1', 5)) verifier.check(event);
    expect([verifier.checked, verifier.broken, verifier.firstBroken]).toEqual([5, 0, undefined]);
  });

  it('given one event whose data was changed, when checked, then that event is the first broken link', () => {
    const events = recorded('thing-1', 4);
    const target = events[2];
    if (!target) throw new Error('fixture');
    events[2] = { ...target, data: { index: 99 } };
    const verifier = new ChainVerifier();
    for (const event of events) verifier.check(event);
    expect(verifier.firstBroken).toMatchObject({ streamName: 'thing-1', revision: 2, eventId: target.id, problem: 'content-altered' });
  });

  it('given an event removed from the middle, when checked, then the next one is named as a revision gap', () => {
    const events = recorded('thing-1', 4);
    const verifier = new ChainVerifier();
    for (const event of [events[0], events[1], events[3]]) if (event) verifier.check(event);
    expect(verifier.firstBroken).toMatchObject({ revision: 3, problem: 'revision-gap', expected: '2', found: '3' });
  });

  it('given a whole event re-sealed by hand in place, when checked, then the link to it no longer holds', () => {
    const events = recorded('thing-1', 3);
    const original = events[1];
    if (!original) throw new Error('fixture');
    const [forged] = sealEvents([{ ...original, data: { index: 42 } }], 'thing-1', 1, null);
    events[1] = { ...original, ...forged };
    const verifier = new ChainVerifier();
    for (const event of events) verifier.check(event);
    expect(verifier.firstBroken).toMatchObject({ revision: 1, problem: 'prev-mismatch' });
  });

  it('given metadata without a chain, when checked, then it is named as missing', () => {
    const [first] = recorded('thing-1', 1);
    if (!first) throw new Error('fixture');
    const verifier = new ChainVerifier();
    verifier.check({ ...first, metadata });
    expect(verifier.firstBroken).toMatchObject({ problem: 'missing-chain', eventId: first.id });
  });
});
