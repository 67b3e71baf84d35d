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

/** The bytes of a string in UTF-8, as the log file holds it. */
export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** The longest start of a string that fits in `bytes` of UTF-8 (a character is never split). */
function utf8Prefix(text: string, bytes: number): string {
  let n = 0;
  let end = 0;
  for (const ch of text) {
    const size = utf8Length(ch);
    if (n + size > bytes) break;
    n += size;
    end += ch.length;
  }
  return text.slice(0, end);
}

/** A line as the kubelet writes it under a byte limit: `cut` when its end (and newline) did not fit. */
export type LimitedLine<T> = T & { cut: boolean };

/**
 * logWriter's limit (PodLogOptions.limitBytes, kuberuntime/logs/logs.go): each line is written with its
 * newline until `limitBytes` bytes are out; the line that crosses the limit is cut there, without its
 * newline, and nothing follows. `text` is the line as the kubelet writes it (with --timestamps, the
 * timestamp and a space first: they count). Undefined or no limit keeps every line.
 */
export function limitLogBytes<T extends { text: string }>(
  lines: readonly T[],
  limitBytes: number | undefined,
): LimitedLine<T>[] {
  if (limitBytes === undefined) return lines.map((l) => ({ ...l, cut: false }));
  const out: LimitedLine<T>[] = [];
  let remain = limitBytes;
  for (const line of lines) {
    if (remain <= 0) break;
    const size = utf8Length(line.text) + 1;
    if (size <= remain) {
      out.push({ ...line, cut: false });
      remain -= size;
      continue;
    }
    // The newline is the byte that did not fit when the text fits exactly.
    out.push({ ...line, text: utf8Prefix(line.text, remain), cut: true });
    break;
  }
  return out;
}
