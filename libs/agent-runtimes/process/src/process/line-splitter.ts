/**
 * Cuts a byte stream into lines as it comes: a line is complete at `\n` (a `\r` before it is
 * dropped), so a chunk may end mid-line or mid-character and nothing is decoded early. A line
 * longer than `maxLineBytes` is not kept: its bytes are skipped up to the next newline and
 * `oversized` reports how many there were, so one runaway line cannot eat the engine's memory.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private pending = 0;
  private skipping = 0;

  constructor(
    private readonly maxLineBytes: number,
    private readonly onLine: (line: string) => void,
    private readonly oversized: (bytes: number) => void,
  ) {}

  push(chunk: Buffer): void {
    let from = 0;
    for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, from)) {
      this.take(chunk.subarray(from, at));
      this.completeLine();
      from = at + 1;
    }
    this.take(chunk.subarray(from));
  }

  /** The stream ended: a last line without a newline still counts. */
  end(): void {
    if (this.pending > 0 || this.skipping > 0) this.completeLine();
  }

  private take(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (this.skipping > 0 || this.pending + bytes.length > this.maxLineBytes) {
      this.skipping += this.pending + bytes.length;
      this.parts = [];
      this.pending = 0;
      return;
    }
    this.parts.push(bytes);
    this.pending += bytes.length;
  }

  private completeLine(): void {
    if (this.skipping > 0) {
      const bytes = this.skipping;
      this.skipping = 0;
      this.oversized(bytes);
      return;
    }
    const line = Buffer.concat(this.parts, this.pending).toString('utf8');
    this.parts = [];
    this.pending = 0;
    this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  }
}

/** The last `maxBytes` of a stream (stderr), for failure messages. */
export class ByteTail {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.chunks.length > 1 && this.size - (this.chunks[0]?.length ?? 0) >= this.maxBytes) {
      this.size -= this.chunks.shift()?.length ?? 0;
    }
  }

  /** The kept bytes as text, cut to `maxBytes` (a partial first character is dropped). */
  text(): string {
    const all = Buffer.concat(this.chunks, this.size);
    return all.subarray(Math.max(0, all.length - this.maxBytes)).toString('utf8').replace(/^\uFFFD/, '');
  }
}
