/** Number formatting shared by progress lines and the report. */

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function formatRate(eventsPerSecond: number): string {
  return `${formatCount(eventsPerSecond)} events/s`;
}

export function formatMs(ms: number): string {
  return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`;
}
