import { describe, expect, it } from 'vitest';
import { completeLine, normalizeLine } from './complete';

const names = (type: string): string[] =>
  type === 'pods' || type === 'po'
    ? ['web-1', 'web-2', 'redis-0']
    : type === 'nodes'
      ? ['node-1', 'node-2']
      : type === 'deploy' || type === 'deployment'
        ? ['web', 'redis']
        : [];

describe('tab completion of kubectl lines', () => {
  it.each<[string, string, string, string[]]>([
    ['The command name completes', 'kub', 'kubectl ', []],
    ['A unique verb completes with a space', 'kubectl desc', 'kubectl describe ', []],
    [
      'An ambiguous verb completes to the common prefix and lists the choices',
      'kubectl ro',
      'kubectl rollout ',
      [],
    ],
    ['Verbs starting alike are listed', 'kubectl s', 'kubectl s', ['scale', 'set']],
    ['A resource type completes after get', 'kubectl get dep', 'kubectl get deployments ', []],
    [
      'Names complete from the cluster',
      'kubectl describe pods we',
      'kubectl describe pods web-',
      ['web-1', 'web-2'],
    ],
    ['Short resource names work for names', 'kubectl get po r', 'kubectl get po redis-0 ', []],
    ['Node verbs complete node names', 'kubectl cordon node-', 'kubectl cordon node-', ['node-1', 'node-2']],
    ['Flags and their values are skipped', 'kubectl get -o wide dep', 'kubectl get -o wide deployments ', []],
    ['Nothing to complete leaves the line', 'kubectl get pods web-1 x', 'kubectl get pods web-1 x', []],
    ['rollout actions complete', 'kubectl rollout st', 'kubectl rollout status ', []],
    ['rollout takes a type/', 'kubectl rollout status dep', 'kubectl rollout status deployment/', []],
    [
      'type/name words complete their names',
      'kubectl rollout status deployment/w',
      'kubectl rollout status deployment/web ',
      [],
    ],
    ['logs completes pod names', 'kubectl logs web', 'kubectl logs web-', ['web-1', 'web-2']],
    ['logs completes a workload', 'kubectl logs deploy/r', 'kubectl logs deploy/redis ', []],
    ['logs -c skips the container value', 'kubectl logs -c app red', 'kubectl logs -c app redis-0 ', []],
  ])('%s', (_name, line, want, candidates) => {
    const r = completeLine(line, names);
    expect(r.line).toBe(want);
    expect(r.candidates).toEqual(candidates);
  });
});

describe('console lines', () => {
  it.each<[string, string, string]>([
    ['k stands for kubectl', 'k get pods', 'kubectl get pods'],
    ['A bare verb gets kubectl in front', 'get nodes -o wide', 'kubectl get nodes -o wide'],
    ['A kubecanvas line is left alone', 'kubecanvas node fail node-1', 'kubecanvas node fail node-1'],
    ['Unknown words are left for the engine to refuse', 'foo', 'foo'],
  ])('%s', (_name, line, want) => {
    expect(normalizeLine(line)).toBe(want);
  });
});
