/**
 * Phase one of a traffic bucket: where each source's requests go, hop by hop, as counts
 * (load balancer -> node -> kube-proxy -> endpoint, or caller pod -> DNS -> kube-proxy -> endpoint).
 * The result is a list of deliveries: a count of requests on its way to one pod, or failed before
 * reaching one (no ready endpoint, node down, no such name).
 */
import type { Prng } from '../../../lib';
import type { KubeObject, Node, Service } from '../../api/types';
import { keyOf } from '../../api/meta';
import { NODE_FAULT_ANNOTATION } from '../../behavior';
import type { ReadonlyStore } from '../../core/objectStore';
import {
  serviceEndpoints,
  spreadIptables,
  spreadRoundRobin,
  usableEndpoints,
  type ProxyEndpoint,
  type ProxyMode,
} from '../proxy';
import type { Outcome } from './types';

type Svc = Service & KubeObject;

/** Requests on their way to one pod (or failed before reaching any), with their results once known. */
export interface Delivery {
  source: string;
  /** Store key of the sender of this hop. */
  from: string;
  /** Store key of the receiver of this hop (a Service, or an Ingress when it fails there). */
  to: string;
  pod: string | undefined;
  port: number | undefined;
  count: number;
  /** Decided before a pod: the outcome of every request of the delivery. */
  failure: Outcome | undefined;
  stage: 'direct' | 'ingress' | 'backend';
  /** For the backend stage: the Ingress, and the index of the ingress-stage delivery it continues. */
  ingress?: string;
  parent?: number;
  // Results (filled by the bucket):
  success: number;
  timeout: number;
  refused: number;
  medianMs: number;
}

/** What routing remembers between buckets: round-robin positions and session affinity. */
export class RoutingState {
  readonly roundRobin = new Map<string, number>();
  /** Service key -> client -> [pod key, expiry ms]. */
  readonly affinity = new Map<string, Map<string, [string, number]>>();

  /** Drops expired affinities, and round-robin positions when too many have piled up (pods come and go). */
  prune(now: number): void {
    for (const [svc, table] of this.affinity) {
      for (const [client, [, until]] of table) if (until < now) table.delete(client);
      if (table.size === 0) this.affinity.delete(svc);
    }
    if (this.roundRobin.size > 10_000) this.roundRobin.clear();
  }
}

/** The context of one bucket's routing. */
export interface RouteContext {
  store: ReadonlyStore;
  rng: Prng;
  mode: ProxyMode;
  state: RoutingState;
  now: number;
  out: Delivery[];
  /** Per-bucket memo of lookups (endpoints of a Service port, DNS answers, Ingress matches). */
  memo: Map<string, unknown>;
}

/** A lookup done once per bucket. */
export function memo<T>(ctx: RouteContext, key: string, compute: () => T): T {
  if (ctx.memo.has(key)) return ctx.memo.get(key) as T;
  const value = compute();
  ctx.memo.set(key, value);
  return value;
}

function endpointsOf(ctx: RouteContext, svc: Svc, portName: string): ProxyEndpoint[] {
  return memo(ctx, `eps|${keyOf(svc)}|${portName}`, () => serviceEndpoints(ctx.store, svc, portName));
}

/** How requests enter a Service. */
export interface Entry {
  source: string;
  from: string;
  stage: Delivery['stage'];
  ingress?: string;
  parent?: number;
  /** External clients (through a load balancer or NodePort), or in-cluster from a node. */
  external: boolean;
  node?: string;
  /** Client identities for ClientIP session affinity. */
  clients: readonly string[];
}

function push(ctx: RouteContext, entry: Entry, to: string, count: number, fields: Partial<Delivery>): void {
  if (count <= 0) return;
  ctx.out.push({
    source: entry.source,
    from: entry.from,
    to,
    pod: undefined,
    port: undefined,
    count,
    failure: undefined,
    stage: entry.stage,
    ...(entry.ingress ? { ingress: entry.ingress } : {}),
    ...(entry.parent !== undefined ? { parent: entry.parent } : {}),
    success: 0,
    timeout: 0,
    refused: 0,
    medianMs: 0,
    ...fields,
  });
}

