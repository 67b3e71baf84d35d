import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../api/time';
import { parseGoDuration, parseGoRFC3339 } from './goTime';

// Go's src/time/time_test.go parseDurationTests and parseDurationErrorTests (the cases kubectl meets).
describe('time.ParseDuration', () => {
  it.each([
    ['0', 0],
    ['5s', 5000],
    ['30s', 30_000],
    ['1478s', 1_478_000],
    ['-5s', -5000],
    ['+5s', 5000],
    ['5.0s', 5000],
    ['5.6s', 5600],
    ['5.s', 5000],
    ['.5s', 500],
    ['1.004s', 1004],
    ['10ms', 10],
    ['2m', 120_000],
    ['3h', 10_800_000],
    ['1h30m', 5_400_000],
    ['3h30m10.5s', 12_610_500],
    ['1.5h', 5_400_000],
    ['39h9m14.425s', 140_954_425],
  ])('%s is %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toEqual({ ok: true, value: ms });
  });

  it.each([
    ['', 'time: invalid duration ""'],
    ['3', 'time: missing unit in duration "3"'],
    ['-', 'time: invalid duration "-"'],
    ['s', 'time: invalid duration "s"'],
    ['.', 'time: invalid duration "."'],
    ['-.', 'time: invalid duration "-."'],
    ['.s', 'time: invalid duration ".s"'],
    ['+.s', 'time: invalid duration "+.s"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['yesterday', 'time: invalid duration "yesterday"'],
  ])('%j is refused: %s', (text, error) => {
    expect(parseGoDuration(text)).toEqual({ ok: false, error });
  });
});

// Go's time.Parse(time.RFC3339, ...), as kubectl's util.ParseRFC3339 calls it for --since-time.
describe('time.Parse(time.RFC3339)', () => {
  it('reads UTC, fractions and offsets', () => {
    const base = parseTimestamp('2025-01-01T00:10:00Z');
    expect(parseGoRFC3339('2025-01-01T00:10:00Z')).toEqual({ ok: true, value: base });
    expect(parseGoRFC3339('2025-01-01T00:10:00.250Z')).toEqual({ ok: true, value: base + 250 });
    expect(parseGoRFC3339('2025-01-01T01:10:00+01:00')).toEqual({ ok: true, value: base });
    expect(parseGoRFC3339('2024-12-31T23:10:00-01:00')).toEqual({ ok: true, value: base });
  });

  it.each([
    [
      'yesterday',
      'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
    ],
    ['2025-01-01', 'parsing time "2025-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"'],
    [
      '2025-01-01 00:00:00Z',
      'parsing time "2025-01-01 00:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 00:00:00Z" as "T"',
    ],
    [
      '2025-01-01T00:00:00',
      'parsing time "2025-01-01T00:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"',
    ],
    ['2025-13-01T00:00:00Z', 'parsing time "2025-13-01T00:00:00Z": month out of range'],
    ['2025-02-30T00:00:00Z', 'parsing time "2025-02-30T00:00:00Z": day out of range'],
    ['2025-01-01T00:00:00Zoops', 'parsing time "2025-01-01T00:00:00Zoops": extra text: "oops"'],
  ])('%j is refused', (text, error) => {
    expect(parseGoRFC3339(text)).toEqual({ ok: false, error });
  });
});
