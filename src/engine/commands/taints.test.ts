import { describe, expect, it } from 'vitest';
import type { Taint } from '../api/types';
import { parseTaints, reorganizeTaints, taintsAlreadyThere, type TaintSpec } from './taints';

const ns = (key: string, value = ''): TaintSpec => ({ key, value, effect: 'NoSchedule' });

// The cases of upstream's TestParseTaints (staging/src/k8s.io/kubectl/pkg/cmd/taint/utils_test.go).
const parseCases: Array<[string, string[], { add: TaintSpec[]; remove: TaintSpec[] } | 'error']> = [
  ['rejects an empty spec', [''], 'error'],
  ['rejects a key=value without an effect', ['foo=abc'], 'error'],
  ['rejects two equals signs', ['foo=abc=xyz:NoSchedule'], 'error'],
  ['rejects two colons', ['foo=abc:xyz:NoSchedule'], 'error'],
  ['rejects adding a taint without an effect', ['foo'], 'error'],
  ['rejects an invalid effect when adding', ['foo=abc:invalid_effect'], 'error'],
  ['rejects an invalid effect when deleting', ['foo:invalid_effect-'], 'error'],
  [
    'parses new taints',
    ['foo=abc:NoSchedule', 'bar=abc:NoSchedule', 'baz:NoSchedule', 'qux:NoSchedule', 'foobar=:NoSchedule'],
    { add: [ns('foo', 'abc'), ns('bar', 'abc'), ns('baz'), ns('qux'), ns('foobar')], remove: [] },
  ],
  [
    'parses taints to delete, with or without effect',
    ['foo:NoSchedule-', 'bar:NoSchedule-', 'qux=:NoSchedule-', 'dedicated-'],
    { add: [], remove: [ns('foo'), ns('bar'), ns('qux'), { key: 'dedicated', value: '', effect: '' }] },
  ],
  [
    'parses taints to add and to delete together',
    [
      'foo=abc:NoSchedule',
      'bar=abc:NoSchedule',
      'baz:NoSchedule',
      'qux:NoSchedule',
      'foobar=:NoSchedule',
      'foo:NoSchedule-',
      'bar:NoSchedule-',
      'baz=:NoSchedule-',
    ],
    {
      add: [ns('foo', 'abc'), ns('bar', 'abc'), ns('baz'), ns('qux'), ns('foobar')],
      remove: [ns('foo'), ns('bar'), ns('baz')],
    },
  ],
];

describe('parseTaints (TestParseTaints)', () => {
  it.each(parseCases)('%s', (_name, spec, want) => {
    const got = parseTaints(spec);
    if (want === 'error') expect(typeof got).toBe('string');
    else expect(got).toEqual(want);
  });
});

const old: Taint[] = [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }];

// The cases of upstream's TestReorganizeTaints.
const reorganizeCases: Array<[string, boolean, TaintSpec[], TaintSpec[], Taint[], string, boolean]> = [
  ['no changes with overwrite is modified', true, [], [], old, 'modified', false],
  ['no changes without overwrite is untainted', false, [], [], old, 'untainted', false],
  [
    'a new taint comes first, then the old ones',
    false,
    [{ key: 'foo_1', value: '', effect: 'NoExecute' }],
    [],
    [{ key: 'foo_1', effect: 'NoExecute' }, ...old],
    'tainted',
    false,
  ],
  ['deletes a taint by key and effect', false, [], [ns('foo')], [], 'untainted', false],
  [
    'deletes a taint by key alone',
    false,
    [],
    [{ key: 'foo', value: '', effect: '' }],
    [],
    'untainted',
    false,
  ],
  ['reports a taint that does not exist', false, [], [ns('foo_1')], old, 'untainted', true],
  [
    'adds one taint and deletes another',
    false,
    [ns('foo_1')],
    [ns('foo')],
    [{ key: 'foo_1', effect: 'NoSchedule' }],
    'modified',
    false,
  ],
];

describe('reorganizeTaints (TestReorganizeTaints)', () => {
  it.each(reorganizeCases)('%s', (_name, overwrite, add, remove, taints, operation, hasError) => {
    const got = reorganizeTaints(old, overwrite, add, remove);
    expect(got.taints).toEqual(taints);
    expect(got.operation).toBe(operation);
    expect(got.errors.length > 0).toBe(hasError);
  });
});

// The cases of upstream's TestCheckIfTaintsAlreadyExists.
describe('taintsAlreadyThere (TestCheckIfTaintsAlreadyExists)', () => {
  const existing: Taint[] = ['foo_1', 'foo_2', 'foo_3'].map((key) => ({
    key,
    value: 'bar',
    effect: 'NoSchedule',
  }));
  const cases: Array<[string, TaintSpec[], string]> = [
    ['finds nothing in an empty list', [], ''],
    ['does not match another effect', [{ key: 'foo_1', value: '', effect: 'NoExecute' }], ''],
    ['matches one taint', [ns('foo_2')], 'foo_2'],
    ['matches two taints', [ns('foo_2'), ns('foo_3')], 'foo_2,foo_3'],
  ];
  it.each(cases)('%s', (_name, add, want) => {
    expect(taintsAlreadyThere(existing, add)).toBe(want);
  });
});
