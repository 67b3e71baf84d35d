import { describe, expect, it } from 'vitest';
import { newRSNewReplicas } from '../deployment/rolling';
import { resolveFenceposts } from './rollout';

// Ported from kubernetes/kubernetes pkg/controller/deployment/util/deployment_util_test.go TestResolveFenceposts.
const FENCEPOSTS = [
  { maxSurge: '0%', maxUnavailable: '0%', desired: 0, surge: 0, unavailable: 1, error: false },
  { maxSurge: '39%', maxUnavailable: '39%', desired: 10, surge: 4, unavailable: 3, error: false },
  { maxSurge: 'oops', maxUnavailable: '39%', desired: 10, surge: 0, unavailable: 0, error: true },
  { maxSurge: '55%', maxUnavailable: 'urg', desired: 10, surge: 0, unavailable: 0, error: true },
];

describe('resolveFenceposts (upstream TestResolveFenceposts)', () => {
  it.each(FENCEPOSTS)(
    'maxSurge $maxSurge and maxUnavailable $maxUnavailable of $desired resolve to $surge and $unavailable',
    ({ maxSurge, maxUnavailable, desired, surge, unavailable, error }) => {
      if (error) expect(() => resolveFenceposts(maxSurge, maxUnavailable, desired)).toThrow(/invalid value/);
      else expect(resolveFenceposts(maxSurge, maxUnavailable, desired)).toEqual([surge, unavailable]);
    },
  );

  it('integer values are taken as they are and maxSurge rounds up while maxUnavailable rounds down', () => {
    expect(resolveFenceposts(1, 0, 10)).toEqual([1, 0]);
    expect(resolveFenceposts('25%', '25%', 10)).toEqual([3, 2]);
  });
});

// Ported from deployment_util_test.go TestNewRSNewReplicas (RollingUpdate cases; maxUnavailable 1, one
// other ReplicaSet with 5 replicas).
const NEW_RS = [
  { test: 'can not scale up - to newRSReplicas', depReplicas: 1, newRSReplicas: 5, maxSurge: 1, expected: 5 },
  { test: 'scale up - to depReplicas', depReplicas: 6, newRSReplicas: 2, maxSurge: 10, expected: 6 },
];

describe('newRSNewReplicas (upstream TestNewRSNewReplicas)', () => {
  it.each(NEW_RS)('$test', ({ depReplicas, newRSReplicas, maxSurge, expected }) => {
    const newRS = { name: 'new', replicas: newRSReplicas, available: 0, created: 0 };
    const rs5 = { name: 'rs5', replicas: 5, available: 0, created: 0 };
    expect(newRSNewReplicas(depReplicas, maxSurge, 1, newRS, [rs5])).toBe(expected);
  });
});
