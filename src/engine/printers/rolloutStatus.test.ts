import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types';
import { rolloutStatus } from './rolloutStatus';

const obj = (kind: string, generation: number, spec: object, status: object): KubeObject =>
  ({
    apiVersion: 'apps/v1',
    kind,
    metadata: { name: 'foo', namespace: 'bar', generation },
    spec,
    status,
  }) as KubeObject;

// Cases of TestDeploymentStatusViewerStatus (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status_test.go).
const deployments: Array<[string, number, number, object, string, boolean]> = [
  [
    'waits for new replicas to be updated (test1)',
    0,
    1,
    { observedGeneration: 1, replicas: 1, updatedReplicas: 0, availableReplicas: 1 },
    'Waiting for deployment "foo" rollout to finish: 0 out of 1 new replicas have been updated...\n',
    false,
  ],
  [
    'waits for old replicas to terminate (test2)',
    1,
    1,
    { observedGeneration: 1, replicas: 2, updatedReplicas: 1, availableReplicas: 2 },
    'Waiting for deployment "foo" rollout to finish: 1 old replicas are pending termination...\n',
    false,
  ],
  [
    'waits for updated replicas to be available (test3)',
    1,
    2,
    { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 1 },
    'Waiting for deployment "foo" rollout to finish: 1 of 2 updated replicas are available...\n',
    false,
  ],
  [
    'is done when every replica is updated and available (test4)',
    1,
    2,
    { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 },
    'deployment "foo" successfully rolled out\n',
    true,
  ],
  [
    'waits for the controller to observe the spec (test5)',
    2,
    2,
    { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 },
    'Waiting for deployment spec update to be observed...\n',
    false,
  ],
];

// Cases of TestDaemonSetStatusViewerStatus.
const daemonSets: Array<[string, number, object, string, boolean]> = [
  [
    'waits for new pods to be updated (test1)',
    0,
    { observedGeneration: 1, updatedNumberScheduled: 0, desiredNumberScheduled: 1, numberAvailable: 0 },
    'Waiting for daemon set "foo" rollout to finish: 0 out of 1 new pods have been updated...\n',
    false,
  ],
  [
    'waits for updated pods to be available (test2)',
    1,
    { observedGeneration: 1, updatedNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 1 },
    'Waiting for daemon set "foo" rollout to finish: 1 of 2 updated pods are available...\n',
    false,
  ],
  [
    'is done when every pod is available (test3)',
    1,
    { observedGeneration: 1, updatedNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 2 },
    'daemon set "foo" successfully rolled out\n',
    true,
  ],
  [
    'waits for the controller to observe the spec (test4)',
    2,
    { observedGeneration: 1, updatedNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 2 },
    'Waiting for daemon set spec update to be observed...\n',
    false,
  ],
];

// Cases of TestStatefulSetStatusViewerStatus.
const statefulSets: Array<[string, number, object, object, string, boolean, boolean]> = [
  [
    'returns an error for OnDelete',
    1,
    { type: 'OnDelete' },
    { observedGeneration: 1, replicas: 0, readyReplicas: 1 },
    '',
    true,
    true,
  ],
  [
    'is not complete until the update is observed',
    2,
    { type: 'RollingUpdate' },
    { observedGeneration: 1, replicas: 3, readyReplicas: 3, currentReplicas: 3 },
    'Waiting for statefulset spec update to be observed...\n',
    false,
    false,
  ],
  [
    'is not complete until all pods are ready',
    1,
    { type: 'RollingUpdate' },
    { observedGeneration: 2, replicas: 3, readyReplicas: 2, currentReplicas: 3 },
    'Waiting for 1 pods to be ready...\n',
    false,
    false,
  ],
  [
    'completes a partitioned update when the pods above the partition are updated',
    1,
    { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
    { observedGeneration: 2, replicas: 3, readyReplicas: 3, currentReplicas: 2, updatedReplicas: 1 },
    'partitioned roll out complete: 1 new pods have been updated...\n',
    true,
    false,
  ],
  [
    'waits for the pods above the partition',
    1,
    { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
    { observedGeneration: 2, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 0 },
    'Waiting for partitioned roll out to finish: 0 out of 1 new pods have been updated...\n',
    false,
    false,
  ],
  [
    'completes when all replicas are current',
    1,
    { type: 'RollingUpdate' },
    {
      observedGeneration: 2,
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      currentRevision: 'foo',
      updateRevision: 'foo',
    },
    'statefulset rolling update complete 3 pods at revision foo...\n',
    true,
    false,
  ],
];

describe('rollout status as rollout_status.go words it', () => {
  it.each(deployments)('Deployment: %s', (_n, generation, replicas, status, message, done) => {
    expect(rolloutStatus(obj('Deployment', generation, { replicas }, status))).toEqual({ message, done });
  });
  it.each(daemonSets)('DaemonSet: %s', (_n, generation, status, message, done) => {
    expect(
      rolloutStatus(obj('DaemonSet', generation, { updateStrategy: { type: 'RollingUpdate' } }, status)),
    ).toEqual({ message, done });
  });
  it.each(statefulSets)('StatefulSet: %s', (_n, generation, updateStrategy, status, message, done, error) => {
    const r = rolloutStatus(obj('StatefulSet', generation, { replicas: 3, updateStrategy }, status));
    expect([r.message, r.done, r.error !== undefined]).toEqual([message, done, error]);
  });
  it('DaemonSet: refuses OnDelete in upstream words', () => {
    const r = rolloutStatus(obj('DaemonSet', 0, { updateStrategy: { type: 'OnDelete' } }, {}));
    expect(r.error).toBe('rollout status is only available for RollingUpdate strategy type');
  });
  it('Deployment: appends the warning of an unschedulable pod', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'foo-1' },
      status: {
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: '0/3 nodes are available: 3 Insufficient cpu.',
          },
        ],
      },
    } as KubeObject;
    const d = obj(
      'Deployment',
      1,
      { replicas: 2 },
      { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 1 },
    );
    expect(rolloutStatus(d, [pod as never]).message).toBe(
      'Waiting for deployment "foo" rollout to finish: 1 of 2 updated replicas are available... (Warning: 0/3 nodes are available: 3 Insufficient cpu.)\n',
    );
  });
});
