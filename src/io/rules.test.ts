import { describe, expect, it } from 'vitest';
import {
  base64ErrorOffset,
  canonicalQuantity,
  compareQuantities,
  exactQuantity,
  isOvercommitAllowed,
  dns1035Label,
  dns1123Label,
  dns1123Subdomain,
  labelValue,
  qualifiedName,
  selectorMatches,
} from './rules';

const a = (n: number): string => 'a'.repeat(n);

// Upstream: staging/src/k8s.io/apimachinery/pkg/util/validation/validation_test.go, TestIsDNS1123Label,
// TestIsDNS1123Subdomain, TestIsDNS1035Label, TestIsQualifiedName, TestIsValidLabelValue (values as upstream).
const TABLES: { name: string; check: (v: string) => string[]; good: string[]; bad: string[] }[] = [
  {
    name: 'IsDNS1123Label',
    check: dns1123Label,
    good: ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', '1--a--b--2', a(63)],
    bad: [
      '',
      'A',
      'ABC',
      'aBc',
      'A1',
      'A-1',
      '1-A',
      '-',
      'a-',
      '-a',
      '1-',
      '-1',
      '_',
      'a_',
      '_a',
      'a_b',
      '1_',
      '_1',
      '1_2',
      '.',
      'a.',
      '.a',
      'a.b',
      '1.',
      '.1',
      '1.2',
      ' ',
      'a ',
      ' a',
      'a b',
      '1 ',
      ' 1',
      '1 2',
      a(64),
    ],
  },
  {
    name: 'IsDNS1123Subdomain',
    check: dns1123Subdomain,
    good: [
      'a',
      'ab',
      'abc',
      'a1',
      'a-1',
      'a--1--2--b',
      '0',
      '01',
      '012',
      '1a',
      '1-a',
      '1--a--b--2',
      'a.a',
      'ab.a',
      'abc.a',
      'a1.a',
      'a-1.a',
      'a--1--2--b.a',
      'a.1',
      'ab.1',
      'abc.1',
      'a1.1',
      'a-1.1',
      'a--1--2--b.1',
      '0.a',
      '01.a',
      '012.a',
      '1a.a',
      '1-a.a',
      '0.1',
      '01.1',
      '012.1',
      '1a.1',
      '1-a.1',
      '1--a--b--2.1',
      'a.b.c.d.e',
      'aa.bb.cc.dd.ee',
      '1.2.3.4.5',
      '11.22.33.44.55',
      a(253),
    ],
    bad: [
      '',
      'A',
      'ABC',
      'aBc',
      'A1',
      'A-1',
      '1-A',
      '-',
      'a-',
      '-a',
      '1-',
      '-1',
      '_',
      'a_',
      '_a',
      'a_b',
      '1_',
      '_1',
      '1_2',
      '.',
      'a.',
      '.a',
      'a..b',
      '1.',
      '.1',
      '1..2',
      ' ',
      'a ',
      ' a',
      'a b',
      '1 ',
      ' 1',
      '1 2',
      'A.a',
      'aB.a',
      'ab.A',
      'A1.a',
      'a1.A',
      'A.1',
      'aB.1',
      'A1.1',
      '1A.1',
      '0.A',
      '01.A',
      '012.A',
      '1A.a',
      '1a.A',
      'A.B.C.D.E',
      'AA.BB.CC.DD.EE',
      'a.B.c.d.e',
      'aa.bB.cc.dd.ee',
      'a@b',
      'a,b',
      'a;b',
      'a:b',
      'a%b',
      'a?b',
      'a$b',
      a(254),
    ],
  },
  {
    name: 'IsDNS1035Label',
    check: dns1035Label,
    good: ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', a(63)],
    bad: [
      '0',
      '01',
      '012',
      '1a',
      '1-a',
      '1--a--b--2',
      '',
      'A',
      'ABC',
      'aBc',
      'A1',
      'A-1',
      '1-A',
      '-',
      'a-',
      '-a',
      '1-',
      '-1',
      '_',
      'a_',
      '_a',
      'a_b',
      '.',
      'a.',
      '.a',
      'a.b',
      ' ',
      'a b',
      a(64),
    ],
  },
  {
    name: 'IsQualifiedName',
    check: qualifiedName,
    good: [
      'simple',
      'now-with-dashes',
      '1-starts-with-num',
      '1234',
      'simple/simple',
      'now-with-dashes/simple',
      'now-with-dashes/now-with-dashes',
      'now.with.dots/simple',
      'now-with.dashes-and.dots/simple',
      '1-num.2-num/3-num',
      '1234/5678',
      '1.2.3.4/5678',
      'Uppercase_Is_OK_123',
      'example.com/Uppercase_Is_OK_123',
      'requests.storage-foo',
      a(63),
      `${a(253)}/${'b'.repeat(63)}`,
    ],
    bad: [
      'nospecialchars%^=@',
      'cantendwithadash-',
      '-cantstartwithadash-',
      'only/one/slash',
      'Example.com/abc',
      'example_com/abc',
      'example.com/',
      '/simple',
      a(64),
      `${a(254)}/abc`,
    ],
  },
  {
    name: 'IsValidLabelValue',
    check: labelValue,
    good: ['simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', a(63), ''],
    bad: [
      'nospecialchars%^=@',
      'Tama-nui-te-rā.is.Māori.sun',
      '\\backslashes\\are\\bad',
      '-starts-with-dash',
      'ends-with-dash-',
      '.starts.with.dot',
      'ends.with.dot.',
      a(64),
    ],
  },
];

