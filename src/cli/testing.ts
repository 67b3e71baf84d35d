/** Test helper: a CliIo that records what a verb prints and reads files from a map, else from disk. */
import { readFileSync } from 'node:fs';
import type { CliIo } from './io';

/** Captured standard output and error, one entry per write. */
export function captureIo(
  files: Record<string, string> = {},
): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    readFile: async (p) => files[p] ?? readFileSync(p, 'utf8'),
  };
}
