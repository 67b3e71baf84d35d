/**
 * Where a TrafficSource's requests enter: an Ingress (through its controller's LoadBalancer Service and
 * pods, then the Ingress rules), a Service from outside (LoadBalancer or NodePort), or a Service by DNS
 * name from in-cluster calling pods.
 */
import type { Ingress } from 'kubernetes-types/networking/v1';
import type { KubeObject, Node, Pod, Service } from '../../api/types';
import { NODE_FAULT_ANNOTATION } from '../../behavior';
import { keyOf, objectKey } from '../../api/meta';
import { labelSelectorAsSelector } from '../../api/labels';
import { resolveName } from '../dns';
import { podIp } from '../endpoints';
import { ingressEntry, ingressesOfClass } from '../ingressControllers';
import { matchIngress, type IngressMatch } from '../ingressMatch';
import { servicePort } from '../proxy';
import {
  fail,
  memo,
  toAddresses,
  toBackend,
  toService,
  type Delivery,
  type Entry,
  type RouteContext,
} from './routing';
import type { TrafficSource } from './types';

type Svc = Service & KubeObject;
type Ing = Ingress & KubeObject;
type P = Pod & KubeObject;

const DEFAULT_CLIENTS = 100;

function externalClients(src: TrafficSource): string[] {
  const n = Math.max(1, Math.floor(src.spec.clients ?? DEFAULT_CLIENTS));
  return Array.from({ length: n }, (_, i) => `client-${i}`);
}

function targetKey(src: TrafficSource): string {
  const t = src.spec.target;
  return objectKey(t.kind, t.namespace ?? src.metadata.namespace, t.name);
}

/** The Host header of a source's requests to an Ingress. */
export function requestHost(src: TrafficSource, ing: Ing | undefined): string | undefined {
  return src.spec.host ?? ing?.spec?.rules?.find((r) => r.host && !r.host.startsWith('*.'))?.host;
}

/** The Ingress rule a source's requests match (once per bucket). */
function matchFor(ctx: RouteContext, src: TrafficSource, ing: Ing): IngressMatch | undefined {
  return memo(ctx, `match|${keyOf(src)}`, () =>
    matchIngress(ingressesOfClass(ctx.store, ing), requestHost(src, ing), src.spec.path ?? '/'),
  );
}

/** Routes one bucket of a source's requests up to the first pods (direct and ingress stages). */
export function routeSource(ctx: RouteContext, src: TrafficSource, count: number): void {
  const source = keyOf(src);
  const entry: Entry = {
    source,
    from: source,
    stage: 'direct',
    external: true,
    clients: externalClients(src),
  };
  if (src.spec.from) return routeFromPods(ctx, src, count);
  const target = targetKey(src);
  if (src.spec.target.kind === 'Service') {
    const svc = ctx.store.getByKey<Svc>(target);
    if (!svc) return fail(ctx, entry, target, count, 'unavailable');
    return toService(ctx, svc, servicePort(svc, src.spec.port)?.name ?? '', count, entry);
  }
  const ing = ctx.store.getByKey<Ing>(target);
  const controller = ing ? memo(ctx, `entry|${target}`, () => ingressEntry(ctx.store, ing)) : undefined;
  if (!ing || !controller?.service) return fail(ctx, entry, target, count, 'unavailable');
  const tls = matchFor(ctx, src, ing)?.tls ?? false;
  const port = servicePort(controller.service, tls ? 443 : 80) ?? servicePort(controller.service, undefined);
  toService(ctx, controller.service, port?.name ?? '', count, {
    ...entry,
    stage: 'ingress',
    ingress: target,
  });
}

function routeFromPods(ctx: RouteContext, src: TrafficSource, count: number): void {
  const from = src.spec.from as NonNullable<TrafficSource['spec']['from']>;
  const ns = from.namespace ?? src.metadata.namespace ?? 'default';
  const sel = labelSelectorAsSelector(from.podSelector);
  const callers: P[] = [];
  const nodeDown = (p: P): boolean =>
    !!p.spec?.nodeName &&
    ctx.store.get<Node & KubeObject>('Node', undefined, p.spec.nodeName)?.metadata.annotations?.[
      NODE_FAULT_ANNOTATION
    ] === 'down';
  for (const p of ctx.store.each<P>('Pod'))
    if (
      p.metadata.namespace === ns &&
      sel.matches(p.metadata.labels) &&
      podIp(p) &&
      p.status?.phase === 'Running' &&
      !p.metadata.deletionTimestamp &&
      !nodeDown(p)
    )
      callers.push(p);
  if (callers.length === 0) return;
  const share = count / callers.length;
  const name = src.spec.dnsName ?? src.spec.target.name;
  for (const caller of callers) {
    const callerKey = keyOf(caller);
    const entry: Entry = {
      source: keyOf(src),
      from: callerKey,
      stage: 'direct',
      external: false,
      ...(caller.spec?.nodeName ? { node: caller.spec.nodeName } : {}),
      clients: [callerKey],
    };
    const answer = memo(ctx, `dns|${ns}|${name}`, () => resolveName(ctx.store, name, ns));
    if (!answer) {
      fail(ctx, entry, targetKey(src), share, 'unavailable');
      continue;
    }
    const portName = servicePort(answer.service, src.spec.port)?.name ?? '';
    if (answer.service.spec?.clusterIP === 'None')
      toAddresses(ctx, answer.service, portName, answer.addresses, share, entry);
    else toService(ctx, answer.service, portName, share, entry);
  }
}

/**
 * The backend stage of an Ingress: what an ingress controller pod passes on (its served requests) goes
 * to the backend of the matching rule, or is answered 404 when no rule matches.
 */
export function routeIngressBackend(
  ctx: RouteContext,
  src: TrafficSource,
  parentIndex: number,
  parent: Delivery,
  forwarded: number,
): void {
  const ing = parent.ingress ? ctx.store.getByKey<Ing>(parent.ingress) : undefined;
  const entry: Entry = {
    source: parent.source,
    from: parent.pod ?? parent.to,
    stage: 'backend',
    parent: parentIndex,
    external: false,
    clients: [],
    ...(parent.ingress ? { ingress: parent.ingress } : {}),
  };
  if (!ing) return fail(ctx, entry, parent.ingress ?? parent.to, forwarded, 'notFound');
  const match = matchFor(ctx, src, ing);
  const backend = match?.backend.service;
  if (!match || !backend) return fail(ctx, entry, keyOf(ing), forwarded, 'notFound');
  const svc = ctx.store.getByKey<Svc>(objectKey('Service', match.ingress.metadata.namespace, backend.name));
  if (!svc) return fail(ctx, entry, keyOf(match.ingress), forwarded, 'unavailable');
  const port = servicePort(svc, backend.port?.number ?? backend.port?.name);
  toBackend(ctx, svc, port?.name ?? '', forwarded, { ...entry, ingress: keyOf(match.ingress) });
}
