/**
 * How the kubelet reads a container's log for a request: PodLogOptions to the runtime's LogOptions
 * (NewLogOptions) and the reading itself (ReadLogs), both in pkg/kubelet/kuberuntime/logs/logs.go.
 * The tail is taken first (the reader seeks back N lines in the file), then lines older than `since`
 * are skipped; so `--tail=5 --since=1m` shows those of the last 5 lines written in the last minute.
 */
import type { LogLine } from './containerLog';

/** The options of a log request that choose lines (PodLogOptions' tailLines, sinceSeconds, sinceTime). */
export interface LogReadOptions {
  /** Lines from the end; -1 (or absent) reads them all. */
  tailLines?: number;
  /** Only lines written in the last this many seconds (kubectl rounds `--since` to whole seconds). */
  sinceSeconds?: number;
  /** Only lines written at or after this simulated moment (`--since-time`, second precision). */
  sinceTimeMs?: number;
}

/** NewLogOptions: the moment lines must not be older than, the later of sinceSeconds and sinceTime. */
export function logSince(nowMs: number, opts: LogReadOptions): number | undefined {
  let since = opts.sinceSeconds !== undefined ? nowMs - opts.sinceSeconds * 1000 : undefined;
  if (opts.sinceTimeMs !== undefined && (since === undefined || opts.sinceTimeMs > since))
    since = opts.sinceTimeMs;
  return since;
}

/** ReadLogs: the tail first, then the lines not before `since` (logWriter.write skips the older ones). */
export function readLog(lines: readonly LogLine[], nowMs: number, opts: LogReadOptions): LogLine[] {
  const tail = opts.tailLines ?? -1;
  const tailed = tail >= 0 ? lines.slice(Math.max(0, lines.length - tail)) : [...lines];
  const since = logSince(nowMs, opts);
  return since === undefined ? tailed : tailed.filter((l) => l.atMs >= since);
}
