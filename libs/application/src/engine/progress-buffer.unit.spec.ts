import { coalesce, ProgressBuffer, PROGRESS_TEXT_LIMIT, type CoalescedProgress } from './progress-buffer';

const text = (seq: number, value: string) => ({ type: 'progress' as const, seq, kind: 'text' as const, text: value });
const tool = (seq: number, name: string, status: string) => ({ type: 'progress' as const, seq, kind: 'tool' as const, text: '', tool: { name, status } });

describe('coalesce: one TaskProgressed for the progress between two flushes', () => {
  it('given texts and a tool step, then they become lines in order with the latest kind, tool and seq', () => {
    expect(coalesce([text(3, 'Reading the task'), tool(4, 'write', 'completed'), text(5, 'Done')])).toEqual({ seq: 5, kind: 'text', text: 'Reading the task\n[write: completed]\nDone' });
    expect(coalesce([text(1, 'x'), tool(2, 'bash', 'running')])).toEqual({ seq: 2, kind: 'tool', text: 'x\n[bash: running]', tool: { name: 'bash', status: 'running' } });
  });

  it('given nothing, then nothing', () => {
    expect(coalesce([])).toBeNull();
  });

  it('given more than 8000 code points, then the newest 8000 are kept, counting code points not UTF-16 units', () => {
    const emoji = '🙂'.repeat(PROGRESS_TEXT_LIMIT);
    const result = coalesce([text(1, 'old'), text(2, emoji)]) as CoalescedProgress;
    expect(Array.from(result.text)).toHaveLength(PROGRESS_TEXT_LIMIT);
    expect(result.text.startsWith('🙂')).toBe(true);
  });

  it('given only empty texts, then the text names the kind (TaskProgressed text is never empty)', () => {
    expect(coalesce([{ type: 'progress', seq: 1, kind: 'status', text: '' }])?.text).toBe('status');
  });
});

describe('ProgressBuffer: at most one write per interval', () => {
  function harness() {
    let now = 0;
    const timers: { at: number; callback: () => void; cancelled: boolean }[] = [];
    const written: CoalescedProgress[] = [];
    const buffer = new ProgressBuffer(
      1000,
      () => now,
      (ms, callback) => {
        const timer = { at: now + ms, callback, cancelled: false };
        timers.push(timer);
        return () => (timer.cancelled = true);
      },
      async (progress) => void written.push(progress),
    );
    const advance = (ms: number) => {
      now += ms;
      for (const timer of timers.filter((t) => !t.cancelled && t.at <= now)) {
        timer.cancelled = true;
        timer.callback();
      }
    };
    return { buffer, written, advance };
  }

  it('given a quiet run, when progress comes, then it is written at once', () => {
    const { buffer, written } = harness();
    buffer.add(text(1, 'first'));
    expect(written).toEqual([{ seq: 1, kind: 'text', text: 'first' }]);
  });

  it('given a write just happened, when more progress comes within the second, then it is held and written as one when the second is over', () => {
    const { buffer, written, advance } = harness();
    buffer.add(text(1, 'a'));
    advance(100);
    buffer.add(text(2, 'b'));
    buffer.add(text(3, 'c'));
    expect(written).toHaveLength(1);
    advance(899);
    expect(written).toHaveLength(1);
    advance(1);
    expect(written).toEqual([{ seq: 1, kind: 'text', text: 'a' }, { seq: 3, kind: 'text', text: 'b\nc' }]);
  });

  it('given held progress, when the run ends and flush is called, then it is written at once and the timer is dropped', async () => {
    const { buffer, written, advance } = harness();
    buffer.add(text(1, 'a'));
    buffer.add(text(2, 'b'));
    await buffer.flush();
    advance(5000);
    expect(written.map((w) => w.seq)).toEqual([1, 2]);
  });
});