describe.each(TABLES)('$name (upstream table)', ({ check, good, bad }) => {
  it.each(good)('accepts %j', (v) => expect(check(v)).toEqual([]));
  it.each(bad)('rejects %j', (v) => expect(check(v).length).toBeGreaterThan(0));
});

describe('a label selector', () => {
  it.each([
    [
      'matchLabels that are all present select',
      { matchLabels: { app: 'web' } },
      { app: 'web', tier: 'fe' },
      true,
    ],
    [
      'a matchLabels value that differs does not select',
      { matchLabels: { app: 'web' } },
      { app: 'db' },
      false,
    ],
    [
      'In selects a listed value',
      { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] },
      { app: 'api' },
      true,
    ],
    [
      'NotIn rejects a listed value',
      { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] },
      { app: 'web' },
      false,
    ],
    ['Exists needs the key', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, {}, false],
    [
      'DoesNotExist needs the key absent',
      { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] },
      {},
      true,
    ],
  ])('%s', (_name, selector, labels, expected) => {
    expect(selectorMatches(selector, labels)).toBe(expected);
  });
});

describe("Go's base64.StdEncoding, as the API server's JSON decoder reads []byte fields", () => {
  // Upstream: golang/go src/encoding/base64/base64_test.go, TestDecodeCorrupt (-1: no corruption) and
  // TestNewLineCharacters (\r and \n are skipped).
  const corrupt: [string, number][] = [
    ['', -1],
    ['\n', -1],
    ['AAA=\n', -1],
    ['AAAA\n', -1],
    ['!!!!', 0],
    ['====', 0],
    ['x===', 1],
    ['=AAA', 0],
    ['A=AA', 1],
    ['AA=A', 2],
    ['AA==A', 4],
    ['AAA=AAAA', 4],
    ['AAAAA', 4],
    ['AAAAAA', 4],
    ['A=', 1],
    ['A==', 1],
    ['AA=', 3],
    ['AA==', -1],
    ['AAA=', -1],
    ['AAAA', -1],
    ['AAAAAA=', 7],
    ['YWJjZA=====', 8],
    ['A!\n', 1],
    ['A=\n', 1],
  ];
  it.each(corrupt)('%j: corrupt at %i', (input, offset) => {
    expect(base64ErrorOffset(input) ?? -1).toBe(offset);
  });

  it.each(['c3VyZQ==', 'c3VyZQ==\r\n', 'c3V\ryZ\nQ==', 'c3VyZQ\n==', 'c3VyZQ=\r\n\r\n=', 'cGFzc3dvcmQ='])(
    '%j decodes',
    (input) => expect(base64ErrorOffset(input)).toBeUndefined(),
  );

  it('counts bytes of UTF-8, as Go does', () => {
    expect(base64ErrorOffset('AAé')).toBe(2);
    expect(base64ErrorOffset('€AAA')).toBe(0);
    expect(base64ErrorOffset('AAAA€')).toBe(4);
  });
});

describe('resource.Quantity, exactly', () => {
  // Upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity_test.go, TestQuantityParseEmit
  // (and the canonical forms of TestQuantityString).
  it.each([
    ['1Ki', '1Ki'],
    ['1Mi', '1Mi'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1000M', '1G'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
    ['2000m', '2'],
    ['1.5', '1500m'],
    ['0.5Gi', '512Mi'],
    ['512', '512'],
    ['1000', '1k'],
    ['1e3', '1e3'],
    ['3e3', '3e3'],
    ['80e-3', '80e-3'],
    ['0', '0'],
    ['100m', '100m'],
    [2, '2'],
    [0.25, '250m'],
  ])('%s prints as %s', (input, expected) => {
    const q = exactQuantity(input);
    expect(q && canonicalQuantity(q)).toBe(expected);
  });

  it('compares without floating point', () => {
    const cmp = (a: string, b: string): number => compareQuantities(exactQuantity(a)!, exactQuantity(b)!);
    expect(cmp('2', '1')).toBe(1);
    expect(cmp('1000m', '1')).toBe(0);
    expect(cmp('1Gi', '1G')).toBe(1);
    expect(cmp('0.1', '100m')).toBe(0);
    expect(cmp('999999999999999999999', '1000000000000000000000')).toBe(-1);
  });

  it('IsOvercommitAllowed: native resources but hugepages; not extended resources', () => {
    expect(['cpu', 'memory', 'ephemeral-storage', 'kubernetes.io/x'].map(isOvercommitAllowed)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['nvidia.com/gpu', 'hugepages-2Mi', 'example.com/dongle'].map(isOvercommitAllowed)).toEqual([
      false,
      false,
      false,
    ]);
  });
});
