/**
 * CPU time of the Worker's own runtime process: the `workerd` that
 * `wrangler dev` starts for the Worker (a descendant of its process, apart
 * from the sandbox's), read from `/proc/<pid>/stat` (utime + stime, in clock
 * ticks). wrangler starts two: one for its proxy (which listens on the dev
 * port and forwards each request) and one for the Worker itself, which is
 * the one measured. Sampled around a phase, the delta divided by the phase's requests
 * is what each request cost the runtime that runs our code, without the
 * bench's client, wrangler's Node process or the sandbox. Linux only.
 */

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of `/proc/<pid>/stat`'s times (USER_HZ, 100 on Linux almost everywhere). */
const TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface ProcStat {
  readonly pid: number;
  readonly comm: string;
  readonly parent: number;
  /** utime + stime, in ticks. */
  readonly ticks: number;
}

/** `/proc/<pid>/stat`, whose second field (the command, in parentheses) may hold spaces. */
function stat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    // After the command: state(0) ppid(1) ... utime(11) stime(12).
    return { pid, comm, parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/**
 * The `workerd` processes below `root` (wrangler's process): the Worker's own,
 * and wrangler's proxy, the one whose command line binds the dev `port`.
 * Throws unless there is exactly one of each.
 */
export function workerdBelow(root: number, port: number): { readonly worker: number; readonly proxy: number } {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => stat(Number(name)))
    .filter((entry): entry is ProcStat => entry !== undefined);
  const below = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const entry of all) {
      if (below.has(entry.parent) && !below.has(entry.pid)) {
        below.add(entry.pid);
        grew = true;
      }
    }
  }
  const workerd = all.filter((entry) => below.has(entry.pid) && entry.comm === 'workerd');
  const bindsPort = (pid: number): boolean =>
    readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .some((arg) => arg.endsWith(`:${port}`));
  const proxy = workerd.filter((entry) => bindsPort(entry.pid));
  const worker = workerd.filter((entry) => !bindsPort(entry.pid));
  if (proxy.length !== 1 || worker.length !== 1) {
    throw new Error(`expected wrangler's proxy and the Worker's workerd below process ${root}, found ${proxy.length} and ${worker.length}`);
  }
  return { worker: worker[0]?.pid ?? 0, proxy: proxy[0]?.pid ?? 0 };
}

/** CPU milliseconds the process has used so far (user + system). */
export function cpuMs(pid: number): number {
  const entry = stat(pid);
  if (!entry) throw new Error(`process ${pid} is gone`);
  return (entry.ticks / TICKS_PER_S) * 1000;
}
