/**
 * How the console follows a command that kubectl would keep running (`rollout status` waiting for the
 * rollout, `logs -f` streaming): the same line is run again as simulated time passes, and only what is
 * new is printed. rollout status prints its message whenever it changes; logs -f prints the lines after
 * the last one already shown.
 */

/** What to append when a followed command's output goes from `shown` to `next`. */
export function newOutput(kind: 'status' | 'stream', shown: string, next: string): string {
  if (next === shown) return '';
  if (kind === 'status') {
    const last = shown.split('\n').at(-1) ?? '';
    return next === last ? '' : next;
  }
  if (shown === '') return next;
  const a = shown.split('\n');
  const b = next.split('\n');
  const last = a[a.length - 1] as string;
  const at = b.lastIndexOf(last);
  // The last line shown is gone from the window (rotated out, or --tail moved past it): print it all.
  if (at < 0) return next;
  return b.slice(at + 1).join('\n');
}

/** Which way a line is followed: `status` for rollout status, `stream` for logs -f. */
export function followKind(line: string): 'status' | 'stream' {
  return /\blogs\b/.test(line) ? 'stream' : 'status';
}

/**
 * `rollout status --timeout=D`: how long to wait in simulated time (ms), or undefined to wait until done
 * (kubectl's default, and what `--timeout=0` means).
 */
export function followTimeoutMs(
  line: string,
  parse: (text: string) => number | undefined,
): number | undefined {
  if (followKind(line) !== 'status') return undefined;
  const m = /(?:^|\s)--timeout(?:=|\s+)(\S+)/.exec(line);
  if (!m) return undefined;
  const ms = /^\d+$/.test(m[1] as string) ? Number(m[1]) * 1000 : parse(m[1] as string);
  return ms !== undefined && ms > 0 ? ms : undefined;
}

/** What kubectl prints when the wait runs out. */
export const TIMED_OUT = 'error: timed out waiting for the condition';

/** What a re-run of a followed line means for the console. */
export type WaitState = 'waiting' | 'timed-out' | 'answered';

/**
 * A re-run's result seen `elapsedMs` of simulated time after the line was typed: still `waiting` for
 * something to appear (print nothing), `timed-out` (print its output and stop), or `answered`.
 */
export function waitState(
  r: { ok: boolean; output: string; pending?: boolean; waitMs?: number },
  elapsedMs: number,
): WaitState {
  if (!r.pending || r.waitMs === undefined) return 'answered';
  return elapsedMs >= r.waitMs ? 'timed-out' : 'waiting';
}
