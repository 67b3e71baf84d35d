import { describe, expect, it } from 'vitest';
import { isValidQuantity, milliValue, parseQuantity, value } from './quantity';

// Upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity_test.go, TestQuantityParse
// (the cases whose value fits a JS number; values compared after MilliValue/Value rounding up).
describe('resource.Quantity parsing (TestQuantityParse)', () => {
  it.each([
    ['0', 0],
    ['1', 1],
    ['1Ki', 1024],
    ['8Ki', 8192],
    ['7Mi', 7 * 2 ** 20],
    ['6Gi', 6 * 2 ** 30],
    ['5Ti', 5 * 2 ** 40],
    ['1k', 1000],
    ['1M', 1e6],
    ['1G', 1e9],
    ['1e3', 1000],
    ['1E6', 1e6],
    ['.5', 0.5],
    ['0.5', 0.5],
    ['-1', -1],
    ['+1', 1],
  ] as const)('%s parses to %s', (input, want) => {
    if (want === undefined) return;
    expect(parseQuantity(input)).toBe(want);
  });

  it.each(['1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01i', '-3.01e-', ' 1', '1 ', ''])(
    '%j is not a quantity',
    (input) => {
      expect(isValidQuantity(input)).toBe(false);
    },
  );

  it('rounds up to milli-units and whole units as MilliValue() and Value() do', () => {
    expect(milliValue('250m')).toBe(250);
    expect(milliValue('0.1')).toBe(100);
    expect(milliValue('1.5')).toBe(1500);
    expect(milliValue('100u')).toBe(0);
    expect(value('1.5Gi')).toBe(1.5 * 2 ** 30);
    expect(value('100m')).toBe(1);
    expect(value('1.1')).toBe(2);
  });
});
