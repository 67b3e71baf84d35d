import { describe, expect, it } from 'vitest';
import { formatSimTime } from './formatSimTime';

describe('formatSimTime', () => {
  it.each([
    ['time zero', 0, '0:00:00.0'],
    ['tenths of a second', 1_250, '0:00:01.2'],
    ['minutes', 61_000, '0:01:01.0'],
    ['hours', 3_723_400, '1:02:03.4'],
  ])('shows %s as h:mm:ss.t', (_what, ms, text) => {
    expect(formatSimTime(ms)).toBe(text);
  });
});
