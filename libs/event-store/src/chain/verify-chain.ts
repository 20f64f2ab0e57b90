import type { RecordedEvent } from '@orch/application';
import { eventDigest, linkHash, readChain } from './chain-hash';

export type ChainProblem = 'missing-chain' | 'content-altered' | 'revision-gap' | 'prev-mismatch' | 'hash-mismatch';

/** The first place a stream's chain does not hold: which event, what the chain expected, what was found. */
export interface BrokenLink {
  readonly streamName: string;
  readonly revision: number;
  readonly eventId: string;
  readonly position: number;
  readonly problem: ChainProblem;
  readonly expected: string | null;
  readonly found: string | null;
}

export type VerifiableEvent = Pick<RecordedEvent, 'id' | 'type' | 'data' | 'metadata' | 'streamName' | 'revision' | 'position'>;

export interface StreamHead {
  readonly revision: number;
  readonly hash: string;
}

/**
 * Checks events one at a time, in each stream's order (the global log or one stream, page by page);
 * it keeps only the head of every stream seen, so memory grows with streams, not with events.
 * A stream first seen past revision 0 (truncated, or a filtered read) is anchored at that event's prev.
 */
export class ChainVerifier {
  private readonly heads = new Map<string, StreamHead>();
  private checkedCount = 0;
  private brokenCount = 0;
  private first: BrokenLink | undefined;
  private readonly anchoredStreams = new Set<string>();

  check(event: VerifiableEvent): BrokenLink | undefined {
    this.checkedCount += 1;
    const broken = this.inspect(event);
    if (broken) {
      this.brokenCount += 1;
      this.first ??= broken;
    }
    return broken;
  }

  get checked(): number {
    return this.checkedCount;
  }

  get broken(): number {
    return this.brokenCount;
  }

  get firstBroken(): BrokenLink | undefined {
    return this.first;
  }

  get streams(): number {
    return this.heads.size;
  }

  /** Streams whose first checked event was past revision 0: their chain is verified from there on. */
  get anchored(): readonly string[] {
    return [...this.anchoredStreams];
  }

  head(streamName: string): StreamHead | undefined {
    return this.heads.get(streamName);
  }

  private inspect(event: VerifiableEvent): BrokenLink | undefined {
    const at = { streamName: event.streamName, revision: event.revision, eventId: event.id, position: event.position };
    const chain = readChain(event.metadata);
    const head = this.heads.get(event.streamName);
    if (!chain) {
      // Nothing to continue from: the next event of this stream is judged against this gap.
      this.heads.delete(event.streamName);
      return { ...at, problem: 'missing-chain', expected: 'metadata.chain', found: null };
    }
    this.heads.set(event.streamName, { revision: event.revision, hash: chain.hash });
    const digest = eventDigest(event);
    if (digest !== chain.digest) return { ...at, problem: 'content-altered', expected: chain.digest, found: digest };
    if (head === undefined) {
      if (event.revision === 0 && chain.prev !== null) return { ...at, problem: 'prev-mismatch', expected: null, found: chain.prev };
      if (event.revision > 0) this.anchoredStreams.add(event.streamName);
    } else {
      if (event.revision !== head.revision + 1) {
        return { ...at, problem: 'revision-gap', expected: String(head.revision + 1), found: String(event.revision) };
      }
      if (chain.prev !== head.hash) return { ...at, problem: 'prev-mismatch', expected: head.hash, found: chain.prev };
    }
    const hash = linkHash(chain.prev, event.revision, chain.digest, event.streamName);
    if (hash !== chain.hash) return { ...at, problem: 'hash-mismatch', expected: hash, found: chain.hash };
    return undefined;
  }
}
