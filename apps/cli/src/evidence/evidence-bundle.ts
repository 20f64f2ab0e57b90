import { canonicalJson, ChainVerifier, readChain, sha256Hex, type BrokenLink, type VerifiableEvent } from '@orch/event-store';

/**
 * An evidence bundle (docs/evidence-bundle.md): one JSON file holding a session's events with their
 * hash chain, its checkpoints, its tasks and their diffs, and a manifest of hashes over all of it.
 * Verified offline: the manifest's own hash, each section's hash and count, and every stream's chain
 * from revision 0 to the head the manifest names.
 */
export const BUNDLE_FORMAT = 'orch-evidence-bundle';
export const BUNDLE_VERSION = 1;

export interface BundleEvent extends VerifiableEvent {
  readonly recordedAt: string;
}

export interface BundleDiff {
  readonly taskId: string;
  /** The api's TaskDiff, or null when the task has no finished work (then `unavailable` says why). */
  readonly diff: unknown;
  readonly unavailable?: string;
}

export interface BundleSections {
  readonly events: readonly BundleEvent[];
  readonly checkpoints: readonly { readonly sequence: number }[];
  readonly tasks: readonly { readonly id: string }[];
  readonly diffs: readonly BundleDiff[];
}

export interface StreamEntry {
  readonly streamName: string;
  readonly events: number;
  readonly lastRevision: number;
  readonly headHash: string;
}

export interface SectionEntry {
  readonly count: number;
  readonly sha256: string;
}

export interface BundleManifest {
  readonly format: typeof BUNDLE_FORMAT;
  readonly version: typeof BUNDLE_VERSION;
  readonly sessionId: string;
  readonly exportedAt: string;
  readonly source: string;
  readonly chain: string;
  readonly streams: readonly StreamEntry[];
  readonly sections: Readonly<Record<keyof BundleSections, SectionEntry>>;
}

export interface EvidenceBundle extends BundleSections {
  readonly manifest: BundleManifest;
  /** sha256 of the canonical JSON of the manifest. */
  readonly manifestSha256: string;
}

const CHAIN_ALGORITHM =
  "sha256: digest = sha256(canonical({id,type,data,metadata without chain})); hash = sha256(prev + '\\n' + revision + '\\n' + digest + '\\n' + streamName)";

const SECTIONS = ['events', 'checkpoints', 'tasks', 'diffs'] as const;

export function buildBundle(sessionId: string, source: string, sections: BundleSections, now: Date): EvidenceBundle {
  const events = [...sections.events].sort((a, b) => a.streamName.localeCompare(b.streamName) || a.revision - b.revision);
  const ordered: BundleSections = { ...sections, events };
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    sessionId,
    exportedAt: now.toISOString(),
    source,
    chain: CHAIN_ALGORITHM,
    streams: streamEntries(events),
    sections: sectionEntries(ordered),
  };
  return { manifest, manifestSha256: sha256Hex(canonicalJson(manifest)), ...ordered };
}

function streamEntries(events: readonly BundleEvent[]): StreamEntry[] {
  const byStream = new Map<string, BundleEvent[]>();
  for (const event of events) byStream.set(event.streamName, [...(byStream.get(event.streamName) ?? []), event]);
  return [...byStream].map(([streamName, list]) => {
    const last = list[list.length - 1] as BundleEvent;
    return { streamName, events: list.length, lastRevision: last.revision, headHash: readChain(last.metadata)?.hash ?? '' };
  });
}

function sectionEntries(sections: BundleSections): Record<keyof BundleSections, SectionEntry> {
  const entries = SECTIONS.map((name) => [name, { count: sections[name].length, sha256: sha256Hex(canonicalJson(sections[name])) }] as const);
  return Object.fromEntries(entries) as Record<keyof BundleSections, SectionEntry>;
}

export interface BundleVerdict {
  readonly ok: boolean;
  readonly problems: readonly string[];
  readonly checkedEvents: number;
  readonly firstBroken: BrokenLink | null;
}

/** Everything a bundle claims, checked from the file alone. */
export function verifyBundle(input: unknown): BundleVerdict {
  const problems: string[] = [];
  const bundle = input as Partial<EvidenceBundle> | null;
  if (bundle === null || typeof bundle !== 'object' || typeof bundle.manifest !== 'object' || bundle.manifest === null) {
    return { ok: false, problems: ['not an evidence bundle: no manifest'], checkedEvents: 0, firstBroken: null };
  }
  const manifest = bundle.manifest;
  if (manifest.format !== BUNDLE_FORMAT || manifest.version !== BUNDLE_VERSION) problems.push(`unknown format ${String(manifest.format)} v${String(manifest.version)}`);
  const manifestHash = sha256Hex(canonicalJson(manifest));
  if (manifestHash !== bundle.manifestSha256) problems.push(`manifest hash: expected ${String(bundle.manifestSha256)}, found ${manifestHash}`);
  for (const name of SECTIONS) {
    const section = bundle[name];
    const claimed = manifest.sections?.[name];
    if (!Array.isArray(section) || claimed === undefined) {
      problems.push(`section ${name}: missing`);
      continue;
    }
    const hash = sha256Hex(canonicalJson(section));
    if (section.length !== claimed.count) problems.push(`section ${name}: manifest counts ${claimed.count}, the file holds ${section.length}`);
    if (hash !== claimed.sha256) problems.push(`section ${name}: expected sha256 ${claimed.sha256}, found ${hash}`);
  }
  const events = Array.isArray(bundle.events) ? bundle.events : [];
  const verifier = new ChainVerifier();
  for (const event of events) verifier.check(event);
  const broken = verifier.firstBroken;
  if (broken) problems.push(`chain: ${broken.streamName}@${broken.revision} event ${broken.eventId}: ${broken.problem} (expected ${broken.expected ?? 'null'}, found ${broken.found ?? 'null'})`);
  for (const anchored of verifier.anchored) problems.push(`chain: ${anchored} does not start at revision 0 (incomplete stream)`);
  problems.push(...headProblems(manifest.streams ?? [], verifier));
  problems.push(...checkpointProblems(bundle.checkpoints ?? [], events));
  return { ok: problems.length === 0, problems, checkedEvents: verifier.checked, firstBroken: broken ?? null };
}

function headProblems(streams: readonly StreamEntry[], verifier: ChainVerifier): string[] {
  const problems: string[] = [];
  for (const entry of streams) {
    const head = verifier.head(entry.streamName);
    if (!head) problems.push(`stream ${entry.streamName}: in the manifest, no events in the file`);
    else if (head.revision !== entry.lastRevision || head.hash !== entry.headHash) {
      problems.push(`stream ${entry.streamName}: manifest head ${entry.lastRevision}/${entry.headHash}, the chain ends at ${head.revision}/${head.hash}`);
    }
  }
  if (streams.length !== verifier.streams) problems.push(`streams: manifest lists ${streams.length}, the file holds ${verifier.streams}`);
  return problems;
}

/** Each checkpoint must be one the chain recorded (a CheckpointRecorded event with its sequence). */
function checkpointProblems(checkpoints: readonly { readonly sequence: number }[], events: readonly BundleEvent[]): string[] {
  const recorded = new Set(events.filter((event) => event.type === 'CheckpointRecorded').map((event) => event.data['sequence']));
  return checkpoints.filter((checkpoint) => !recorded.has(checkpoint.sequence)).map((checkpoint) => `checkpoint ${checkpoint.sequence}: no CheckpointRecorded event in the chain`);
}
