import { describe, expect, it } from 'vitest';
import { clockLabel, niceMax, shortNumber } from './format';

describe('chart numbers and axes', () => {
  it.each<[string, number, number]>([
    ['Zero gives one', 0, 1],
    ['A value already nice stays', 50, 50],
    ['Seventy rounds up to one hundred', 70, 100],
    ['Three rounds up to five', 3, 5],
    ['Twenty-two rounds up to twenty-five', 22, 25],
    ['A fraction rounds up within its decade', 0.13, 0.2],
  ])('%s', (_name, v, want) => {
    expect(niceMax(v)).toBeCloseTo(want);
  });

  it.each<[number, string]>([
    [1234, '1.2k'],
    [35.4, '35'],
    [0.46, '0.5'],
    [NaN, '–'],
  ])('%d prints as %s', (v, want) => {
    expect(shortNumber(v)).toBe(want);
  });

  it.each<[number, string]>([
    [0, '0:00'],
    [45, '0:45'],
    [725, '12:05'],
    [3723, '1:02:03'],
    [-30, '-0:30'],
  ])('%d simulated seconds read %s on the time axis', (s, want) => {
    expect(clockLabel(s)).toBe(want);
  });
});
