import { readdirSync, readFileSync } from 'node:fs';

/**
 * Every live descendant of `pid`, read from /proc (Linux; elsewhere none are found and only the
 * process group is signalled). Agents start their tools in sessions of their own (Claude Code's
 * Bash tool, Codex's bubblewrap sandbox), out of reach of a group signal: this finds them while
 * their parent still lives, so a SIGKILL after the grace reaches them too.
 */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of safeList('/proc')) {
    const child = Number(entry);
    if (!Number.isInteger(child)) continue;
    const parent = parentOf(child);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    found.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return found;
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
