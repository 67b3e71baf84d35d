import { describe, expect, it } from 'vitest';
import {
  EVERYTHING,
  labelSelectorAsSelector,
  newRequirement,
  nodeSelectorMatches,
  parseSelector,
  Selector,
  selectorFromSet,
  type Operator,
} from './labels';
import type { Node, NodeSelector } from './types';

// Upstream: staging/src/k8s.io/apimachinery/pkg/labels/selector_test.go, TestSelectorParse.
describe('labels.Parse (TestSelectorParse)', () => {
  it.each(['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5'])(
    'parses %j and prints it back without spaces',
    (s) => {
      expect(parseSelector(s).toString()).toBe(s.replace(/ /g, ''));
    },
  );
  it.each(['x=a||y=b', 'x==a==b', '!x=a', 'x<a'])('refuses %j', (s) => {
    expect(() => parseSelector(s)).toThrow();
  });
  it('parses deterministically whatever the order of requirements (TestDeterministicParse)', () => {
    expect(parseSelector('x=a,a=x').toString()).toBe(parseSelector('a=x,x=a').toString());
  });
});

// Upstream: same file, TestSelectorMatches.
const matchCases: Array<[string, Record<string, string>, boolean]> = [
  ['', { x: 'y' }, true],
  ['x=y', { x: 'y' }, true],
  ['x=y,z=w', { x: 'y', z: 'w' }, true],
  ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
  ['notin=in', { notin: 'in' }, true],
  ['x', { x: 'z' }, true],
  ['!x', { y: 'z' }, true],
  ['x>1', { x: '2' }, true],
  ['x<1', { x: '0' }, true],
  ['x=z', {}, false],
  ['x=y', { x: 'z' }, false],
  ['x=y,z=w', { x: 'w', z: 'w' }, false],
  ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
  ['x', { y: 'z' }, false],
  ['!x', { x: 'z' }, false],
  ['x>1', { x: '0' }, false],
  ['x<1', { x: '2' }, false],
  ['foo=bar', { foo: 'bar', baz: 'blah' }, true],
  ['baz=blah', { foo: 'bar', baz: 'blah' }, true],
  ['foo=bar,baz=blah', { foo: 'bar', baz: 'blah' }, true],
  ['foo=blah', { foo: 'bar', baz: 'blah' }, false],
  ['baz=bar', { foo: 'bar', baz: 'blah' }, false],
  ['foo=bar,foobar=bar,baz=blah', { foo: 'bar', baz: 'blah' }, false],
];

describe('Selector.matches (TestSelectorMatches)', () => {
  it.each(matchCases)('%j against %j gives %s', (sel, labels, want) => {
    expect(parseSelector(sel).matches(labels)).toBe(want);
  });
  it('matches everything with the empty selector (TestEverything)', () => {
    expect(EVERYTHING.matches({ x: 'y' })).toBe(true);
    expect(EVERYTHING.empty).toBe(true);
  });
});

// Upstream: same file, TestSetMatches.
describe('SelectorFromSet (TestSetMatches)', () => {
  const labelset = { foo: 'bar', baz: 'blah' };
  it.each([{}, { foo: 'bar' }, { baz: 'blah' }, { foo: 'bar', baz: 'blah' }])(
    '%j matches the label set',
    (set) => {
      expect(selectorFromSet(set).matches(labelset)).toBe(true);
    },
  );
});

// Upstream: same file, TestRequirementConstructor.
const constructorCases: Array<[string, Operator, string[], boolean]> = [
  ['x', 'In', [], false],
  ['x', 'NotIn', [], false],
  ['x', 'In', ['foo'], true],
  ['x', 'NotIn', ['foo'], true],
  ['x', 'Exists', [], true],
  ['x', 'DoesNotExist', [], true],
  ['1foo', 'In', ['bar'], true],
  ['1234', 'In', ['bar'], true],
  ['y', 'Gt', ['1'], true],
  ['z', 'Lt', ['6'], true],
  ['foo', 'Gt', ['bar'], false],
  ['barz', 'Lt', ['blah'], false],
  ['a'.repeat(254), 'Exists', [], false],
];

describe('NewRequirement (TestRequirementConstructor)', () => {
  it.each(constructorCases)('key %j %s %j is valid: %s', (key, op, values, ok) => {
    if (ok) expect(() => newRequirement(key, op, values)).not.toThrow();
    else expect(() => newRequirement(key, op, values)).toThrow();
  });
});

