import { createHash } from 'node:crypto';
import type { EventMetadata } from '@orch/application';
import { canonicalJson } from './canonical-json';

/**
 * The tamper-evidence chain each event carries in `metadata.chain` (DESIGN.md §7, docs/evidence-bundle.md):
 *
 *   digest = sha256(canonicalJson({ id, type, data, metadata: metadata without `chain` }))
 *   hash   = sha256(`${prev ?? ''}\n${revision}\n${digest}\n${streamName}`)
 *
 * `prev` is the hash of the stream's previous event (null at its first). The digest covers the event's
 * content; the link binds it to its place (stream and revision) and to everything before it.
 */
export interface EventChain {
  readonly digest: string;
  readonly prev: string | null;
  readonly hash: string;
}

export interface ChainableEvent {
  readonly id: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: EventMetadata;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function withoutChain(metadata: EventMetadata): EventMetadata {
  if (!('chain' in metadata)) return metadata;
  const { chain: _chain, ...rest } = metadata;
  return rest as EventMetadata;
}

export function eventDigest(event: ChainableEvent): string {
  return sha256Hex(canonicalJson({ id: event.id, type: event.type, data: event.data, metadata: withoutChain(event.metadata) }));
}

export function linkHash(prev: string | null, revision: number, digest: string, streamName: string): string {
  return sha256Hex(`${prev ?? ''}\n${revision}\n${digest}\n${streamName}`);
}

/** The chain as stored, or undefined when the metadata holds none (or a malformed one). */
export function readChain(metadata: EventMetadata): EventChain | undefined {
  const chain = metadata['chain'];
  if (chain === null || typeof chain !== 'object') return undefined;
  const { digest, prev, hash } = chain as Record<string, unknown>;
  if (typeof digest !== 'string' || typeof hash !== 'string' || (prev !== null && typeof prev !== 'string')) return undefined;
  return { digest, prev, hash };
}

/** Events sealed in order after `prev` at `firstRevision` (the EventStoreDB adapter seals in Node). */
export function sealEvents<E extends ChainableEvent>(events: readonly E[], streamName: string, firstRevision: number, prev: string | null): E[] {
  let previous = prev;
  return events.map((event, index) => {
    const digest = eventDigest(event);
    const hash = linkHash(previous, firstRevision + index, digest, streamName);
    const chain: EventChain = { digest, prev: previous, hash };
    previous = hash;
    return { ...event, metadata: { ...withoutChain(event.metadata), chain } };
  });
}

/** Events carrying only their digest: the PostgreSQL append function links them under the stream lock. */
export function withDigests<E extends ChainableEvent>(events: readonly E[]): E[] {
  return events.map((event) => ({ ...event, metadata: { ...withoutChain(event.metadata), chain: { digest: eventDigest(event) } } }));
}