/** Fails `count` requests of an entry at `to`. */
export function fail(ctx: RouteContext, entry: Entry, to: string, count: number, outcome: Outcome): void {
  push(ctx, entry, to, count, { failure: outcome });
}

function isNodeReady(node: Node): boolean {
  const c = node.status?.conditions?.find((x) => x.type === 'Ready');
  return !c || c.status === 'True';
}

/** Nodes a cloud load balancer sends to: Ready ones not excluded by label (service controller rules). */
export function loadBalancerNodes(store: ReadonlyStore): Array<Node & KubeObject> {
  const out: Array<Node & KubeObject> = [];
  for (const n of store.each<Node & KubeObject>('Node'))
    if (
      isNodeReady(n) &&
      n.metadata.labels?.['node.kubernetes.io/exclude-from-external-load-balancers'] === undefined
    )
      out.push(n);
  return out;
}

function isDown(node: Node & KubeObject): boolean {
  return node.metadata.annotations?.[NODE_FAULT_ANNOTATION] === 'down';
}

/** Splits a count over endpoints as the proxy mode does (whole requests; the fraction to one of them). */
function spread(ctx: RouteContext, key: string, eps: readonly ProxyEndpoint[], count: number): number[] {
  const whole = Math.floor(count);
  const counts =
    ctx.mode === 'ipvs'
      ? (() => {
          const out = new Array<number>(eps.length).fill(0);
          ctx.state.roundRobin.set(
            key,
            spreadRoundRobin(whole, eps.length, ctx.state.roundRobin.get(key) ?? 0, out),
          );
          return out;
        })()
      : spreadIptables(whole, eps.length, ctx.rng);
  const frac = count - whole;
  if (frac > 0) {
    const i = ctx.rng.int(eps.length);
    counts[i] = (counts[i] ?? 0) + frac;
  }
  return counts;
}

function deliver(
  ctx: RouteContext,
  entry: Entry,
  svcKey: string,
  eps: readonly ProxyEndpoint[],
  counts: readonly number[],
): void {
  eps.forEach((ep, i) => {
    const n = counts[i] ?? 0;
    if (n > 0) push(ctx, entry, svcKey, n, { pod: ep.podKey, port: ep.port });
  });
}

/** ClientIP affinity: each client sticks to an endpoint for timeoutSeconds after its last request. */
function sticky(
  ctx: RouteContext,
  svc: Svc,
  entry: Entry,
  eps: readonly ProxyEndpoint[],
  count: number,
): number[] {
  const key = keyOf(svc);
  let table = ctx.state.affinity.get(key);
  if (!table) ctx.state.affinity.set(key, (table = new Map()));
  const timeoutMs = (svc.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) * 1000;
  const index = new Map(eps.map((e, i) => [e.podKey ?? e.ip, i]));
  const counts = new Array<number>(eps.length).fill(0);
  const share = count / entry.clients.length;
  for (const client of entry.clients) {
    const held = table.get(client);
    let i = held && held[1] >= ctx.now ? index.get(held[0]) : undefined;
    if (i === undefined) i = ctx.rng.int(eps.length);
    const ep = eps[i] as ProxyEndpoint;
    table.set(client, [ep.podKey ?? ep.ip, ctx.now + timeoutMs]);
    counts[i] = (counts[i] ?? 0) + share;
  }
  return counts;
}

function toEndpoints(
  ctx: RouteContext,
  svc: Svc,
  entry: Entry,
  eps: readonly ProxyEndpoint[],
  count: number,
  rrKey: string,
): void {
  const svcKey = keyOf(svc);
  if (eps.length === 0) return fail(ctx, entry, svcKey, count, 'unavailable');
  const counts =
    svc.spec?.sessionAffinity === 'ClientIP' && entry.clients.length > 0
      ? sticky(ctx, svc, entry, eps, count)
      : spread(ctx, rrKey, eps, count);
  deliver(ctx, entry, svcKey, eps, counts);
}

