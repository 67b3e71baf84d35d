import { describe, expect, it } from 'vitest';
import { createCluster, setTraffic, trafficMetrics } from '../../engine';
import { TEMPLATES } from '../../store';
import { CLIENTS_TYPE, clientsAfterTidy, clientsEdgeId, withClients } from './clients';
import { layoutGraph } from './layout';
import { readModel } from './model';
import { flowsByEdge, withTraffic } from './trafficEdges';

function talkApp() {
  const sim = createCluster({ seed: 2 });
  for (const o of TEMPLATES['talk-app']?.objects() ?? []) sim.apply(o);
  sim.advance(60_000);
  return sim;
}

describe('Clients on the canvas', () => {
  it("draws the talk app's clients right of the load balancer, linked to it, with the requests on the edge", () => {
    const sim = talkApp();
    const graph = withClients(layoutGraph(readModel(sim.store), {}, false), sim.store, {});
    const clients = graph.nodes.filter((n) => n.type === CLIENTS_TYPE);
    expect(clients.map((n) => n.id)).toEqual(['TrafficSource/default/service-web']);
    const lb = graph.nodes.find((n) => n.id === 'Service/default/web');
    expect(clients[0]?.position.x).toBeGreaterThan((lb?.position.x ?? 0) + (lb?.width ?? 0));
    expect(clients[0]?.position.y).toBe(lb?.position.y);
    const edge = graph.edges.find((e) => e.id === clientsEdgeId('TrafficSource/default/service-web'));
    expect(edge).toMatchObject({
      source: 'TrafficSource/default/service-web',
      target: 'Service/default/web',
    });
    // The traffic model's flow from the source runs along that edge.
    const drawn = withTraffic(graph.edges, flowsByEdge(trafficMetrics(sim).flows));
    expect(drawn.find((e) => e.id === edge?.id)?.type).toBe('traffic');
  });

  it('keeps an authored position, stacks two sources of one target, and draws none without sources', () => {
    const sim = talkApp();
    setTraffic(sim, { kind: 'Service', namespace: 'default', name: 'redis' }, 5);
    setTraffic(sim, { kind: 'Service', namespace: 'default', name: 'mongo' }, 5);
    const base = layoutGraph(readModel(sim.store), {}, false);
    const at = { x: 5000, y: 7 };
    const graph = withClients(base, sim.store, { 'TrafficSource/default/service-redis': at });
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    expect(byId.get('TrafficSource/default/service-redis')?.position).toEqual(at);
    expect(byId.get('TrafficSource/default/service-mongo')?.position.y).toBe(
      byId.get('Service/default/mongo')?.position.y,
    );
    const empty = createCluster({ seed: 1 });
    const g = layoutGraph(readModel(empty.store), {}, false);
    expect(withClients(g, empty.store, {})).toBe(g);
  });

  it('Tidy up puts the Clients right of where their target went', () => {
    const sim = talkApp();
    expect(clientsAfterTidy(sim.store, { 'Service/default/web': { x: 900, y: 300 } }, 200)).toEqual({
      'TrafficSource/default/service-web': { x: 1220, y: 300 },
    });
    expect(clientsAfterTidy(sim.store, {}, 200)).toEqual({});
  });
});
