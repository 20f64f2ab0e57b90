import type { EventStore, GlobalPosition } from '@orch/application';
import { ChainVerifier, type BrokenLink, type StreamHead } from './verify-chain';

export interface VerifyStoreOptions {
  /**
   * Only events of this tenant (the global log filtered by tenant; a stream of another tenant reads as
   * empty). Absent: every tenant — for operators with direct access to the store only (the CLI).
   */
  readonly tenantId?: string;
  /** One stream instead of the tenant's whole log. */
  readonly streamName?: string;
  /** Events per read; memory holds one page plus the head of every stream seen. */
  readonly pageSize?: number;
  /** Called after every page (progress for long logs). */
  readonly onPage?: (checked: number) => void;
}

export interface ChainReport {
  readonly ok: boolean;
  /** Events recomputed. */
  readonly checked: number;
  readonly streams: number;
  /** Broken links found (the first is named; later ones may follow from it). */
  readonly broken: number;
  readonly firstBroken: BrokenLink | null;
  /** Streams verified from a first event past revision 0 (truncated): checked from there on. */
  readonly anchored: readonly string[];
  /** Global position of the last event checked; null when there was none. */
  readonly lastPosition: GlobalPosition | null;
  /** With a stream filter: its last revision and hash, to compare with an exported bundle's manifest. */
  readonly head?: StreamHead | null;
}

/** Recomputes the hash chain over a tenant's log (or one stream of it), page by page. */
export async function verifyStoredChain(store: EventStore, options: VerifyStoreOptions): Promise<ChainReport> {
  const verifier = new ChainVerifier();
  const pageSize = options.pageSize ?? 500;
  let lastPosition: GlobalPosition | null = null;
  if (options.streamName !== undefined) {
    for (let from = 0; ; ) {
      const page = await store.readStream(options.streamName, { fromRevision: from, maxCount: pageSize });
      for (const event of page) {
        if (options.tenantId !== undefined && event.metadata.tenantId !== options.tenantId) return report(new ChainVerifier(), null, options.streamName);
        verifier.check(event);
        lastPosition = event.position;
      }
      options.onPage?.(verifier.checked);
      const last = page.at(-1);
      if (page.length < pageSize || last === undefined) break;
      from = last.revision + 1;
    }
    return report(verifier, lastPosition, options.streamName);
  }
  let fromPosition: GlobalPosition | undefined;
  for (;;) {
    const page = await store.readAll({ ...(fromPosition === undefined ? {} : { fromPosition }), maxCount: pageSize, ...(options.tenantId === undefined ? {} : { filter: { tenantId: options.tenantId } }) });
    for (const event of page.events) {
      verifier.check(event);
      lastPosition = event.position;
    }
    options.onPage?.(verifier.checked);
    if (page.isEnd || page.lastPosition === undefined) break;
    fromPosition = page.lastPosition;
  }
  return report(verifier, lastPosition);
}

function report(verifier: ChainVerifier, lastPosition: GlobalPosition | null, streamName?: string): ChainReport {
  return {
    ...(streamName === undefined ? {} : { head: verifier.head(streamName) ?? null }),
    ok: verifier.broken === 0,
    checked: verifier.checked,
    streams: verifier.streams,
    broken: verifier.broken,
    firstBroken: verifier.firstBroken ?? null,
    anchored: verifier.anchored,
    lastPosition,
  };
}
