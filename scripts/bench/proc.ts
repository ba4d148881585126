/**
 * What the benchmarks read from /proc: the CPU time and the resident memory of a process and all of
 * its descendants (`tmm serve --workers N` is a primary and N cluster workers; Locust is one
 * process). CPU time is user + system, in milliseconds, as the kernel accounts it.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

function stat(pid: number): { ppid: number; cpuMs: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: the fields after it start after the last ")".
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { ppid, cpuMs: (ticks * 1000) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

/** The process and every live descendant. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(Number(entry));
    if (s) children.set(s.ppid, [...(children.get(s.ppid) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return tree;
}

/** CPU milliseconds used so far by the process tree (processes that already exited are not counted). */
export function treeCpuMs(root: number): number {
  return processTree(root).reduce((sum, pid) => sum + (stat(pid)?.cpuMs ?? 0), 0);
}

function rssMb(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

/**
 * Samples the resident memory of every process in the tree every 100 ms; `stop()` gives the peak
 * of the largest single process (the target is per process) and of the tree as a whole.
 */
export function sampleRss(root: number) {
  let perProcess = 0;
  let total = 0;
  const timer = setInterval(() => {
    const each = processTree(root).map(rssMb);
    perProcess = Math.max(perProcess, ...each);
    total = Math.max(
      total,
      each.reduce((a, b) => a + b, 0),
    );
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return { perProcess, total };
    },
  };
}
