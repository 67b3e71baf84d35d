import { describe, expect, it } from 'vitest';
import { Prng } from '../../lib';
import type { KubeObject, Service } from '../api/types';
import { ApiError, Simulation } from '../core/simulation';
import { ipRangeOffset, OffsetAllocator, portRangeOffset } from './allocator';
import { KubernetesServiceController } from './kubernetesService';
import { ServiceAllocationController, serviceAllocationAdmission } from './serviceAllocation';

type Svc = Service & KubeObject;

function cluster(): Simulation {
  return new Simulation({
    admission: [serviceAllocationAdmission],
    controllers: [new ServiceAllocationController()],
  });
}

function aService(name: string, spec: Partial<NonNullable<Service['spec']>> = {}): Svc {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec },
  };
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, p) => n * 256 + Number(p), 0);
}

describe('range offsets (upstream ipallocator and portallocator calculateRangeOffset)', () => {
  // Test_calculateRangeOffset of pkg/registry/core/service/ipallocator/bitmap_test.go (IPv4 cases).
  it.each([
    ['full mask IPv4 (/32)', 32, 0],
    ['very small mask IPv4 (/30)', 30, 0],
    ['small mask IPv4 (/28)', 28, 0],
    ['small mask IPv4 (/27)', 27, 16],
    ['medium mask IPv4 (/22)', 22, 64],
    ['large mask IPv4 (/8)', 8, 256],
    ["kubeadm's 10.96.0.0/12", 12, 256],
  ])('for IPs, %s', (_name, prefix, offset) => {
    expect(ipRangeOffset(2 ** (32 - prefix))).toBe(offset);
  });
  // Test_calculateRangeOffset of pkg/registry/core/service/portallocator/allocator_test.go.
  it.each([
    ['default node port range', 2768, 86],
    ['very small node port range', 10, 0],
    ['small node port range (lower boundary)', 16, 0],
    ['small node port range', 128, 16],
    ['medium node port range', 2048, 64],
    ['large node port range (upper boundary)', 4096, 128],
  ])('for NodePorts, %s', (_name, size, offset) => {
    expect(portRangeOffset(size)).toBe(offset);
  });
  it('dynamic allocation takes the upper band first and the static band only when it is full', () => {
    const a = new OffsetAllocator(20, 16);
    const rng = new Prng(7);
    const first = [0, 1, 2, 3].map(() => a.allocateNext(rng) as number);
    expect(first.every((v) => v >= 16)).toBe(true);
    expect(a.allocateNext(rng)).toBeLessThan(16);
  });
});

