import { describe, expect, it } from 'vitest';
import { resourceReplicas, type PodSample } from './replicaCalculator';

const pods = (usage: Array<number | undefined>, request = 1000, ready: boolean[] = []): PodSample[] =>
  usage.map((u, i) => ({ usage: u, request, ready: ready[i] ?? true }));

// Cases of kubernetes/kubernetes pkg/controller/podautoscaler/replica_calculator_test.go (requests of
// 1.0 CPU per pod, target utilization 30 %, as upstream's tests set them up).
const CASES = [
  {
    name: 'TestReplicaCalcScaleUp',
    current: 3,
    usage: [300, 500, 700],
    ready: [],
    target: 30,
    replicas: 5,
    utilization: 50,
  },
  {
    name: 'TestReplicaCalcScaleDown',
    current: 5,
    usage: [100, 300, 500, 250, 250],
    ready: [],
    target: 50,
    replicas: 3,
    utilization: 28,
  },
  {
    name: 'TestReplicaCalcTolerance',
    current: 3,
    usage: [1010, 1030, 1020],
    ready: [],
    target: 100,
    replicas: 3,
    utilization: 102,
  },
  {
    name: 'TestReplicaCalcScaleUpUnreadyLessScale',
    current: 3,
    usage: [300, 500, 700],
    ready: [false, true, true],
    target: 30,
    replicas: 4,
    utilization: 60,
  },
  {
    name: 'TestReplicaCalcScaleUpUnreadyNoScale',
    current: 3,
    usage: [400, 500, 700],
    ready: [true, false, false],
    target: 30,
    replicas: 3,
    utilization: 40,
  },
];

describe('resourceReplicas (upstream replica_calculator_test.go)', () => {
  it.each(CASES)(
    '$name: $current pods using $usage of 1000m at target $target% want $replicas',
    ({ current, usage, ready, target, replicas, utilization }) => {
      expect(resourceReplicas(current, pods(usage, 1000, ready), target)).toEqual({ replicas, utilization });
    },
  );

  it('a missing metric on a scale-down counts as the whole request, which slows the scale-down', () => {
    // Ready pods alone: 10 % of a 50 % target would give 1; the missing pod at 100 % gives ceil(0.64 x 4).
    expect(resourceReplicas(4, pods([100, 100, 100, undefined]), 50).replicas).toBe(3);
  });
});
