import { describe, expect, it } from 'vitest';
import { resourceReplicas, type PodSample } from './replicaCalculator';

interface Row {
  name: string;
  current: number;
  /** Requests in millicores, one per pod. */
  requests: number[];
  /** Usage of the first pods (upstream's `levels`); the pods after them have no metric. */
  levels: number[];
  /** Ready per pod (default true). */
  ready?: boolean[];
  pending?: boolean[];
  target: number;
  replicas: number;
  utilization?: number;
  error?: string;
}

const ones = (n: number): number[] => Array.from({ length: n }, () => 1000);

// Upstream pkg/controller/podautoscaler/replica_calculator_test.go: every CPU resource case (the custom,
// object and external metric cases do not apply), with upstream's inputs and expected values. Failed and
// terminating pods (TestReplicaCalc*IgnoresFailedPods, *IgnoresDeletionPods) are left out by the controller
// before the calculator, so those rows list only the pods that remain. The "hot CPU" rows model
// initialization through readiness, as the simulation does.
const ROWS: Row[] = [
  {
    name: 'TestReplicaCalcScaleUp',
    current: 3,
    requests: ones(3),
    levels: [300, 500, 700],
    target: 30,
    replicas: 5,
    utilization: 50,
  },
  {
    name: 'TestReplicaCalcScaleUpUnreadyLessScale',
    current: 3,
    requests: ones(3),
    levels: [300, 500, 700],
    ready: [false, true, true],
    target: 30,
    replicas: 4,
    utilization: 60,
  },
  {
    name: 'TestReplicaCalcScaleUpUnreadyNoScale',
    current: 3,
    requests: ones(3),
    levels: [400, 500, 700],
    ready: [true, false, false],
    target: 30,
    replicas: 3,
    utilization: 40,
  },
  {
    name: 'TestReplicaCalcScaleUpIgnoresFailedPods',
    current: 2,
    requests: ones(2),
    levels: [500, 700],
    target: 30,
    replicas: 4,
    utilization: 60,
  },
  {
    name: 'TestReplicaCalcScaleUpIgnoresDeletionPods',
    current: 2,
    requests: ones(2),
    levels: [500, 700],
    target: 30,
    replicas: 4,
    utilization: 60,
  },
  {
    name: 'TestReplicaCalcScaleDown',
    current: 5,
    requests: ones(5),
    levels: [100, 300, 500, 250, 250],
    target: 50,
    replicas: 3,
    utilization: 28,
  },
  {
    name: 'TestReplicaCalcScaleDownIncludeUnreadyPods',
    current: 5,
    requests: ones(5),
    levels: [100, 300, 500, 250, 250],
    ready: [true, true, true, false, false],
    target: 50,
    replicas: 2,
    utilization: 30,
  },
  {
    name: 'TestReplicaCalcScaleDownExcludeUnscheduledPods',
    current: 5,
    requests: ones(5),
    levels: [100],
    ready: [true, false, false, false, false],
    pending: [false, true, true, true, true],
    target: 50,
    replicas: 1,
    utilization: 10,
  },
  {
    name: 'TestReplicaCalcScaleDownIgnoresFailedPods',
    current: 5,
    requests: ones(5),
    levels: [100, 300, 500, 250, 250],
    target: 50,
    replicas: 3,
    utilization: 28,
  },
  {
    name: 'TestReplicaCalcScaleDownIgnoresDeletionPods',
    current: 5,
    requests: ones(5),
    levels: [100, 300, 500, 250, 250],
    target: 50,
    replicas: 3,
    utilization: 28,
  },
  {
    name: 'TestReplicaCalcTolerance',
    current: 3,
    requests: [900, 1000, 1100],
    levels: [1010, 1030, 1020],
    target: 100,
    replicas: 3,
    utilization: 102,
  },
  {
    name: 'TestReplicaCalcSuperfluousMetrics (metrics of unknown pods dropped)',
    current: 4,
    requests: ones(4),
    levels: [4000, 9500, 3000, 7000],
    target: 100,
    replicas: 24,
    utilization: 587,
  },
  {
    name: 'TestReplicaCalcMissingMetrics',
    current: 4,
    requests: ones(4),
    levels: [400, 95],
    target: 100,
    replicas: 3,
    utilization: 24,
  },
  {
    name: 'TestReplicaCalcEmptyMetrics',
    current: 4,
    requests: ones(3),
    levels: [],
    target: 100,
    replicas: 4,
    error: 'unable to get metrics for resource cpu: no metrics returned from resource metrics API',
  },
  {
    name: 'TestReplicaCalcEmptyCPURequest',
    current: 1,
    requests: [0],
    levels: [200],
    target: 100,
    replicas: 1,
    error: 'missing request for cpu',
  },
  {
    name: 'TestReplicaCalcMissingMetricsNoChangeEq',
    current: 2,
    requests: ones(2),
    levels: [1000],
    target: 100,
    replicas: 2,
    utilization: 100,
  },
  {
    name: 'TestReplicaCalcMissingMetricsNoChangeGt',
    current: 2,
    requests: ones(2),
    levels: [1900],
    target: 100,
    replicas: 2,
    utilization: 190,
  },
  {
    name: 'TestReplicaCalcMissingMetricsNoChangeLt',
    current: 2,
    requests: ones(2),
    levels: [600],
    target: 100,
    replicas: 2,
    utilization: 60,
  },
  {
    name: 'TestReplicaCalcMissingMetricsUnreadyChange',
    current: 3,
    requests: ones(3),
    levels: [100, 450],
    ready: [false, true, true],
    target: 50,
    replicas: 3,
    utilization: 45,
  },
  {
    name: 'TestReplicaCalcMissingMetricsUnreadyScaleUp',
    current: 3,
    requests: ones(3),
    levels: [100, 2000],
    ready: [false, true, true],
    target: 50,
    replicas: 4,
    utilization: 200,
  },
  {
    name: 'TestReplicaCalcMissingMetricsUnreadyScaleDown',
    current: 4,
    requests: ones(4),
    levels: [100, 100, 100],
    ready: [false, true, true, true],
    target: 50,
    replicas: 3,
    utilization: 10,
  },
  {
    name: 'TestReplicaCalcDuringRollingUpdateWithMaxSurge',
    current: 2,
    requests: ones(3),
    levels: [100, 100],
    target: 50,
    replicas: 2,
    utilization: 10,
  },
  // TestReplicaCalcComputedToleranceAlgImplementation: 10 pods at 150m, requests around 300m (3000m in all);
  // a target of 56 % scales down to 9, a target of 55 % (within tolerance) keeps 10.
  {
    name: 'TestReplicaCalcComputedToleranceAlgImplementation (scale)',
    current: 10,
    requests: [400, 200, 310, 290, 302, 298, 301, 299, 300, 300],
    levels: Array.from({ length: 10 }, () => 150),
    target: 56,
    replicas: 9,
    utilization: 50,
  },
  {
    name: 'TestReplicaCalcComputedToleranceAlgImplementation (no scale)',
    current: 10,
    requests: [400, 200, 310, 290, 302, 298, 301, 299, 300, 300],
    levels: Array.from({ length: 10 }, () => 150),
    target: 55,
    replicas: 10,
    utilization: 50,
  },
];

describe('resourceReplicas (upstream replica_calculator_test.go)', () => {
  it.each(ROWS)('$name', (row) => {
    const samples: PodSample[] = row.requests.map((request, i) => ({
      usage: row.levels[i],
      request,
      ready: row.ready?.[i] ?? true,
      ...(row.pending?.[i] ? { pending: true } : {}),
    }));
    const r = resourceReplicas(row.current, samples, row.target);
    expect(r.replicas).toBe(row.replicas);
    if (row.utilization !== undefined) expect(r.utilization).toBe(row.utilization);
    if (row.error !== undefined) expect(r.error).toBe(row.error);
    else expect(r.error).toBeUndefined();
  });
});