describe('Service allocation at create, as the API server does it', () => {
  it('a ClusterIP Service gets a stable address from 10.96.0.0/12, above the static band', () => {
    const sim = cluster();
    const svc = sim.apply(aService('web')) as Svc;
    const ip = svc.spec?.clusterIP as string;
    expect(ip).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\./);
    expect(ipToInt(ip)).toBeGreaterThan(ipToInt('10.96.1.0'));
    expect(svc.spec?.clusterIPs).toEqual([ip]);
    sim.apply(aService('web', { ports: [{ port: 8080 }] }));
    sim.advance(1);
    expect(sim.store.get<Svc>('Service', 'default', 'web')?.spec?.clusterIP).toBe(ip);
  });

  it('a headless Service keeps clusterIP None and gets no address', () => {
    const svc = cluster().apply(aService('db', { clusterIP: 'None' })) as Svc;
    expect(svc.spec?.clusterIP).toBe('None');
  });

  it('a requested address outside the range is refused in the API server words', () => {
    expect(() => cluster().apply(aService('x', { clusterIP: '10.0.0.1' }))).toThrow(
      'Service "x" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.1"}: failed to allocate IP 10.0.0.1: the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
  });

  it('an address already taken is refused, and 10.96.0.1 belongs to the kubernetes Service', () => {
    const sim = cluster();
    sim.apply(aService('a', { clusterIP: '10.96.0.50' }));
    expect(() => sim.apply(aService('b', { clusterIP: '10.96.0.50' }))).toThrow(
      'provided IP is already allocated',
    );
    // Nothing reserves 10.96.0.1 but the Service the API server makes at start (kubernetesService.ts).
    const withApiserver = new Simulation({
      admission: [serviceAllocationAdmission],
      controllers: [new KubernetesServiceController(), new ServiceAllocationController()],
    });
    withApiserver.step(0);
    expect(() => withApiserver.apply(aService('c', { clusterIP: '10.96.0.1' }))).toThrow(ApiError);
    expect(() => withApiserver.apply(aService('c', { clusterIP: '10.96.0.1' }))).toThrow(
      'provided IP is already allocated',
    );
  });

  it('the cluster DNS address 10.96.0.10 can be asked for once, as kubeadm does for kube-dns', () => {
    const sim = cluster();
    const dns = sim.apply({
      ...aService('kube-dns', { clusterIP: '10.96.0.10' }),
      metadata: { name: 'kube-dns', namespace: 'kube-system' },
    }) as Svc;
    expect(dns.spec?.clusterIP).toBe('10.96.0.10');
    expect(() => sim.apply(aService('other', { clusterIP: '10.96.0.10' }))).toThrow(
      'provided IP is already allocated',
    );
  });

  it('a NodePort Service gets a port of 30086-32767 on each of its ports, kept across updates', () => {
    const sim = cluster();
    const svc = sim.apply(
      aService('web', {
        type: 'NodePort',
        ports: [
          { name: 'http', port: 80 },
          { name: 'https', port: 443 },
        ],
      }),
    ) as Svc;
    const ports = svc.spec?.ports?.map((p) => p.nodePort as number) ?? [];
    expect(ports).toHaveLength(2);
    for (const p of ports) expect(p >= 30086 && p <= 32767).toBe(true);
    sim.apply(
      aService('web', {
        type: 'NodePort',
        ports: [
          { name: 'http', port: 80 },
          { name: 'https', port: 443 },
        ],
      }),
    );
    sim.advance(1);
    expect(sim.store.get<Svc>('Service', 'default', 'web')?.spec?.ports?.map((p) => p.nodePort)).toEqual(
      ports,
    );
  });

  it('a requested NodePort outside the range or already taken is refused', () => {
    const sim = cluster();
    expect(() => sim.apply(aService('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }))).toThrow(
      'Service "a" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    sim.apply(aService('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    expect(() =>
      sim.apply(aService('c', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })),
    ).toThrow('spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
  });

  it('deleting a Service releases its address and ports for others', () => {
    const sim = cluster();
    sim.apply(
      aService('a', { clusterIP: '10.96.0.50', type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }),
    );
    sim.delete('Service', 'default', 'a');
    const b = sim.apply(
      aService('b', { clusterIP: '10.96.0.50', type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }),
    ) as Svc;
    expect(b.spec?.clusterIP).toBe('10.96.0.50');
  });

  it('a LoadBalancer Service with externalTrafficPolicy Local also gets a healthCheckNodePort', () => {
    const svc = cluster().apply(
      aService('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' }),
    ) as Svc;
    expect(svc.spec?.healthCheckNodePort).toBeGreaterThanOrEqual(30000);
    expect(svc.spec?.ports?.[0]?.nodePort).toBeGreaterThanOrEqual(30000);
  });

  it('changing the type from ClusterIP to NodePort allocates the NodePort', () => {
    const sim = cluster();
    sim.apply(aService('web'));
    sim.apply(aService('web', { type: 'NodePort' }));
    sim.advance(1);
    expect(
      sim.store.get<Svc>('Service', 'default', 'web')?.spec?.ports?.[0]?.nodePort,
    ).toBeGreaterThanOrEqual(30000);
  });
});
