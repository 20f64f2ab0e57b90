/**
 * The rows a batch works on, by key, folded in memory: each stored row is read once (or never,
 * when the cache knows the table), events change the copy, and the rows changed since the last
 * write are written together. `null` records a key known to have no row.
 *
 * A cache that is `complete` holds every row of its table (a rebuild's shadow table starts empty
 * and only this cache writes it), so a key it does not hold has no row and nothing is read.
 */
export class RowCache<Row> {
  private readonly rows = new Map<string, Row | null>();
  private readonly changed = new Set<string>();

  constructor(private complete = false) {}

  get size(): number {
    return this.rows.size;
  }

  /** Keys among `keys` whose stored row must still be read. */
  missing(keys: Iterable<string>): string[] {
    if (this.complete) return [];
    return [...new Set(keys)].filter((key) => !this.rows.has(key));
  }

  /** Stored rows just read for `keys`: those not found are remembered as absent. */
  remember(keys: readonly string[], found: ReadonlyMap<string, Row>): void {
    for (const key of keys) if (!this.rows.has(key)) this.rows.set(key, found.get(key) ?? null);
  }

  get(key: string): Row | undefined {
    return this.rows.get(key) ?? undefined;
  }

  set(key: string, row: Row): void {
    this.rows.set(key, row);
    this.changed.add(key);
  }

  /** The rows changed since the last call, once each. */
  takeChanged(): Row[] {
    const rows = [...this.changed].map((key) => this.rows.get(key)).filter((row): row is Row => row != null);
    this.changed.clear();
    return rows;
  }

  /** Forget everything (the table may hold anything now): later keys are read again. */
  reset(): void {
    this.rows.clear();
    this.changed.clear();
    this.complete = false;
  }
}