/**
 * Sends `count` requests into a Service port: through the load balancer's nodes for external clients
 * of a NodePort or LoadBalancer Service (externalTrafficPolicy), else through the sending node's
 * kube-proxy (internalTrafficPolicy).
 */
export function toService(ctx: RouteContext, svc: Svc, portName: string, count: number, entry: Entry): void {
  const all = endpointsOf(ctx, svc, portName);
  const svcKey = keyOf(svc);
  const type = svc.spec?.type ?? 'ClusterIP';
  if (!entry.external || type === 'ClusterIP') {
    const local = svc.spec?.internalTrafficPolicy === 'Local' && entry.node !== undefined;
    return toEndpoints(
      ctx,
      svc,
      entry,
      usableEndpoints(all, local ? entry.node : undefined),
      count,
      `${svcKey}|${local ? entry.node : ''}`,
    );
  }
  const local = svc.spec?.externalTrafficPolicy === 'Local';
  let nodes = loadBalancerNodes(ctx.store);
  // With Local, the load balancer's health check (healthCheckNodePort) passes only on nodes with a
  // ready local endpoint; NodePort clients have no such check, and a node without one drops them.
  if (local && type === 'LoadBalancer')
    nodes = nodes.filter((n) => all.some((e) => e.ready && e.nodeName === n.metadata.name));
  if (nodes.length === 0) return fail(ctx, entry, svcKey, count, 'unavailable');
  const perNode = count / nodes.length;
  const down = nodes.filter(isDown);
  if (down.length > 0) fail(ctx, entry, svcKey, perNode * down.length, 'timeout');
  const up = nodes.filter((n) => !isDown(n));
  if (!local) {
    if (up.length > 0) toEndpoints(ctx, svc, entry, usableEndpoints(all), perNode * up.length, svcKey);
    return;
  }
  for (const n of up) {
    const eps = usableEndpoints(all, n.metadata.name);
    if (eps.length === 0) {
      fail(ctx, entry, svcKey, perNode, 'timeout');
      continue;
    }
    toEndpoints(ctx, svc, { ...entry, node: n.metadata.name }, eps, perNode, `${svcKey}|${n.metadata.name}`);
  }
}

/** Spreads requests over resolved addresses directly (a headless Service's A records). */
export function toAddresses(
  ctx: RouteContext,
  svc: Svc,
  portName: string,
  addresses: readonly string[],
  count: number,
  entry: Entry,
): void {
  const wanted = new Set(addresses);
  const eps = endpointsOf(ctx, svc, portName).filter((e) => wanted.has(e.ip) && e.ready);
  if (eps.length === 0) return fail(ctx, entry, keyOf(svc), count, 'unavailable');
  // The client picks among the A records at random (no kube-proxy in between).
  const whole = Math.floor(count);
  const counts = spreadIptables(whole, eps.length, ctx.rng);
  if (count > whole) {
    const i = ctx.rng.int(eps.length);
    counts[i] = (counts[i] ?? 0) + count - whole;
  }
  deliver(ctx, entry, keyOf(svc), eps, counts);
}

/** ingress-nginx's default balancing: round robin over the backend's ready endpoints, per controller pod. */
export function toBackend(ctx: RouteContext, svc: Svc, portName: string, count: number, entry: Entry): void {
  const eps = usableEndpoints(endpointsOf(ctx, svc, portName));
  const svcKey = keyOf(svc);
  if (eps.length === 0) return fail(ctx, entry, svcKey, count, 'unavailable');
  const rrKey = `${entry.from}>${svcKey}`;
  const whole = Math.floor(count);
  const counts = new Array<number>(eps.length).fill(0);
  ctx.state.roundRobin.set(
    rrKey,
    spreadRoundRobin(whole, eps.length, ctx.state.roundRobin.get(rrKey) ?? 0, counts),
  );
  const frac = count - whole;
  if (frac > 0) {
    const i = ctx.rng.int(eps.length);
    counts[i] = (counts[i] ?? 0) + frac;
  }
  deliver(ctx, entry, svcKey, eps, counts);
}
