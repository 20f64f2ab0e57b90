import type { SessionStateView } from '@orch/contracts';
import { RawJson } from '../../ui/RawJson';

/**
 * The replay scrubber: any revision of the session's stream, 0..latest; `at` null is live. While
 * replaying, the context as of that event is one click away.
 */
export function ReplayScrubber({
  at,
  latestRevision,
  replay,
  latest,
  onChange,
}: {
  readonly at: number | null;
  readonly latestRevision: number;
  readonly replay: SessionStateView | undefined;
  readonly latest: SessionStateView | undefined;
  readonly onChange: (at: number | null) => void;
}) {
  return (
    <section className="panel">
      <header>
        <h2>Replay</h2>
        <span className="spacer" />
        {at !== null && (
          <button type="button" onClick={() => onChange(null)}>
            back to live
          </button>
        )}
        <RawJson value={replay ?? latest} label="state" />
      </header>
      <div className="scrubber">
        <span className="muted">#0</span>
        <input
          type="range"
          min={0}
          max={latestRevision}
          value={at ?? latestRevision}
          aria-label="replay revision"
          data-testid="scrubber"
          onChange={(e) => onChange(Number(e.target.value) === latestRevision && at === null ? null : Number(e.target.value))}
        />
        <span className="muted">#{latestRevision}</span>
        <span data-testid="scrubber-position">{at === null ? 'live' : `#${at}`}</span>
      </div>
      {at !== null && replay?.context && <RawJson value={replay.context} label={`context as of #${replay.revision}`} />}
    </section>
  );
}
