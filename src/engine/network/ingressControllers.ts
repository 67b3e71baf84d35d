/**
 * Which ingress controller serves an Ingress, found the way a real cluster wires it: the Ingress's class
 * (spec.ingressClassName, else the deprecated `kubernetes.io/ingress.class` annotation, else the one
 * IngressClass marked `ingressclass.kubernetes.io/is-default-class: "true"`), the class's
 * spec.controller, the pods that run that controller (container args `--controller-class=<controller>`,
 * as ingress-nginx is started), and the Service the controller publishes (`--publish-service=ns/name`,
 * else a LoadBalancer Service selecting those pods). Also the IngressStatusController, which writes the
 * published Service's external IP into each Ingress's status, as ingress-nginx does.
 */
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1';
import type { KubeObject, Pod, Service } from '../api/types';
import { keyOf, objectKey } from '../api/meta';
import { selectorFromSet } from '../api/labels';
import type { Controller, ControllerContext, ControllerSetup } from '../core/controller';
import type { ReadonlyStore } from '../core/objectStore';
import { deepEqual } from '../../lib';
import { externalIps } from './loadBalancer';

type Ing = Ingress & KubeObject;
type Class = IngressClass & KubeObject;
type P = Pod & KubeObject;
type Svc = Service & KubeObject;

/** The annotation marking the default IngressClass. */
export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
/** The deprecated class annotation of an Ingress. */
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** The IngressClass of an Ingress, or undefined when it has none. */
export function ingressClassOf(store: ReadonlyStore, ing: Ing): Class | undefined {
  const name = ing.spec?.ingressClassName ?? ing.metadata.annotations?.[INGRESS_CLASS_ANNOTATION];
  if (name) return store.get<Class>('IngressClass', undefined, name);
  const defaults = store
    .list<Class>('IngressClass')
    .filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
  return defaults.length === 1 ? defaults[0] : undefined;
}

/** The Ingresses served by the same class as `ing` (what its controller merges), `ing` first. */
export function ingressesOfClass(store: ReadonlyStore, ing: Ing): Ing[] {
  const cls = ingressClassOf(store, ing)?.metadata.name;
  const out = [ing];
  for (const other of store.each<Ing>('Ingress'))
    if (other !== ing && ingressClassOf(store, other)?.metadata.name === cls) out.push(other);
  return out;
}

function argValue(pod: P, flag: string): string | undefined {
  for (const c of pod.spec?.containers ?? [])
    for (const a of [...(c.command ?? []), ...(c.args ?? [])])
      if (a.startsWith(`${flag}=`))
        return a.slice(flag.length + 1).replace(/\$\(POD_NAMESPACE\)/g, pod.metadata.namespace ?? 'default');
  return undefined;
}

/** Pods that run the controller of an IngressClass (by their `--controller-class` argument). */
export function controllerPods(store: ReadonlyStore, controller: string): P[] {
  const out: P[] = [];
  for (const pod of store.each<P>('Pod'))
    if (argValue(pod, '--controller-class') === controller) out.push(pod);
  return out;
}

/** The Service an ingress controller publishes (its entry point from outside). */
export function publishedService(store: ReadonlyStore, pods: readonly P[]): Svc | undefined {
  const pod = pods[0];
  if (!pod) return undefined;
  const publish = argValue(pod, '--publish-service');
  if (publish) {
    const [ns, name] = publish.includes('/') ? publish.split('/') : [pod.metadata.namespace, publish];
    return store.getByKey<Svc>(objectKey('Service', ns, name ?? ''));
  }
  for (const svc of store.each<Svc>('Service'))
    if (
      svc.metadata.namespace === pod.metadata.namespace &&
      svc.spec?.type === 'LoadBalancer' &&
      svc.spec.selector &&
      selectorFromSet(svc.spec.selector).matches(pod.metadata.labels)
    )
      return svc;
  return undefined;
}

/** The entry of an Ingress: its controller's pods and published Service, when it has a controller. */
export interface IngressEntry {
  ingressClass: Class;
  pods: P[];
  service: Svc | undefined;
}

/** Resolves the controller that serves an Ingress. */
export function ingressEntry(store: ReadonlyStore, ing: Ing): IngressEntry | undefined {
  const cls = ingressClassOf(store, ing);
  const controller = cls?.spec?.controller;
  if (!cls || !controller) return undefined;
  const pods = controllerPods(store, controller);
  return { ingressClass: cls, pods, service: publishedService(store, pods) };
}

/** Writes status.loadBalancer of every Ingress from its controller's published Service. */
export class IngressStatusController implements Controller {
  readonly name = 'ingress-status';

  setup(s: ControllerSetup): void {
    const all = (): void => {
      for (const ing of s.store.each('Ingress')) s.enqueue(keyOf(ing));
    };
    s.watch('Ingress', (e) => {
      if (e.type !== 'DELETED') s.enqueue(keyOf(e.object));
    });
    s.watch('IngressClass', all);
    s.watch('Service', (e) => {
      if (
        (e.object as Svc).spec?.type === 'LoadBalancer' ||
        (e.old as Svc | undefined)?.spec?.type === 'LoadBalancer'
      )
        all();
    });
    s.watch('Pod', (e) => {
      if (e.type !== 'MODIFIED' && argValue(e.object as P, '--controller-class') !== undefined) all();
    });
  }

  sync(key: string, ctx: ControllerContext): void {
    const ing = ctx.store.getByKey<Ing>(key);
    if (!ing) return;
    const svc = ingressEntry(ctx.store, ing)?.service;
    const ips = svc ? externalIps(svc) : [];
    const loadBalancer = ips.length > 0 ? { ingress: ips.map((ip) => ({ ip })) } : {};
    if (deepEqual(ing.status?.loadBalancer ?? {}, loadBalancer)) return;
    ctx.update({ ...ing, status: { ...(ing.status ?? {}), loadBalancer } });
  }
}
