import { useLive } from '../live/live-provider';

const COLOURS = { connecting: '#ffcc00', live: '#00ff88', reconnecting: '#ff8c00', refused: '#ff4444' } as const;
const GLYPHS = { connecting: '◌', live: '●', reconnecting: '↻', refused: '✖' } as const;

/** The live connection's state, always on screen. */
export function ConnectionBadge() {
  const { state, lastPosition, reconnects } = useLive();
  return (
    <span className="conn" data-testid="connection" data-state={state} style={{ color: COLOURS[state] }} title={`last position ${lastPosition ?? '—'} · reconnects ${reconnects}`}>
      <span aria-hidden="true">{GLYPHS[state]}</span>
      live: {state}
      <span className="muted">@{lastPosition ?? '—'}</span>
    </span>
  );
}
