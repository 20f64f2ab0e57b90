/**
 * What a projector keeps in memory across the batches of one run (a rebuild): its row caches.
 * Without one (live batches), a projector folds each batch in a memo of its own and forgets it
 * after the write. The rebuild resets the memo when a batch fails, since its writes were rolled back.
 */
export class BatchMemo {
  private readonly parts = new Map<string, { reset(): void; readonly size: number }>();

  /** @param tablesStartEmpty the projector's tables were empty when the memo was made and only it writes them */
  constructor(
    readonly tablesStartEmpty = false,
    /** Rows kept before the memo forgets them all (and reads them again as needed). */
    private readonly maxRows = 200_000,
  ) {}

  part<T extends { reset(): void; readonly size: number }>(name: string, create: (complete: boolean) => T): T {
    let part = this.parts.get(name) as T | undefined;
    if (!part) {
      part = create(this.tablesStartEmpty);
      this.parts.set(name, part);
    }
    return part;
  }

  /** After a failed batch, or when too big: everything is read from the tables again. */
  reset(): void {
    for (const part of this.parts.values()) part.reset();
  }

  /** Called after a committed batch: bounds the memory a long rebuild holds. */
  trim(): void {
    const rows = [...this.parts.values()].reduce((sum, part) => sum + part.size, 0);
    if (rows > this.maxRows) this.reset();
  }
}
