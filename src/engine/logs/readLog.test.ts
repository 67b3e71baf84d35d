import { describe, expect, it } from 'vitest';
import type { LogLine } from './containerLog';
import { logSince, readLog } from './readLog';

const at = (...secs: number[]): LogLine[] => secs.map((s) => ({ atMs: s * 1000, text: `line at ${s}s` }));
const secsOf = (lines: LogLine[]) => lines.map((l) => l.atMs / 1000);

// pkg/kubelet/kuberuntime/logs/logs.go: NewLogOptions and ReadLogs.
describe('how the kubelet reads a container log (kuberuntime/logs ReadLogs)', () => {
  const log = at(10, 20, 30, 40, 50);
  const now = 60_000;

  it.each([
    ['reads every line without options', {}, [10, 20, 30, 40, 50]],
    ['reads the last N lines with tailLines', { tailLines: 2 }, [40, 50]],
    ['reads nothing with tailLines 0', { tailLines: 0 }, []],
    ['reads every line with tailLines -1', { tailLines: -1 }, [10, 20, 30, 40, 50]],
    ['keeps lines of the last sinceSeconds, the boundary included', { sinceSeconds: 30 }, [30, 40, 50]],
    ['keeps lines at or after sinceTime', { sinceTimeMs: 35_000 }, [40, 50]],
    ['takes the tail first, then skips lines older than since', { tailLines: 3, sinceSeconds: 25 }, [40, 50]],
    ['reads nothing newer than now with sinceSeconds 0', { sinceSeconds: 0 }, []],
  ] as const)('%s', (_name, opts, want) => {
    expect(secsOf(readLog(log, now, opts))).toEqual(want);
  });

  it('uses the later of sinceSeconds and sinceTime, as NewLogOptions does', () => {
    expect(logSince(now, { sinceSeconds: 10, sinceTimeMs: 5_000 })).toBe(50_000);
    expect(logSince(now, { sinceSeconds: 50, sinceTimeMs: 30_000 })).toBe(30_000);
    expect(logSince(now, {})).toBeUndefined();
  });
});
