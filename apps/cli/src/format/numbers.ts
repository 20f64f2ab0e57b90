/** Number and duration formatting for the operator's terminal. */

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function formatRate(eventsPerSecond: number): string {
  return `${formatCount(eventsPerSecond)} events/s`;
}

/** 42s, 4m 05s, 1h 02m. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** 0.8 s, 12.3 s, 4m 05s: for elapsed times in summaries. */
export function formatElapsed(seconds: number): string {
  return seconds < 60 ? `${seconds.toFixed(1)} s` : formatDuration(seconds);
}
