import { PassThrough } from 'node:stream';
import { StreamDeletedError as EsdbStreamDeletedError } from '@eventstore/db-client';
import { convertGrpcEvent, createUUID } from '@eventstore/db-client/dist/utils';
import { Subscription as ClientSubscription } from '@eventstore/db-client/dist/streams/utils/Subscription';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { StreamIdentifier } from '@eventstore/db-client/generated/shared_pb';
import { StreamDeletedError, type SubscriptionItem } from '@orch/application';
import { toPortError } from './esdb-errors';
import { toRecordedEvent } from './esdb-recorded-event';
import { CaughtUpSequencer, toPortSubscription } from './esdb-subscription';

/*
 * The client's own Subscription class, fed real ReadResp messages through a stand-in for the gRPC call:
 * what is tested is how THIS client version surfaces `caughtUp`, not a model of it.
 */
const TICKS_PER_MS = 10_000n;
let uuidSeed = 0;

function eventResp(streamName: string, revision: number, position: number, type = 'SessionStarted'): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(createUUID(`00000000-0000-4000-8000-${String(++uuidSeed).padStart(12, '0')}`));
  recorded.setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(streamName)));
  recorded.setStreamRevision(String(revision));
  recorded.setCommitPosition(String(position));
  recorded.setPreparePosition(String(position));
  recorded.getMetadataMap().set('type', type).set('content-type', 'application/json');
  recorded.getMetadataMap().set('created', String(BigInt(Date.UTC(2026, 0, 1)) * TICKS_PER_MS));
  recorded.setData(Buffer.from(JSON.stringify({ n: revision })));
  recorded.setCustomMetadata(Buffer.from(JSON.stringify({ actor: 'user:1', tenantId: 't', correlationId: 'c', schemaVersion: 1 })));
  return new ReadResp().setEvent(new ReadResp.ReadEvent().setEvent(recorded));
}
const caughtUpResp = () => new ReadResp().setCaughtUp(new ReadResp.CaughtUp());
const fellBehindResp = () => new ReadResp().setFellBehind(new ReadResp.FellBehind());

function harness(options: { highWaterMark?: number; startPosition?: number } = {}) {
  const grpc = Object.assign(new PassThrough({ objectMode: true }), { cancel: jest.fn() });
  const source = new ClientSubscription(async () => grpc as never, convertGrpcEvent, {});
  const subscription = toPortSubscription(source, {
    toEvent: toRecordedEvent,
    toError: (error) => toPortError(error, 'session-1'),
    ...options,
  });
  return { grpc, source, subscription, send: (...resps: ReadResp[]) => resps.forEach((resp) => grpc.write(resp)) };
}

const describeItem = (item: SubscriptionItem) =>
  item.kind === 'event' ? `${item.event.streamName}@${item.event.revision}:${item.event.position}` : `caughtUp:${item.position}`;

async function take(subscription: AsyncIterable<SubscriptionItem>, count: number): Promise<string[]> {
  const items: string[] = [];
  for await (const item of subscription) {
    items.push(describeItem(item));
    if (items.length === count) break;
  }
  return items;
}

describe('catch-up subscription over the client Subscription', () => {
  it('yields history, one caughtUp at the last delivered position, then live events', async () => {
    const { subscription, send } = harness();
    send(eventResp('session-1', 0, 100), eventResp('session-1', 1, 200), caughtUpResp(), eventResp('session-1', 2, 300));
    expect(await take(subscription, 4)).toEqual(['session-1@0:100', 'session-1@1:200', 'caughtUp:200', 'session-1@2:300']);
  });

  it('keeps caughtUp behind events still buffered when the client signalled it (slow consumer)', async () => {
    const { source, subscription, send } = harness({ highWaterMark: 2 });
    send(...[0, 1, 2, 3, 4, 5].map((revision) => eventResp('session-1', revision, (revision + 1) * 10)), caughtUpResp());
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.readableLength).toBeGreaterThan(0); // the case this guards: signal ahead of buffered events
    send(eventResp('session-1', 6, 70));
    const items = await take(subscription, 8);
    expect(items.slice(5)).toEqual(['session-1@5:60', 'caughtUp:60', 'session-1@6:70']);
  });

  it('reports the start position when nothing was delivered, and only the first caughtUp', async () => {
    const { subscription, send } = harness({ startPosition: 42 });
    send(caughtUpResp(), fellBehindResp(), eventResp('session-1', 0, 50), caughtUpResp(), eventResp('session-1', 1, 60));
    expect(await take(subscription, 3)).toEqual(['caughtUp:42', 'session-1@0:50', 'session-1@1:60']);
  });

  it('skips system events without counting them as delivered', async () => {
    const { subscription, send } = harness();
    send(eventResp('session-1', 0, 10), eventResp('session-1', 1, 20, '$metadata'), caughtUpResp());
    expect(await take(subscription, 2)).toEqual(['session-1@0:10', 'caughtUp:10']);
  });

  it('delivers what came before a failure, then throws the mapped error', async () => {
    const { grpc, subscription, send } = harness();
    send(eventResp('session-1', 0, 10));
    setImmediate(() => grpc.emit('error', EsdbStreamDeletedError.fromStreamName('session-1')));
    const iterator = subscription[Symbol.asyncIterator]();
    expect(describeItem((await iterator.next()).value)).toBe('session-1@0:10');
    await expect(iterator.next()).rejects.toBeInstanceOf(StreamDeletedError);
  });

  it('close() ends a waiting consumer and cancels the call', async () => {
    const { grpc, subscription } = harness();
    const pending = subscription[Symbol.asyncIterator]().next();
    await subscription.close();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(grpc.cancel).toHaveBeenCalled();
  });

  it('breaking out of for-await closes the subscription', async () => {
    const { grpc, subscription, send } = harness();
    send(eventResp('session-1', 0, 10), eventResp('session-1', 1, 20));
    expect(await take(subscription, 1)).toEqual(['session-1@0:10']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(grpc.cancel).toHaveBeenCalled();
  });
});

describe('CaughtUpSequencer', () => {
  it('signals at once when nothing is buffered', () => {
    expect(new CaughtUpSequencer().onCaughtUp(0)).toBe(true);
  });

  it('signals after the buffered events, once', () => {
    const sequencer = new CaughtUpSequencer();
    expect(sequencer.onCaughtUp(2)).toBe(false);
    expect(sequencer.onEvent()).toBe(false);
    expect(sequencer.onEvent()).toBe(true);
    expect(sequencer.onEvent()).toBe(false);
    expect(sequencer.onCaughtUp(0)).toBe(false);
  });

  it('ignores a second signal while the first is pending', () => {
    const sequencer = new CaughtUpSequencer();
    sequencer.onCaughtUp(1);
    expect(sequencer.onCaughtUp(0)).toBe(false);
    expect(sequencer.onEvent()).toBe(true);
  });
});
