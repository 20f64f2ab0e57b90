/** Money is USD with at most 6 decimals, summed as integer micro-dollars, each value rounded half up. */
export function toMicros(usd: number): number {
  return Math.floor(usd * 1_000_000 + 0.5 + Number.EPSILON * Math.abs(usd) * 1_000_000);
}

export function fromMicros(micros: number): number {
  return micros / 1_000_000;
}
