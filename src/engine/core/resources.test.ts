import { describe, expect, it } from 'vitest';
import type { Container, KubeObject, Pod } from '../api/types';
import { podRequests } from './resources';

function c(cpu: string, memory: string, restartPolicy?: 'Always'): Container {
  return {
    name: `c-${cpu}-${memory}`,
    resources: { requests: { cpu, memory } },
    ...(restartPolicy ? { restartPolicy } : {}),
  };
}
function pod(
  containers: Container[],
  initContainers: Container[] = [],
  overhead?: Record<string, string>,
): Pod & KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers, initContainers, ...(overhead ? { overhead } : {}) },
  };
}

// After upstream's staging/src/k8s.io/component-helpers/resource/helpers_test.go TestPodResourceRequests
// (pkg/api/v1/resource PodRequests): the rules of its rows, with values computed by hand.
describe('PodRequests', () => {
  it.each([
    ['sums the app containers', pod([c('1', '1Gi'), c('500m', '1Gi')]), 1500, 2 * 2 ** 30],
    [
      'takes the largest init container when it exceeds the app containers',
      pod([c('1', '1Gi')], [c('2', '512Mi'), c('1500m', '3Gi')]),
      2000,
      3 * 2 ** 30,
    ],
    [
      'adds sidecars (restartPolicy Always) to the app containers and to later init containers',
      pod([c('1', '1Gi')], [c('500m', '256Mi', 'Always'), c('2', '1Gi')]),
      2500,
      1.25 * 2 ** 30,
    ],
    [
      'adds pod overhead on top',
      pod([c('1', '1Gi')], [], { cpu: '250m', memory: '128Mi' }),
      1250,
      2 ** 30 + 128 * 2 ** 20,
    ],
  ])('%s', (_name, p, cpu, memory) => {
    const r = podRequests(p);
    expect(r.milliCpu).toBe(cpu);
    expect(r.memoryBytes).toBe(memory);
  });

  it('counts extended resources such as nvidia.com/gpu', () => {
    const p = pod([{ name: 'g', resources: { requests: { 'nvidia.com/gpu': '2' } } }]);
    expect(podRequests(p).scalar).toEqual({ 'nvidia.com/gpu': 2 });
  });
});
