import { ByteTail, LineSplitter } from './line-splitter';

function split(chunks: (string | Buffer)[], maxLineBytes = 1024): { lines: string[]; oversized: number[] } {
  const lines: string[] = [];
  const oversized: number[] = [];
  const splitter = new LineSplitter(maxLineBytes, (line) => lines.push(line), (bytes) => oversized.push(bytes));
  for (const chunk of chunks) splitter.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  splitter.end();
  return { lines, oversized };
}

describe('LineSplitter', () => {
  it('joins lines cut across chunks and keeps a last line without a newline', () => {
    expect(split(['{"a":', '1}\n{"b"', ':2}\r\n', '', 'tail']).lines).toEqual(['{"a":1}', '{"b":2}', 'tail']);
  });

  it('decodes a character split between two chunks', () => {
    const bytes = Buffer.from('héllo ✓\n');
    expect(split([bytes.subarray(0, 2), bytes.subarray(2, 9), bytes.subarray(9)]).lines).toEqual(['héllo ✓']);
  });

  it('skips an oversized line up to its newline, reporting its size, and goes on', () => {
    const { lines, oversized } = split(['short\n', 'x'.repeat(30), 'y'.repeat(30), '\nafter\n', 'z'.repeat(70)], 50);
    expect(lines).toEqual(['short', 'after']);
    expect(oversized).toEqual([60, 70]);
  });

  it('keeps empty lines as empty strings', () => {
    expect(split(['a\n\nb\n']).lines).toEqual(['a', '', 'b']);
  });
});

describe('ByteTail', () => {
  it('keeps only the last bytes of a stream', () => {
    const tail = new ByteTail(10);
    for (const chunk of ['first line\n', 'second line\n', 'end']) tail.push(Buffer.from(chunk));
    expect(tail.text()).toBe('d line\nend');
  });
});