// Upstream: same file, TestRequirementSelectorMatching (the empty-requirement row is not representable).
const requirementMatching: Array<[Record<string, string>, Array<[string, Operator, string[]]>, boolean]> = [
  [
    { x: 'foo', y: 'baz' },
    [
      ['x', 'In', ['foo']],
      ['y', 'NotIn', ['alpha']],
    ],
    true,
  ],
  [
    { x: 'foo', y: 'baz' },
    [
      ['x', 'In', ['foo']],
      ['y', 'In', ['alpha']],
    ],
    false,
  ],
  [
    { y: '' },
    [
      ['x', 'NotIn', ['']],
      ['y', 'Exists', []],
    ],
    true,
  ],
  [
    { y: '' },
    [
      ['x', 'DoesNotExist', []],
      ['y', 'Exists', []],
    ],
    true,
  ],
  [
    { y: '' },
    [
      ['x', 'NotIn', ['']],
      ['y', 'DoesNotExist', []],
    ],
    false,
  ],
  [{ y: 'baz' }, [['x', 'In', ['']]], false],
  [{ z: '2' }, [['z', 'Gt', ['1']]], true],
  [{ z: 'v2' }, [['z', 'Gt', ['1']]], false],
];

describe('Requirement.Matches (TestRequirementSelectorMatching)', () => {
  it.each(requirementMatching)('%j against %j gives %s', (labels, reqs, want) => {
    const sel = new Selector(reqs.map(([k, op, v]) => newRequirement(k, op, v)));
    expect(sel.matches(labels)).toBe(want);
  });
});

// Upstream: same file, TestSetSelectorParser (validity and matching of the valid rows).
describe('labels.Parse of set-based forms (TestSetSelectorParser)', () => {
  it.each([
    ['', ''],
    ['\rx', 'x'],
    ['this-is-a-dns.domain.com/key-with-dash', 'this-is-a-dns.domain.com/key-with-dash'],
    [
      'this-is-another-dns.domain.com/key-with-dash in (so,what)',
      'this-is-another-dns.domain.com/key-with-dash in (so,what)',
    ],
    [
      '0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)',
      '0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)',
    ],
    ['foo  in\t (abc)', 'foo in (abc)'],
    ['x notin\n (abc)', 'x notin (abc)'],
    ['x  notin\t\t(abc,def)', 'x notin (abc,def)'],
    ['x in (abc,def)', 'x in (abc,def)'],
    ['x in (abc,)', 'x in (,abc)'],
    ['x in ()', 'x in ()'],
  ])('parses %j', (input, printed) => {
    expect(parseSelector(input).toString()).toBe(printed);
  });
});

describe('metav1.LabelSelectorAsSelector', () => {
  it('selects nothing for a nil selector and everything for an empty one', () => {
    expect(labelSelectorAsSelector(undefined).matches({ a: 'b' })).toBe(false);
    expect(labelSelectorAsSelector({}).matches({ a: 'b' })).toBe(true);
  });
  it('ANDs matchLabels and matchExpressions', () => {
    const sel = labelSelectorAsSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }],
    });
    expect(sel.matches({ app: 'web', tier: 'front' })).toBe(true);
    expect(sel.matches({ app: 'web', tier: 'db' })).toBe(false);
  });
});

function nodeWithLabels(labels: Record<string, string>): Node {
  return { metadata: { name: 'node-1', labels } };
}

describe('node selector terms (component-helpers nodeaffinity)', () => {
  const cases: Array<[string, NodeSelector, Record<string, string>, boolean]> = [
    [
      'Gt matches a larger integer label',
      { nodeSelectorTerms: [{ matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['3'] }] }] },
      { gen: '4' },
      true,
    ],
    [
      'Gt does not match an equal label',
      { nodeSelectorTerms: [{ matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['3'] }] }] },
      { gen: '3' },
      false,
    ],
    [
      'Lt matches a smaller integer label',
      { nodeSelectorTerms: [{ matchExpressions: [{ key: 'gen', operator: 'Lt', values: ['3'] }] }] },
      { gen: '2' },
      true,
    ],
    [
      'Gt with a non-integer value matches nothing',
      { nodeSelectorTerms: [{ matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['x'] }] }] },
      { gen: '9' },
      false,
    ],
    ['an empty term matches nothing', { nodeSelectorTerms: [{}] }, { a: 'b' }, false],
    [
      'terms are ORed',
      {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'a', operator: 'In', values: ['x'] }] },
          { matchExpressions: [{ key: 'b', operator: 'Exists' }] },
        ],
      },
      { b: '' },
      true,
    ],
    [
      'an invalid term matches nothing but others still count',
      {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'a', operator: 'In', values: ['invalid value: ___@#$%^'] }] },
          { matchExpressions: [{ key: 'b', operator: 'DoesNotExist' }] },
        ],
      },
      { a: 'x' },
      true,
    ],
    [
      'matchFields metadata.name In matches the node name',
      {
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }],
      },
      {},
      true,
    ],
  ];
  it.each(cases)('%s', (_name, selector, labels, want) => {
    expect(nodeSelectorMatches(selector, nodeWithLabels(labels))).toBe(want);
  });
});
