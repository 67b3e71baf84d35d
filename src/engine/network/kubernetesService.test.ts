import { describe, expect, it } from 'vitest';
import type { KubeObject, Service } from '../api/types';
import { createCluster } from '../cluster';
import { runCommand } from '../commands';
import type { Simulation } from '../core/simulation';
import { aNode } from '../testing/builders';
import { isKubernetesService, KUBERNETES_SERVICE_INTERVAL_MS } from './kubernetesService';

type Svc = Service & KubeObject;

const kubernetes = (sim: Simulation) => sim.store.get<Svc>('Service', 'default', 'kubernetes');
const run = (sim: Simulation, line: string) => runCommand(sim, line).output;

function aService(name: string, spec: Partial<NonNullable<Service['spec']>> = {}): Svc {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec },
  };
}

// pkg/controlplane/controller/kubernetesservice/controller.go (CreateOrUpdateMasterServiceIfNeeded),
// pkg/controlplane/reconcilers/lease.go and endpointsadapter.go.
describe('the default/kubernetes Service the API server keeps', () => {
  it('exists from the start, before any client write, as the bootstrap controller makes it', () => {
    const sim = createCluster({ seed: 3 });
    expect(sim.now).toBe(0);
    const svc = kubernetes(sim) as Svc;
    expect(svc.metadata.labels).toEqual({ component: 'apiserver', provider: 'kubernetes' });
    expect(svc.spec).toEqual({
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    });
    expect(svc.spec?.selector).toBeUndefined();
    const ep = sim.store.get<KubeObject & { subsets?: unknown }>('Endpoints', 'default', 'kubernetes');
    expect(ep?.metadata.labels).toEqual({ 'endpointslice.kubernetes.io/skip-mirror': 'true' });
    expect(ep?.subsets).toEqual([
      { addresses: [{ ip: '10.0.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] },
    ]);
    const slice = sim.store.get<KubeObject & Record<string, unknown>>(
      'EndpointSlice',
      'default',
      'kubernetes',
    );
    expect(slice?.metadata.labels).toEqual({ 'kubernetes.io/service-name': 'kubernetes' });
    expect(slice?.['addressType']).toBe('IPv4');
    expect(slice?.['endpoints']).toEqual([{ addresses: ['10.0.0.2'], conditions: { ready: true } }]);
    expect(slice?.['ports']).toEqual([{ name: 'https', port: 6443, protocol: 'TCP' }]);
  });

  it('is not the user’s: not authored, so never exported', () => {
    const sim = createCluster({ seed: 3 });
    sim.apply(aService('web'));
    expect(sim.authored().map((o) => o.metadata.name)).toEqual(['web']);
    expect(isKubernetesService(kubernetes(sim) as Svc)).toBe(true);
    expect(isKubernetesService(sim.store.get('Service', 'default', 'web') as Svc)).toBe(false);
  });

  it('shows in kubectl get, describe and the endpoints as in a kind cluster', () => {
    const sim = createCluster({ seed: 3 });
    sim.apply(aNode({ name: 'node-1' }));
    sim.step(90_000);
    expect(run(sim, 'kubectl get svc')).toBe(
      [
        'NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE',
        'kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   90s',
      ].join('\n'),
    );
    expect(run(sim, 'kubectl get svc -A')).toBe(
      [
        'NAMESPACE   NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE',
        'default     kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   90s',
      ].join('\n'),
    );
    expect(run(sim, 'kubectl describe svc kubernetes')).toBe(
      [
        'Name:                     kubernetes',
        'Namespace:                default',
        'Labels:                   component=apiserver',
        '                          provider=kubernetes',
        'Annotations:              <none>',
        'Selector:                 <none>',
        'Type:                     ClusterIP',
        'IP Family Policy:         SingleStack',
        'IP Families:              IPv4',
        'IP:                       10.96.0.1',
        'IPs:                      10.96.0.1',
        'Port:                     https  443/TCP',
        'TargetPort:               6443/TCP',
        'Endpoints:                10.0.0.2:6443',
        'Session Affinity:         None',
        'Internal Traffic Policy:  Cluster',
        'Events:                   <none>',
      ].join('\n'),
    );
    expect(run(sim, 'kubectl get endpoints')).toBe(
      ['NAME         ENDPOINTS       AGE', 'kubernetes   10.0.0.2:6443   90s'].join('\n'),
    );
    expect(run(sim, 'kubectl get endpointslices')).toBe(
      [
        'NAME         ADDRESSTYPE   PORTS   ENDPOINTS   AGE',
        'kubernetes   IPv4          6443    10.0.0.2    90s',
      ].join('\n'),
    );
  });

  it('is back at the next 10-second tick after a delete, with its address and endpoints', () => {
    const sim = createCluster({ seed: 3 });
    sim.step(12_000);
    const uid = kubernetes(sim)?.metadata.uid;
    expect(run(sim, 'kubectl delete svc kubernetes')).toBe('service "kubernetes" deleted');
    sim.step(13_000);
    expect(kubernetes(sim)).toBeUndefined();
    // The Endpoints controller removes the Endpoints of a Service that is gone.
    expect(sim.store.get('Endpoints', 'default', 'kubernetes')).toBeUndefined();
    sim.step(2 * KUBERNETES_SERVICE_INTERVAL_MS);
    const back = kubernetes(sim) as Svc;
    expect(back.metadata.uid).not.toBe(uid);
    expect(back.metadata.creationTimestamp).toBe('2025-01-01T00:00:20Z');
    expect(back.spec?.clusterIP).toBe('10.96.0.1');
    expect(run(sim, 'kubectl get endpoints kubernetes')).toMatch(
      /^NAME {9}ENDPOINTS {7}AGE\nkubernetes {3}10\.0\.0\.2:6443 {3}0s$/,
    );
  });

  it('puts back ports or type changed by hand (getMasterServiceUpdateIfNeeded)', () => {
    const sim = createCluster({ seed: 3 });
    sim.step(1_000);
    const svc = kubernetes(sim) as Svc;
    sim.store.apply({
      type: 'update',
      object: {
        ...svc,
        spec: {
          ...svc.spec,
          type: 'NodePort',
          ports: [{ name: 'https', port: 8443, protocol: 'TCP', targetPort: 6443 }],
        },
      },
    });
    sim.step(5_000);
    expect(kubernetes(sim)?.spec?.type).toBe('NodePort');
    sim.step(10_000);
    expect(kubernetes(sim)?.spec?.type).toBe('ClusterIP');
    expect(kubernetes(sim)?.spec?.ports).toEqual([
      { name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 },
    ]);
  });

  it('holds 10.96.0.1: other Services get addresses after the static band, and cannot ask for it', () => {
    const sim = createCluster({ seed: 3 });
    for (let i = 0; i < 20; i++) {
      const ip = (sim.apply(aService(`s${i}`)) as Svc).spec?.clusterIP ?? '';
      const [, , c = 0] = ip.split('.').map(Number);
      // The upper band starts after the 256 addresses of the static band (ipRangeOffset).
      expect(c).toBeGreaterThanOrEqual(1);
      expect(ip).not.toBe('10.96.0.1');
    }
    expect(() => sim.apply(aService('mine', { clusterIP: '10.96.0.1' }))).toThrow(
      'Service "mine" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated',
    );
  });

  it('has nothing to do while nothing changes: no timed work of its own', () => {
    const sim = createCluster({ seed: 3, without: [] });
    expect(sim.nextWakeup()).toBeUndefined();
  });
});
