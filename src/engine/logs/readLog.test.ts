import { describe, expect, it } from 'vitest';
import type { LogLine } from './containerLog';
import { limitLogBytes, logSince, readLog, utf8Length } from './readLog';

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

// pkg/kubelet/kuberuntime/logs/logs.go: logWriter.write under LimitBytes (lines written with their newline,
// the one crossing the limit cut there and the write stopped).
describe('the byte limit of a log request (logWriter, LimitBytes)', () => {
  const lines = [{ text: 'abc' }, { text: 'défg' }, { text: 'hij' }];
  it.each([
    [undefined, ['abc', 'défg', 'hij'], [false, false, false]],
    [4, ['abc'], [false]],
    [6, ['abc', 'd'], [false, true]],
    // é is two bytes: a limit inside it keeps the character out whole.
    [5, ['abc', 'd'], [false, true]],
    [3, ['abc'], [true]],
    [1, ['a'], [true]],
    [100, ['abc', 'défg', 'hij'], [false, false, false]],
  ])('limit %s', (limit, texts, cuts) => {
    const out = limitLogBytes(lines, limit);
    expect(out.map((l) => l.text)).toEqual(texts);
    expect(out.map((l) => l.cut)).toEqual(cuts);
  });
  it('counts UTF-8 bytes', () => {
    expect(utf8Length('défg')).toBe(5);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
  });
});
