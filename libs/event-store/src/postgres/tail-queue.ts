import type { TailMember, TailPage } from './global-tail';

/**
 * A subscription's pages from the shared tail, waiting to be yielded. Bounded: once more than
 * `backlog` events wait (a slow consumer), it ejects itself — its pages are dropped and the
 * subscription reads on its own again from where its consumer is, so a slow subscriber never
 * holds an unbounded queue nor slows the others.
 */
export class TailQueue implements TailMember {
  private pages: TailPage[] = [];
  private waiting = 0;
  private ejected = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly backlog: number,
    private readonly onEject: (queue: TailQueue) => void,
  ) {}

  receive(page: TailPage): void {
    if (this.ejected) return;
    this.pages.push(page);
    this.waiting += page.events.length;
    if (this.waiting > this.backlog) this.eject();
    this.wake?.();
  }

  eject(): void {
    if (this.ejected) return;
    this.ejected = true;
    this.pages = [];
    this.onEject(this);
    this.wake?.();
  }

  /** The next page; undefined once ejected or when `signal` aborts. */
  async next(signal: AbortSignal): Promise<TailPage | undefined> {
    while (!this.ejected && !signal.aborted) {
      const page = this.pages.shift();
      if (page) {
        this.waiting -= page.events.length;
        return page;
      }
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.wake = undefined;
          signal.removeEventListener('abort', done);
          resolve();
        };
        this.wake = done;
        signal.addEventListener('abort', done, { once: true });
      });
    }
    return undefined;
  }
}
