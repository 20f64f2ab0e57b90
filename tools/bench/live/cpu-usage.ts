import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** CPU time used so far, in ms: a server process, PostgreSQL's processes on this machine, and this one. */
export interface CpuSample {
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

/** Every process named `postgres` (the server and its backends; one that ended since is not counted). */
function postgresCpuMs(): number {
  let total = 0;
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  for (const pid of entries) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += processCpuMs(pid);
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

export function sampleCpu(serverPid: number): CpuSample {
  const own = process.cpuUsage();
  return { server: processCpuMs(serverPid), postgres: postgresCpuMs(), clients: (own.user + own.system) / 1000 };
}

/** CPU ms per command between two samples, by part. A backend that exited in between is undercounted. */
export function cpuPerCommand(before: CpuSample, after: CpuSample, commands: number): CpuSample {
  const per = (part: keyof CpuSample) => (commands > 0 ? (after[part] - before[part]) / commands : 0);
  return { server: per('server'), postgres: per('postgres'), clients: per('clients') };
}
