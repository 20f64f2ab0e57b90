import type { LiveConnection, OrchClient } from '@orch/client';
import { sessionKeys, sessionRoom, type ChangeMessage, type EventMessage, type PositionPage, type TimelineEntry } from '@orch/contracts';
import { useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { TIMELINE_PAGE } from '../api/query-options';
import { cacheEffect, isExactKey } from './change-keys';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'refused';

interface LiveContextValue {
  readonly state: ConnectionState;
  readonly lastPosition: number | null;
  readonly reconnects: number;
  readonly connection: LiveConnection | null;
  /** Events per minute over the last minute, from the `events` room. */
  readonly eventsPerMinute: number;
}

const LiveContext = createContext<LiveContextValue>({ state: 'connecting', lastPosition: null, reconnects: 0, connection: null, eventsPerMinute: 0 });

export const useLive = () => useContext(LiveContext);

/**
 * The socket layer: one live connection per signed-in key, subscribed to the sessions and agents
 * rooms (and a session's room while its detail is open). Each change invalidates the keys it
 * covers; after a reconnect the client subscribes again from the last position (catch-up), and
 * everything not covered by a catch-up is refetched.
 */
export function LiveProvider({ orch, children }: { readonly orch: OrchClient; readonly children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<ConnectionState>('connecting');
  const [lastPosition, setLastPosition] = useState<number | null>(null);
  const [reconnects, setReconnects] = useState(0);
  const [connection, setConnection] = useState<LiveConnection | null>(null);
  const [eventsPerMinute, setEventsPerMinute] = useState(0);
  const recent = useRef<number[]>([]);

  useEffect(() => {
    const live = orch.live({ onError: (error) => ('status' in error && error.status === 401 ? setState('refused') : undefined) });
    let everConnected = false;
    const onChange = (message: ChangeMessage) => {
      setLastPosition((known) => Math.max(known ?? 0, message.position));
      applyChange(queryClient, orch, message);
    };
    live.socket.on('connect', () => {
      setState('live');
      if (everConnected) {
        setReconnects((n) => n + 1);
        // Catch-up covers the subscribed rooms; refetch the rest (event log, audit, webhooks, health).
        void queryClient.invalidateQueries({ predicate: (query) => !(query.queryKey[3] === 'timeline') });
      }
      everConnected = true;
    });
    live.socket.on('disconnect', () => setState('reconnecting'));
    live.socket.io.on('reconnect_attempt', () => setState('reconnecting'));
    live.subscribe('sessions', onChange);
    live.subscribe('agents', onChange);
    live.subscribe('events', (message: EventMessage) => {
      setLastPosition((known) => Math.max(known ?? 0, message.position));
      recent.current.push(Date.now());
    });
    const ticker = setInterval(() => {
      const cutoff = Date.now() - 60_000;
      recent.current = recent.current.filter((at) => at >= cutoff);
      setEventsPerMinute(recent.current.length);
    }, 1000);
    setConnection(live);
    return () => {
      clearInterval(ticker);
      live.close();
      setConnection(null);
    };
  }, [orch, queryClient]);

  const value = useMemo(() => ({ state, lastPosition, reconnects, connection, eventsPerMinute }), [state, lastPosition, reconnects, connection, eventsPerMinute]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/**
 * Subscribes to `session:<id>` while a session's detail is open. A session the read models do not
 * hold yet answers 404: subscribe again shortly (and refresh the detail) until they do.
 */
export function useSessionRoom(orch: OrchClient, sessionId: string): void {
  const { connection } = useLive();
  const queryClient = useQueryClient();
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!connection) return;
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const subscription = connection.subscribe(sessionRoom(sessionId), (message) => applyChange(queryClient, orch, message));
    void subscription.ready.then((ack) => {
      if (closed || ack.ok || ack.error.status !== 404 || attempt >= 30) return;
      retry = setTimeout(() => {
        void queryClient.invalidateQueries({ queryKey: sessionKeys.detail(sessionId) });
        setAttempt((n) => n + 1);
      }, 1000);
    });
    return () => {
      closed = true;
      if (retry) clearTimeout(retry);
      void subscription.close();
    };
  }, [connection, orch, queryClient, sessionId, attempt]);
}

function applyChange(queryClient: QueryClient, orch: OrchClient, message: ChangeMessage): void {
  const effect = cacheEffect(message);
  for (const key of effect.invalidate) void queryClient.invalidateQueries({ queryKey: key, exact: isExactKey(key) });
  for (const sessionId of effect.appendTimeline) void appendTimeline(queryClient, orch, sessionId);
}

const appending = new Map<string, Promise<void>>();

/**
 * Fetches the entries after the last one loaded and appends them as one page. A full page leaves
 * `next` set, so the view's loader fetches the rest the usual way; while the first pages are still
 * loading, the loader reaches the new entries by itself.
 */
export function appendTimeline(queryClient: QueryClient, orch: OrchClient, sessionId: string): Promise<void> {
  type Data = InfiniteData<PositionPage<TimelineEntry>, number | undefined>;
  const key = sessionKeys.timeline(sessionId, 'asc');
  const run = async () => {
    const data = queryClient.getQueryData<Data>(key);
    // Not loaded (or it failed before the session was projected): load it from the start.
    if (!data) return void (await queryClient.invalidateQueries({ queryKey: key }));
    const lastPage = data.pages[data.pages.length - 1];
    if (!lastPage || lastPage.next !== null) return;
    const after = lastPage.items.at(-1)?.position ?? data.pageParams[data.pageParams.length - 1];
    const page = await orch.query.sessionTimeline(sessionId, { limit: TIMELINE_PAGE, ...(after === undefined ? {} : { after }) });
    if (page.items.length === 0) return;
    queryClient.setQueryData<Data>(key, (current) => (current ? { pages: [...current.pages, page], pageParams: [...current.pageParams, after] } : current));
  };
  // One append at a time per session: two changes in a row must not fetch the same entries twice.
  const next = (appending.get(sessionId) ?? Promise.resolve()).then(run, run);
  appending.set(sessionId, next);
  return next;
}
