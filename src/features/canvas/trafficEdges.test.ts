import type { Edge } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { dotsFor, flowsByEdge, withTraffic } from './trafficEdges';

describe('traffic on the canvas', () => {
  it('matches flows to the drawn Clients, Service -> pod and Ingress -> Service edges, adding up repeated ones', () => {
    const flows = flowsByEdge([
      { from: 'Service/default/web', to: 'Pod/default/web-1', rps: 30, failureRate: 0 },
      { from: 'Service/default/web', to: 'Pod/default/web-1', rps: 10, failureRate: 1 },
      { from: 'Ingress/default/site', to: 'Service/default/web', rps: 40, failureRate: 0.25 },
      { from: 'TrafficSource/default/clients', to: 'Ingress/default/site', rps: 40, failureRate: 0 },
      { from: 'Service/default/idle', to: 'Pod/default/idle-1', rps: 0, failureRate: 0 },
    ]);
    expect([...flows]).toEqual([
      ['svc|Service/default/web|Pod/default/web-1', { rps: 40, failureRate: 0.25 }],
      ['ing|Ingress/default/site|Service/default/web', { rps: 40, failureRate: 0.25 }],
      ['src|TrafficSource/default/clients', { rps: 40, failureRate: 0 }],
    ]);
  });

  it.each([
    ['1 rps: one slow dot', { rps: 1, failureRate: 0 }, { count: 1, durationS: 2.4, red: 0 }],
    ['10 rps: two dots', { rps: 10, failureRate: 0 }, { count: 2, durationS: 1.8, red: 0 }],
    ['1,000 rps: five fast dots', { rps: 1000, failureRate: 0 }, { count: 5, durationS: 0.6, red: 0 }],
    [
      'a few failures still show one red dot',
      { rps: 100, failureRate: 0.01 },
      { count: 4, durationS: 1.2, red: 1 },
    ],
    ['all failing: every dot red', { rps: 100, failureRate: 1 }, { count: 4, durationS: 1.2, red: 4 }],
  ])('%s', (_name, flow, dots) => {
    expect(dotsFor(flow)).toEqual(dots);
  });

  it('turns only the edges carrying traffic into traffic edges', () => {
    const edges: Edge[] = [
      { id: 'svc|Service/default/web|Pod/default/web-1', source: 'a', target: 'b' },
      { id: 'own|Deployment/default/web|Pod/default/web-1', source: 'c', target: 'b' },
    ];
    const drawn = withTraffic(edges, new Map([[edges[0]!.id, { rps: 5, failureRate: 0 }]]));
    expect(drawn.map((e) => e.type)).toEqual(['traffic', undefined]);
    expect(drawn[1]).toBe(edges[1]);
    expect(withTraffic(edges, new Map())).toBe(edges);
  });
});
