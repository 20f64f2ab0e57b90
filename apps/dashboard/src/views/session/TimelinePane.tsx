import type { TimelineEntry } from '@orch/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { useAccess } from '../../app/access';
import { Timeline } from './Timeline';

/** The virtualised timeline with its count; clicking an event replays to it. */
export function TimelinePane({ id, selectedRevision, onSelect }: { readonly id: string; readonly selectedRevision: number | null; readonly onSelect: (revision: number) => void }) {
  const timeline = useTimeline(id);
  return (
    <section className="panel">
      <header>
        <h2>Timeline</h2>
        <span className="muted" data-testid="timeline-count">
          {timeline.entries.length} events{timeline.loading ? ' (loading…)' : ''}
        </span>
        <span className="spacer" />
        <span className="muted">click an event to replay to it</span>
      </header>
      <Timeline entries={timeline.entries} selectedRevision={selectedRevision} onSelect={onSelect} onFirstRender={timeline.onFirstRender} />
    </section>
  );
}

/** Loads every page of the timeline (500 a page) and marks how long the first rows and the whole took. */
function useTimeline(id: string) {
  const { queries } = useAccess();
  const query = useInfiniteQuery(queries.timeline(id));
  const started = useRef(performance.now());
  const entries = useMemo<TimelineEntry[]>(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const complete = query.isSuccess && !hasNextPage;
  const marked = useRef(false);
  useEffect(() => {
    if (complete && !marked.current && entries.length > 0) {
      marked.current = true;
      requestAnimationFrame(() => {
        performance.measure('orch:timeline-complete', { start: started.current, end: performance.now(), detail: { count: entries.length } });
      });
    }
  }, [complete, entries.length]);
  const onFirstRender = (count: number) => {
    performance.measure('orch:timeline-first-render', { start: started.current, end: performance.now(), detail: { count } });
  };
  return { entries, loading: !complete, onFirstRender };
}
