import { describe, expect, it } from 'vitest';
import type { Event, KubeObject, Service } from '../api/types';
import { aServiceFor, networkCluster } from './testing/apps';
import { externalIps } from './loadBalancer';

type Svc = Service & KubeObject;

describe('the service-lb-controller', () => {
  it('gives each LoadBalancer Service the lowest free address of the pool, with the upstream events', () => {
    const sim = networkCluster(1);
    sim.apply(aServiceFor('a', { type: 'LoadBalancer' }));
    sim.apply(aServiceFor('b', { type: 'LoadBalancer' }));
    sim.apply(aServiceFor('c'));
    sim.advance(1);
    const ip = (name: string): string[] => externalIps(sim.store.get<Svc>('Service', 'default', name) as Svc);
    expect(ip('a')).toEqual(['203.0.113.10']);
    expect(ip('b')).toEqual(['203.0.113.11']);
    expect(ip('c')).toEqual([]);
    const reasons = sim.store
      .list<Event & KubeObject>('Event', 'default')
      .filter((e) => e.involvedObject.name === 'a')
      .map((e) => e.reason);
    expect(reasons).toEqual(['EnsuringLoadBalancer', 'EnsuredLoadBalancer']);
  });

  it('honours spec.loadBalancerIP in the pool, and frees an address when the Service goes or changes type', () => {
    const sim = networkCluster(2);
    sim.apply(aServiceFor('a', { type: 'LoadBalancer', loadBalancerIP: '203.0.113.42' }));
    sim.apply(aServiceFor('b', { type: 'LoadBalancer' }));
    sim.advance(1);
    expect(externalIps(sim.store.get<Svc>('Service', 'default', 'a') as Svc)).toEqual(['203.0.113.42']);
    sim.apply(aServiceFor('b'));
    sim.advance(1);
    expect(externalIps(sim.store.get<Svc>('Service', 'default', 'b') as Svc)).toEqual([]);
    sim.delete('Service', 'default', 'a');
    sim.apply(aServiceFor('d', { type: 'LoadBalancer' }));
    sim.advance(1);
    expect(externalIps(sim.store.get<Svc>('Service', 'default', 'd') as Svc)).toEqual(['203.0.113.10']);
  });
});
