import type { LoadLevel } from './agent.vocabulary';

/**
 * Load level from utilisation u = held / capacity (§4.4): ≤ 0.2 idle, ≤ 0.7 optimal, ≤ 0.9 high, ≤ 1.0 critical,
 * above overloaded (capacity may be lowered below the held count). Compared in integers, so 1/5 is exactly 0.2.
 */
export function loadLevel(held: number, capacity: number): LoadLevel {
  if (capacity <= 0) return held > 0 ? 'overloaded' : 'idle';
  if (held * 10 <= capacity * 2) return 'idle';
  if (held * 10 <= capacity * 7) return 'optimal';
  if (held * 10 <= capacity * 9) return 'high';
  if (held <= capacity) return 'critical';
  return 'overloaded';
}

export function utilisation(held: number, capacity: number): number {
  return capacity <= 0 ? 0 : held / capacity;
}
