import type { TimelineEntry } from '@orch/contracts';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { time } from '../../ui/format';

const ROW = 22;

/**
 * The session's events, oldest first, virtualised: only the rows in view are in the DOM, so
 * 10,000 events scroll as smoothly as 10. Clicking an event moves the replay scrubber there.
 */
export function Timeline({
  entries,
  selectedRevision,
  onSelect,
  onFirstRender,
}: {
  readonly entries: readonly TimelineEntry[];
  readonly selectedRevision: number | null;
  readonly onSelect: (revision: number) => void;
  readonly onFirstRender?: (count: number) => void;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: entries.length, getScrollElement: () => parent.current, estimateSize: () => ROW, overscan: 20 });
  const items = virtualizer.getVirtualItems();
  const reported = useRef(false);
  useEffect(() => {
    if (!reported.current && items.length > 0) {
      reported.current = true;
      onFirstRender?.(entries.length);
    }
  });
  return (
    <div ref={parent} className="timeline" data-testid="timeline" data-count={entries.length}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((row) => {
          const entry = entries[row.index] as TimelineEntry;
          return (
            <div
              key={entry.position}
              className={`item${selectedRevision === entry.revision ? ' at' : ''}`}
              style={{ top: row.start, height: ROW }}
              data-revision={entry.revision}
              onClick={() => onSelect(entry.revision)}
              title={`position ${entry.position} · ${entry.actor}`}
            >
              <span className="muted">#{entry.revision}</span>
              <span className="muted">{time(entry.at).slice(0, 8)}</span>
              <span>{entry.type}</span>
              <span className="muted">{entry.taskId ?? ''}</span>
              <span className="muted" style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {entry.summary}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
