/** Exhaustiveness for switches: compiles only when every case is handled; at run time returns the fallback. */
export function exhaustive<T>(_unhandled: never, fallback: T): T {
  return fallback;
}
