import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** CPU time used so far, in ms: a server process, each PostgreSQL process on this machine, and this one. */
export interface CpuSample {
  readonly server: number;
  /** By pid: backends come and go during a run. */
  readonly postgres: ReadonlyMap<string, number>;
  readonly clients: number;
}

/** CPU ms per command, by part. */
export interface CpuPerCommand {
  readonly server: number;
  readonly postgres: number;
  readonly clients: number;
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime of a process from /proc (Linux); 0 where /proc is not there. */
function processCpuMs(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
  } catch {
    return 0;
  }
}

/** Every process named `postgres` (the server and its backends). */
function postgresCpuMs(): Map<string, number> {
  const byPid = new Map<string, number>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return byPid;
  }
  for (const pid of entries) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') byPid.set(pid, processCpuMs(pid));
    } catch {
      // ended meanwhile
    }
  }
  return byPid;
}

export function sampleCpu(serverPid: number): CpuSample {
  const own = process.cpuUsage();
  return { server: processCpuMs(serverPid), postgres: postgresCpuMs(), clients: (own.user + own.system) / 1000 };
}

/**
 * CPU ms per command between two samples, by part. PostgreSQL counts the processes alive at the
 * end (what each used since the first sample, or since it started); one that ended in between is
 * not counted, so the figure is a lower bound.
 */
export function cpuPerCommand(before: CpuSample, after: CpuSample, commands: number): CpuPerCommand {
  let postgres = 0;
  for (const [pid, used] of after.postgres) postgres += used - (before.postgres.get(pid) ?? 0);
  const per = (ms: number) => (commands > 0 ? ms / commands : 0);
  return { server: per(after.server - before.server), postgres: per(postgres), clients: per(after.clients - before.clients) };
}
