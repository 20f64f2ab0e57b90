import { type RebuildProgress } from '@orch/read-models';
import { RebuildProgressReporter } from './rebuild-progress';

function reporter(isTTY: boolean, projectors = ['sessions', 'agents']) {
  let now = 0;
  const written: string[] = [];
  const progress = new RebuildProgressReporter({
    stderr: { isTTY, columns: 200, write: (text) => void written.push(text) },
    projectors,
    intervalMs: 2_000,
    now: () => now,
  });
  return { progress, written, advance: (ms: number) => (now += ms) };
}

const replaying = (projector: string, done: number, total = 1_000): RebuildProgress => ({ projector, phase: 'replaying', done, total });

describe('RebuildProgressReporter', () => {
  it('prints plain lines when stderr is not a TTY: the first at once, then one per interval, and one per swap', () => {
    const { progress, written, advance } = reporter(false);
    advance(500);
    progress.update(replaying('sessions', 500));
    advance(1_000);
    progress.update(replaying('agents', 500));
    advance(1_000);
    progress.update(replaying('sessions', 1_000));
    progress.update({ projector: 'sessions', phase: 'swapped', done: 1_000, total: 1_000 });
    advance(500);
    progress.update(replaying('agents', 1_000));
    progress.update({ projector: 'agents', phase: 'swapped', done: 1_000, total: 1_000 });
    progress.finish();

    expect(written).toEqual([
      'rebuild 25.0% · 500/2,000 events (2 projections) · 1,000 events/s · ETA 2s · sessions 50%\n',
      'rebuild 75.0% · 1,500/2,000 events (2 projections) · 600 events/s · ETA 1s · sessions 100%, agents 50%\n',
      'sessions: rebuilt and swapped in (1,000 events)\n',
      'agents: rebuilt and swapped in (1,000 events)\n',
      'rebuild 100.0% · 2,000/2,000 events (2 projections) · 667 events/s · 3.0 s\n',
    ]);
    expect(written.every((line) => !line.includes('\r'))).toBe(true);
  });

  it('rewrites one line in place on a TTY, keeps swap lines above it, and ends it with a newline', () => {
    const { progress, written, advance } = reporter(true, ['metrics']);
    advance(1_000);
    progress.update(replaying('metrics', 250));
    advance(50);
    progress.update(replaying('metrics', 300)); // throttled: within 100 ms of the last redraw
    advance(100);
    progress.update(replaying('metrics', 500));
    progress.update({ projector: 'metrics', phase: 'swapped', done: 1_000, total: 1_000 });
    progress.finish();

    expect(written).toEqual([
      '\r\x1b[2Krebuild 25.0% · 250/1,000 events · 250 events/s · ETA 3s',
      '\r\x1b[2Krebuild 50.0% · 500/1,000 events · 435 events/s · ETA 1s',
      '\r\x1b[2K',
      'metrics: rebuilt and swapped in (1,000 events)\n',
      '\r\x1b[2Krebuild 100.0% · 1,000/1,000 events · 870 events/s · ETA 0s',
      '\r\x1b[2Krebuild 100.0% · 1,000/1,000 events · 870 events/s · 1.1 s\n',
    ]);
  });

  it('estimates the time left from the slowest running projection when it is the long pole', () => {
    const { progress, advance } = reporter(false, ['sessions', 'agents']);
    progress.update(replaying('agents', 1_000));
    progress.update({ projector: 'agents', phase: 'swapped', done: 1_000, total: 1_000 });
    progress.update(replaying('sessions', 100));
    advance(1_000);
    progress.update(replaying('sessions', 200));
    // Overall: 1,200 done in 1 s, 800 left → about 1 s; sessions alone: 100/s, 800 left → 8 s.
    expect(progress.progressLine()).toContain('ETA 8s');
  });
});
