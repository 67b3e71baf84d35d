import { describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod } from '../../api/types';
import { defaultProfile } from '../profile';
import { Snapshot, type NodeInfo } from './nodeInfo';
import { activeFilters, newCycleState, quickTests, runFilters, runPreFilter } from './runtime';
import type { QuickTest, Status } from './types';

function node(i: number): Node & KubeObject {
  const r = { cpu: i % 5 === 0 ? '1' : '4', memory: '8Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: `n${i}`,
      labels: {
        'kubernetes.io/hostname': `n${i}`,
        ...(i % 7 === 6 ? {} : { 'topology.kubernetes.io/zone': `z${i % 3}` }),
      },
    },
    status: { capacity: r, allocatable: r },
  };
}

/** Pods with requests, zone spreading (both kinds), and required anti-affinity, as the bench's mix. */
function pod(i: number, nodeName?: string): Pod & KubeObject {
  const app = `app-${i % 4}`;
  const anti = i % 5 === 1;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `p${i}`,
      namespace: 'default',
      labels: { app, ...(anti ? { anti: `g${i % 3}` } : {}) },
    },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      containers: [
        {
          name: 'c',
          image: 'i',
          resources: { requests: { cpu: ['300m', '900m'][i % 2] as string, memory: '1Gi' } },
        },
      ],
      ...(i % 2 === 0
        ? {
            topologySpreadConstraints: [
              {
                maxSkew: 1,
                topologyKey: 'topology.kubernetes.io/zone',
                whenUnsatisfiable: i % 4 === 0 ? 'DoNotSchedule' : 'ScheduleAnyway',
                labelSelector: { matchLabels: { app } },
              },
            ],
          }
        : {}),
      ...(anti
        ? {
            affinity: {
              podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [
                  {
                    topologyKey: 'kubernetes.io/hostname',
                    labelSelector: { matchLabels: { anti: `g${i % 3}` } },
                  },
                ],
              },
            },
          }
        : {}),
    },
  };
}

describe('quick Filter paths (arena, interned domains) decide as Filter does', () => {
  it('give the same status on every node as a what-if clone, and pass only nodes Filter passes', () => {
    const snap = new Snapshot();
    for (let i = 0; i < 24; i++) snap.upsertNode(node(i));
    for (let i = 0; i < 90; i++) snap.upsertPod(pod(i, `n${(i * 7) % 24}`));
    const profile = defaultProfile();
    let quickPassed = 0;
    const rejectedBy = new Set<string>();
    for (let i = 100; i < 140; i++) {
      const state = newCycleState(pod(i), snap);
      expect(runPreFilter(profile, state).status).toBeUndefined();
      const quick = quickTests(activeFilters(profile, state), state) ?? [];
      snap.nodes.forEach((n: NodeInfo, index) => {
        const fast = runFilters(profile, state, n);
        const slow = runFilters(profile, state, n.clone());
        expect(fast).toEqual(slow);
        // Each quick test, in filter order: true passes on, a Status is Filter's answer, false runs Filter.
        let k = 0;
        let r: boolean | Status = true;
        while (k < quick.length && (r = (quick[k] as QuickTest)(index)) === true) k++;
        if (quick.length > 0 && k === quick.length) {
          quickPassed++;
          expect(fast).toBeUndefined();
        } else if (typeof r === 'object') expect(fast).toMatchObject({ code: r.code, reasons: r.reasons });
        if (fast?.plugin) rejectedBy.add(fast.plugin);
      });
    }
    expect(quickPassed).toBeGreaterThan(0);
    expect([...rejectedBy].sort()).toEqual(['InterPodAffinity', 'NodeResourcesFit', 'PodTopologySpread']);
  });
});
