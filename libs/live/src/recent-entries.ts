/**
 * The most recent entries a feed dispatched, so a subscriber that is nearly live catches up from
 * memory instead of the store. `covers(p)`: every entry after `p` that was dispatched is still
 * here (p is at or after the newest evicted position, or the feed's start).
 */
export class RecentEntries<E extends { readonly position: number }> {
  private readonly slots: (E | undefined)[];
  private start = 0;
  private size = 0;

  /** @param floor position the feed started after (undefined: the beginning of the log) */
  constructor(
    capacity: number,
    private floor: number | undefined,
  ) {
    this.slots = new Array<E | undefined>(Math.max(1, capacity));
  }

  push(entry: E): void {
    if (this.size === this.slots.length) {
      this.floor = this.at(0).position;
      this.start = (this.start + 1) % this.slots.length;
      this.size--;
    }
    this.slots[(this.start + this.size) % this.slots.length] = entry;
    this.size++;
  }

  covers(position: number): boolean {
    return this.floor === undefined || position >= this.floor;
  }

  /** Entries after `position`, oldest first. */
  *after(position: number): Generator<E> {
    for (let index = this.firstAfter(position); index < this.size; index++) yield this.at(index);
  }

  get length(): number {
    return this.size;
  }

  private at(index: number): E {
    return this.slots[(this.start + index) % this.slots.length] as E;
  }

  private firstAfter(position: number): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.at(middle).position <= position) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
