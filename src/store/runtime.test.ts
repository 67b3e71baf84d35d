import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../engine';
import { applyDelta, commit, getReadinessVersion, getTopologyVersion } from './runtime';

let rv = 0;
function delta(upserts: KubeObject[], reset = false) {
  applyDelta({
    reset,
    seed: 1,
    now: 0,
    upserts: upserts.map((o) => structuredClone(o)),
    deleted: [],
    resourceVersion: ++rv,
    timeline: { end: 0, inPast: false },
  });
  commit();
}

function pod(ready: boolean, labels: Record<string, string> = { app: 'web' }): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'default', labels, resourceVersion: String(rv + 1) },
    spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'nginx' }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  } as KubeObject;
}

describe('runtime: what a pod change asks of the canvas', () => {
  it('a status change with the same labels (new copies from the engine) lays nothing out again', () => {
    delta([pod(false)], true);
    const topology = getTopologyVersion();
    const readiness = getReadinessVersion();
    delta([{ ...pod(false), status: { phase: 'Running', podIP: '10.0.0.1' } } as KubeObject]);
    expect(getTopologyVersion()).toBe(topology);
    expect(getReadinessVersion()).toBe(readiness);
  });

  it('a pod turning ready moves the readiness version only; new labels move the topology', () => {
    delta([pod(false)], true);
    const topology = getTopologyVersion();
    const readiness = getReadinessVersion();
    delta([pod(true)]);
    expect(getTopologyVersion()).toBe(topology);
    expect(getReadinessVersion()).toBe(readiness + 1);
    delta([pod(true, { app: 'web', tier: 'front' })]);
    expect(getTopologyVersion()).toBe(topology + 1);
    expect(getReadinessVersion()).toBe(readiness + 2);
  });
});
