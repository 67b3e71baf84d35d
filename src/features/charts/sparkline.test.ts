import { describe, expect, it } from 'vitest';
import { areaPath, linePath, niceMax, shortNumber } from './sparkline';

describe('sparkline geometry', () => {
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

  it.each<[string, number[], string]>([
    ['No values draw nothing', [], ''],
    ['One value draws a flat line across', [5], 'M0,5L100,5'],
    ['Values spread over the width, the top value at y=0', [0, 10, 5], 'M0,10L50,0L100,5'],
    ['Values beyond the bounds are clamped', [-5, 20], 'M0,10L100,0'],
  ])('%s', (_name, values, want) => {
    expect(linePath(values, 100, 10, { min: 0, max: 10 })).toBe(want);
  });

  it('closes the area under the line', () => {
    expect(areaPath('M0,5L100,5', 100, 10)).toBe('M0,5L100,5L100,10L0,10Z');
    expect(areaPath('', 100, 10)).toBe('');
  });

  it.each<[number, string]>([
    [1234, '1.2k'],
    [35.4, '35'],
    [0.46, '0.5'],
    [NaN, '–'],
  ])('%d prints as %s', (v, want) => {
    expect(shortNumber(v)).toBe(want);
  });
});
