/**
 * The imperative creators: `kubectl create deployment` and `kubectl run` build the objects kubectl's
 * generators build (staging/src/k8s.io/kubectl/pkg/cmd/create/create_deployment.go, cmd/run/run.go:
 * labels app=NAME or run=NAME, container named after the image or the pod), `kubectl expose` the Service
 * of cmd/expose/expose.go (the selector and port of the exposed object). They are applied as authored
 * objects, so export writes them.
 */
import type { KubeObject } from '../api/types';
import type { Simulation } from '../core/simulation';
import { errorText, failed, getObject, ok, type CommandResult } from './objects';
import { objectRef, qualifiedPlural } from './resources';
import type { Command } from './types';

type Cmd<V extends Command['verb']> = Extract<Command, { verb: V }>;
/* eslint-disable @typescript-eslint/no-explicit-any -- reads the spec of several workload kinds */
type Any = any;

/** create_deployment.go buildPodSpec: the container is named after the image's last path element. */
export function containerNameOf(image: string): string {
  const last = image.split('/').pop() ?? image;
  const bare = last.split('@')[0]?.split(':')[0] ?? last;
  return (
    bare
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .replace(/^-+|-+$/g, '') || 'container'
  );
}

function create(sim: Simulation, obj: KubeObject): CommandResult {
  const ns = obj.metadata.namespace;
  if (sim.store.get(obj.kind, ns, obj.metadata.name))
    return failed(
      `Error from server (AlreadyExists): ${qualifiedPlural(obj.kind)} "${obj.metadata.name}" already exists`,
    );
  try {
    sim.apply(obj);
    return ok(`${objectRef(obj.kind, obj.metadata.name)} created`);
  } catch (e) {
    return failed(errorText(e));
  }
}

/** `kubectl create deployment NAME --image=IMAGE [--replicas=N] [--port=P]`. */
export function runCreateDeployment(sim: Simulation, cmd: Cmd<'create-deployment'>): CommandResult {
  const labels = { app: cmd.name };
  const containers = cmd.images.map((image) => ({
    name: containerNameOf(image),
    image,
    ...(cmd.port !== undefined ? { ports: [{ containerPort: cmd.port }] } : {}),
  }));
  return create(sim, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: cmd.name, namespace: cmd.scope.namespace, labels },
    spec: {
      replicas: cmd.replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers } },
    },
  } as KubeObject);
}

/** `kubectl create namespace NAME`. */
export function runCreateNamespace(sim: Simulation, cmd: Cmd<'create-namespace'>): CommandResult {
  return create(sim, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: cmd.name } });
}

/** `kubectl run NAME --image=IMAGE [--port=P] [--labels=...]`. */
export function runRun(sim: Simulation, cmd: Cmd<'run'>): CommandResult {
  return create(sim, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: cmd.name, namespace: cmd.scope.namespace, labels: cmd.labels ?? { run: cmd.name } },
    spec: {
      containers: [
        {
          name: cmd.name,
          image: cmd.image,
          ...(cmd.port !== undefined ? { ports: [{ containerPort: cmd.port }] } : {}),
        },
      ],
    },
  } as KubeObject);
}

function selectorOf(o: Any): Record<string, string> | undefined {
  if (o.kind === 'Pod') return o.metadata.labels;
  if (o.kind === 'Service') return o.spec?.selector;
  const sel = o.spec?.selector;
  if (sel?.matchExpressions?.length) return undefined;
  return sel?.matchLabels;
}

function portsOf(o: Any): number[] {
  const spec = o.kind === 'Pod' ? o.spec : o.spec?.template?.spec;
  if (o.kind === 'Service') return (o.spec?.ports ?? []).map((p: Any) => p.port);
  return (spec?.containers ?? []).flatMap((c: Any) => (c.ports ?? []).map((p: Any) => p.containerPort));
}

/** `kubectl expose KIND NAME --port=P [--target-port=T] [--type=T] [--name=N]`. */
export function runExpose(sim: Simulation, cmd: Cmd<'expose'>): CommandResult {
  const name = cmd.target.names[0] as string;
  const obj = getObject(sim, cmd.target.kind, cmd.scope, name);
  if (typeof obj === 'string') return failed(obj);
  const selector = selectorOf(obj);
  if (!selector || Object.keys(selector).length === 0)
    return failed(
      `error: couldn't retrieve selectors via --selector flag or introspection: the ${obj.kind} has no selector`,
    );
  const port = cmd.port ?? portsOf(obj)[0];
  if (port === undefined) return failed("error: couldn't find port via --port flag or introspection");
  const tp = cmd.targetPort;
  const targetPort = tp === undefined ? port : /^\d+$/.test(tp) ? Number(tp) : tp;
  const svcName = cmd.serviceName ?? name;
  const r = create(sim, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: svcName,
      namespace: cmd.scope.namespace,
      ...(obj.metadata.labels ? { labels: obj.metadata.labels } : {}),
    },
    spec: {
      selector,
      ports: [{ port, protocol: 'TCP', targetPort }],
      ...(cmd.type ? { type: cmd.type } : {}),
    },
  } as KubeObject);
  return r.ok ? ok(`service/${svcName} exposed`) : r;
}
