import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod, Taint, Toleration } from '../api/types';
import { defaultTolerationSeconds } from './defaultTolerations';
import { matchingTolerations, minTolerationMs } from './taints';

type P = Pod & KubeObject;

const pod = (tolerations?: Toleration[]): P => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'i' }], ...(tolerations ? { tolerations } : {}) },
});

const notReady300: Toleration = {
  key: 'node.kubernetes.io/not-ready',
  operator: 'Exists',
  effect: 'NoExecute',
  tolerationSeconds: 300,
};
const unreachable300: Toleration = {
  key: 'node.kubernetes.io/unreachable',
  operator: 'Exists',
  effect: 'NoExecute',
  tolerationSeconds: 300,
};

// plugin/pkg/admission/defaulttolerationseconds/admission_test.go TestForgivenessAdmission.
describe('DefaultTolerationSeconds admission', () => {
  const cases: Array<[string, Toleration[] | undefined, Toleration[]]> = [
    ['a pod with no tolerations gets both defaults', undefined, [notReady300, unreachable300]],
    [
      'a pod with unrelated tolerations keeps them and gets both defaults',
      [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }],
      [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }, notReady300, unreachable300],
    ],
    [
      'a pod that already tolerates not-ready keeps its own and gets only unreachable',
      [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 700,
        },
      ],
      [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 700,
        },
        unreachable300,
      ],
    ],
    [
      'a pod that tolerates unreachable with any effect gets only not-ready',
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }],
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }, notReady300],
    ],
    [
      'a pod that tolerates every taint (empty key, Exists) gets nothing',
      [{ operator: 'Exists' }],
      [{ operator: 'Exists' }],
    ],
    [
      'a toleration of the key for NoSchedule only does not count',
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }],
      [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' },
        notReady300,
        unreachable300,
      ],
    ],
  ];
  for (const [name, given, want] of cases)
    it(name, () => {
      expect((defaultTolerationSeconds(pod(given)) as P).spec?.tolerations).toEqual(want);
    });

  it('leaves other kinds alone', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } };
    expect(defaultTolerationSeconds(svc)).toBe(svc);
  });
});

// pkg/controller/tainteviction: GetMatchingTolerations and getMinTolerationTime.
describe('tolerations of NoExecute taints', () => {
  const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
  const custom: Taint = { key: 'dedicated', value: 'db', effect: 'NoExecute' };
  const cases: Array<[string, Taint[], Toleration[], boolean, number]> = [
    ['a tolerated taint with 300 s gives 300 s', [unreachable], [unreachable300], true, 300_000],
    ['an untolerated taint means eviction now', [unreachable, custom], [unreachable300], false, -1],
    [
      'a toleration without seconds tolerates forever',
      [unreachable],
      [{ key: unreachable.key, operator: 'Exists' }],
      true,
      -1,
    ],
    [
      'the smallest of the used tolerations wins',
      [unreachable, custom],
      [
        unreachable300,
        { key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoExecute', tolerationSeconds: 60 },
      ],
      true,
      60_000,
    ],
    [
      'a negative tolerationSeconds is zero',
      [unreachable],
      [{ key: unreachable.key, operator: 'Exists', tolerationSeconds: -5 }],
      true,
      0,
    ],
  ];
  for (const [name, taints, tolerations, all, ms] of cases)
    it(name, () => {
      const m = matchingTolerations(taints, tolerations);
      expect(m.all).toBe(all);
      if (all) expect(minTolerationMs(m.used)).toBe(ms);
    });
});
